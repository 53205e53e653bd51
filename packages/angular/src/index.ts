export { ChatSSO } from './chat-sso';
export { ChatSSOAuthFetch } from './chat-sso-auth-fetch';
export { chatSSOAuthInterceptor } from './chat-sso-auth-interceptor';
export { type ChatSSOConfig, provideChatSSO } from './provide-chat-sso';
export {
  type ChatSSOAuthFetchConfig,
  provideChatSSOAuthFetch,
} from './provide-chat-sso-auth-fetch';
