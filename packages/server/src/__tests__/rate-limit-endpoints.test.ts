import type { SiteUser } from '@chat-sso/core';
import { generic } from '@chat-sso/core/contracts';
import express from 'express';
import { describe, expect, it, onTestFinished } from 'vitest';
import { toExpressHandler } from '../express-handler';
import { createIssuer } from '../issuer';
import type { RateLimitOptions } from '../rate-limit';
import { createTokenHandler } from '../token-handler';
import {
  expressTarget,
  type HttpTarget,
  type HttpTargetKind,
  listen,
  nodeTarget,
} from './http-targets';
import { createSystemAuthApp, START } from './system-auth-app';

const SECRET = 'rL5mK8nB2vC7xZ1qW4eT9yU3iO6pA0sD';
const users: Record<string, SiteUser> = { ada: { id: 'ada' }, grace: { id: 'grace' } };
/** 10 s before a minute boundary: every window below ends in 10 s. */
const clock = { now: 1_750_000_010 };

async function tokenEndpoint(kind: HttpTargetKind, rateLimit: RateLimitOptions) {
  const authenticated: string[] = [];
  const handler = createTokenHandler({
    issuer: createIssuer({ contract: generic, secret: SECRET }),
    authenticate: (request) => {
      const session = /session=(\w+)/.exec(request.headers.get('Cookie') ?? '')?.[1];
      authenticated.push(session ?? '');
      return (session && users[session]) || null;
    },
    rateLimit: { now: () => clock.now, ...rateLimit },
  });
  const target = await kind.start(handler);
  onTestFinished(() => target.close());
  const get = (session?: string) =>
    target.fetch('/chat-token', { headers: session ? { Cookie: `session=${session}` } : {} });
  return { get, authenticated };
}

async function expectRateLimited(response: Response, retryAfter: number): Promise<void> {
  expect(response.status).toBe(429);
  expect(response.headers.get('Retry-After')).toBe(String(retryAfter));
  expect(response.headers.get('Cache-Control')).toBe('no-store');
  expect(await response.json()).toEqual({
    error: 'rate_limited',
    message: `too many requests; retry in ${retryAfter} s`,
  });
}

describe.each([nodeTarget, expressTarget])('the token endpoint through $name', (kind) => {
  it('limits each signed-in user, leaves the others alone, and lets them back when the window ends', async () => {
    clock.now = 1_750_000_010;
    const { get } = await tokenEndpoint(kind, {
      perSession: { limit: 3, window: 60 },
      perAddress: false,
    });
    for (let i = 0; i < 3; i += 1) expect((await get('ada')).status).toBe(200);
    await expectRateLimited(await get('ada'), 10);
    expect((await get('grace')).status).toBe(200);
    clock.now += 10;
    expect((await get('ada')).status).toBe(200);
  });

  it('limits each client address before the site’s session check even runs', async () => {
    clock.now = 1_750_000_010;
    const { get, authenticated } = await tokenEndpoint(kind, {
      perAddress: { limit: 2, window: 60 },
    });
    expect((await get()).status).toBe(401);
    expect((await get('ada')).status).toBe(200);
    await expectRateLimited(await get('grace'), 10);
    expect(authenticated).toEqual(['', 'ada']);
  });
});

describe('behind a reverse proxy (Express, trust proxy)', () => {
  it('limits each client by X-Forwarded-For only when the app trusts the proxy', async () => {
    for (const trusted of [true, false]) {
      clock.now = 1_750_000_010;
      const app = express();
      app.set('trust proxy', trusted ? 'loopback' : false);
      const handler = createTokenHandler({
        issuer: createIssuer({ contract: generic, secret: SECRET }),
        authenticate: () => users.ada!,
        rateLimit: { perAddress: { limit: 1, window: 60 }, now: () => clock.now },
      });
      app.get('/chat-token', toExpressHandler(handler));
      const target: HttpTarget = await listen(app);
      const from = (ip: string) =>
        target.fetch('/chat-token', { headers: { 'X-Forwarded-For': ip } });
      expect((await from('198.51.100.1')).status).toBe(200);
      // Trusted: another client. Untrusted: every request comes from the proxy's own address.
      expect((await from('198.51.100.2')).status).toBe(trusted ? 200 : 429);
      await target.close();
    }
  });
});

describe('/system/auth and /system/reauth', () => {
  /** `START` is 40 s into a minute: the windows end 20 s later. */
  const RETRY_AFTER = 60 - (START % 60);

  async function serve(rateLimit: RateLimitOptions, rotation: 'rotate' | 'reuse' = 'rotate') {
    const app = await createSystemAuthApp({ rateLimit, rotation });
    const target = await nodeTarget.start(app.handler);
    onTestFinished(async () => {
      await target.close();
      await app.dispose();
    });
    const signIn = (session = 'ada') =>
      target.fetch('/system/auth', { headers: { Cookie: `session=${session}` } });
    const reauth = (refresh: string) =>
      target.fetch('/system/reauth', { headers: { Authorization: `Bearer ${refresh}` } });
    return { app, signIn, reauth };
  }

  it('limits sign-ins per signed-in user, on the service clock', async () => {
    const { app, signIn } = await serve({
      perSession: { limit: 2, window: 60 },
      perAddress: false,
    });
    expect((await signIn()).status).toBe(200);
    expect((await signIn()).status).toBe(200);
    await expectRateLimited(await signIn(), RETRY_AFTER);
    expect((await signIn('grace')).status).toBe(200);
    app.clock.now += RETRY_AFTER;
    expect((await signIn()).status).toBe(200);
  });

  it('limits renewals per refresh token (the seed’s reuse mode renews one token again and again)', async () => {
    const { signIn, reauth } = await serve(
      { perSession: { limit: 2, window: 60 }, perAddress: false },
      'reuse',
    );
    const { refresh } = (await (await signIn()).json()) as { refresh: string };
    expect((await reauth(refresh)).status).toBe(200);
    expect((await reauth(refresh)).status).toBe(200);
    await expectRateLimited(await reauth(refresh), RETRY_AFTER);
    // A second sign-in is another session, with its own count.
    const other = (await (await signIn()).json()) as { refresh: string };
    expect((await reauth(other.refresh)).status).toBe(200);
  });

  it('limits each client address before the store is asked, so a 429 costs no refresh token', async () => {
    const { app, signIn, reauth } = await serve({ perAddress: { limit: 2, window: 60 } });
    const { refresh } = (await (await signIn()).json()) as { refresh: string };
    const renewed = (await (await reauth(refresh)).json()) as { refresh: string };
    await expectRateLimited(await reauth(renewed.refresh), RETRY_AFTER);
    await expectRateLimited(await signIn('grace'), RETRY_AFTER);
    expect(app.errors).toEqual([]);
    app.clock.now += RETRY_AFTER;
    expect((await reauth(renewed.refresh)).status).toBe(200);
  });
});
