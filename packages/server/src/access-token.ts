import type { SiteUser } from '@chat-sso/core';
import { compactClaims } from '@chat-sso/core/contracts';
import type { Clock } from './clock';
import { createIssuer, type IssuedToken } from './issuer';
import type { KeySource } from './keyring';
import { TokenError } from './token-error';
import { createVerifier } from './verifier';

/** RFC 9068's media type for access tokens: an SSO token (`JWT`) never passes as one. */
export const ACCESS_TOKEN_TYP = 'at+jwt';
/** 15 min, as in the seed. */
export const DEFAULT_ACCESS_TTL = 15 * 60;

/**
 * Keys for access tokens only: use a secret of their own, never a vendor's
 * SSO secret, so that neither kind of token can be forged from the other.
 */
export type AccessTokenOptions = KeySource & {
  /** Seconds an access token lives; 15 min by default. */
  ttl?: number;
  now?: Clock;
};

/** The user an access token speaks for, as its claims carry it. */
export type AccessTokenUser = Pick<SiteUser, 'id' | 'name' | 'email'>;

export interface AccessTokens {
  readonly ttl: number;
  issue(user: SiteUser): Promise<IssuedToken>;
  /** The user of a valid access token; otherwise a `TokenError`. */
  verify(token: string): Promise<AccessTokenUser>;
}

const optionalText = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : undefined;

/** Short-lived HS256 JWTs (`typ: at+jwt`) naming the user in `sub`, `name` and `email`. */
export function createAccessTokens(options: AccessTokenOptions): AccessTokens {
  const { ttl = DEFAULT_ACCESS_TTL, ...keysAndClock } = options;
  const issuer = createIssuer({
    ...keysAndClock,
    typ: ACCESS_TOKEN_TYP,
    ttl,
    maxTtl: ttl,
    claims: (user) => compactClaims({ sub: user.id, name: user.name, email: user.email }),
  });
  const verifier = createVerifier({ ...keysAndClock, typ: ACCESS_TOKEN_TYP, maxTtl: ttl });

  return {
    ttl,
    issue: (user) => issuer.issue(user),
    async verify(token) {
      const { claims } = await verifier.verify(token);
      if (typeof claims.sub !== 'string' || claims.sub === '') {
        throw new TokenError('missing_claim', 'sub is missing');
      }
      // Field by field, without compactClaims' arrays of entries: this runs on every protected request.
      const user: AccessTokenUser = { id: claims.sub };
      const name = optionalText(claims.name);
      if (name !== undefined) user.name = name;
      const email = optionalText(claims.email);
      if (email !== undefined) user.email = email;
      return user;
    },
  };
}
