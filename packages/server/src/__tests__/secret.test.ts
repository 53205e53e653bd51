import { describe, expect, it } from 'vitest';
import { createIssuer } from '../issuer';
import { createKeyring } from '../keyring';
import { decodeSecret, generateSecret } from '../secret';
import { SecretError } from '../secret-error';

function refusal(secret: string, options: { acceptShortSecret?: boolean } = {}): SecretError {
  try {
    createKeyring({ keys: [{ secret, ...options }] });
  } catch (error) {
    if (error instanceof SecretError) return error;
    throw error;
  }
  throw new Error('the secret was accepted');
}

describe('generateSecret', () => {
  it('makes 32 random bytes as base64url by default, different each time', () => {
    const secrets = new Set(Array.from({ length: 20 }, () => generateSecret()));
    expect(secrets.size).toBe(20);
    for (const secret of secrets) {
      expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(decodeSecret(secret, 'base64url')).toHaveLength(32);
    }
  });

  it('makes more bytes, or hex, on request', () => {
    expect(generateSecret({ bytes: 64 })).toMatch(/^[A-Za-z0-9_-]{86}$/);
    expect(generateSecret({ encoding: 'hex' })).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses fewer than 32 bytes', () => {
    expect(() => generateSecret({ bytes: 16 })).toThrow(
      new RangeError('a secret has 32 to 1024 random bytes; got 16'),
    );
  });
});

describe('decodeSecret', () => {
  it('reads utf8, base64url and hex', () => {
    expect(decodeSecret('é', 'utf8')).toEqual(new Uint8Array([0xc3, 0xa9]));
    expect(decodeSecret('_-8', 'base64url')).toEqual(new Uint8Array([0xff, 0xef]));
    expect(decodeSecret('AAECAw==', 'base64url')).toEqual(new Uint8Array([0, 1, 2, 3]));
    expect(decodeSecret('00ff10', 'hex')).toEqual(new Uint8Array([0, 255, 16]));
    expect(decodeSecret('plain text')).toEqual(new TextEncoder().encode('plain text'));
  });

  it.each([
    ['a+b/', 'base64url'],
    ['abcde', 'base64url'],
    ['abc', 'hex'],
    ['zz', 'hex'],
  ] as const)('refuses %j as %s with a hint', (secret, encoding) => {
    expect(() => decodeSecret(secret, encoding)).toThrow(SecretError);
    expect(() => decodeSecret(secret, encoding)).toThrow(/check --secret-encoding/);
  });
});

describe('secret strength', () => {
  it('refuses a secret under 32 bytes and says how to make one', () => {
    const error = refusal('only-31-bytes-long-secret-text!');
    expect(error.code).toBe('short_secret');
    expect(error.message).toBe(
      'the secret is 31 bytes; HS256 needs at least 32 random bytes. Generate one: run `chat-sso secret` (for a shorter secret the vendor issued, pass acceptShortSecret: true)',
    );
  });

  it('accepts a short secret the vendor issued when told so', async () => {
    const issuer = createIssuer({ secret: 'vendor-issued-20char', acceptShortSecret: true });
    await expect(issuer.issue({ id: 'u1' })).resolves.toHaveProperty('token');
  });

  it.each([
    'secret',
    'CHANGEME',
    'your-256-bit-secret',
    'a-string-secret-at-least-256-bits-long',
    'a'.repeat(64),
    'abc'.repeat(20),
  ])('refuses the weak secret %j even when short secrets are accepted', (secret) => {
    expect(refusal(secret, { acceptShortSecret: true }).code).toBe('weak_secret');
  });

  it('refuses bytes that are all the same', () => {
    expect(() => createKeyring({ keys: [{ secret: new Uint8Array(32) }] })).toThrow(
      expect.objectContaining({ code: 'weak_secret' }),
    );
  });

  it('accepts a generated secret, in either encoding', () => {
    expect(() =>
      createKeyring({ keys: [{ secret: generateSecret({ encoding: 'hex' }), encoding: 'hex' }] }),
    ).not.toThrow();
    expect(() =>
      createKeyring({ keys: [{ secret: generateSecret(), encoding: 'base64url' }] }),
    ).not.toThrow();
  });
});
