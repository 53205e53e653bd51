import { generic } from '@chat-sso/core/contracts';
import {
  FIVE_MEGABYTES,
  hostileTokenArbitrary,
  hostileTokens,
  measureDecodeWork,
  type TokenRecipe,
  VENDOR_RULES,
} from '@chat-sso/hostile-tokens';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { captureCli, inspectArgs } from './cli-harness';
import { isBoundedWork, PROPERTY_TIMEOUT, SETUP_WORK } from './hostile-work';

const NOW = 1_750_000_000;
const SECRET = 'cQ7vN2xK9pL4mB8zT1wR6yH3jF0dS5gU';
const recipe: TokenRecipe = {
  header: { alg: 'HS256', typ: 'JWT' },
  claims: { sub: 'user-1', name: 'Ada Lovelace', iat: NOW - 10, exp: NOW + 290 },
  secret: new TextEncoder().encode(SECRET),
  now: NOW,
  maxTtl: generic.maxTtl,
  clockTolerance: generic.clockSkew,
};
const { valid, cases } = hostileTokens(recipe);
/** The CLI checks a token as the vendor would: chat-sso's own extra rules are the verifier's. */
const vendorCases = cases.filter(({ breaks }) => VENDOR_RULES.includes(breaks));

/** `chat-sso inspect TOKEN --vendor generic --secret S --now NOW`, in-process. */
async function inspect(token: string) {
  const args = inspectArgs(token, 'generic', '--secret', SECRET, '--now', String(NOW));
  const { result, decoded } = await measureDecodeWork(() => captureCli(args));
  return { ...result, decoded };
}

/** Refused: exit 1 (invalid) or 2 (not even a token), at most one line on stderr, no stack, no secret. */
function isRefusal({ code, stdout, stderr }: Awaited<ReturnType<typeof inspect>>): boolean {
  const output = stdout + stderr;
  return (
    (code === 1 || code === 2) &&
    stderr.split('\n').filter(Boolean).length <= 1 &&
    !/\n\s+at /.test(output) &&
    !output.includes(SECRET)
  );
}

describe('chat-sso inspect under hostile tokens', () => {
  it('reports the token the hostile ones are made from valid', async () => {
    const { code, stdout } = await inspect(valid);
    expect(code).toBe(0);
    expect(stdout.endsWith('valid\n')).toBe(true);
  });

  it.each(vendorCases)('reports $name invalid', async ({ token }) => {
    expect(isRefusal(await inspect(token))).toBe(true);
  });

  it('reports 1,500 random and mutated tokens invalid, in linear work', {
    timeout: PROPERTY_TIMEOUT,
  }, async () => {
    // `-h` and `--help` ask for the usage, whatever else is on the line.
    const tokens = hostileTokenArbitrary(recipe).filter(
      (token) => !['-h', '--help'].includes(token),
    );
    await fc.assert(
      fc.asyncProperty(tokens, async (token) => {
        const inspection = await inspect(token);
        return isRefusal(inspection) && isBoundedWork(inspection.decoded, token);
      }),
      { numRuns: 1500 },
    );
  });

  it('refuses a 5 MB token before decoding any of it', async () => {
    const inspection = await inspect(
      cases.find(({ token }) => token.length > FIVE_MEGABYTES)!.token,
    );
    expect(inspection).toMatchObject({ code: 1, stdout: '' });
    expect(inspection.stderr).toBe(
      'chat-sso: the token is malformed: it is longer than 4096 characters\n',
    );
    // Only the secret, checked for strength, is decoded.
    expect(inspection.decoded.total).toBeLessThanOrEqual(SETUP_WORK);
  });
});
