import type { SiteUser } from '@chat-sso/core';
import { tiledesk } from '@chat-sso/core/contracts';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { toExpressHandler } from '../express-handler';
import { createIssuer } from '../issuer';
import { createTokenHandler } from '../token-handler';
import { createVerifier } from '../verifier';
import { expressTarget, type HttpTarget, listen, nodeTarget, webTarget } from './http-targets';

const NOW = 1_750_000_000;
const SECRET = 'f8Qe2LrT6yUi0oPa4sDg7hJk1lZx5cVb';
const users: Record<string, SiteUser> = {
  ada: { id: 'user-123456', name: 'Ada Lovelace', email: 'ada@example.com' },
  broken: { id: 'user 7', name: 'Broken Id', email: 'b@example.com' },
};

/** The site's own session check: a `session` cookie naming a user. */
function authenticate(request: Request): SiteUser | null {
  const session = /(?:^|;\s*)session=([^;]+)/.exec(request.headers.get('Cookie') ?? '')?.[1];
  if (session === 'explode') throw new Error('session store down at 10.0.0.7');
  return (session && users[session]) || null;
}

const verifier = createVerifier({ contract: tiledesk, secret: SECRET, now: () => NOW });

describe.each([webTarget, nodeTarget, expressTarget])('token endpoint through $name', (kind) => {
  let target: HttpTarget;
  const onError = vi.fn();

  beforeAll(async () => {
    const handler = createTokenHandler({
      issuer: createIssuer({ contract: tiledesk, secret: SECRET, now: () => NOW }),
      authenticate,
      allowedOrigins: ['https://app.example'],
      onError,
    });
    target = await kind.start(handler);
  });
  afterAll(() => target.close());

  const get = (session: string | undefined, headers: Record<string, string> = {}) =>
    target.fetch('/chat-token', {
      headers: session ? { Cookie: `session=${session}`, ...headers } : headers,
    });

  it('answers 200 with a token that verifies and keeps the contract, never cached', async () => {
    const response = await get('ada', { Origin: target.origin, 'Sec-Fetch-Site': 'same-origin' });
    expect(response.status).toBe(200);
    expect(response.headers.get('Cache-Control')).toBe('no-store');
    expect(response.headers.get('Content-Type')).toMatch(/^application\/json/);
    expect(response.headers.get('Access-Control-Allow-Origin')).toBeNull();
    const body = (await response.json()) as { token: string; expiresAt: number };
    expect(Object.keys(body)).toEqual(['token', 'expiresAt']);
    expect(body.expiresAt).toBe(NOW + tiledesk.defaultTtl);
    const { claims } = await verifier.verify(body.token);
    expect(claims).toMatchObject({ external_id: 'user-123456', exp: body.expiresAt });
    expect(tiledesk.validate({ alg: 'HS256', typ: 'JWT' }, claims, NOW)).toEqual([]);
  });

  it('answers a POST without Origin (a same-origin form or server call) too', async () => {
    const response = await target.fetch('/chat-token', {
      method: 'POST',
      headers: { Cookie: 'session=ada', 'Content-Type': 'application/json' },
      body: JSON.stringify({ ignored: true }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toHaveProperty('token');
  });

  it('answers 401 when the site knows no signed-in user', async () => {
    const response = await get(undefined);
    expect(response.status).toBe(401);
    expect(response.headers.get('Cache-Control')).toBe('no-store');
    expect(await response.json()).toEqual({
      error: 'unauthenticated',
      message: 'sign in to chat as yourself',
    });
  });

  it('answers 403 to another site’s page, by Origin', async () => {
    const response = await get('ada', { Origin: 'https://evil.example' });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: 'cross_site' });
  });

  it('answers 403 to a cross-site request that sends no Origin, by Sec-Fetch-Site', async () => {
    const response = await get('ada', { 'Sec-Fetch-Site': 'cross-site' });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: 'cross_site' });
  });

  it('answers a listed origin with the CORS headers its page needs to read the token', async () => {
    const response = await get('ada', {
      Origin: 'https://app.example',
      'Sec-Fetch-Site': 'cross-site',
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe('https://app.example');
    expect(response.headers.get('Access-Control-Allow-Credentials')).toBe('true');
    expect(response.headers.get('Vary')).toBe('Origin');
  });

  it('answers 405 with Allow to any other method', async () => {
    const response = await target.fetch('/chat-token', {
      method: 'PUT',
      headers: { Cookie: 'session=ada' },
    });
    expect(response.status).toBe(405);
    expect(response.headers.get('Allow')).toBe('GET, POST');
    expect(await response.json()).toMatchObject({ error: 'method_not_allowed' });
  });

  it('answers 500 without internals when authenticate fails, and tells onError why', async () => {
    onError.mockClear();
    const response = await get('explode');
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({
      error: 'token_unavailable',
      message: 'the chat token could not be issued',
    });
    expect(text).not.toContain('10.0.0.7');
    expect(onError).toHaveBeenCalledOnce();
    expect(onError.mock.calls[0]?.[0]).toMatchObject({ message: 'session store down at 10.0.0.7' });
  });

  it('answers 500 when the user’s claims break the contract, with the broken rule in onError', async () => {
    onError.mockClear();
    const response = await get('broken');
    expect(response.status).toBe(500);
    expect(await response.json()).toMatchObject({ error: 'token_unavailable' });
    expect(onError.mock.calls[0]?.[0]).toMatchObject({
      code: 'contract_violation',
      violations: [{ rule: 'external_id.alphanumeric', ok: false }],
    });
  });
});

describe('createTokenHandler', () => {
  it('refuses an allowedOrigins entry that is not an origin', () => {
    const issuer = createIssuer({ contract: tiledesk, secret: SECRET });
    expect(() =>
      createTokenHandler({ issuer, authenticate, allowedOrigins: ['https://app.example/'] }),
    ).toThrow('allowedOrigins entry "https://app.example/" is not an origin');
  });
});

describe('toExpressHandler behind a reverse proxy', () => {
  const handler = createTokenHandler({
    issuer: createIssuer({ contract: tiledesk, secret: SECRET, now: () => NOW }),
    authenticate,
  });
  const proxied = {
    Cookie: 'session=ada',
    Origin: 'https://shop.example',
    'X-Forwarded-Proto': 'https',
    'X-Forwarded-Host': 'shop.example',
  };

  it.each([
    ['trusts X-Forwarded-Proto/Host when the app trusts the proxy', true, 200],
    ['ignores them otherwise, so the public origin looks foreign', false, 403],
  ])('%s', async (_name, trustProxy, status) => {
    const app = express();
    app.set('trust proxy', trustProxy ? 'loopback' : false);
    app.get('/chat-token', toExpressHandler(handler));
    const target = await listen(app);
    try {
      expect((await target.fetch('/chat-token', { headers: proxied })).status).toBe(status);
    } finally {
      await target.close();
    }
  });
});
