import { MAX_TOKEN_LENGTH } from '@chat-sso/core';
import { getContract, type VendorId } from '@chat-sso/core/contracts';
import {
  type BrokenRule,
  FIVE_MEGABYTES,
  forgeToken,
  hostileTokenArbitrary,
  hostileTokens,
  isLinearWork,
  measureDecodeWork,
  mutatedTokenArbitrary,
  type TokenRecipe,
  VENDOR_RULES,
} from '@chat-sso/hostile-tokens';
import fc from 'fast-check';
import { base64url } from 'jose';
import { describe, expect, it } from 'vitest';
import { createVendorCloud, type VendorCloud } from '../create-vendor-cloud';
import { createIdentityProvider } from '../identity-provider';
import type { CloudErrorCode, OpenWebProvider } from '../wire';
import { ada, secrets } from './tokens';

const NOW = 1_750_000_000;
const now = () => NOW;
/** Generated tokens per vendor cloud; every fixture case runs as well. */
const RUNS = 800;
const PROPERTY_TIMEOUT = 120_000;

/** A cloud and how a widget hands it a token. */
interface Target {
  name: string;
  cloud: VendorCloud;
  body(token: string): Record<string, string>;
  /** Every secret the cloud holds: none may appear in an answer. */
  secrets: string[];
  /** Decoding that does not depend on the token (OpenWeb fetching Auth0's key set). */
  setupWork?: number;
}

/** HS256 tokens the site signs, as `recipe` describes them, with the rules the vendor applies. */
interface SignedTarget extends Target {
  recipe: TokenRecipe;
  rules: readonly BrokenRule[];
}

function vendorTarget(
  vendor: Exclude<VendorId, 'generic'>,
  cloud: VendorCloud,
  secret: string,
  kid?: string,
): SignedTarget {
  const contract = getContract(vendor);
  const bytes =
    contract.secretEncoding === 'base64url'
      ? base64url.decode(secret)
      : new TextEncoder().encode(secret);
  return {
    name: vendor,
    cloud,
    body: (token) => ({ token: vendor === 'tiledesk' ? `JWT ${token}` : token }),
    secrets: [secret],
    recipe: {
      header: kid ? { alg: 'HS256', typ: 'JWT', kid } : { alg: 'HS256', typ: 'JWT' },
      claims: { ...contract.claims(ada), iat: NOW - 10, exp: NOW + 290 },
      secret: bytes,
      now: NOW,
      maxTtl: contract.maxTtl,
      clockTolerance: contract.clockSkew,
    },
    rules: VENDOR_RULES,
  };
}

const identityProvider = await createIdentityProvider({ baseUrl: 'http://idp.test', now });
const { gigya, piano } = identityProvider.settings;
/** Auth0's published keys, which the OpenWeb cloud fetches from the identity provider. */
const jwks = await (
  await identityProvider.handler(new Request('http://idp.test/auth0/.well-known/jwks.json'))
).text();
const openWeb = createVendorCloud('openweb', {
  providers: identityProvider.settings,
  fetch: (input, init) => identityProvider.handler(new Request(input, init)),
  now,
});

/**
 * OpenWeb verifies an identity provider's token with jose's rules: HS256,
 * `sub`, `iat` and `exp` present, not expired, Piano's `aud`. Those tokens
 * have no lifetime cap and no header rules of chat-sso's.
 */
function openWebTarget(
  provider: Exclude<OpenWebProvider, 'auth0'>,
  claims: Record<string, unknown>,
  secret: Uint8Array,
): SignedTarget {
  return {
    name: `openweb (${provider})`,
    cloud: openWeb,
    body: (token) => ({ provider, token }),
    secrets: [gigya.secret, piano.privateKey],
    recipe: {
      header: { alg: 'HS256', typ: 'JWT' },
      claims: { sub: ada.id, email: ada.email, ...claims, iat: NOW - 10, exp: NOW + 290 },
      secret,
      now: NOW,
      maxTtl: 3600,
      clockTolerance: 60,
    },
    rules: ['signature', 'format', 'timestamps', 'claims'],
  };
}

const signedTargets: SignedTarget[] = [
  // The vendors that verify with one shared secret.
  ...(['spartez', 'tiledesk', 'medchat'] as const).map((vendor) =>
    vendorTarget(
      vendor,
      createVendorCloud(vendor, { secret: secrets[vendor], now }),
      secrets[vendor],
    ),
  ),
  vendorTarget(
    'zendesk',
    createVendorCloud('zendesk', { keys: secrets.zendesk, now }),
    secrets.zendesk['app_key-1'],
    'app_key-1',
  ),
  openWebTarget('piano', { aud: piano.appId }, new TextEncoder().encode(piano.privateKey)),
  openWebTarget('gigya', { apiKey: gigya.apiKey }, Buffer.from(gigya.secret, 'base64')),
];

