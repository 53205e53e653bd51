import { spartez } from '@chat-sso/core/contracts';
import { forgeToken, hostileTokens } from '@chat-sso/hostile-tokens';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ClaimsPolicy } from '../claims-policy';
import { verifyHs256 } from '../hs256';
import { createIssuer } from '../issuer';
import { createKeyring } from '../keyring';
import { TokenError, type TokenErrorCode } from '../token-error';
import { createVerifier } from '../verifier';

const NOW = 1_750_000_000;
const SECRET = 'Zx8cV2bN5mQ1wE4rT7yU0iO3pA6sD9fG';
const OTHER_SECRET = 'Lk4jH7gF0dS3aP6oI9uY2tR5eW8qZ1xC';
const HEADER = { alg: 'HS256', typ: 'JWT' };
const CLAIMS = { sub: 'user-1', iat: NOW - 10, exp: NOW + 290 };
const policy: ClaimsPolicy = { typ: 'JWT', maxTtl: 3600, clockTolerance: 60 };

const keyring = createKeyring({ keys: [{ kid: 'k1', secret: SECRET }] });
const verifier = createVerifier({ keyring, ...policy, now: () => NOW });
const valid = forgeToken(HEADER, CLAIMS, SECRET);

async function refusal(token: string, by = verifier): Promise<TokenError> {
  const error = await by.verify(token).then(
    () => undefined,
    (error: unknown) => error,
  );
  if (!(error instanceof TokenError)) throw new Error(`expected a TokenError, got ${error}`);
  return error;
}

const withHeader = (header: object) => forgeToken({ ...HEADER, ...header }, CLAIMS, SECRET);
const withClaims = (claims: object) => forgeToken(HEADER, { ...CLAIMS, ...claims }, SECRET);

/** ENGINEERING §3's published negative cases (the shared fixtures), each with the code it must be refused with. */
const fixtures = hostileTokens({
  header: HEADER,
  claims: CLAIMS,
  secret: new TextEncoder().encode(SECRET),
  now: NOW,
  ...policy,
}).cases.map(({ name, token, code }) => [name, token, code as TokenErrorCode] as const);

describe('createVerifier', () => {
  it('accepts a well-formed HS256 token and returns its header and claims', async () => {
    await expect(verifier.verify(valid)).resolves.toEqual({ header: HEADER, claims: CLAIMS });
  });

  it.each(fixtures)('refuses %s', async (_name, token, code) => {
    expect((await refusal(token)).code).toBe(code);
  });

  it('refuses any one-character change of a valid token with a TokenError', async () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.+/= ';
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: valid.length - 1 }),
        fc.constantFrom(...alphabet),
        async (index, char) => {
          fc.pre(valid[index] !== char);
          const changed = `${valid.slice(0, index)}${char}${valid.slice(index + 1)}`;
          await expect(verifier.verify(changed)).rejects.toBeInstanceOf(TokenError);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('forgives exactly the clock tolerance on exp and iat', async () => {
    await expect(
      verifier.verify(withClaims({ iat: NOW - 400, exp: NOW - 59 })),
    ).resolves.toBeDefined();
    await expect(
      verifier.verify(withClaims({ iat: NOW + 60, exp: NOW + 300 })),
    ).resolves.toBeDefined();
    await expect(verifier.verify(withClaims({ iat: NOW, exp: NOW + 3600 }))).resolves.toBeDefined();
  });

  it('takes a typ in any case and with application/ (RFC 7515 §4.1.9)', async () => {
    await expect(verifier.verify(withHeader({ typ: 'application/jwt' }))).resolves.toBeDefined();
  });

  it('never lets an access token pass as an SSO token, or the reverse', async () => {
    const accessIssuer = createIssuer({ keyring, typ: 'at+jwt', ttl: 900, now: () => NOW });
    const ssoIssuer = createIssuer({ keyring, now: () => NOW });
    const accessVerifier = createVerifier({ keyring, typ: 'at+jwt', now: () => NOW });
    const accessToken = (await accessIssuer.sign({ sub: 'user-1' })).token;
    const ssoToken = (await ssoIssuer.sign({ sub: 'user-1' })).token;
    expect((await refusal(accessToken)).code).toBe('wrong_typ');
    expect((await refusal(ssoToken, accessVerifier)).code).toBe('wrong_typ');
    await expect(accessVerifier.verify(accessToken)).resolves.toBeDefined();
  });

  it('checks every contract rule and reports the broken ones', async () => {
    const contractVerifier = createVerifier({ contract: spartez, secret: SECRET, now: () => NOW });
    const token = forgeToken(HEADER, { email: 'not-an-email', iat: NOW, exp: NOW + 300 }, SECRET);
    const error = await refusal(token, contractVerifier);
    expect(error.code).toBe('contract_violation');
    expect(error.violations).toEqual([
      { rule: 'email.email', ok: false, message: 'email "not-an-email" is not an email address' },
      { rule: 'displayName.text', ok: false, message: 'displayName is missing' },
    ]);
  });

  it('takes its lifetime cap and tolerance from the contract', async () => {
    const contractVerifier = createVerifier({ contract: spartez, secret: SECRET, now: () => NOW });
    const claims = { email: 'a@example.com', displayName: 'A', iat: NOW, exp: NOW + 3601 };
    expect((await refusal(forgeToken(HEADER, claims, SECRET), contractVerifier)).code).toBe(
      'lifetime_too_long',
    );
  });
});

/**
 * jose checks the claims again after the signature. Fed the claim fixtures
 * directly, past `checkClaims`, it refuses each with the same code — except
 * the lifetime, which only `checkClaims` caps.
 */
describe('verifyHs256 (the jose step behind the claims policy)', () => {
  const claimFixtures = fixtures.filter(([, , code]) =>
    ['missing_claim', 'invalid_claim', 'expired', 'issued_in_future', 'wrong_typ'].includes(code),
  );

  it.each(claimFixtures)('refuses %s with the same code', async (_name, token, code) => {
    const key = await keyring.verificationKey(undefined, NOW);
    const error = await verifyHs256(token, key, policy, NOW).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TokenError);
    expect((error as TokenError).code).toBe(code);
  });

  it('does not cap exp − iat by itself (maxTokenAge bounds only now − iat)', async () => {
    const key = await keyring.verificationKey(undefined, NOW);
    const longLived = withClaims({ iat: NOW, exp: NOW + 30 * 86_400 });
    await expect(verifyHs256(longLived, key, policy, NOW)).resolves.toBeDefined();
    expect((await refusal(longLived)).code).toBe('lifetime_too_long');
  });

  it('refuses a bad signature and an algorithm other than HS256', async () => {
    const key = await keyring.verificationKey(undefined, NOW);
    await expect(
      verifyHs256(forgeToken(HEADER, CLAIMS, OTHER_SECRET), key, policy, NOW),
    ).rejects.toMatchObject({
      code: 'bad_signature',
    });
    const hs512 = forgeToken({ ...HEADER, alg: 'HS512' }, CLAIMS, SECRET, 'sha512');
    await expect(verifyHs256(hs512, key, policy, NOW)).rejects.toMatchObject({
      code: 'unsupported_alg',
    });
  });
});
