import type { Claims } from './contracts/types';
import { decodeJson } from './decode-token';
import { ChatSSOError } from './errors';
import type { TokenResult, WidgetUser } from './types';

/** A token as the store keeps it: when it expires, and whom it names. */
export interface Token {
  readonly token: string;
  /** Unix seconds; `null` when neither the source nor the token says. */
  readonly expiresAt: number | null;
  /** Who the token names (a user switch is a change of key); the token itself when unreadable. */
  readonly key: string;
  readonly user: WidgetUser;
  /** When it arrived, in ms. */
  readonly at: number;
}

const text = (value: unknown) => (typeof value === 'string' && value ? value : undefined);
const finite = (value: unknown) => (Number.isFinite(value) ? (value as number) : undefined);

/**
 * Normalises what a token source answered. The claims are read unverified:
 * they only hint at whom the token names and when it expires.
 */
export function readToken(result: TokenResult, now: number): Token {
  const token = text(result?.token);
  if (!token) throw new ChatSSOError('token_unavailable', 'the token source gave no token');
  let claims: Claims = {};
  try {
    // Only hints, so no strict shape checks: an unreadable token is merely opaque
    // (identity providers may hand those out).
    claims = Object(decodeJson(token.split('.')[1]!));
  } catch {}
  const id = text(claims.external_id) ?? text(claims.sub);
  const email = text(claims.email);
  const expiresIn = finite(result.expiresIn);
  return {
    token,
    expiresAt:
      finite(result.expiresAt) ??
      (expiresIn === undefined ? finite(claims.exp) : Math.floor(now / 1000) + expiresIn) ??
      null,
    key: id ?? email ?? token,
    user: { id, name: text(claims.name) ?? text(claims.displayName), email },
    at: now,
  };
}
