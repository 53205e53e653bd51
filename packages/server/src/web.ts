/**
 * `@chat-sso/server/web`: everything that runs on Web APIs alone (`Request`,
 * `Response`, `crypto.subtle`), for edge runtimes and workers. It never
 * imports a `node:` module; the main entry adds the Node adapters and the
 * file and Redis stores.
 */
export {
  ACCESS_TOKEN_TYP,
  type AccessTokenOptions,
  type AccessTokens,
  type AccessTokenUser,
  createAccessTokens,
  DEFAULT_ACCESS_TTL,
} from './access-token';
export { type BasicCredentials, readBasicCredentials } from './basic-credentials';
export {
  type ClaimsPolicy,
  DEFAULT_CLOCK_TOLERANCE,
  DEFAULT_MAX_TTL,
} from './claims-policy';
export type { Clock } from './clock';
export {
  createIssuer,
  DEFAULT_TTL,
  type IssuedToken,
  type IssueOptions,
  type Issuer,
  type IssuerOptions,
} from './issuer';
export { type JsonInit, json } from './json-response';
export {
  createKeyring,
  type Keyring,
  type KeyringKey,
  type KeyringOptions,
  type KeySource,
  KID_PATTERN,
  type SigningKey,
} from './keyring';
export {
  createMemoryRateLimitStore,
  createRateLimiter,
  DEFAULT_RATE_LIMITS,
  type MemoryRateLimitStore,
  type RateLimit,
  type RateLimiter,
  type RateLimitOptions,
  type RateLimitStore,
} from './rate-limit';
export {
  createRefreshFamilies,
  MAX_REFRESH_TTL,
  type RefreshFailure,
  type RefreshFamilies,
  type RefreshFamiliesOptions,
  type RefreshGrant,
  RefreshTokenError,
  type RotationMode,
} from './refresh-families';
export {
  type NewRefreshFamily,
  type RefreshFamily,
  type RefreshStore,
  type RotateOutcome,
  StoreUnavailableError,
  tokenStanding,
} from './refresh-store';
export {
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_MAX_HEADER_BYTES,
  type RequestLimits,
} from './request-limits';
export {
  type ProtectedHandler,
  type RequireAccessTokenOptions,
  requireAccessToken,
} from './require-access-token';
export {
  assertStrongSecret,
  decodeSecret,
  type GenerateSecretOptions,
  generateSecret,
  MIN_SECRET_BYTES,
  type SecretStrengthOptions,
} from './secret';
export { isSecretError, SecretError, type SecretErrorCode } from './secret-error';
export {
  type AccessKeys,
  createSystemAuth,
  RETRY_AFTER,
  type SystemAuth,
  type SystemAuthOptions,
} from './system-auth';
export { isTokenError, TokenError, type TokenErrorCode } from './token-error';
export { createTokenHandler, type TokenHandlerOptions } from './token-handler';
export {
  createVerifier,
  type VerifiedToken,
  type Verifier,
  type VerifierOptions,
} from './verifier';
export type { WebHandler } from './web-handler';
