import { createHmac } from 'node:crypto';

/** Base64url of a value's JSON, or of the text itself when given a string. */
export function segment(value: unknown): string {
  return Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString(
    'base64url',
  );
}

/**
 * A token signed with node:crypto, independently of the code under test, so
 * any header (alg none, HS384…) and any payload can be produced.
 */
export function forgeToken(
  header: unknown,
  claims: unknown,
  secret: string | Uint8Array,
  hash: 'sha256' | 'sha384' | 'sha512' = 'sha256',
): string {
  const input = `${segment(header)}.${segment(claims)}`;
  return `${input}.${createHmac(hash, secret).update(input).digest('base64url')}`;
}
