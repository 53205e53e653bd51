import { type DecodedToken, decodeToken, isChatSSOError, MAX_TOKEN_LENGTH } from '@chat-sso/core';
import { KID_PATTERN } from './keyring';
import { TokenError } from './token-error';

/** `jku`, `x5u`, `jwk`, `x5c`, `crit`, `b64`…: each lets a token steer its own verification. */
const ALLOWED_HEADER_FIELDS = new Set(['alg', 'typ', 'kid']);
/** An HS256 signature is 32 bytes: 43 base64url characters. */
const HS256_SIGNATURE_LENGTH = 43;

/**
 * The checks that cost no crypto (ENGINEERING §3): size, three base64url
 * segments of JSON objects, a header of only `alg: HS256`, `typ` and a
 * well-formed `kid`, and a signature of the right length. Returns the
 * still-unverified header and claims.
 */
export function precheckToken(token: string): DecodedToken {
  if (typeof token !== 'string') throw new TokenError('malformed', 'the token is not a string');
  if (token.length > MAX_TOKEN_LENGTH) {
    throw new TokenError(
      'token_too_long',
      `the token is ${token.length} characters; at most ${MAX_TOKEN_LENGTH} are accepted`,
    );
  }
  let decoded: DecodedToken;
  try {
    decoded = decodeToken(token);
  } catch (error) {
    if (!isChatSSOError(error)) throw error;
    throw new TokenError('malformed', error.message);
  }
  const { header } = decoded;
  const forbidden = Object.keys(header).filter((field) => !ALLOWED_HEADER_FIELDS.has(field));
  if (forbidden.length > 0) {
    throw new TokenError(
      'forbidden_header',
      `the header has fields that are never accepted: ${forbidden.map((field) => JSON.stringify(field)).join(', ')}`,
    );
  }
  if (header.alg !== 'HS256') {
    throw new TokenError(
      'unsupported_alg',
      `alg is ${JSON.stringify(header.alg)}; only HS256 is accepted`,
    );
  }
  if (
    header.kid !== undefined &&
    (typeof header.kid !== 'string' || !KID_PATTERN.test(header.kid))
  ) {
    throw new TokenError('invalid_kid', "kid is not 1-64 letters, digits, '.', '_' or '-'");
  }
  if (token.length - token.lastIndexOf('.') - 1 !== HS256_SIGNATURE_LENGTH) {
    throw new TokenError('bad_signature', 'the signature is not 32 bytes long');
  }
  return decoded;
}
