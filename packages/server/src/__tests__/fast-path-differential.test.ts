import {
  forgeToken,
  hostileTokenArbitrary,
  hostileTokens,
  mutatedTokenArbitrary,
  segment,
  type TokenRecipe,
} from '@chat-sso/hostile-tokens';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createIssuer } from '../issuer';
import { createKeyring } from '../keyring';
import { TokenError, type TokenErrorCode } from '../token-error';
import { createVerifier, type VerifiedToken, type Verifier } from '../verifier';

/**
 * The node:crypto fast path and the portable jose path must be one verifier
 * and one signer to their callers: the same tokens accepted with the same
 * header and claims, every other token refused with the same code, and the
 * same bytes signed. Each property feeds both paths the same tokens.
 */

const NOW = 1_750_000_000;
const SECRET = 'p4Rk8wQ1zX6nV3bM9cL2jH5gF0dS7aE-';
const RETIRED_SECRET = 'Tn7Yq2Lw5Ez8Rc1Vb4Xm9Pk3Hj6Gf0Ds_';
const MAX_TTL = 3600;
const CLOCK_TOLERANCE = 60;
const RUNS = 1500;
// jose answers each token after a WebCrypto round trip; thousands of them take a few seconds.
const TIMEOUT = 30_000;

// Two keys, one of them retired at NOW - 1: the `kid` lookup and the rotation window take part too.
const keyring = createKeyring({
  keys: [
    { kid: 'k1', secret: SECRET },
    { kid: 'k0', secret: RETIRED_SECRET, notAfter: NOW - 1 },
  ],
});
const policy = { keyring, maxTtl: MAX_TTL, clockTolerance: CLOCK_TOLERANCE, now: () => NOW };
const paths = {
  node: createVerifier({ ...policy, hmac: 'node' }),
  jose: createVerifier({ ...policy, hmac: 'jose' }),
};

const recipe: TokenRecipe = {
  header: { alg: 'HS256', typ: 'JWT', kid: 'k1' },
  claims: { sub: 'user-1', name: 'Ada Lovelace', iat: NOW - 10, exp: NOW + 290 },
  secret: new TextEncoder().encode(SECRET),
  now: NOW,
  maxTtl: MAX_TTL,
  clockTolerance: CLOCK_TOLERANCE,
};
const { valid, cases } = hostileTokens(recipe);

type Outcome = { accepted: VerifiedToken } | { refused: TokenErrorCode };

async function outcome(verifier: Verifier, token: string): Promise<Outcome> {
  try {
    return { accepted: await verifier.verify(token) };
  } catch (error) {
    if (error instanceof TokenError) return { refused: error.code };
    throw error;
  }
}

/** Counts what both paths did, so each property can show it exercised acceptance and refusal. */
function tally() {
  const seen = { accepted: 0, refused: 0 };
  return {
    seen,
    async bothPaths(token: string): Promise<void> {
      const node = await outcome(paths.node, token);
      expect(await outcome(paths.jose, token)).toEqual(node);
      seen['accepted' in node ? 'accepted' : 'refused'] += 1;
    },
  };
}

const claimsArbitrary = fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 2 }), {
  maxKeys: 6,
});
/** Mostly `good`, sometimes one of `bad`: random tokens then land on both sides of every rule. */
const mostly = <T>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 4, arbitrary: good }, { weight: 1, arbitrary: bad });
const headerArbitrary = fc.record(
  {
    alg: mostly(fc.constant('HS256'), fc.constantFrom('hs256', 'none', 'HS384', 'HS512', 'RS256')),
    typ: mostly(
      fc.constantFrom('JWT', 'jwt', 'application/JWT'),
      fc.constantFrom('at+jwt', 'JOSE'),
    ),
    kid: mostly(fc.constant('k1'), fc.constantFrom('k0', 'k2', '../k1')),
  },
  { requiredKeys: ['alg', 'typ'] },
);
/** Timestamps near the edges the policy draws: the clock tolerance and the lifetime cap. */
const iatArbitrary = mostly(
  fc.integer({ min: NOW - 600, max: NOW + CLOCK_TOLERANCE }),
  fc.integer({ min: NOW - 2 * MAX_TTL, max: NOW + 2 * MAX_TTL }),
);
const lifetimeArbitrary = mostly(
  fc.integer({ min: CLOCK_TOLERANCE + 600, max: MAX_TTL }),
  fc.integer({ min: -CLOCK_TOLERANCE, max: 2 * MAX_TTL }),
);
const hashOf = (alg: unknown) =>
  alg === 'HS384'
    ? ('sha384' as const)
    : alg === 'HS512'
      ? ('sha512' as const)
      : ('sha256' as const);

