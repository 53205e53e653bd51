import { createHmac, createSecretKey, timingSafeEqual } from 'node:crypto';
import { createIssuer, createVerifier } from '@chat-sso/server';
import { createVerifier as createFastJwtVerifier, createSigner } from 'fast-jwt';
import { jwtVerify, SignJWT } from 'jose';
import jsonwebtoken from 'jsonwebtoken';
import { CLAIMS, nowSeconds, SECRET, TTL } from './fixtures';
import { measureOps, type OpsCase, type OpsResult } from './harness';
import { ratio, type Section, type Target, table, thousands } from './report';

const ROUNDS = 150;
const SLICE_MS = 20;

const RAW = 'raw node:crypto (the limit)';
const NODE = 'chat-sso, node:crypto path';
const JOSE = 'chat-sso, jose path';
const FAST_JWT = 'fast-jwt 6.3.6';
const JSONWEBTOKEN = 'jsonwebtoken 9.0.3, KeyObject secret';
const JOSE_DIRECT = 'jose 6.2.17, pre-imported CryptoKey';

const secretBytes = new TextEncoder().encode(SECRET);
const keyObject = createSecretKey(secretBytes);
const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

/**
 * The least any HS256 signer and verifier must do, with `secret`: the limit
 * chat-sso is compared with, here and by the HTTP benchmark.
 */
export function rawHs256(secret: string) {
  const key = createSecretKey(new TextEncoder().encode(secret));
  return {
    /** Serialize the claims, encode them, one HMAC. */
    sign(): string {
      const iat = nowSeconds();
      // Object.assign, not a spread: on Node 20 `{ ...claims, iat }` takes a slow path
      // that costs more than the HMAC, and the limit must be the fastest way.
      const payload = Buffer.from(
        JSON.stringify(Object.assign({}, CLAIMS, { iat, exp: iat + TTL })),
      ).toString('base64url');
      const input = `${HEADER}.${payload}`;
      return `${input}.${createHmac('sha256', key).update(input).digest('base64url')}`;
    },
    /** One HMAC, a constant-time compare, the claims parsed. */
    verify(token: string): unknown {
      const first = token.indexOf('.');
      const last = token.lastIndexOf('.');
      const expected = createHmac('sha256', key).update(token.slice(0, last)).digest();
      if (!timingSafeEqual(expected, Buffer.from(token.slice(last + 1), 'base64url'))) {
        throw new Error('bad signature');
      }
      return JSON.parse(Buffer.from(token.slice(first + 1, last), 'base64url').toString());
    },
  };
}

const raw = rawHs256(SECRET);

function ratioTargets(
  operation: string,
  results: OpsResult,
  whyMissed: { limit: string; fastJwt: string },
): Target[] {
  const toLimit = results.ratio(NODE, RAW, 'cpu');
  const toFastJwt = results.ratio(NODE, FAST_JWT, 'cpu');
  return [
    {
      name: `${operation} ≥ 0.7× raw node:crypto`,
      measured: ratio(toLimit, 3),
      met: toLimit >= 0.7,
      whyMissed: whyMissed.limit,
    },
    {
      name: `${operation} ≥ 1.0× fast-jwt`,
      measured: ratio(toFastJwt, 3),
      met: toFastJwt >= 1,
      whyMissed: whyMissed.fastJwt,
    },
  ];
}

function opsTable(results: OpsResult): string[] {
  const range = (name: string) =>
    `${ratio(results.ratio(name, RAW, 'cpu', 0.25))} – ${ratio(results.ratio(name, RAW, 'cpu', 0.75))}`;
  return table(
    [
      '',
      'ops/s',
      '× raw',
      'ops per CPU-second',
      '× raw (CPU)',
      'middle half of rounds',
      '× fast-jwt (CPU)',
    ],
    results.names
      .sort((a, b) => results.ops(b, 'cpu') - results.ops(a, 'cpu'))
      .map((name) => [
        name,
        thousands(results.ops(name, 'wall')),
        ratio(results.ratio(name, RAW, 'wall')),
        thousands(results.ops(name, 'cpu')),
        ratio(results.ratio(name, RAW, 'cpu')),
        range(name),
        ratio(results.ratio(name, FAST_JWT, 'cpu')),
      ]),
  );
}

