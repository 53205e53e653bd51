import type { SiteUser } from '@chat-sso/core';

/**
 * One sign-in and every refresh token issued from it. Only SHA-256 hashes of
 * refresh tokens are ever stored; times are unix seconds.
 */
export interface RefreshFamily {
  readonly id: string;
  readonly user: SiteUser;
  /** The hash of the one refresh token that may be used next. */
  readonly tokenHash: string;
  /** The sign-in. */
  readonly createdAt: number;
  /** Hard end of the family, whatever the rotations: sign-in + the refresh lifetime. */
  readonly expiresAt: number;
  readonly revoked: boolean;
}

export type NewRefreshFamily = Omit<RefreshFamily, 'revoked'>;

/**
 * What one compare-and-set did: `rotated` when the old hash was the family's
 * current one; `reused` when it was an earlier one (the store has revoked the
 * family in the same atomic step); otherwise why nothing changed.
 */
export type RotateOutcome =
  | { readonly status: 'rotated'; readonly family: RefreshFamily }
  | { readonly status: 'reused' | 'revoked' | 'expired' | 'unknown' };

/**
 * Where refresh families live. Every method is atomic on its own: two
 * concurrent `rotate` calls with the same old hash never both succeed.
 */
export interface RefreshStore {
  create(family: NewRefreshFamily): Promise<void>;
  /** The family a hash was ever issued to (current or rotated away), or `null`. */
  find(tokenHash: string): Promise<RefreshFamily | null>;
  /** Replaces the family's current hash `oldHash` by `newHash` at `now` (unix seconds). */
  rotate(oldHash: string, newHash: string, now: number): Promise<RotateOutcome>;
  revokeFamily(familyId: string): Promise<void>;
  /** Releases files or connections; the store is unusable afterwards. */
  close(): Promise<void>;
}

/**
 * The store cannot answer right now (Redis unreachable, disk full). The
 * handlers turn it into `503` with `Retry-After`; `cause` is for the server's log.
 */
export class StoreUnavailableError extends Error {
  override name = 'StoreUnavailableError';
  readonly code = 'store_unavailable';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** Where a presented token stands in its family at `now`; the stores' compare-and-set rule. */
export function tokenStanding(
  family: RefreshFamily,
  tokenHash: string,
  now: number,
): 'current' | 'reused' | 'revoked' | 'expired' {
  if (family.revoked) return 'revoked';
  if (family.expiresAt <= now) return 'expired';
  return family.tokenHash === tokenHash ? 'current' : 'reused';
}
