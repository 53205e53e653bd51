import { describe, expect, it } from 'vitest';
import { type AuthFetchOptions, createAuthFetch } from '../auth-fetch';
import { ChatSSOError } from '../errors';

/**
 * The seed's endpoints as a `fetch` (the real server is exercised in
 * @chat-sso/server's integration tests): access tokens live `ttl` seconds
 * of the injected clock; the API answers 401 to anything but a live token.
 */
function tokenEndpoints(options: { ttl?: number; signedIn?: boolean } = {}) {
  const ttl = options.ttl ?? 60;
  const state = {
    clock: 1_700_000_000_000,
    signedIn: options.signedIn ?? true,
    refreshAccepted: true,
    reauthStatus: 200,
    issued: 0,
    live: new Map<string, number>(),
    calls: [] as string[],
    apiAuthorizations: [] as (string | null)[],
    apiBodies: [] as string[],
  };
  const tokens = () => {
    state.issued += 1;
    const access = `access-${state.issued}`;
    state.live.set(access, state.clock + ttl * 1000);
    return { authentication: access, expires_in: ttl };
  };
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request =
      input instanceof Request
        ? new Request(input, init)
        : new Request(new URL(String(input), 'https://site.test'), init);
    const path = new URL(request.url).pathname;
    state.calls.push(path);
    const authorization = request.headers.get('Authorization');
    if (path === '/system/auth') {
      return state.signedIn
        ? Response.json({ ...tokens(), refresh: 'refresh-1' })
        : new Response(null, { status: 401 });
    }
    if (path === '/system/reauth') {
      if (state.reauthStatus !== 200) return new Response(null, { status: state.reauthStatus });
      return authorization === 'Bearer refresh-1' && state.refreshAccepted
        ? Response.json(tokens())
        : new Response(null, { status: 401 });
    }
    state.apiAuthorizations.push(authorization);
    state.apiBodies.push(await request.text());
    const expiry = state.live.get(authorization?.replace('Bearer ', '') ?? '');
    return expiry !== undefined && state.clock < expiry
      ? Response.json({ ok: true })
      : new Response(null, { status: 401 });
  };
  /** An auth-fetch talking to these endpoints on their clock. */
  const client = (more: Partial<AuthFetchOptions> = {}) =>
    createAuthFetch({ ...urls, fetch, now: () => state.clock, ...more });
  return { state, fetch, client };
}

const urls = { authUrl: '/system/auth', reauthUrl: '/system/reauth', locks: null } as const;

