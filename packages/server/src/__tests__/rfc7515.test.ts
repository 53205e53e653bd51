import { describe, expect, it } from 'vitest';
import { verifyHs256Signature } from '../hs256';
import { createKeyring } from '../keyring';
import { precheckToken } from '../precheck-token';
import { createVerifier } from '../verifier';

/** RFC 7515 appendix A.1: a JWS using HMAC SHA-256, with its key (the JWK's `k`). */
const A1_TOKEN =
  'eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9' +
  '.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ' +
  '.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const A1_KEY =
  'AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow';
const A1_EXP = 1_300_819_380;

const keyring = createKeyring({ keys: [{ secret: A1_KEY, encoding: 'base64url' }] });

describe('RFC 7515 appendix A.1', () => {
  it('passes the prechecks and its signature verifies with its key', async () => {
    expect(precheckToken(A1_TOKEN)).toEqual({
      header: { typ: 'JWT', alg: 'HS256' },
      claims: { iss: 'joe', exp: A1_EXP, 'http://example.com/is_root': true },
    });
    const key = await keyring.verificationKey(undefined, A1_EXP);
    await expect(verifyHs256Signature(A1_TOKEN, key)).resolves.toBeUndefined();
  });

  it('fails the signature with one bit of the key changed', async () => {
    const changedKey = createKeyring({
      keys: [{ secret: `B${A1_KEY.slice(1)}`, encoding: 'base64url' }],
    });
    const key = await changedKey.verificationKey(undefined, A1_EXP);
    await expect(verifyHs256Signature(A1_TOKEN, key)).rejects.toMatchObject({
      code: 'bad_signature',
    });
  });

  it('fails as expired today with the normal verifier', async () => {
    await expect(createVerifier({ keyring }).verify(A1_TOKEN)).rejects.toMatchObject({
      code: 'expired',
    });
  });

  it('fails at its own time too, for lack of the iat chat-sso requires', async () => {
    await expect(
      createVerifier({ keyring }).verify(A1_TOKEN, { now: A1_EXP - 1 }),
    ).rejects.toMatchObject({ code: 'missing_claim', message: 'iat is missing' });
  });
});
