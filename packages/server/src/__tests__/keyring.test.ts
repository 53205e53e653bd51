import { afterEach, describe, expect, it, vi } from 'vitest';
import { createIssuer } from '../issuer';
import { createKeyring } from '../keyring';
import { createVerifier } from '../verifier';

const NOW = 1_750_000_000;
const OLD = 'Ol4dS3cR3tF0rR0t4t10nT3st1ngXyZ9';
const NEW = 'N3wS3cR3tF0rR0t4t10nT3st1ngAbC12';
const ROTATED_AT = NOW;
const OLD_RETIRES = ROTATED_AT + 3600;

const before = createKeyring({ keys: [{ kid: 'k1', secret: OLD }] });
const during = createKeyring({
  keys: [
    { kid: 'k2', secret: NEW },
    { kid: 'k1', secret: OLD, notAfter: OLD_RETIRES },
  ],
});

describe('createKeyring', () => {
  afterEach(() => vi.restoreAllMocks());

  it('signs with the new key during a rotation and still verifies the old key’s tokens', async () => {
    const verifier = createVerifier({ keyring: during });
    const fresh = await createIssuer({ keyring: during }).issue({ id: 'u1' }, { now: NOW });
    const old = await createIssuer({ keyring: before }).issue({ id: 'u1' }, { now: NOW - 60 });
    await expect(verifier.verify(fresh.token, { now: NOW })).resolves.toMatchObject({
      header: { kid: 'k2' },
    });
    await expect(verifier.verify(old.token, { now: NOW })).resolves.toMatchObject({
      header: { kid: 'k1' },
    });
  });

  it('refuses the old key’s tokens after its window, even unexpired ones', async () => {
    const verifier = createVerifier({ keyring: during });
    const late = await createIssuer({ keyring: before }).issue(
      { id: 'u1' },
      { now: OLD_RETIRES - 10 },
    );
    await expect(verifier.verify(late.token, { now: OLD_RETIRES })).resolves.toBeDefined();
    await expect(verifier.verify(late.token, { now: OLD_RETIRES + 1 })).rejects.toMatchObject({
      code: 'unknown_kid',
      message: 'the key k1 was retired at 1750003600',
    });
  });

  it('refuses an unknown kid, and the new key’s tokens where only the old key is known', async () => {
    const fresh = await createIssuer({ keyring: during }).issue({ id: 'u1' }, { now: NOW });
    await expect(
      createVerifier({ keyring: before }).verify(fresh.token, { now: NOW }),
    ).rejects.toMatchObject({
      code: 'unknown_kid',
    });
  });

  it('signs with signingKid when given', async () => {
    const keyring = createKeyring({
      keys: [
        { kid: 'a', secret: OLD },
        { kid: 'b', secret: NEW },
      ],
      signingKid: 'b',
    });
    expect(keyring.signingKid).toBe('b');
    expect((await keyring.signingKey()).kid).toBe('b');
  });

  it('imports each secret once, as a non-extractable HMAC SHA-256 key', async () => {
    const importKey = vi.spyOn(crypto.subtle, 'importKey');
    const keyring = createKeyring({ keys: [{ kid: 'k1', secret: OLD }] });
    expect(importKey).not.toHaveBeenCalled();
    const issuer = createIssuer({ keyring, now: () => NOW });
    const verifier = createVerifier({ keyring, now: () => NOW });
    for (let i = 0; i < 3; i += 1)
      await verifier.verify((await issuer.issue({ id: `u${i}` })).token);
    expect(importKey).toHaveBeenCalledOnce();
    const { key } = await keyring.signingKey();
    expect(key.extractable).toBe(false);
    expect(key.algorithm).toEqual({ name: 'HMAC', hash: { name: 'SHA-256' }, length: 256 });
    expect([...key.usages].sort()).toEqual(['sign', 'verify']);
  });

  it.each([
    ['no key', { keys: [] }, 'a keyring needs at least one key'],
    [
      'several keys, one without kid',
      { keys: [{ kid: 'a', secret: OLD }, { secret: NEW }] },
      'every key of a keyring with several keys needs a kid',
    ],
    [
      'a kid outside the pattern',
      { keys: [{ kid: 'a/b', secret: OLD }] },
      `kid "a/b" is not 1-64 letters, digits, '.', '_' or '-'`,
    ],
    [
      'two keys with one kid',
      {
        keys: [
          { kid: 'a', secret: OLD },
          { kid: 'a', secret: NEW },
        ],
      },
      'two keys share the kid a',
    ],
    [
      'an unknown signingKid',
      { keys: [{ kid: 'a', secret: OLD }], signingKid: 'b' },
      'no key has the signing kid b',
    ],
    [
      'a signing key that retires',
      { keys: [{ kid: 'a', secret: OLD, notAfter: NOW }] },
      'the signing key cannot have notAfter: only retiring keys expire',
    ],
  ])('refuses %s', (_name, options, message) => {
    expect(() => createKeyring(options)).toThrow(new TypeError(message));
  });
});
