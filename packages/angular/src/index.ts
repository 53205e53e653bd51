export { ChatSSO } from './chat-sso';
export { type ChatSSOConfig, provideChatSSO } from './provide-chat-sso';
