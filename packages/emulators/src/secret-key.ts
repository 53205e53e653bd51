import type { SecretEncoding } from '@chat-sso/core/contracts';

const MIN_SECRET_BYTES = 32;

/** `base64` is Gigya's encoding for its partner secrets; the others are the contracts'. */
export type SecretText = SecretEncoding | 'base64';

const PATTERNS: Record<Exclude<SecretText, 'utf8'>, RegExp> = {
  base64url: /^[A-Za-z0-9_-]+={0,2}$/,
  base64: /^[A-Za-z0-9+/]+={0,2}$/,
  hex: /^(?:[0-9A-Fa-f]{2})+$/,
};

function decode(secret: string, encoding: Exclude<SecretText, 'utf8'>): Uint8Array {
  if (encoding === 'hex') {
    return Uint8Array.from(secret.match(/../g) ?? [], (pair) => Number.parseInt(pair, 16));
  }
  const binary = atob(secret.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

/**
 * The bytes a shared secret stands for, per the vendor's encoding (MedChat
 * hands out base64url text that signs as the decoded bytes). Throws a
 * `TypeError` naming `owner` for text that is not in the encoding or that
 * decodes to fewer than 32 bytes.
 */
export function secretBytes(secret: string, encoding: SecretText, owner: string): Uint8Array {
  if (typeof secret !== 'string' || secret === '') {
    throw new TypeError(`${owner}: the shared secret is missing`);
  }
  let bytes: Uint8Array;
  if (encoding === 'utf8') bytes = new TextEncoder().encode(secret);
  else {
    const invalid = new TypeError(`${owner}: the shared secret is not ${encoding} text`);
    if (!PATTERNS[encoding].test(secret)) throw invalid;
    try {
      bytes = decode(secret, encoding);
    } catch {
      throw invalid;
    }
  }
  if (bytes.byteLength < MIN_SECRET_BYTES) {
    throw new TypeError(
      `${owner}: the shared secret is ${bytes.byteLength} bytes; use at least ${MIN_SECRET_BYTES}`,
    );
  }
  return bytes;
}

/** Imports secret bytes once, as a non-extractable HMAC SHA-256 key. */
export function importHmacKey(bytes: Uint8Array, usage: 'sign' | 'verify'): Promise<CryptoKey> {
  return crypto.subtle.importKey(
    'raw',
    bytes as BufferSource,
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    [usage],
  );
}
