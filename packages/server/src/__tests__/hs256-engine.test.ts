import { afterEach, describe, expect, it, vi } from 'vitest';
import { selectHs256 } from '../hs256-engine';
import { createIssuer } from '../issuer';
import { createVerifier } from '../verifier';

const SECRET = 'r2Tq8Lm5Vx1Zc7Nb4Kj0Hg3Fd6Sa9Pw-';

/** A runtime without node:crypto (a browser, an edge runtime): `process.getBuiltinModule` finds nothing. */
function withoutNodeModules() {
  vi.spyOn(process, 'getBuiltinModule').mockImplementation((() => undefined) as never);
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('selectHs256', () => {
  it('takes node:crypto by default where the runtime has it, and jose when told', () => {
    expect(selectHs256()).not.toBe(selectHs256('jose'));
    expect(selectHs256('node')).not.toBe(selectHs256('jose'));
  });

  it('falls back to jose where node:crypto is missing', async () => {
    withoutNodeModules();
    expect(selectHs256()).toBe(selectHs256('jose'));
    const { token } = await createIssuer({ secret: SECRET, now: () => 1_750_000_000 }).sign({
      sub: 'user-1',
    });
    const verifier = createVerifier({ secret: SECRET, now: () => 1_750_000_000 });
    await expect(verifier.verify(token)).resolves.toMatchObject({ claims: { sub: 'user-1' } });
  });

  it('refuses hmac "node" where node:crypto is missing, when the issuer or verifier is created', () => {
    withoutNodeModules();
    expect(() => createIssuer({ secret: SECRET, hmac: 'node' })).toThrow(
      /hmac "node" needs node:crypto/,
    );
    expect(() => createVerifier({ secret: SECRET, hmac: 'node' })).toThrow(TypeError);
  });

  it('refuses an hmac it does not know', () => {
    expect(() => createVerifier({ secret: SECRET, hmac: 'openssl' as never })).toThrow(
      'hmac is "openssl"; use "node" or "jose"',
    );
  });
});
