import type { Claims, JwtHeader } from '@chat-sso/core';
import type { TokenContract } from '@chat-sso/core/contracts';
import {
  type ClaimsPolicy,
  checkClaims,
  DEFAULT_CLOCK_TOLERANCE,
  DEFAULT_MAX_TTL,
} from './claims-policy';
import { type Clock, systemClock } from './clock';
import { type HmacImplementation, selectHs256 } from './hs256-engine';
import { type KeySource, resolveKeyring } from './keyring';
import { precheckToken } from './precheck-token';
import { TokenError } from './token-error';

export type VerifierOptions = KeySource & {
  /** The vendor's contract: its limits become the defaults and every rule is checked. */
  contract?: TokenContract<unknown>;
  /** The token kind accepted; `JWT` (SSO tokens) by default. */
  typ?: string;
  /** Longest `exp − iat` in seconds; the contract's `maxTtl`, else 1 h. */
  maxTtl?: number;
  /** Seconds of clock difference forgiven; the contract's `clockSkew`, else 60. */
  clockTolerance?: number;
  /** Where the HMAC runs: node:crypto where the runtime has it (the default), else jose. */
  hmac?: HmacImplementation;
  now?: Clock;
};

export interface VerifiedToken {
  header: JwtHeader;
  claims: Claims;
}

export interface Verifier {
  /** The token's header and claims once every check passed; otherwise a `TokenError`. */
  verify(token: string, options?: { now?: number }): Promise<VerifiedToken>;
}

export function createVerifier(options: VerifierOptions): Verifier {
  const { contract, typ = 'JWT', now: clock = systemClock } = options;
  const policy: ClaimsPolicy = {
    typ,
    maxTtl: options.maxTtl ?? contract?.maxTtl ?? DEFAULT_MAX_TTL,
    clockTolerance: options.clockTolerance ?? contract?.clockSkew ?? DEFAULT_CLOCK_TOLERANCE,
  };
  if (!(policy.maxTtl > 0) || !(policy.clockTolerance >= 0)) {
    throw new RangeError('maxTtl must be positive and clockTolerance not negative, in seconds');
  }
  const keyring = resolveKeyring(options, contract?.secretEncoding ?? 'utf8');
  const hs256 = selectHs256(options.hmac);

  return {
    async verify(token, verifyOptions) {
      const now = verifyOptions?.now ?? clock();
      const unverified = precheckToken(token);
      const { header, claims } = unverified;
      const key = await keyring.verificationKey(header.kid as string | undefined, now);
      checkClaims(header, claims, policy, now);
      // The node:crypto engine answers at once: awaiting only a promise spares a turn of the microtask queue.
      const checked = hs256.verify(token, unverified, key, policy, now);
      const verified = checked instanceof Promise ? await checked : checked;
      if (contract) {
        const violations = contract.validate(verified.header, verified.claims, now);
        if (violations.length > 0) throw TokenError.contractViolation(contract.title, violations);
      }
      return verified;
    },
  };
}
