import {
  FIVE_MEGABYTES,
  hostileTokenArbitrary,
  hostileTokens,
  measureDecodeWork,
  mutatedTokenArbitrary,
  type TokenRecipe,
} from '@chat-sso/hostile-tokens';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_TOKEN_TYP, DEFAULT_ACCESS_TTL } from '../access-token';
import { DEFAULT_CLOCK_TOLERANCE } from '../claims-policy';
import { RefreshTokenError } from '../refresh-families';
import { TokenError } from '../token-error';
import { isBoundedWork, PROPERTY_TIMEOUT } from './hostile-work';
import { type HttpTarget, nodeTarget } from './http-targets';
import {
  ACCESS_SECRET,
  createSystemAuthApp,
  START,
  type SystemAuthApp,
  users,
} from './system-auth-app';

/** An access token of the app below, as its issuer would sign it. */
const recipe: TokenRecipe = {
  header: { alg: 'HS256', typ: ACCESS_TOKEN_TYP },
  claims: {
    sub: users.ada!.id,
    name: users.ada!.name,
    iat: START,
    exp: START + DEFAULT_ACCESS_TTL,
  },
  secret: new TextEncoder().encode(ACCESS_SECRET),
  now: START,
  maxTtl: DEFAULT_ACCESS_TTL,
  clockTolerance: DEFAULT_CLOCK_TOLERANCE,
};
const { valid, cases } = hostileTokens(recipe);
/** Node's HTTP parser refuses a 5 MB header before any handler runs: that case is sent to the Web handler. */
const headerCases = cases.filter(({ token }) => token.length < FIVE_MEGABYTES);
const fiveMegabytes = cases.find(({ token }) => token.length > FIVE_MEGABYTES)!.token;

/** The one answer to a refused token, whatever the reason. */
const REFUSED = {
  status: 401,
  challenge: 'Bearer error="invalid_token"',
  cacheControl: 'no-store',
  body: '{"error":"invalid_token","message":"a valid token is required"}',
};

let app: SystemAuthApp;
let target: HttpTarget;
let refresh: string;

beforeAll(async () => {
  // Every token here comes from one address, far over any rate limit: rate-limit-*.test.ts tests those.
  app = await createSystemAuthApp({ rateLimit: false });
  target = await nodeTarget.start(app.handler);
  const signedIn = await target.fetch('/system/auth', { headers: { Cookie: 'session=ada' } });
  refresh = ((await signedIn.json()) as { refresh: string }).refresh;
});
afterAll(async () => {
  await target.close();
  await app.dispose();
});

const describeAnswer = async (response: Response) => ({
  status: response.status,
  challenge: response.headers.get('WWW-Authenticate'),
  cacheControl: response.headers.get('Cache-Control'),
  body: await response.text(),
});
const bearer = (token: string) => ({ headers: { Authorization: `Bearer ${token}` } });

/** Sends the token over loopback, measuring the decoding done until the answer arrives. */
async function answerTo(path: string, token: string) {
  const { result, decoded } = await measureDecodeWork(() => target.fetch(path, bearer(token)));
  return { answer: await describeAnswer(result), decoded };
}

/** Why each token was refused, as `onError` received it: always a typed error with a code. */
function reasonsSince(count: number): Set<string> {
  const reasons = app.errors.slice(count);
  expect(
    reasons.every((error) => error instanceof TokenError || error instanceof RefreshTokenError),
  ).toBe(true);
  return new Set(reasons.map((error) => (error as TokenError | RefreshTokenError).code));
}

const base64url43 = fc.string({
  unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'),
  minLength: 43,
  maxLength: 43,
});

const entryPoints = [
  {
    name: 'requireAccessToken (GET /api/projects)',
    path: '/api/projects',
    tokens: () => hostileTokenArbitrary(recipe, { headerSafe: true }),
    minReasons: 8,
    // An API handler has no header cap of its own: the token's length check refuses it.
    fiveMegabyteAnswer: REFUSED,
  },
  {
    name: '/system/reauth',
    path: '/system/reauth',
    tokens: () =>
      fc.oneof(
        hostileTokenArbitrary(recipe, { headerSafe: true }),
        mutatedTokenArbitrary(refresh, { headerSafe: true }),
        base64url43,
      ),
    minReasons: 2,
    fiveMegabyteAnswer: {
      status: 431,
      challenge: null,
      cacheControl: 'no-store',
      body: '{"error":"headers_too_large","message":"send at most 8192 bytes of headers (large cookies?)"}',
    },
  },
];

describe('the HTTP entry points that verify, over loopback', () => {
  it('accept the valid access token and refresh token the hostile ones are made from', async () => {
    expect((await target.fetch('/api/projects', bearer(valid))).status).toBe(200);
    const renewed = await target.fetch('/system/reauth', bearer(refresh));
    expect(renewed.status).toBe(200);
    refresh = ((await renewed.json()) as { refresh: string }).refresh;
  });

  it.each(entryPoints)(
    '$name refuses every fixture and 1,000 random and mutated tokens with one identical 401, in linear work',
    { timeout: PROPERTY_TIMEOUT },
    async ({ path, tokens, minReasons }) => {
      const before = app.errors.length;
      await fc.assert(
        fc.asyncProperty(tokens(), async (token) => {
          const { answer, decoded } = await answerTo(path, token);
          expect(answer).toEqual(REFUSED);
          return isBoundedWork(decoded, token);
        }),
        { numRuns: 1000, examples: headerCases.map(({ token }) => [token]) },
      );
      // Different reasons reached the server's log, yet the answers above were all the same.
      expect(reasonsSince(before).size).toBeGreaterThanOrEqual(minReasons);
    },
  );

  it.each(entryPoints)(
    '$name refuses a 5 MB token before decoding any of it',
    async ({ path, fiveMegabyteAnswer }) => {
      const request = new Request(`http://127.0.0.1${path}`, bearer(fiveMegabytes));
      const { result, decoded } = await measureDecodeWork(() => app.handler(request));
      expect(await describeAnswer(result)).toEqual(fiveMegabyteAnswer);
      expect(decoded.total).toBe(0);
    },
  );
});