describe('the node:crypto and jose paths', () => {
  it('both accept the token the hostile cases are made from', async () => {
    const { seen, bothPaths } = tally();
    await bothPaths(valid);
    expect(seen).toEqual({ accepted: 1, refused: 0 });
  });

  it('sign the same bytes for any claims, and both accept what either signed', {
    timeout: TIMEOUT,
  }, async () => {
    const issuers = [true, false].map((withKid) =>
      (['node', 'jose'] as const).map((hmac) =>
        createIssuer({
          ...(withKid ? { keyring } : { secret: SECRET }),
          ttl: 300,
          hmac,
          now: () => NOW,
        }),
      ),
    );
    const { seen, bothPaths } = tally();
    await fc.assert(
      fc.asyncProperty(claimsArbitrary, fc.boolean(), async (claims, withKid) => {
        const [node, jose] = issuers[withKid ? 0 : 1]!;
        const signed = await node!.sign(claims);
        expect(await jose!.sign(claims)).toEqual(signed);
        if (withKid) await bothPaths(signed.token);
      }),
      { numRuns: 500 },
    );
    expect(seen.accepted).toBeGreaterThan(100);
  });

  it(`agree on ${RUNS} signed tokens with random headers, claims and timestamps`, {
    timeout: TIMEOUT,
  }, async () => {
    const { seen, bothPaths } = tally();
    await fc.assert(
      fc.asyncProperty(
        headerArbitrary,
        claimsArbitrary,
        iatArbitrary,
        lifetimeArbitrary,
        mostly(fc.constant(SECRET), fc.constant(RETIRED_SECRET)),
        async (header, claims, iat, lifetime, secret) => {
          const token = forgeToken(
            header,
            { ...claims, iat, exp: iat + lifetime },
            secret,
            hashOf(header.alg),
          );
          await bothPaths(token);
        },
      ),
      { numRuns: RUNS },
    );
    expect(seen.accepted).toBeGreaterThan(RUNS / 10);
    expect(seen.refused).toBeGreaterThan(RUNS / 10);
  });

  it(`agree on every hostile fixture and ${RUNS} generated hostile tokens`, {
    timeout: TIMEOUT,
  }, async () => {
    const { seen, bothPaths } = tally();
    for (const { token } of cases) await bothPaths(token);
    await fc.assert(fc.asyncProperty(hostileTokenArbitrary(recipe), bothPaths), {
      numRuns: RUNS,
    });
    expect(seen).toEqual({ accepted: 0, refused: cases.length + RUNS });
  });

  it(`agree on ${RUNS} bit flips, insertions, deletions, truncations and segment swaps`, {
    timeout: TIMEOUT,
  }, async () => {
    const { seen, bothPaths } = tally();
    await fc.assert(fc.asyncProperty(mutatedTokenArbitrary(valid), bothPaths), {
      numRuns: RUNS,
    });
    expect(seen.refused).toBe(RUNS);
  });

  it('agree when the header or payload is swapped for another signed token’s', {
    timeout: TIMEOUT,
  }, async () => {
    const [head, payload, signature] = valid.split('.') as [string, string, string];
    const { seen, bothPaths } = tally();
    await fc.assert(
      fc.asyncProperty(
        headerArbitrary,
        claimsArbitrary,
        fc.boolean(),
        async (header, claims, swapHeader) => {
          const token = swapHeader
            ? `${segment(header)}.${payload}.${signature}`
            : `${head}.${segment({ ...recipe.claims, ...claims })}.${signature}`;
          fc.pre(token !== valid);
          await bothPaths(token);
        },
      ),
      { numRuns: 500 },
    );
    expect(seen.accepted).toBe(0);
    expect(seen.refused).toBeGreaterThan(400);
  });
});
