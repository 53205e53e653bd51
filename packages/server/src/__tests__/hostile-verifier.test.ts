import {
  FIVE_MEGABYTES,
  hostileTokenArbitrary,
  hostileTokens,
  measureDecodeWork,
  type TokenRecipe,
} from '@chat-sso/hostile-tokens';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createKeyring } from '../keyring';
import { TokenError } from '../token-error';
import { createVerifier } from '../verifier';
import { isBoundedWork, PROPERTY_TIMEOUT } from './hostile-work';

const NOW = 1_750_000_000;
const SECRET = 'hV3kP9sQ2wL7nB4xC8zR1tY6mJ0fD5gA';
const recipe: TokenRecipe = {
  header: { alg: 'HS256', typ: 'JWT', kid: 'k1' },
  claims: { sub: 'user-1', name: 'Ada Lovelace', iat: NOW - 10, exp: NOW + 290 },
  secret: new TextEncoder().encode(SECRET),
  now: NOW,
  maxTtl: 3600,
  clockTolerance: 60,
};
const { valid, cases } = hostileTokens(recipe);
const keyring = createKeyring({ keys: [{ kid: 'k1', secret: SECRET }] });

/** Both HMAC paths stand behind the same checks: each gets the whole suite. */
describe.each(['node', 'jose'] as const)(
  'createVerifier (hmac: %s) under hostile tokens',
  (hmac) => {
    const verifier = createVerifier({
      keyring,
      maxTtl: recipe.maxTtl,
      clockTolerance: recipe.clockTolerance,
      hmac,
      now: () => NOW,
    });
    const refusalOf = (token: string) =>
      measureDecodeWork(() =>
        verifier.verify(token).then(
          () => 'accepted',
          (error: unknown) => error,
        ),
      );

    it('accepts the token every hostile case is made from', async () => {
      await expect(verifier.verify(valid)).resolves.toMatchObject({ claims: recipe.claims });
    });

    it('refuses every fixture and 1,250 random and mutated tokens with a TokenError, in linear work', {
      timeout: PROPERTY_TIMEOUT,
    }, async () => {
      await fc.assert(
        fc.asyncProperty(hostileTokenArbitrary(recipe), async (token) => {
          const { result, decoded } = await refusalOf(token);
          return result instanceof TokenError && isBoundedWork(decoded, token);
        }),
        { numRuns: 1250, examples: cases.map(({ token }) => [token]) },
      );
    });

    it('refuses a 5 MB token on its length alone: nothing of it is decoded', async () => {
      const fiveMegabytes = cases.find(({ token }) => token.length > FIVE_MEGABYTES)!.token;
      const { result, decoded } = await refusalOf(fiveMegabytes);
      expect(result).toMatchObject({ code: 'token_too_long' });
      expect(decoded.total).toBe(0);
    });
  },
);
