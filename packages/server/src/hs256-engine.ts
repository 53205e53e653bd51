import type { Claims } from '@chat-sso/core';
import type { ClaimsPolicy } from './claims-policy';
import { type Hs256Header, signHs256, verifyHs256 } from './hs256';
import { createNodeHs256 } from './hs256-node';
import type { UnverifiedToken } from './precheck-token';

/**
 * Where the HMAC of HS256 is computed: `node` (node:crypto, in Node, Bun and
 * Deno) or `jose` (WebCrypto, in any runtime). Both stand behind the same
 * prechecks and claims policy, accept and refuse the same tokens with the
 * same `TokenError` codes, and sign the same bytes.
 */
export type HmacImplementation = 'node' | 'jose';

/** The HMAC step of an issuer or verifier; everything before and after it is shared. */
export interface Hs256Engine {
  sign(header: Hs256Header, claims: Claims, key: CryptoKey): string | Promise<string>;
  /** The token's header and claims once its signature matches; `unverified` is what the prechecks read. */
  verify(
    token: string,
    unverified: UnverifiedToken,
    key: CryptoKey,
    policy: ClaimsPolicy,
    now: number,
  ): UnverifiedToken | Promise<UnverifiedToken>;
}

const joseHs256: Hs256Engine = {
  sign: signHs256,
  verify: (token, _unverified, key, policy, now) => verifyHs256(token, key, policy, now),
};

/** node:crypto where the runtime has it, else jose; `hmac` forces one. */
export function selectHs256(hmac?: HmacImplementation): Hs256Engine {
  if (hmac !== undefined && hmac !== 'node' && hmac !== 'jose') {
    throw new TypeError(`hmac is ${JSON.stringify(hmac)}; use "node" or "jose"`);
  }
  if (hmac === 'jose') return joseHs256;
  const node = createNodeHs256();
  if (node) return node;
  if (hmac === 'node') {
    throw new TypeError('hmac "node" needs node:crypto, which this runtime lacks; use "jose"');
  }
  return joseHs256;
}
