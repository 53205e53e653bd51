import { generic } from '@chat-sso/core/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIssuer } from '../issuer';
import { createTokenHandler } from '../token-handler';
import type { WebHandler } from '../web-handler';
import { type HttpTarget, nodeTarget } from './http-targets';
import { createSystemAuthApp, type SystemAuthApp } from './system-auth-app';

/**
 * Another site's page calling every endpoint with the user's cookies (and a
 * token, were it able to get one), over real HTTP.
 */
let app: SystemAuthApp;
let target: HttpTarget;
let tokens: { authentication: string; refresh: string };

beforeAll(async () => {
  app = await createSystemAuthApp();
  const chatToken = createTokenHandler({
    issuer: createIssuer({ contract: generic, secret: 'tM4kR9nW2xB6vZ1cQ8pL3yH7jF0dS5gA' }),
    authenticate: (request) =>
      request.headers.get('Cookie')?.includes('session=ada') ? { id: 'ada' } : null,
  });
  const site: WebHandler = (request) =>
    new URL(request.url).pathname === '/chat-token' ? chatToken(request) : app.handler(request);
  target = await nodeTarget.start(site);
  const signedIn = await target.fetch('/system/auth', { headers: { Cookie: 'session=ada' } });
  tokens = (await signedIn.json()) as typeof tokens;
});
afterAll(async () => {
  await target.close();
  await app.dispose();
});

const EVIL = 'https://evil.example';
const endpoints = () => [
  { name: 'GET /chat-token', path: '/chat-token', method: 'GET', auth: undefined },
  { name: 'POST /chat-token', path: '/chat-token', method: 'POST', auth: undefined },
  { name: 'GET /system/auth', path: '/system/auth', method: 'GET', auth: undefined },
  { name: 'GET /system/reauth', path: '/system/reauth', method: 'GET', auth: tokens.refresh },
  { name: 'POST /system/logout', path: '/system/logout', method: 'POST', auth: tokens.refresh },
];
const cookieEndpoints = ['GET /chat-token', 'POST /chat-token', 'GET /system/auth'];

function send(
  endpoint: ReturnType<typeof endpoints>[number],
  headers: Record<string, string>,
): Promise<Response> {
  return target.fetch(endpoint.path, {
    method: endpoint.method,
    headers: {
      Cookie: 'session=ada',
      ...(endpoint.auth ? { Authorization: `Bearer ${endpoint.auth}` } : {}),
      ...headers,
    },
  });
}

const corsHeaders = (response: Response) =>
  [...response.headers.keys()].filter((name) => name.startsWith('access-control-'));

describe('cross-site requests', () => {
  it.each([
    ['an Origin of another site', { Origin: EVIL }],
    ['Sec-Fetch-Site: cross-site and no Origin', { 'Sec-Fetch-Site': 'cross-site' }],
  ])('are refused with 403 on every endpoint, by %s', async (_name, headers) => {
    for (const endpoint of endpoints()) {
      const response = await send(endpoint, headers);
      expect([endpoint.name, response.status]).toEqual([endpoint.name, 403]);
      expect(await response.json()).toEqual({
        error: 'cross_site',
        message: 'this endpoint answers only the site’s own pages',
      });
      expect(corsHeaders(response)).toEqual([]);
    }
    // The foreign logout was refused: the family still renews.
    const renewed = await target.fetch('/system/reauth', {
      headers: { Authorization: `Bearer ${tokens.refresh}` },
    });
    expect(renewed.status).toBe(200);
    tokens.refresh = ((await renewed.json()) as typeof tokens).refresh;
  });

  it('are answered for the site’s own pages, by Origin or by Sec-Fetch-Site', async () => {
    for (const endpoint of endpoints().filter(({ name }) => cookieEndpoints.includes(name))) {
      const sameOrigin = await send(endpoint, { Origin: target.origin });
      expect([endpoint.name, sameOrigin.status]).toEqual([endpoint.name, 200]);
      const fetchMetadata = await send(endpoint, { 'Sec-Fetch-Site': 'same-origin' });
      expect([endpoint.name, fetchMetadata.status]).toEqual([endpoint.name, 200]);
    }
  });

  it('cannot read an API guarded by requireAccessToken: no CORS header, and the token is not ambient', async () => {
    const withoutToken = await target.fetch('/api/projects', {
      headers: { Origin: EVIL, Cookie: 'session=ada' },
    });
    expect(withoutToken.status).toBe(401);
    const withToken = await target.fetch('/api/projects', {
      headers: { Origin: EVIL, Authorization: `Bearer ${tokens.authentication}` },
    });
    expect(corsHeaders(withoutToken)).toEqual([]);
    expect(corsHeaders(withToken)).toEqual([]);
  });
});

describe('CORS is closed by default', () => {
  it('no answer of any endpoint carries an Access-Control-Allow-* header', async () => {
    for (const endpoint of endpoints().filter(({ name }) => cookieEndpoints.includes(name))) {
      expect(corsHeaders(await send(endpoint, { Origin: target.origin }))).toEqual([]);
    }
    const api = await target.fetch('/api/projects', {
      headers: { Authorization: `Bearer ${tokens.authentication}` },
    });
    expect(api.status).toBe(200);
    expect(corsHeaders(api)).toEqual([]);
  });

  it.each(['/chat-token', '/system/auth', '/system/reauth', '/system/logout', '/api/projects'])(
    'a preflight to %s is refused: not 2xx, no Access-Control-Allow-*',
    async (path) => {
      const response = await target.fetch(path, {
        method: 'OPTIONS',
        headers: {
          Origin: EVIL,
          'Access-Control-Request-Method': 'GET',
          'Access-Control-Request-Headers': 'authorization',
        },
      });
      expect(response.ok).toBe(false);
      expect(corsHeaders(response)).toEqual([]);
    },
  );
});
