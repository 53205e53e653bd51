import type { SecretEncoding } from '@chat-sso/core/contracts';
import { base64url } from 'jose';
import { SecretError } from './secret-error';

/** HS256 needs a key as long as its hash: 32 bytes (RFC 7518 §3.2). */
export const MIN_SECRET_BYTES = 32;
const MAX_GENERATED_BYTES = 1024;
const BASE64URL = /^[A-Za-z0-9_-]*={0,2}$/;
const HEX = /^(?:[0-9a-fA-F]{2})*$/;

/** Secrets from tutorials and defaults that attackers try first, compared case-insensitively. */
const WELL_KNOWN_SECRETS = new Set([
  'secret',
  'changeme',
  'change-me',
  'password',
  'your-256-bit-secret',
  'a-string-secret-at-least-256-bits-long',
  'your-secret-key',
  'supersecret',
  'shhhhh',
]);

/** A secret whose bytes repeat a unit this short (e.g. `aaaa…`, `abcabc…`) has almost no entropy. */
const LONGEST_WEAK_PERIOD = 8;

export interface GenerateSecretOptions {
  /** Random bytes, at least 32 (the default). */
  bytes?: number;
  encoding?: 'base64url' | 'hex';
}

function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** A new secret from the platform's CSPRNG, as text to store in the site's configuration. */
export function generateSecret(options: GenerateSecretOptions = {}): string {
  const { bytes = MIN_SECRET_BYTES, encoding = 'base64url' } = options;
  if (!Number.isInteger(bytes) || bytes < MIN_SECRET_BYTES || bytes > MAX_GENERATED_BYTES) {
    throw new RangeError(
      `a secret has ${MIN_SECRET_BYTES} to ${MAX_GENERATED_BYTES} random bytes; got ${bytes}`,
    );
  }
  const random = crypto.getRandomValues(new Uint8Array(bytes));
  if (encoding === 'hex') return toHex(random);
  if (encoding === 'base64url') return base64url.encode(random);
  throw new TypeError(`unknown secret encoding ${JSON.stringify(encoding)}; use base64url or hex`);
}

/** The bytes a secret stands for, read in the encoding the vendor hands it out in. */
export function decodeSecret(secret: string, encoding: SecretEncoding = 'utf8'): Uint8Array {
  if (typeof secret !== 'string') throw new SecretError('invalid_secret', 'the secret is not text');
  switch (encoding) {
    case 'utf8':
      return new TextEncoder().encode(secret);
    case 'base64url':
      if (!BASE64URL.test(secret) || secret.replace(/=+$/, '').length % 4 === 1) {
        throw new SecretError(
          'invalid_secret',
          'the secret is not base64url (letters, digits, - and _); check --secret-encoding',
        );
      }
      return base64url.decode(secret.replace(/=+$/, ''));
    case 'hex':
      if (!HEX.test(secret)) {
        throw new SecretError(
          'invalid_secret',
          'the secret is not hex (pairs of 0-9, a-f); check --secret-encoding',
        );
      }
      return Uint8Array.from(secret.match(/../g) ?? [], (pair) => Number.parseInt(pair, 16));
    default:
      throw new SecretError(
        'invalid_secret',
        `unknown secret encoding ${JSON.stringify(encoding)}; use utf8, base64url or hex`,
      );
  }
}

function hasShortPeriod(bytes: Uint8Array): boolean {
  for (let period = 1; period <= LONGEST_WEAK_PERIOD && period * 2 <= bytes.length; period += 1) {
    if (bytes.every((byte, index) => byte === bytes[index % period])) return true;
  }
  return false;
}

export interface SecretStrengthOptions {
  /** Lets a shorter secret through: only for one the vendor issued and the site cannot change. */
  acceptShortSecret?: boolean;
}

/**
 * Refuses secrets an attacker can guess or brute-force: shorter than 32 bytes
 * (unless the vendor issued it), well known, or a short repeated pattern.
 */
export function assertStrongSecret(bytes: Uint8Array, options: SecretStrengthOptions = {}): void {
  const text = new TextDecoder().decode(bytes).toLowerCase();
  if (WELL_KNOWN_SECRETS.has(text) || hasShortPeriod(bytes) || bytes.length === 0) {
    throw new SecretError(
      'weak_secret',
      'the secret is a well-known or repeated value that attackers try first; generate one: run `chat-sso secret`',
    );
  }
  if (bytes.length < MIN_SECRET_BYTES && !options.acceptShortSecret) {
    throw new SecretError(
      'short_secret',
      `the secret is ${bytes.length} bytes; HS256 needs at least ${MIN_SECRET_BYTES} random bytes. Generate one: run \`chat-sso secret\` (for a shorter secret the vendor issued, pass acceptShortSecret: true)`,
    );
  }
}
