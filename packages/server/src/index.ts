export type { ClaimsPolicy } from './claims-policy';
export type { Clock } from './clock';
export { type ExpressRequestLike, toExpressHandler } from './express-handler';
export {
  createIssuer,
  DEFAULT_TTL,
  type IssuedToken,
  type IssueOptions,
  type Issuer,
  type IssuerOptions,
} from './issuer';
export {
  createKeyring,
  type Keyring,
  type KeyringKey,
  type KeyringOptions,
  type KeySource,
  KID_PATTERN,
  type SigningKey,
} from './keyring';
export { DEFAULT_MAX_BODY_BYTES, type NodeAdapterOptions } from './node-bridge';
export { toNodeHandler } from './node-handler';
export {
  assertStrongSecret,
  decodeSecret,
  type GenerateSecretOptions,
  generateSecret,
  MIN_SECRET_BYTES,
  type SecretStrengthOptions,
} from './secret';
export { isSecretError, SecretError, type SecretErrorCode } from './secret-error';
export { isTokenError, TokenError, type TokenErrorCode } from './token-error';
export { createTokenHandler, type TokenHandlerOptions } from './token-handler';
export {
  createVerifier,
  DEFAULT_CLOCK_TOLERANCE,
  DEFAULT_MAX_TTL,
  type VerifiedToken,
  type Verifier,
  type VerifierOptions,
} from './verifier';
export type { WebHandler } from './web-handler';