export async function tokenOps(): Promise<Section> {
  const cryptoKey = await crypto.subtle.importKey(
    'raw',
    secretBytes,
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign', 'verify'],
  );
  const nodeIssuer = createIssuer({ secret: SECRET, ttl: TTL, hmac: 'node' });
  const joseIssuer = createIssuer({ secret: SECRET, ttl: TTL, hmac: 'jose' });
  const nodeVerifier = createVerifier({ secret: SECRET, hmac: 'node' });
  const joseVerifier = createVerifier({ secret: SECRET, hmac: 'jose' });
  const fastJwtSign = createSigner({ key: SECRET, algorithm: 'HS256', expiresIn: TTL * 1000 });
  const fastJwtVerify = createFastJwtVerifier({ key: SECRET, algorithms: ['HS256'] });

  const signers: OpsCase[] = [
    { name: RAW, run: raw.sign },
    { name: NODE, run: () => nodeIssuer.sign(CLAIMS) },
    { name: JOSE, run: () => joseIssuer.sign(CLAIMS) },
    { name: FAST_JWT, run: () => fastJwtSign(CLAIMS) },
    {
      name: JSONWEBTOKEN,
      run: () => jsonwebtoken.sign(CLAIMS, keyObject, { algorithm: 'HS256', expiresIn: TTL }),
    },
    {
      name: JOSE_DIRECT,
      run: () => {
        const iat = nowSeconds();
        return new SignJWT({ ...CLAIMS, iat, exp: iat + TTL })
          .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
          .sign(cryptoKey);
      },
    },
  ];
  // Every verifier checks the same valid token, which stays valid for the whole run.
  const token = raw.sign();
  const verifiers: OpsCase[] = [
    { name: RAW, run: () => raw.verify(token) },
    { name: NODE, run: () => nodeVerifier.verify(token) },
    { name: JOSE, run: () => joseVerifier.verify(token) },
    { name: FAST_JWT, run: () => fastJwtVerify(token) },
    {
      name: JSONWEBTOKEN,
      run: () => jsonwebtoken.verify(token, keyObject, { algorithms: ['HS256'] }),
    },
    { name: JOSE_DIRECT, run: () => jwtVerify(token, cryptoKey, { algorithms: ['HS256'] }) },
  ];
  const options = { rounds: ROUNDS, sliceMs: SLICE_MS };
  const signing = await measureOps(signers, options);
  const verifying = await measureOps(verifiers, options);

  return {
    title: 'Sign and verify (HS256, ops/s, one at a time)',
    body: [
      "Raw node:crypto signs with the header's base64url precomputed: `JSON.stringify`, base64url and" +
        ' one `createHmac` with a KeyObject; it verifies with one `createHmac` over the first two' +
        ' segments, `timingSafeEqual` and `JSON.parse` of the claims, and checks nothing else.',
      '',
      `Claims of ${Buffer.byteLength(JSON.stringify({ ...CLAIMS, iat: nowSeconds(), exp: nowSeconds() }))} bytes of JSON` +
        ' with `iat` and `exp` set per call; every verifier checks the same valid token.' +
        ` ${ROUNDS} interleaved rounds of ${SLICE_MS} ms per case. Each slice is timed by the wall clock` +
        ' (ops/s: what a caller waits for) and by the CPU time the process spent (ops per CPU-second:' +
        ' not counting time the OS gave other processes, so steadier on this shared machine; targets' +
        ' are judged on it). Figures are the median round; ratios are the median (and the middle half)' +
        ' of the ratios within each round, where the cases ran moments apart under the same load.' +
        ' Promise-returning APIs (chat-sso, jose) are awaited one call at a time.' +
        " chat-sso's verify also runs its prechecks and claims policy (ENGINEERING §3): what users get.",
      '',
      '**Sign**',
      '',
      ...opsTable(signing),
      '',
      '**Verify**',
      '',
      ...opsTable(verifying),
    ],
    targets: [
      ...ratioTargets('sign', signing, {
        limit:
          "beyond raw's serialization and HMAC, chat-sso awaits its keyring and answers `{ token, expiresAt }` through a promise (one async API for both paths)",
        fastJwt:
          'fast-jwt signs synchronously; chat-sso awaits its keyring and answers through a promise',
      }),
      ...ratioTargets('verify', verifying, {
        limit:
          "beyond raw's HMAC and JSON.parse, chat-sso runs ENGINEERING §3's prechecks (segments, header fields, kid, signature form) and claims policy (exp, iat, nbf, lifetime, typ), and answers through a promise",
        fastJwt:
          'fast-jwt answers synchronously and checks less: no header allow-list, no canonical signature form, no lifetime cap',
      }),
    ],
  };
}
