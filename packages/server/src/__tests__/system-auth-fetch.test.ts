import { createAuthFetch } from '@chat-sso/core/auth-fetch';
import { describe, expect, it, onTestFinished } from 'vitest';
import { nodeTarget } from './http-targets';
import { createSystemAuthApp, START } from './system-auth-app';

/**
 * createAuthFetch (the browser side) against the real endpoints on a real
 * loopback server. The server's and the client's clocks are set apart on
 * purpose: the client only learns of an expiry from a 401.
 */
async function setUp(rotation: 'rotate' | 'reuse' = 'rotate') {
  const app = await createSystemAuthApp({ rotation });
  const target = await nodeTarget.start(app.handler);
  onTestFinished(async () => {
    await target.close();
    await app.dispose();
  });
  const browser = { cookie: 'session=ada', now: START * 1000 };
  const authFetch = createAuthFetch({
    authUrl: `${target.origin}/system/auth`,
    reauthUrl: `${target.origin}/system/reauth`,
    logoutUrl: `${target.origin}/system/logout`,
    locks: null,
    now: () => browser.now,
    // What the browser adds by itself: the site's session cookie.
    fetch: (input, init) => {
      const headers = new Headers(init?.headers);
      if (browser.cookie) headers.set('Cookie', browser.cookie);
      return fetch(input, { ...init, headers });
    },
  });
  const api = () => authFetch(`${target.origin}/api/projects`);
  return { app, authFetch, api, browser, calls: (path: string) => app.calls.get(path) ?? 0 };
}

describe('createAuthFetch against the real /system endpoints', () => {
  it('signs in, then after the access token expires gets a 401, renews once and succeeds', async () => {
    const { app, authFetch, api, calls } = await setUp();
    expect(await (await api()).json()).toMatchObject({ user: { id: 'user-ada' } });
    app.clock.now += 15 * 60 + 61;
    const response = await api();
    expect(response.status).toBe(200);
    expect(calls('/system/auth')).toBe(1);
    expect(calls('/system/reauth')).toBe(1);
    expect(calls('/api/projects')).toBe(3);
    expect(authFetch.getSnapshot().refreshes).toBe(1);
  });

  it('turns 50 concurrent requests with an expired token into exactly one reauth', async () => {
    const { app, authFetch, api, calls } = await setUp('rotate');
    await api();
    app.clock.now += 15 * 60 + 61;
    const responses = await Promise.all(Array.from({ length: 50 }, api));
    expect(responses.map((response) => response.status)).toEqual(Array(50).fill(200));
    expect(calls('/system/reauth')).toBe(1);
    expect(authFetch.getSnapshot().refreshes).toBe(1);
    // A second reauth with the rotated-away token would have revoked the family.
    expect(app.errors.filter((error) => (error as { code?: string }).code === 'reused')).toEqual(
      [],
    );
  });

  it('renews before the token expires when the clocks agree, so the API never answers 401', async () => {
    const { app, api, browser, calls } = await setUp();
    await api();
    for (let minute = 1; minute <= 60; minute += 1) {
      app.clock.now += 60;
      browser.now += 60_000;
      expect((await api()).status).toBe(200);
    }
    expect(app.errors).toEqual([]);
    expect(calls('/api/projects')).toBe(61);
    // Renewed at 90% of 15 min, i.e. on the first call from minute 14 on: minutes 14, 28, 42, 56.
    expect(calls('/system/reauth')).toBe(4);
  });

  it('signs in again when the refresh token is refused, and rejects with session_expired once the site session is gone too', async () => {
    const { app, api, browser, calls } = await setUp();
    await api();
    app.clock.now += 7 * 24 * 60 * 60; // the family has ended; the client does not know
    expect((await api()).status).toBe(200);
    expect(calls('/system/reauth')).toBe(1);
    expect(calls('/system/auth')).toBe(2);

    app.clock.now += 7 * 24 * 60 * 60;
    browser.cookie = '';
    await expect(api()).rejects.toMatchObject({ name: 'ChatSSOError', code: 'session_expired' });
    expect(calls('/system/auth')).toBe(3);
  });

  it('signs out by revoking the family on the server, then signs in afresh on the next call', async () => {
    const { app, authFetch, api, calls } = await setUp();
    await api();
    await authFetch.signOut();
    expect(calls('/system/logout')).toBe(1);
    expect(app.errors).toEqual([]);
    expect((await api()).status).toBe(200);
    expect(calls('/system/auth')).toBe(2);
  });
});
