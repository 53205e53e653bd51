import type { Claims, JwtHeader } from '@chat-sso/core';
import { TokenError } from './token-error';

/** Without a contract: tokens live at most 1 h, and 60 s of clock difference is forgiven. */
export const DEFAULT_MAX_TTL = 60 * 60;
export const DEFAULT_CLOCK_TOLERANCE = 60;

/** What every token of one kind must satisfy, whatever the vendor. */
export interface ClaimsPolicy {
  /** The token kind (`JWT` for SSO tokens, `at+jwt` for access tokens): one never passes as another. */
  typ: string;
  /** Longest allowed `exp − iat`, in seconds. */
  maxTtl: number;
  /** Seconds of clock difference forgiven on `exp`, `iat` and `nbf`. */
  clockTolerance: number;
}

/** `typ` compares as a media type (RFC 7515 §4.1.9): case-insensitive, `application/` optional. */
function mediaType(typ: string): string {
  const lower = typ.toLowerCase();
  return lower.includes('/') ? lower : `application/${lower}`;
}

function timestamp(claims: Claims, name: 'exp' | 'iat'): number {
  const value = claims[name];
  if (value === undefined) throw new TokenError('missing_claim', `${name} is missing`);
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new TokenError('invalid_claim', `${name} is not a number of seconds`);
  }
  return value;
}

/**
 * Applies the policy to a token's header and claims at `now` (unix seconds).
 * Its boundaries match jose's `jwtVerify`, which checks again after the
 * signature: a token that passes here passes there.
 */
export function checkClaims(
  header: JwtHeader,
  claims: Claims,
  policy: ClaimsPolicy,
  now: number,
): void {
  // Tokens mostly carry the policy's own spelling of `typ`: equal strings are equal media types.
  if (
    header.typ !== policy.typ &&
    (typeof header.typ !== 'string' || mediaType(header.typ) !== mediaType(policy.typ))
  ) {
    throw new TokenError('wrong_typ', `typ is not ${JSON.stringify(policy.typ)}`);
  }
  const tolerance = policy.clockTolerance;
  const exp = timestamp(claims, 'exp');
  if (exp <= now - tolerance) throw new TokenError('expired', `the token expired at ${exp}`);
  const iat = timestamp(claims, 'iat');
  if (iat > now + tolerance) {
    throw new TokenError('issued_in_future', `iat ${iat} is ${iat - now} s in the future`);
  }
  const { nbf } = claims;
  if (nbf !== undefined) {
    if (typeof nbf !== 'number' || !Number.isFinite(nbf)) {
      throw new TokenError('invalid_claim', 'nbf is not a number of seconds');
    }
    if (nbf > now + tolerance) {
      throw new TokenError('issued_in_future', `the token is not valid before ${nbf}`);
    }
  }
  if (exp - iat > policy.maxTtl) {
    throw new TokenError(
      'lifetime_too_long',
      `exp is ${exp - iat} s after iat; at most ${policy.maxTtl} s are allowed`,
    );
  }
}
