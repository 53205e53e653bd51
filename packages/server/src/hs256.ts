import type { Claims, JwtHeader } from '@chat-sso/core';
import { compactVerify, errors, jwtVerify, SignJWT } from 'jose';
import type { ClaimsPolicy } from './claims-policy';
import { TokenError, type TokenErrorCode } from './token-error';

/**
 * The portable HMAC step, through jose (WebCrypto); `hs256-node.ts` is the
 * node:crypto one. Everything around them — prechecks, claims policy, keys —
 * is independent of how the HMAC is done.
 */

export type Hs256Header = {
  alg: 'HS256';
  typ: string;
  kid?: string;
};

export function signHs256(header: Hs256Header, claims: Claims, key: CryptoKey): Promise<string> {
  return new SignJWT(claims).setProtectedHeader(header).sign(key);
}

function claimCode(error: errors.JWTClaimValidationFailed): TokenErrorCode {
  if (error.reason === 'missing') return 'missing_claim';
  if (error.reason === 'invalid') return 'invalid_claim';
  if (error.claim === 'typ') return 'wrong_typ';
  if (error.claim === 'iat' || error.claim === 'nbf') return 'issued_in_future';
  return 'invalid_claim';
}

/** jose's errors as stable codes; nothing untyped leaves this module. */
function toTokenError(error: unknown): TokenError {
  if (error instanceof TokenError) return error;
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return new TokenError('bad_signature', 'the signature does not match', { cause: error });
  }
  if (error instanceof errors.JOSEAlgNotAllowed) {
    return new TokenError('unsupported_alg', 'only HS256 is accepted', { cause: error });
  }
  if (error instanceof errors.JWTExpired) {
    // jose reports an `iat` older than maxTokenAge as expired; here that is a too-long lifetime.
    const code = error.claim === 'iat' ? 'lifetime_too_long' : 'expired';
    return new TokenError(code, error.message, { cause: error });
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    return new TokenError(claimCode(error), error.message, { cause: error });
  }
  return new TokenError('malformed', 'the token could not be verified', { cause: error });
}

/**
 * Verifies the signature and, as a second line behind `checkClaims`, lets
 * jose apply the same policy: HS256 only, `exp` and `iat` required, the
 * lifetime capped, `iat` not in the future, an explicit clock tolerance.
 */
export async function verifyHs256(
  token: string,
  key: CryptoKey,
  policy: ClaimsPolicy,
  now: number,
): Promise<{ header: JwtHeader; claims: Claims }> {
  try {
    const { protectedHeader, payload } = await jwtVerify(token, key, {
      algorithms: ['HS256'],
      requiredClaims: ['exp', 'iat'],
      typ: policy.typ,
      clockTolerance: policy.clockTolerance,
      maxTokenAge: policy.maxTtl,
      currentDate: new Date(now * 1000),
    });
    return { header: protectedHeader, claims: payload };
  } catch (error) {
    throw toTokenError(error);
  }
}

/** The signature alone, whatever the payload holds: for inspecting tokens, not for accepting them. */
export async function verifyHs256Signature(token: string, key: CryptoKey): Promise<void> {
  try {
    await compactVerify(token, key, { algorithms: ['HS256'] });
  } catch (error) {
    throw toTokenError(error);
  }
}
