import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { decodeToken } from '@chat-sso/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoServer, startDemoServer } from '../demo-server';

const vendors = ['spartez', 'tiledesk', 'medchat', 'openweb', 'zendesk'];

describe('the demo server, over HTTP on 127.0.0.1', () => {
  let root: string;
  let dataDir: string;
  let server: DemoServer;
  let lines: string[];

  const start = async () => {
    server = await startDemoServer({
      port: 0,
      host: '127.0.0.1',
      dataDir,
      appsDir: path.join(root, 'apps'),
      accessTtl: 60,
      log: (line) => lines.push(line),
    });
  };
  const url = (pathname: string) => `${server.origin}${pathname}`;
  const send = (pathname: string, init: RequestInit = {}) => fetch(url(pathname), init);
  const json = (body: unknown) => ({
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

  async function signIn(username = 'ada'): Promise<string> {
    const response = await send('/api/session', json({ username, password: 'demo' }));
    expect(response.status).toBe(200);
    return response.headers.get('set-cookie')!.split(';')[0]!;
  }

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'demo-server-'));
    dataDir = path.join(root, 'data');
    await mkdir(path.join(root, 'apps', 'react-demo', 'dist'), { recursive: true });
    await writeFile(path.join(root, 'apps', 'react-demo', 'dist', 'index.html'), '<p>react</p>');
    lines = [];
    await start();
  });
  afterAll(async () => {
    await server.close();
    await rm(root, { recursive: true, force: true });
  });

  it('signs ada in with an HttpOnly, SameSite=Lax session cookie, says who is signed in, and signs out', async () => {
    const response = await send('/api/session', json({ username: 'ada', password: 'demo' }));
    expect(await response.json()).toEqual({
      user: { username: 'ada', name: 'Ada Lovelace', email: 'ada@example.com' },
    });
    const cookie = response.headers.get('set-cookie')!;
    expect(cookie).toMatch(
      /^demo_session=[\w-]{43}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=\d+$/,
    );
    const session = cookie.split(';')[0]!;

    const whoAmI = await send('/api/session', { headers: { cookie: session } });
    expect((await whoAmI.json()).user.name).toBe('Ada Lovelace');

    const signOut = await send('/api/session', { method: 'DELETE', headers: { cookie: session } });
    expect(signOut.headers.get('set-cookie')).toContain('Max-Age=0');
    const after = await send('/api/session', { headers: { cookie: session } });
    expect(await after.json()).toEqual({ user: null });
  });

  it('refuses a wrong password, bad JSON and a cross-site sign-in with typed errors', async () => {
    const wrong = await send('/api/session', json({ username: 'ada', password: 'nope' }));
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({
      error: 'invalid_credentials',
      message: 'Unknown user or wrong password.',
    });
    const bad = await send('/api/session', { method: 'POST', body: '{' });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toBe('bad_request');
    const crossSite = await send('/api/session', {
      ...json({ username: 'ada', password: 'demo' }),
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
    });
    expect(crossSite.status).toBe(403);
  });

  it.each(vendors)(
    '%s: mints a chat token that the emulated vendor cloud verifies as Ada',
    async (vendor) => {
      const cookie = await signIn();
      const answer = await send(`/api/chat-token/${vendor}`, { headers: { cookie } });
      expect(answer.status).toBe(200);
      expect(answer.headers.get('cache-control')).toBe('no-store');
      const { token, expiresAt } = await answer.json();
      expect(decodeToken(token).claims.exp).toBe(expiresAt);

      // As each widget sends it: Tiledesk's keeps the `JWT ` prefix, OpenWeb's names the provider.
      const sent = vendor === 'tiledesk' ? `JWT ${token}` : token;
      const login = await send(`/vendor/${vendor}/login`, json({ token: sent, provider: 'auth0' }));
      expect(login.status).toBe(200);
      expect((await login.json()).user.name).toBe('Ada Lovelace');
    },
  );

  it('answers the chat-token endpoint only for a signed-in user', async () => {
    const response = await send('/api/chat-token/spartez');
    expect(response.status).toBe(401);
    expect((await response.json()).error).toBe('unauthenticated');
  });

  it('shortens the token lifetime on request, within the vendor maximum', async () => {
    const cookie = await signIn();
    const short = await send('/api/chat-token/tiledesk?ttl=30', { headers: { cookie } });
    const { claims } = decodeToken((await short.json()).token);
    expect((claims.exp as number) - (claims.iat as number)).toBe(30);

    for (const query of ['ttl=5', 'ttl=601', 'ttl=1.5', 'ttl=abc']) {
      const refused = await send(`/api/chat-token/tiledesk?${query}`, { headers: { cookie } });
      expect(refused.status).toBe(400);
      expect((await refused.json()).error).toBe('invalid_ttl');
    }
    const openweb = await send('/api/chat-token/openweb?ttl=30', { headers: { cookie } });
    expect(openweb.status).toBe(400);
    const unknown = await send('/api/chat-token/intercom', { headers: { cookie } });
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error).toBe('unknown_vendor');
  });

  it('serves the access/refresh flow and the protected projects API', async () => {
    const cookie = await signIn('grace');
    const auth = await send('/system/auth', { headers: { cookie } });
    const { authentication, refresh, expires_in } = await auth.json();
    expect(expires_in).toBe(60);

    const projects = await send('/api/projects', {
      headers: { authorization: `Bearer ${authentication}` },
    });
    expect(projects.headers.get('cache-control')).toBe('no-store');
    expect(projects.headers.get('content-type')).toBe('application/json');
    expect(await projects.json()).toEqual({
      user: 'Grace Hopper',
      projects: ['Harvard Mark I', 'A-0 compiler', 'COBOL'],
    });
    const refused = await send('/api/projects');
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toMatch(/^Bearer/);

    const reauth = await send('/system/reauth', { headers: { authorization: refresh } });
    expect(typeof (await reauth.json()).authentication).toBe('string');
  });

  it('serves a built app with SPA fallback, keeps the query when adding the slash, and names a missing build', async () => {
    const app = await send('/react/settings');
    expect(await app.text()).toBe('<p>react</p>');
    const redirect = await send('/react?vendor=zendesk', { redirect: 'manual' });
    expect(redirect.status).toBe(308);
    expect(redirect.headers.get('location')).toBe('/react/?vendor=zendesk');
    const missing = await send('/vue/');
    expect(missing.status).toBe(503);
    expect(await missing.text()).toContain('pnpm --filter @chat-sso/vue-demo build');
  });

  it('links the three apps from the landing page, with the shared CSS', async () => {
    const landing = await (await send('/')).text();
    for (const path of ['/react/', '/vue/', '/angular/', '/demo.css']) {
      expect(landing).toContain(`href="${path}"`);
    }
    const css = await send('/demo.css');
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('sends the security headers on every answer', async () => {
    for (const pathname of ['/', '/react/', '/api/session', '/nowhere']) {
      const { headers } = await send(pathname);
      expect(headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(headers.get('x-content-type-options')).toBe('nosniff');
      expect(headers.get('referrer-policy')).toBe('same-origin');
    }
  });

  it('keeps sessions and secrets across a restart: the old cookie still gets verifiable tokens', async () => {
    const cookie = await signIn();
    await server.close();
    await start();
    const answer = await send('/api/chat-token/medchat', { headers: { cookie } });
    expect(answer.status).toBe(200);
    const login = await send('/vendor/medchat/login', json({ token: (await answer.json()).token }));
    expect((await login.json()).user.name).toBe('Ada Lovelace');
  });

  it('keeps its secrets readable by the owner only', async () => {
    const { mode } = await stat(path.join(dataDir, 'secrets.json'));
    expect(mode & 0o777).toBe(0o600);
  });

  it('logs one line per request, without tokens, cookies, passwords or secrets', async () => {
    lines.length = 0;
    const cookie = await signIn();
    const { token } = await (await send('/api/chat-token/spartez', { headers: { cookie } })).json();
    await send('/vendor/spartez/login', json({ token: `${token}x` }));
    await send('/api/chat-token/spartez?ttl=3', { headers: { cookie } });
    expect(lines).toEqual([
      expect.stringMatching(/^POST \/api\/session 200 \d+ms$/),
      expect.stringMatching(/^GET \/api\/chat-token\/spartez 200 \d+ms$/),
      expect.stringMatching(/^POST \/vendor\/spartez\/login 401 \d+ms$/),
      expect.stringMatching(/^GET \/api\/chat-token\/spartez 400 \d+ms$/),
    ]);
    const secrets = Object.values(
      JSON.parse(await readFile(path.join(dataDir, 'secrets.json'), 'utf8')),
    );
    const log = lines.join('\n');
    for (const secret of [token, cookie.split('=')[1], 'demo', ...secrets]) {
      expect(log).not.toContain(secret);
    }
  });
});