/** What a refusal may be: the token's fault (401), a request the cloud cannot read (400), too large (413). */
const REFUSALS: CloudErrorCode[] = ['invalid_token', 'invalid_request', 'payload_too_large'];

async function login(target: Target, token: string) {
  const body = JSON.stringify(target.body(token));
  const request = new Request(`http://vendor.test/vendor/x/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  const { result, decoded } = await measureDecodeWork(() => target.cloud(request));
  return { response: result, text: await result.text(), decoded, received: body.length };
}

/** Refused in the cloud's own terms, never a 200 or a 500, and nothing secret in the answer. */
function isRefusal(target: Target, { response, text }: Awaited<ReturnType<typeof login>>): boolean {
  const { error } = JSON.parse(text) as { error: CloudErrorCode };
  return (
    response.status >= 400 &&
    response.status < 500 &&
    REFUSALS.includes(error) &&
    !/\n\s+at /.test(text) &&
    target.secrets.every((secret) => !text.includes(secret))
  );
}

/** Linear in the body received; a token over the length cap is never decoded itself. */
function isBoundedWork(
  target: Target,
  token: string,
  { decoded, received }: Awaited<ReturnType<typeof login>>,
): boolean {
  return (
    (token.length <= MAX_TOKEN_LENGTH || decoded.base64 === 0) &&
    isLinearWork(decoded, received, 64 + (target.setupWork ?? 0))
  );
}

describe.each(signedTargets)('the $name cloud under hostile tokens', (target) => {
  const { valid, cases } = hostileTokens(target.recipe);
  const covered = cases.filter(({ breaks }) => target.rules.includes(breaks));

  it('accepts the token the hostile ones are made from', async () => {
    expect((await login(target, valid)).response.status).toBe(200);
  });

  it.each(covered)('refuses $name', async ({ token }) => {
    expect(isRefusal(target, await login(target, token))).toBe(true);
  });

  it(`refuses ${RUNS} random and mutated tokens, in linear work`, {
    timeout: PROPERTY_TIMEOUT,
  }, async () => {
    await fc.assert(
      fc.asyncProperty(
        hostileTokenArbitrary(target.recipe, { rules: target.rules }),
        async (token) => {
          const attempt = await login(target, token);
          return isRefusal(target, attempt) && isBoundedWork(target, token, attempt);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('refuses a 5 MB token before decoding anything', async () => {
    const attempt = await login(
      target,
      cases.find(({ token }) => token.length > FIVE_MEGABYTES)!.token,
    );
    expect(attempt.response.status).toBe(413);
    expect(attempt.decoded.total).toBe(0);
  });
});

describe('the openweb cloud under hostile Auth0 tokens (RS256 against the published keys)', () => {
  const target: Target = {
    name: 'openweb (auth0)',
    cloud: openWeb,
    body: (token) => ({ provider: 'auth0', token }),
    secrets: [gigya.secret, piano.privateKey],
    // Read as bytes, then as JSON, each time jose fetches it again (a `kid` it has not seen).
    setupWork: 2 * jwks.length,
  };

  it('accepts a token of the identity provider, and refuses it re-signed HS256 with the public key as the secret', async () => {
    const valid = await identityProvider.issueToken('auth0', ada);
    expect((await login(target, valid)).response.status).toBe(200);
    const { keys } = JSON.parse(jwks) as { keys: object[] };
    const [header, claims] = valid
      .split('.')
      .slice(0, 2)
      .map((part) => JSON.parse(Buffer.from(part!, 'base64url').toString()));
    // The classic confusion: a verifier that let the token pick HMAC would key it with the public key.
    const publicKey = new TextEncoder().encode(JSON.stringify(keys[0]));
    const confused = forgeToken({ ...header, alg: 'HS256' }, claims, publicKey);
    expect(isRefusal(target, await login(target, confused))).toBe(true);
  });

  it(`refuses ${RUNS} corruptions of a valid token and random text, in linear work`, {
    timeout: PROPERTY_TIMEOUT,
  }, async () => {
    const valid = await identityProvider.issueToken('auth0', ada);
    const tokens = fc.oneof(
      mutatedTokenArbitrary(valid),
      fc.string({ unit: 'binary', size: 'large' }),
    );
    await fc.assert(
      fc.asyncProperty(tokens, async (token) => {
        const attempt = await login(target, token);
        return isRefusal(target, attempt) && isBoundedWork(target, token, attempt);
      }),
      { numRuns: RUNS },
    );
  });
});
