import type { KeyObject } from 'node:crypto';
import type { Claims } from '@chat-sso/core';
import type { Hs256Header } from './hs256';
import type { Hs256Engine } from './hs256-engine';
import { TokenError } from './token-error';

/**
 * HS256 on node:crypto, which computes a small HMAC synchronously where
 * WebCrypto (behind jose) pays for a promise and a thread hop per call
 * (bench/RESULTS.md has the figures). node:crypto is looked up when an issuer
 * or verifier is created, never imported, so the package still loads in
 * runtimes without it.
 */
export function createNodeHs256(): Hs256Engine | undefined {
  const nodeCrypto = globalThis.process?.getBuiltinModule?.('node:crypto');
  const nodeBuffer = globalThis.process?.getBuiltinModule?.('node:buffer');
  if (!nodeCrypto || !nodeBuffer) return undefined;
  const { createHmac, KeyObject, timingSafeEqual } = nodeCrypto;
  const { Buffer } = nodeBuffer;

  // The keyring's non-extractable CryptoKey, as the KeyObject holding the same native key: no copy of the secret.
  const keyObjects = new WeakMap<CryptoKey, KeyObject>();
  const keyObjectOf = (key: CryptoKey): KeyObject => {
    let keyObject = keyObjects.get(key);
    if (!keyObject) {
      keyObject = KeyObject.from(key);
      keyObjects.set(key, keyObject);
    }
    return keyObject;
  };

  // Signing is synchronous, so one buffer takes every payload on its way to base64url.
  const scratch = Buffer.allocUnsafe(4096);
  const encodeJson = (value: unknown): string => {
    const json = JSON.stringify(value);
    // Each UTF-16 unit takes at most 3 bytes of UTF-8: past that bound, a buffer of its own.
    if (json.length * 3 > scratch.length) return Buffer.from(json).toString('base64url');
    return scratch.toString('base64url', 0, scratch.write(json));
  };

  // An issuer signs every token with the same header: encode it once.
  let lastHeader: Hs256Header | undefined;
  let lastEncodedHeader = '';
  const encodeHeader = (header: Hs256Header): string => {
    if (header.typ !== lastHeader?.typ || header.kid !== lastHeader.kid) {
      lastEncodedHeader = encodeJson(header);
      lastHeader = header;
    }
    return lastEncodedHeader;
  };

  return {
    sign(header: Hs256Header, claims: Claims, key: CryptoKey): string {
      const signingInput = `${encodeHeader(header)}.${encodeJson(claims)}`;
      const signature = createHmac('sha256', keyObjectOf(key))
        .update(signingInput)
        .digest('base64url');
      return `${signingInput}.${signature}`;
    },

    // The prechecks already refused any signature but 43 canonical base64url characters.
    verify(token, unverified, key) {
      const dot = token.lastIndexOf('.');
      const expected = createHmac('sha256', keyObjectOf(key)).update(token.slice(0, dot)).digest();
      const actual = Buffer.from(token.slice(dot + 1), 'base64url');
      if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) {
        throw new TokenError('bad_signature', 'the signature does not match');
      }
      return unverified;
    },
  };
}
