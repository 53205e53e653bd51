export { ChatSSOKey } from './chat-sso-key';
export { type ChatSSOPluginOptions, createChatSSOPlugin } from './create-chat-sso-plugin';
export { type UseChatSSOResult, useChatSSO } from './use-chat-sso';
