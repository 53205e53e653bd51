import { spartez } from '@chat-sso/core/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ClaimsPolicy } from '../claims-policy';
import { verifyHs256 } from '../hs256';
import { createIssuer } from '../issuer';
import { createKeyring } from '../keyring';
import { TokenError, type TokenErrorCode } from '../token-error';
import { createVerifier } from '../verifier';
import { forgeToken, segment } from './forge-token';

const NOW = 1_750_000_000;
const SECRET = 'Zx8cV2bN5mQ1wE4rT7yU0iO3pA6sD9fG';
const OTHER_SECRET = 'Lk4jH7gF0dS3aP6oI9uY2tR5eW8qZ1xC';
const HEADER = { alg: 'HS256', typ: 'JWT' };
const CLAIMS = { sub: 'user-1', iat: NOW - 10, exp: NOW + 290 };
const policy: ClaimsPolicy = { typ: 'JWT', maxTtl: 3600, clockTolerance: 60 };

const keyring = createKeyring({ keys: [{ kid: 'k1', secret: SECRET }] });
const verifier = createVerifier({ keyring, ...policy, now: () => NOW });
const valid = forgeToken(HEADER, CLAIMS, SECRET);
const [validHeader, validPayload, validSignature] = valid.split('.') as [string, string, string];

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
const without = (name: string) => {
  const { [name as 'sub']: _, ...rest } = CLAIMS;
  return forgeToken(HEADER, rest, SECRET);
};

