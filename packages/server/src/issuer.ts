import type { Claims, SiteUser } from '@chat-sso/core';
import type { TokenContract } from '@chat-sso/core/contracts';
import { DEFAULT_MAX_TTL } from './claims-policy';
import { type Clock, systemClock } from './clock';
import type { Hs256Header } from './hs256';
import { type HmacImplementation, selectHs256 } from './hs256-engine';
import { type KeySource, resolveKeyring } from './keyring';
import { TokenError } from './token-error';

/** Without a contract, tokens live 5 min unless told otherwise. */
export const DEFAULT_TTL = 5 * 60;

export type IssuerOptions<Options = undefined> = KeySource & {
  /** The vendor's contract: it builds the claims, bounds the lifetime and checks every rule before signing. */
  contract?: TokenContract<Options>;
  /** Passed to the contract's claims builder (e.g. Tiledesk's `projectId`). */
  claimsOptions?: Options;
  /** Builds a user's claims instead of the contract; without a contract, `{ sub: user.id }` by default. */
  claims?: (user: SiteUser) => Claims;
  /** Lifetime in seconds; the contract's `defaultTtl`, else 5 min. */
  ttl?: number;
  /** Longest lifetime allowed, in seconds; the contract's `maxTtl`, else 1 h. */
  maxTtl?: number;
  /** The token kind; `JWT` (SSO tokens) by default. */
  typ?: string;
  /** Where the HMAC runs: node:crypto where the runtime has it (the default), else jose. */
  hmac?: HmacImplementation;
  now?: Clock;
};

export interface IssuedToken {
  token: string;
  /** Unix seconds: the token's `exp`. */
  expiresAt: number;
}

export interface IssueOptions {
  /** Unix seconds to use as `iat` instead of the clock's. */
  now?: number;
}

export interface Issuer {
  /** Signs the claims the contract (or `claims` option) builds for this user. */
  issue(user: SiteUser, options?: IssueOptions): Promise<IssuedToken>;
  /** Signs these claims as they are, except `iat` and `exp`, which the issuer sets. */
  sign(claims: Claims, options?: IssueOptions): Promise<IssuedToken>;
}

/**
 * `{ ...claims, iat, exp }`. V8 (Node 20) builds that literal through a slow
 * path, several times the cost of `Object.assign`, worst from the objects
 * `compactClaims` makes; `Object.assign` differs only for an own `__proto__`
 * key, which it would hand to the prototype setter instead of copying.
 */
function withTimes(claims: Claims, iat: number, exp: number): Claims {
  if (Object.hasOwn(claims, '__proto__')) return { ...claims, iat, exp };
  return Object.assign({}, claims, { iat, exp });
}

function seconds(name: string, value: number, max: number): number {
  if (!Number.isInteger(value) || value <= 0 || value > max) {
    throw new RangeError(`${name} is ${value}; it must be whole seconds from 1 to ${max}`);
  }
  return value;
}

export function createIssuer<Options = undefined>(options: IssuerOptions<Options>): Issuer {
  const { contract, typ = 'JWT', now: clock = systemClock } = options;
  const maxTtl = seconds('maxTtl', options.maxTtl ?? contract?.maxTtl ?? DEFAULT_MAX_TTL, Infinity);
  const ttl = seconds('ttl', options.ttl ?? contract?.defaultTtl ?? DEFAULT_TTL, maxTtl);
  const keyring = resolveKeyring(options, contract?.secretEncoding ?? 'utf8');
  const hs256 = selectHs256(options.hmac);
  if (contract?.kidRequired && keyring.signingKid === undefined) {
    throw new TypeError(`${contract.title} needs a kid naming the signing key`);
  }
  const claimsOf =
    options.claims ??
    (contract
      ? (user: SiteUser) => contract.claims(user, options.claimsOptions)
      : (user: SiteUser) => ({ sub: user.id }));

  async function sign(claims: Claims, signOptions?: IssueOptions): Promise<IssuedToken> {
    const iat = Math.floor(signOptions?.now ?? clock());
    const exp = iat + ttl;
    const body = withTimes(claims, iat, exp);
    const { kid, key } = await keyring.signingKey();
    const header: Hs256Header =
      kid === undefined ? { alg: 'HS256', typ } : { alg: 'HS256', typ, kid };
    if (contract) {
      const violations = contract.validate(header, body, iat);
      if (violations.length > 0) throw TokenError.contractViolation(contract.title, violations);
    }
    // The node:crypto engine signs at once: awaiting only a promise spares a turn of the microtask queue.
    const signed = hs256.sign(header, body, key);
    return { token: signed instanceof Promise ? await signed : signed, expiresAt: exp };
  }

  return { sign, issue: (user, issueOptions) => sign(claimsOf(user), issueOptions) };
}
