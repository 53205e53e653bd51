import { describe, expect, it, onTestFinished } from 'vitest';
import { createIssuer } from '../issuer';
import { MAX_REFRESH_TTL, RefreshTokenError } from '../refresh-families';
import { createSystemAuth } from '../system-auth';
import { TokenError } from '../token-error';
import { createVerifier } from '../verifier';
import { expressTarget, type HttpTarget, nodeTarget, webTarget } from './http-targets';
import {
  ACCESS_SECRET,
  authenticate,
  createSystemAuthApp,
  type SystemAuthApp,
} from './system-auth-app';

interface Tokens {
  authentication: string;
  refresh?: string;
  expires_in: number;
}

let app: SystemAuthApp;
let target: HttpTarget;

async function serve(
  options: Parameters<typeof createSystemAuthApp>[0] = {},
  kind = nodeTarget,
): Promise<void> {
  app = await createSystemAuthApp(options);
  target = await kind.start(app.handler);
  const started = { app, target };
  onTestFinished(async () => {
    await started.target.close();
    await started.app.dispose();
  });
}

const signIn = (headers: Record<string, string> = { Cookie: 'session=ada' }) =>
  target.fetch('/system/auth', { headers });
const reauth = (authorization: string) =>
  target.fetch('/system/reauth', { headers: { Authorization: authorization } });
const callApi = (authorization: string) =>
  target.fetch('/api/projects', { headers: { Authorization: authorization } });
const logout = (refresh: string) =>
  target.fetch('/system/logout', {
    method: 'POST',
    headers: { Authorization: `Bearer ${refresh}` },
  });
const tokensOf = async (response: Response) => (await response.json()) as Tokens;
const errorCodes = () => app.errors.map((error) => (error as RefreshTokenError | TokenError).code);

async function expectInvalidToken(response: Response): Promise<void> {
  expect(response.status).toBe(401);
  expect(response.headers.get('WWW-Authenticate')).toBe('Bearer error="invalid_token"');
  expect(response.headers.get('Cache-Control')).toBe('no-store');
  expect(await response.json()).toEqual({
    error: 'invalid_token',
    message: 'a valid token is required',
  });
}

describe.each([webTarget, nodeTarget, expressTarget])(
  "the seed's whole flow through $name",
  (kind) => {
    it('auth → call → expire → 401 → reauth → call, with raw tokens in Authorization', async () => {
      await serve({ rotation: 'reuse' }, kind);
      const signedIn = await signIn();
      expect(signedIn.status).toBe(200);
      expect(signedIn.headers.get('Cache-Control')).toBe('no-store');
      const first = await tokensOf(signedIn);
      expect(Object.keys(first)).toEqual(['authentication', 'refresh', 'expires_in']);
      expect(first.expires_in).toBe(15 * 60);

      const call = await callApi(first.authentication);
      expect(call.status).toBe(200);
      expect(await call.json()).toEqual({
        user: { id: 'user-ada', name: 'Ada Lovelace', email: 'ada@example.com' },
        projects: ['Apollo', 'Gemini'],
      });

      app.clock.now += 15 * 60 + 61; // past exp and the verifier's 60 s clock tolerance
      await expectInvalidToken(await callApi(first.authentication));
      expect(errorCodes()).toEqual(['expired']);

      const renewed = await reauth(first.refresh!);
      expect(renewed.status).toBe(200);
      expect(renewed.headers.get('Cache-Control')).toBe('no-store');
      const second = await tokensOf(renewed);
      expect(Object.keys(second)).toEqual(['authentication', 'expires_in']);
      expect((await callApi(second.authentication)).status).toBe(200);

      // Seed-compatible: the same refresh token keeps working until its family ends.
      app.clock.now += 15 * 60 + 61;
      expect((await reauth(first.refresh!)).status).toBe(200);
    });
  },
);

describe('/system/auth', () => {
  it('accepts HTTP Basic credentials the site checks, and refuses wrong ones without a challenge', async () => {
    await serve();
    const basic = (credentials: string) => ({
      Authorization: `Basic ${Buffer.from(credentials).toString('base64')}`,
    });
    expect((await signIn(basic('ada:correct horse battery staple'))).status).toBe(200);
    const refused = await signIn(basic('ada:wrong'));
    expect(refused.status).toBe(401);
    expect(refused.headers.get('WWW-Authenticate')).toBeNull();
    expect(refused.headers.get('Cache-Control')).toBe('no-store');
    expect(await refused.json()).toEqual({ error: 'unauthenticated', message: 'sign in first' });
    expect((await signIn({})).status).toBe(401);
  });

  it('answers a failing session check with a 500 that says nothing internal', async () => {
    await serve();
    const response = await signIn({ Cookie: 'session=explode' });
    expect(response.status).toBe(500);
    expect(response.headers.get('Cache-Control')).toBe('no-store');
    expect(await response.json()).toEqual({
      error: 'internal_error',
      message: 'sign-in failed on the server',
    });
    expect(String(app.errors[0])).toContain('session database down');
  });

  it('refuses cross-site requests and methods other than GET', async () => {
    await serve();
    const crossSite = await signIn({ Cookie: 'session=ada', Origin: 'https://evil.example' });
    expect(crossSite.status).toBe(403);
    const fetchMetadata = await signIn({ Cookie: 'session=ada', 'Sec-Fetch-Site': 'cross-site' });
    expect(fetchMetadata.status).toBe(403);
    const viaPost = await target.fetch('/system/auth', {
      method: 'POST',
      headers: { Cookie: 'session=ada' },
    });
    expect(viaPost.status).toBe(405);
    expect(viaPost.headers.get('Allow')).toBe('GET');
  });
});