/** ENGINEERING §3's published negative cases, each with the code it must be refused with. */
const fixtures: [string, string, TokenErrorCode][] = [
  [
    'alg none with an empty signature',
    `${segment({ alg: 'none', typ: 'JWT' })}.${validPayload}.`,
    'unsupported_alg',
  ],
  ['alg None', withHeader({ alg: 'None' }), 'unsupported_alg'],
  ['alg NONE', withHeader({ alg: 'NONE' }), 'unsupported_alg'],
  ['alg none carrying an HS256 signature', withHeader({ alg: 'none' }), 'unsupported_alg'],
  [
    'HS384 under the same secret',
    forgeToken({ ...HEADER, alg: 'HS384' }, CLAIMS, SECRET, 'sha384'),
    'unsupported_alg',
  ],
  [
    'HS512 under the same secret',
    forgeToken({ ...HEADER, alg: 'HS512' }, CLAIMS, SECRET, 'sha512'),
    'unsupported_alg',
  ],
  ['RS256', withHeader({ alg: 'RS256' }), 'unsupported_alg'],
  ['no alg', forgeToken({ typ: 'JWT' }, CLAIMS, SECRET), 'unsupported_alg'],
  ['an empty signature', `${validHeader}.${validPayload}.`, 'bad_signature'],
  ['a truncated signature', valid.slice(0, -2), 'bad_signature'],
  [
    'a signature with its padding bits set',
    `${valid.slice(0, -1)}${String.fromCharCode(valid.charCodeAt(valid.length - 1) + 1)}`,
    'bad_signature',
  ],
  [
    'a signature with one character changed',
    `${validHeader}.${validPayload}.${validSignature.slice(0, 10)}${validSignature[10] === 'A' ? 'B' : 'A'}${validSignature.slice(11)}`,
    'bad_signature',
  ],
  [
    'a signature made with another secret',
    forgeToken(HEADER, CLAIMS, OTHER_SECRET),
    'bad_signature',
  ],
  [
    'claims changed after signing',
    `${validHeader}.${segment({ ...CLAIMS, sub: 'admin' })}.${validSignature}`,
    'bad_signature',
  ],
  [
    'a + in a segment (base64, not base64url)',
    `${validHeader}.${validPayload}+.${validSignature}`,
    'malformed',
  ],
  ['= padding', `${validHeader}=.${validPayload}.${validSignature}`, 'malformed'],
  ['a space', ` ${valid}`, 'malformed'],
  ['two segments', `${validHeader}.${validPayload}`, 'malformed'],
  ['four segments', `${valid}.${validSignature}`, 'malformed'],
  ['an empty header', `.${validPayload}.${validSignature}`, 'malformed'],
  [
    'a header that is not JSON',
    `${segment('{alg:HS256')}.${validPayload}.${validSignature}`,
    'malformed',
  ],
  ['a payload that is not JSON', forgeToken(HEADER, 'not json', SECRET), 'malformed'],
  ['a payload that is an array', forgeToken(HEADER, [CLAIMS], SECRET), 'malformed'],
  ['a payload that is a string', forgeToken(HEADER, '"user-1"', SECRET), 'malformed'],
  ['a payload that is null', forgeToken(HEADER, 'null', SECRET), 'malformed'],
  ['an unknown crit', withHeader({ crit: ['exp'], exp: 1 }), 'forbidden_header'],
  ['jku', withHeader({ jku: 'https://evil.example/jwks.json' }), 'forbidden_header'],
  ['x5u', withHeader({ x5u: 'https://evil.example/cert.pem' }), 'forbidden_header'],
  ['jwk', withHeader({ jwk: { kty: 'oct', k: 'AAAA' } }), 'forbidden_header'],
  ['x5c', withHeader({ x5c: ['MIIB'] }), 'forbidden_header'],
  ['b64', withHeader({ b64: false }), 'forbidden_header'],
  ['kid path traversal', withHeader({ kid: '../../../../dev/null' }), 'invalid_kid'],
  ['kid SQL injection', withHeader({ kid: "k1' OR '1'='1" }), 'invalid_kid'],
  ['kid of 65 characters', withHeader({ kid: 'k'.repeat(65) }), 'invalid_kid'],
  ['empty kid', withHeader({ kid: '' }), 'invalid_kid'],
  ['kid that is a number', withHeader({ kid: 1 }), 'invalid_kid'],
  ['kid not in the keyring', withHeader({ kid: 'k2' }), 'unknown_kid'],
  ['missing exp', without('exp'), 'missing_claim'],
  ['missing iat', without('iat'), 'missing_claim'],
  ['string exp', withClaims({ exp: String(NOW + 290) }), 'invalid_claim'],
  ['string iat', withClaims({ iat: String(NOW) }), 'invalid_claim'],
  ['null exp', withClaims({ exp: null }), 'invalid_claim'],
  ['string nbf', withClaims({ nbf: 'now' }), 'invalid_claim'],
  ['exp past the clock tolerance', withClaims({ iat: NOW - 400, exp: NOW - 60 }), 'expired'],
  [
    'iat in the future beyond the tolerance',
    withClaims({ iat: NOW + 61, exp: NOW + 300 }),
    'issued_in_future',
  ],
  [
    'iat in milliseconds',
    withClaims({ iat: NOW * 1000, exp: NOW * 1000 + 300 }),
    'issued_in_future',
  ],
  ['nbf in the future beyond the tolerance', withClaims({ nbf: NOW + 61 }), 'issued_in_future'],
  ['exp − iat above the maximum', withClaims({ iat: NOW, exp: NOW + 3601 }), 'lifetime_too_long'],
  ['exp in milliseconds', withClaims({ exp: (NOW + 290) * 1000 }), 'lifetime_too_long'],
  ['typ of an access token', withHeader({ typ: 'at+jwt' }), 'wrong_typ'],
  ['no typ', forgeToken({ alg: 'HS256' }, CLAIMS, SECRET), 'wrong_typ'],
  [
    'a 4097-character token',
    `${validHeader}.${'A'.repeat(4097 - valid.length)}${validPayload}.${validSignature}`,
    'token_too_long',
  ],
  [
    'a 5 MB token',
    `${validHeader}.${'A'.repeat(5 * 1024 * 1024)}.${validSignature}`,
    'token_too_long',
  ],
];

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
