export type { Claims, JwtHeader, SiteUser, VendorId } from './contracts/types';
export { type DecodedToken, decodeToken, MAX_TOKEN_LENGTH } from './decode-token';
export { ChatSSOError, type ChatSSOErrorCode, isChatSSOError } from './errors';
export type { ChatSSOSnapshot, ChatSSOStatus, ChatSSOStore, WidgetUser } from './types';