describe('createAuthFetch', () => {
  it('signs in on first use and sends the access token as a Bearer token', async () => {
    const server = tokenEndpoints();
    const authFetch = server.client();
    const response = await authFetch('/api/projects');
    expect(response.status).toBe(200);
    expect(server.state.calls).toEqual(['/system/auth', '/api/projects']);
    expect(server.state.apiAuthorizations).toEqual(['Bearer access-1']);
    // One second short of `expires_in`: the server may have truncated `iat`.
    expect(authFetch.getSnapshot()).toEqual({ refreshes: 0, expiresAt: 1_700_000_059 });
  });

  it('renews before a request sent once the published expiry has passed, whatever the millisecond of sign-in', async () => {
    const server = tokenEndpoints({ ttl: 5 });
    server.state.clock = 1_700_000_000_967;
    const authFetch = server.client();
    await authFetch('/api/projects');
    const { expiresAt } = authFetch.getSnapshot();
    server.state.clock = (expiresAt ?? 0) * 1000;
    await authFetch('/api/projects');
    expect(server.state.calls).toEqual([
      '/system/auth',
      '/api/projects',
      '/system/reauth',
      '/api/projects',
    ]);
    expect(authFetch.getSnapshot().refreshes).toBe(1);
  });

  it('renews before sending once 90% of the lifetime has passed, without a 401 first', async () => {
    const server = tokenEndpoints({ ttl: 100 });
    const authFetch = server.client();
    await authFetch('/api/projects');
    server.state.clock += 89_000;
    await authFetch('/api/projects');
    server.state.clock += 2_000;
    await authFetch('/api/projects');
    expect(server.state.calls).toEqual([
      '/system/auth',
      '/api/projects',
      '/api/projects',
      '/system/reauth',
      '/api/projects',
    ]);
    expect(authFetch.getSnapshot().refreshes).toBe(1);
  });

  it('renews once after a 401 and retries the request once, body included', async () => {
    const server = tokenEndpoints();
    const authFetch = server.client();
    await authFetch('/api/projects');
    server.state.live.clear();
    const response = await authFetch(
      new Request('https://site.test/api/projects', { method: 'POST', body: 'payload' }),
    );
    expect(response.status).toBe(200);
    expect(server.state.apiBodies.slice(1)).toEqual(['payload', 'payload']);
    expect(server.state.apiAuthorizations.slice(1)).toEqual(['Bearer access-1', 'Bearer access-2']);
  });

  it('shares one renewal between concurrent requests and notifies subscribers once', async () => {
    const server = tokenEndpoints();
    const authFetch = server.client();
    await authFetch('/api/projects');
    server.state.live.clear();
    let notifications = 0;
    authFetch.subscribe(() => {
      notifications += 1;
    });
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => authFetch('/api/projects')),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(10).fill(200));
    expect(server.state.calls.filter((path) => path === '/system/reauth')).toHaveLength(1);
    expect(notifications).toBe(1);
    expect(authFetch.getSnapshot().refreshes).toBe(1);
  });

  it('signs in again when the refresh token is refused', async () => {
    const server = tokenEndpoints();
    const authFetch = server.client();
    await authFetch('/api/projects');
    server.state.live.clear();
    server.state.refreshAccepted = false;
    expect((await authFetch('/api/projects')).status).toBe(200);
    expect(server.state.calls.slice(2)).toEqual([
      '/api/projects',
      '/system/reauth',
      '/system/auth',
      '/api/projects',
    ]);
    expect(authFetch.getSnapshot().refreshes).toBe(0);
  });

  it('rejects with session_expired when the site session has ended too', async () => {
    const server = tokenEndpoints();
    const authFetch = server.client();
    await authFetch('/api/projects');
    server.state.live.clear();
    server.state.refreshAccepted = false;
    server.state.signedIn = false;
    const failure = authFetch('/api/projects');
    await expect(failure).rejects.toBeInstanceOf(ChatSSOError);
    await expect(failure).rejects.toMatchObject({ code: 'session_expired', transient: false });
    expect(authFetch.getSnapshot().expiresAt).toBeNull();
  });

  it('keeps its tokens and reports a transient error while the token service is unavailable', async () => {
    const server = tokenEndpoints();
    const authFetch = server.client();
    await authFetch('/api/projects');
    server.state.live.clear();
    server.state.reauthStatus = 503;
    await expect(authFetch('/api/projects')).rejects.toMatchObject({
      code: 'token_unavailable',
      transient: true,
    });
    server.state.reauthStatus = 200;
    expect((await authFetch('/api/projects')).status).toBe(200);
    expect(server.state.calls.filter((path) => path === '/system/auth')).toHaveLength(1);
  });

  it('reports a network error as a transient ChatSSOError', async () => {
    const authFetch = createAuthFetch({
      ...urls,
      fetch: () => Promise.reject(new TypeError('fetch failed')),
    });
    await expect(authFetch('/api/projects')).rejects.toMatchObject({
      code: 'network',
      transient: true,
    });
  });

  it('reports a sign-in answer without an access token as token_unavailable', async () => {
    const authFetch = createAuthFetch({ ...urls, fetch: async () => Response.json({ nope: 1 }) });
    await expect(authFetch('/api/projects')).rejects.toMatchObject({ code: 'token_unavailable' });
  });

  it('falls back to the token exp when the server sends no expires_in', async () => {
    const exp = 1_700_000_100;
    const payload = btoa(JSON.stringify({ exp })).replace(/=+$/, '');
    const access = `eyJhbGciOiJIUzI1NiJ9.${payload}.c2ln`;
    const authFetch = createAuthFetch({
      ...urls,
      now: () => 1_700_000_000_000,
      fetch: async (input) =>
        String(input) === '/system/auth'
          ? Response.json({ authentication: access, refresh: 'r' })
          : Response.json({}),
    });
    await authFetch('/api/projects');
    expect(authFetch.getSnapshot().expiresAt).toBe(exp - 1);
  });

  it('renews under the injected Web Lock, so tabs refresh one at a time', async () => {
    const server = tokenEndpoints();
    const requested: string[] = [];
    const locks = {
      request: ((name: string, callback: () => Promise<unknown>) => {
        requested.push(name);
        return callback();
      }) as LockManager['request'],
    };
    const authFetch = server.client({ locks });
    await authFetch('/api/projects');
    server.state.live.clear();
    await authFetch('/api/projects');
    expect(requested).toEqual(['chat-sso:auth-fetch', 'chat-sso:auth-fetch']);
  });

  it('hands another HTTP client a valid access token: signing in first, renewing once due', async () => {
    const server = tokenEndpoints({ ttl: 100 });
    const authFetch = server.client();
    expect(await authFetch.accessToken()).toBe('access-1');
    server.state.clock += 89_000;
    expect(await authFetch.accessToken()).toBe('access-1');
    server.state.clock += 2_000;
    expect(await authFetch.accessToken()).toBe('access-2');
    expect(server.state.calls).toEqual(['/system/auth', '/system/reauth']);
    expect(authFetch.getSnapshot().refreshes).toBe(1);
  });

  it('renews once for all callers refused the same access token, and not again for a stale refusal', async () => {
    const server = tokenEndpoints();
    const authFetch = server.client();
    const refused = await authFetch.accessToken();
    const renewed = await Promise.all(
      Array.from({ length: 10 }, () => authFetch.accessToken(refused)),
    );
    expect(renewed).toEqual(Array(10).fill('access-2'));
    // A 401 to the old token that arrives after the renewal gets the new token as it is.
    expect(await authFetch.accessToken(refused)).toBe('access-2');
    expect(server.state.calls).toEqual(['/system/auth', '/system/reauth']);
  });

  it('rejects accessToken with session_expired when neither the refresh token nor the session is accepted', async () => {
    const server = tokenEndpoints();
    const authFetch = server.client();
    const refused = await authFetch.accessToken();
    server.state.refreshAccepted = false;
    server.state.signedIn = false;
    await expect(authFetch.accessToken(refused)).rejects.toMatchObject({
      code: 'session_expired',
    });
    expect(server.state.calls).toEqual(['/system/auth', '/system/reauth', '/system/auth']);
  });

  it('signs out: revokes at logoutUrl, forgets the tokens and drops a renewal in flight', async () => {
    const server = tokenEndpoints();
    const logouts: (string | null)[] = [];
    let releaseSignIn = () => {};
    const signInHeld = new Promise<void>((resolve) => {
      releaseSignIn = resolve;
    });
    let held = false;
    const authFetch = createAuthFetch({
      ...urls,
      logoutUrl: '/system/logout',
      now: () => server.state.clock,
      fetch: async (input, init) => {
        if (String(input) === '/system/logout') {
          logouts.push(new Headers(init?.headers).get('Authorization'));
          return new Response(null, { status: 204 });
        }
        if (held && String(input) === '/system/auth') await signInHeld;
        return server.fetch(input, init);
      },
    });
    await authFetch('/api/projects');
    await authFetch.signOut();
    expect(logouts).toEqual(['Bearer refresh-1']);
    expect(authFetch.getSnapshot().expiresAt).toBeNull();

    held = true;
    const inFlight = authFetch('/api/projects');
    await authFetch.signOut();
    releaseSignIn();
    await expect(inFlight).rejects.toMatchObject({ code: 'logged_out' });
    expect(authFetch.getSnapshot().expiresAt).toBeNull();
  });
});
