import type { SiteUser } from '@chat-sso/core';
import { base64url } from 'jose';
import { type Clock, systemClock } from './clock';
import { type RefreshStore, tokenStanding } from './refresh-store';

/**
 * - `rotate`: every refresh returns a new refresh token and retires the old
 *   one; presenting a retired token revokes the whole family (it was stolen,
 *   or the client is broken). Use it whenever your clients store the latest token.
 * - `reuse`: the seed's behaviour: one refresh token for the whole family
 *   life. Use it for clients that never read `refresh` from `/system/reauth`.
 */
export type RotationMode = 'rotate' | 'reuse';

/** The longest a family may live, whatever the configuration: 7 days from sign-in. */
export const MAX_REFRESH_TTL = 7 * 24 * 60 * 60;

export interface RefreshFamiliesOptions {
  store: RefreshStore;
  /** Seconds from sign-in until the family ends, at most (and by default) 7 days. */
  ttl?: number;
  rotation?: RotationMode;
  /** Unix seconds. */
  now?: Clock;
}

export type RefreshFailure = 'malformed' | 'unknown' | 'reused' | 'revoked' | 'expired';

/** A refresh token was refused; `code` says why, for the server's own log only. */
export class RefreshTokenError extends Error {
  override name = 'RefreshTokenError';
  readonly code: RefreshFailure;

  constructor(code: RefreshFailure) {
    super(`refresh token refused: ${code}`);
    this.code = code;
  }
}

export interface RefreshGrant {
  user: SiteUser;
  /** The refresh token to use next; present on sign-in and on every refresh when rotating. */
  refresh?: string;
}

export interface RefreshFamilies {
  /** Opens a family for a sign-in and returns its first refresh token. */
  start(user: SiteUser): Promise<Required<RefreshGrant>>;
  /** Checks (and when rotating, replaces) a refresh token; throws `RefreshTokenError`. */
  refresh(token: string): Promise<RefreshGrant>;
  /** Ends the family the token belongs to; throws `RefreshTokenError` for a token never issued. */
  revoke(token: string): Promise<void>;
}

const TOKEN_BYTES = 32;
/** 32 bytes in base64url without padding: anything else (an access JWT, say) is refused unhashed. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

const randomToken = (): string =>
  base64url.encode(crypto.getRandomValues(new Uint8Array(TOKEN_BYTES)));

/** A refresh token's SHA-256 in base64url: what stores (and rate limits) keep instead of the token. */
export async function hashToken(token: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token));
  return base64url.encode(new Uint8Array(digest));
}

async function hashPresented(token: string): Promise<string> {
  if (!TOKEN_PATTERN.test(token)) throw new RefreshTokenError('malformed');
  return hashToken(token);
}

/**
 * Refresh tokens as opaque random strings grouped in families, one per
 * sign-in, stored only as SHA-256 hashes.
 */
export function createRefreshFamilies(options: RefreshFamiliesOptions): RefreshFamilies {
  const { store, ttl = MAX_REFRESH_TTL, rotation = 'rotate', now = systemClock } = options;
  if (!Number.isInteger(ttl) || ttl <= 0 || ttl > MAX_REFRESH_TTL) {
    throw new RangeError(
      `refreshTtl must be a whole number of seconds between 1 and ${MAX_REFRESH_TTL} (7 days), got ${ttl}`,
    );
  }

  return {
    async start(user) {
      const refresh = randomToken();
      const createdAt = now();
      await store.create({
        id: randomToken(),
        user,
        tokenHash: await hashToken(refresh),
        createdAt,
        expiresAt: createdAt + ttl,
      });
      return { user, refresh };
    },

    async refresh(token) {
      const hash = await hashPresented(token);
      if (rotation === 'rotate') {
        const refresh = randomToken();
        const outcome = await store.rotate(hash, await hashToken(refresh), now());
        if (outcome.status !== 'rotated') throw new RefreshTokenError(outcome.status);
        return { user: outcome.family.user, refresh };
      }
      const family = await store.find(hash);
      if (family === null) throw new RefreshTokenError('unknown');
      const standing = tokenStanding(family, hash, now());
      if (standing === 'reused') await store.revokeFamily(family.id);
      if (standing !== 'current') throw new RefreshTokenError(standing);
      return { user: family.user };
    },

    async revoke(token) {
      const family = await store.find(await hashPresented(token));
      if (family === null) throw new RefreshTokenError('unknown');
      await store.revokeFamily(family.id);
    },
  };
}