describe('refresh families', () => {
  it('rotates on every refresh and revokes the whole family when a retired token is reused', async () => {
    await serve({ rotation: 'rotate' });
    const first = await tokensOf(await signIn());
    const second = await tokensOf(await reauth(`Bearer ${first.refresh}`));
    expect(Object.keys(second)).toEqual(['authentication', 'refresh', 'expires_in']);
    expect(second.refresh).not.toBe(first.refresh);

    await expectInvalidToken(await reauth(`Bearer ${first.refresh}`));
    await expectInvalidToken(await reauth(`Bearer ${second.refresh}`));
    expect(errorCodes()).toEqual(['reused', 'revoked']);
  });

  it('logout revokes the family: its refresh token no longer renews', async () => {
    await serve();
    const tokens = await tokensOf(await signIn());
    const loggedOut = await logout(tokens.refresh!);
    expect(loggedOut.status).toBe(204);
    expect(loggedOut.headers.get('Cache-Control')).toBe('no-store');
    await expectInvalidToken(await reauth(tokens.refresh!));
    await expectInvalidToken(await logout('A'.repeat(43)));
    expect(errorCodes()).toEqual(['revoked', 'unknown']);
  });

  it('ends a family 7 days after sign-in however recently it was refreshed', async () => {
    await serve();
    let tokens = await tokensOf(await signIn());
    app.clock.now += MAX_REFRESH_TTL - 60;
    tokens = await tokensOf(await reauth(tokens.refresh!));
    app.clock.now += 60;
    await expectInvalidToken(await reauth(tokens.refresh!));
    expect(errorCodes()).toEqual(['expired']);
  });

  it('refuses a refresh lifetime above 7 days', () => {
    expect(() =>
      createSystemAuth({
        authenticate,
        accessSecret: ACCESS_SECRET,
        store: {} as never,
        refreshTtl: MAX_REFRESH_TTL + 1,
      }),
    ).toThrow(RangeError);
  });
});

describe('tokens in the wrong place', () => {
  it('refuses an access token used as a refresh token, and the reverse', async () => {
    await serve();
    const tokens = await tokensOf(await signIn());
    await expectInvalidToken(await reauth(`Bearer ${tokens.authentication}`));
    await expectInvalidToken(await callApi(`Bearer ${tokens.refresh}`));
    expect(errorCodes()).toEqual(['malformed', 'malformed']);
    expect(app.errors[0]).toBeInstanceOf(RefreshTokenError);
    expect(app.errors[1]).toBeInstanceOf(TokenError);
  });

  it('keeps SSO tokens (typ JWT) and access tokens apart even under one secret', async () => {
    await serve();
    const sso = createIssuer({ secret: ACCESS_SECRET, now: () => app.clock.now });
    const { token } = await sso.issue({ id: 'user-ada' });
    await expectInvalidToken(await callApi(`Bearer ${token}`));
    expect(errorCodes()).toEqual(['wrong_typ']);

    const { authentication } = await tokensOf(await signIn());
    const ssoVerifier = createVerifier({ secret: ACCESS_SECRET, now: () => app.clock.now });
    await expect(ssoVerifier.verify(authentication)).rejects.toMatchObject({ code: 'wrong_typ' });
  });

  it('answers a request without any token with the bare Bearer challenge', async () => {
    await serve();
    for (const response of [await callApi(''), await reauth('Bearer ')]) {
      expect(response.status).toBe(401);
      expect(response.headers.get('WWW-Authenticate')).toBe('Bearer');
    }
  });

  it('accepts Bearer and raw tokens alike and never echoes a token in an answer', async () => {
    await serve();
    const tokens = await tokensOf(await signIn());
    expect((await callApi(`bearer ${tokens.authentication}`)).status).toBe(200);
    expect((await callApi(tokens.authentication)).status).toBe(200);
    const refused = await callApi(`${tokens.authentication}x`);
    expect(await refused.text()).not.toContain(tokens.authentication.slice(0, 20));
  });
});
