export type { Claims, JwtHeader, SiteUser, VendorId } from './contracts/types';
export { createChatSSO } from './create-chat-sso';
export { type DecodedToken, decodeToken, MAX_TOKEN_LENGTH } from './decode-token';
export { ChatSSOError, type ChatSSOErrorCode, isChatSSOError } from './errors';
export { type FetchTokenInit, fetchToken } from './fetch-token';
export { isAuthenticated, isLoading } from './status-flags';
export type {
  ChatSSOEnv,
  ChatSSOEvents,
  ChatSSOOptions,
  ChatSSOSnapshot,
  ChatSSOStatus,
  ChatSSOStore,
  RetryOptions,
  TokenResult,
  TokenSource,
  WidgetAdapter,
  WidgetNews,
  WidgetUser,
} from './types';
