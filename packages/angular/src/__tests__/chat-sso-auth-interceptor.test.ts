import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HttpClient, provideHttpClient, withFetch, withInterceptors } from '@angular/common/http';
import { PLATFORM_ID, provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { createFileRefreshStore, createSystemAuth, toNodeHandler } from '@chat-sso/server';
import { firstValueFrom } from 'rxjs';
import { describe, expect, it, onTestFinished } from 'vitest';
import { ChatSSOAuthFetch } from '../chat-sso-auth-fetch';
import { chatSSOAuthInterceptor } from '../chat-sso-auth-interceptor';
import {
  type ChatSSOAuthFetchConfig,
  provideChatSSOAuthFetch,
} from '../provide-chat-sso-auth-fetch';

const START = 1_750_000_000;
const ACCESS_TTL = 15 * 60;

/**
 * A real site on a loopback port: the seed's `/system/*` endpoints from
 * `createSystemAuth`, a protected `/api/projects`, and a public
 * `/public/status` that records the Authorization header it was sent.
 */
async function startSite() {
  const dir = await mkdtemp(join(tmpdir(), 'chat-sso-angular-'));
  const clock = { now: START };
  const store = await createFileRefreshStore({ dir, now: () => clock.now });
  const systemAuth = createSystemAuth({
    authenticate: (request) =>
      /(?:^|;\s*)session=ada(?:;|$)/.test(request.headers.get('Cookie') ?? '')
        ? { id: 'user-ada', name: 'Ada Lovelace' }
        : null,
    accessSecret: 'access-Zt5Kq8Lm2Wx9Rb4Nc7Vd1Hg6Jp3Sy0Fe',
    accessTtl: ACCESS_TTL,
    store,
    now: () => clock.now,
  });
  const calls: string[] = [];
  const publicAuthorizations: (string | null)[] = [];
  const routes: Record<string, (request: Request) => Promise<Response>> = {
    '/system/auth': systemAuth.auth,
    '/system/reauth': systemAuth.reauth,
    '/api/projects': systemAuth.requireAccessToken(async (_request, user) =>
      Response.json({ user: user.id, projects: ['Apollo', 'Gemini'] }),
    ),
    '/public/status': async (request) => {
      publicAuthorizations.push(request.headers.get('Authorization'));
      return Response.json({ up: true });
    },
  };
  const server = createServer(
    toNodeHandler(async (request) => {
      const path = new URL(request.url).pathname;
      calls.push(path);
      return (routes[path] ?? (async () => new Response(null, { status: 404 })))(request);
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  onTestFinished(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });
  const count = (path: string) => calls.filter((call) => call === path).length;
  return { origin, clock, calls, count, publicAuthorizations };
}

/** An app whose HttpClient (the real fetch backend) goes through the interceptor. */
function setUpApp(
  origin: string,
  config: Partial<ChatSSOAuthFetchConfig> = {},
  platform = 'browser',
) {
  // What the browser adds by itself to the sign-in request: the site's session cookie.
  const browser = { cookie: 'session=ada', now: START * 1000 };
  TestBed.configureTestingModule({
    providers: [
      provideZonelessChangeDetection(),
      { provide: PLATFORM_ID, useValue: platform },
      provideHttpClient(withFetch(), withInterceptors([chatSSOAuthInterceptor])),
      provideChatSSOAuthFetch({
        authUrl: `${origin}/system/auth`,
        reauthUrl: `${origin}/system/reauth`,
        locks: null,
        now: () => browser.now,
        fetch: (input, init) => {
          const headers = new Headers(init?.headers);
          if (browser.cookie) headers.set('Cookie', browser.cookie);
          return fetch(input, { ...init, headers });
        },
        urls: (url) => url.origin === origin && url.pathname.startsWith('/api/'),
        ...config,
      }),
    ],
  });
  const http = TestBed.inject(HttpClient);
  const get = (path: string) =>
    firstValueFrom(http.get<Record<string, unknown>>(`${origin}${path}`));
  return { browser, get, authFetch: TestBed.inject(ChatSSOAuthFetch) };
}

describe('chatSSOAuthInterceptor against createSystemAuth on loopback', () => {
  it('signs in once and sends matching requests with the access token', async () => {
    const site = await startSite();
    const app = setUpApp(site.origin);
    expect(await app.get('/api/projects')).toEqual({
      user: 'user-ada',
      projects: ['Apollo', 'Gemini'],
    });
    expect(await app.get('/api/projects')).toMatchObject({ user: 'user-ada' });
    expect(site.calls).toEqual(['/system/auth', '/api/projects', '/api/projects']);
  });

  it('after the access token expires gets a 401, renews once and retries the request', async () => {
    const site = await startSite();
    const app = setUpApp(site.origin);
    await app.get('/api/projects');
    // Only the server's clock moves: the client learns of the expiry from the 401.
    site.clock.now += ACCESS_TTL + 61;
    expect(await app.get('/api/projects')).toMatchObject({ user: 'user-ada' });
    expect(site.calls).toEqual([
      '/system/auth',
      '/api/projects',
      '/api/projects',
      '/system/reauth',
      '/api/projects',
    ]);
    expect(app.authFetch.getSnapshot().refreshes).toBe(1);
  });

  it('renews before sending once the token is nearly due, so the API never answers 401', async () => {
    const site = await startSite();
    const app = setUpApp(site.origin);
    await app.get('/api/projects');
    site.clock.now += ACCESS_TTL * 0.9 + 1;
    app.browser.now += (ACCESS_TTL * 0.9 + 1) * 1000;
    await app.get('/api/projects');
    expect(site.calls).toEqual([
      '/system/auth',
      '/api/projects',
      '/system/reauth',
      '/api/projects',
    ]);
  });

  it('lets 20 concurrent requests refused with an expired token share one reauth', async () => {
    const site = await startSite();
    const app = setUpApp(site.origin);
    await app.get('/api/projects');
    site.clock.now += ACCESS_TTL + 61;
    const results = await Promise.all(Array.from({ length: 20 }, () => app.get('/api/projects')));
    expect(results).toEqual(Array(20).fill({ user: 'user-ada', projects: ['Apollo', 'Gemini'] }));
    expect(site.count('/system/reauth')).toBe(1);
    expect(site.count('/system/auth')).toBe(1);
    expect(app.authFetch.getSnapshot().refreshes).toBe(1);
  });

  it('sends a request outside the configured URLs as it is, with no token and no sign-in', async () => {
    const site = await startSite();
    const app = setUpApp(site.origin);
    expect(await app.get('/public/status')).toEqual({ up: true });
    expect(site.publicAuthorizations).toEqual([null]);
    expect(site.calls).toEqual(['/public/status']);
  });

  it('by default sends no token to another origin than the page', async () => {
    const site = await startSite();
    const app = setUpApp(site.origin, { urls: undefined });
    expect(new URL(site.origin).origin).not.toBe(document.location.origin);
    await expect(app.get('/api/projects')).rejects.toMatchObject({ status: 401 });
    expect(site.calls).toEqual(['/api/projects']);
  });

  it('fails the request with session_expired when the refresh token and the session are both refused', async () => {
    const site = await startSite();
    const app = setUpApp(site.origin);
    await app.get('/api/projects');
    // The refresh family's 7 days are over, and the site's session has ended.
    site.clock.now += 7 * 24 * 60 * 60 + 1;
    app.browser.cookie = '';
    await expect(app.get('/api/projects')).rejects.toMatchObject({
      name: 'ChatSSOError',
      code: 'session_expired',
    });
    expect(site.calls).toEqual([
      '/system/auth',
      '/api/projects',
      '/api/projects',
      '/system/reauth',
      '/system/auth',
    ]);
  });

  it('sends requests as they are during server rendering: the tokens belong to the browser', async () => {
    const site = await startSite();
    const app = setUpApp(site.origin, {}, 'server');
    await expect(app.get('/api/projects')).rejects.toMatchObject({ status: 401 });
    expect(site.calls).toEqual(['/api/projects']);
  });
});
