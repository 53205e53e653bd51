import { request as httpRequest } from 'node:http';
import { generic } from '@chat-sso/core/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIssuer } from '../issuer';
import type { RequestLimits } from '../request-limits';
import { createTokenHandler } from '../token-handler';
import type { WebHandler } from '../web-handler';
import { expressTarget, type HttpTarget, nodeTarget } from './http-targets';
import { createSystemAuthApp, type SystemAuthApp } from './system-auth-app';

const HEADERS_TOO_LARGE = {
  error: 'headers_too_large',
  message: 'send at most 8192 bytes of headers (large cookies?)',
};
/** A cookie that takes the request head past the default 8 KiB. */
const bigCookie = `session=ada; tracking=${'x'.repeat(9 * 1024)}`;

async function expectJsonError(response: Response, status: number, body: object) {
  expect(response.status).toBe(status);
  expect(response.headers.get('Cache-Control')).toBe('no-store');
  expect(await response.json()).toEqual(body);
}

describe.each([nodeTarget, expressTarget])('$name', (kind) => {
  let target: HttpTarget;
  const handled: string[] = [];
  const echo: WebHandler = async (request) => {
    handled.push(request.url);
    return new Response('ok');
  };

  beforeAll(async () => {
    target = await kind.start(echo);
  });
  afterAll(() => target.close());

  it('answers 431 with a JSON error to a request head over 8 KiB, without calling the handler', async () => {
    handled.length = 0;
    const response = await target.fetch('/api', { headers: { Cookie: bigCookie } });
    await expectJsonError(response, 431, HEADERS_TOO_LARGE);
    expect(handled).toEqual([]);
    expect((await target.fetch('/api', { headers: { Cookie: 'session=ada' } })).status).toBe(200);
  });

  it('leaves heads over 16 KiB to Node, which answers a bare 431 before any handler', async () => {
    const { port } = new URL(target.origin);
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const request = httpRequest({
        host: '127.0.0.1',
        port,
        path: '/api',
        headers: { Cookie: 'x'.repeat(17 * 1024) },
      });
      request.on('response', (response) => {
        response.resume();
        resolve(response.statusCode);
      });
      request.on('error', reject);
      request.end();
    });
    expect(status).toBe(431);
  });
});

describe('the adapters’ caps are options', () => {
  it('accepts a larger head when maxHeaderBytes says so', async () => {
    const target = await nodeTarget.start(async () => new Response('ok'), {
      maxHeaderBytes: 12 * 1024,
    });
    try {
      expect((await target.fetch('/', { headers: { Cookie: bigCookie } })).status).toBe(200);
    } finally {
      await target.close();
    }
  });
});

describe('the Web handlers refuse oversized requests themselves (Bun, Deno, edge runtimes)', () => {
  let app: SystemAuthApp;
  const tokenHandler = (limits?: RequestLimits) =>
    createTokenHandler({
      issuer: createIssuer({ contract: generic, secret: 'pW6nQ1mZ8xL3vB7cR2tY5uI0oK4jH9gF' }),
      authenticate: () => ({ id: 'ada' }),
      limits,
    });

  beforeAll(async () => {
    app = await createSystemAuthApp();
  });
  afterAll(() => app.dispose());

  const call = (handler: WebHandler, path: string, init: RequestInit = {}) =>
    handler(new Request(`https://shop.example${path}`, init));

  it.each([
    ['the token endpoint', () => tokenHandler(), '/chat-token'],
    ['/system/auth', () => app.handler, '/system/auth'],
    ['/system/reauth', () => app.handler, '/system/reauth'],
  ])('%s answers 431 to a head over 8 KiB', async (_name, handler, path) => {
    const response = await call(handler(), path, { headers: { Cookie: bigCookie } });
    await expectJsonError(response, 431, HEADERS_TOO_LARGE);
  });

  it('the token endpoint answers 413 to a POST declaring a body over 64 KiB, and takes its caps as options', async () => {
    const declared = { method: 'POST', headers: { 'Content-Length': String(64 * 1024 + 1) } };
    await expectJsonError(await call(tokenHandler(), '/chat-token', declared), 413, {
      error: 'payload_too_large',
      message: 'send at most 65536 bytes',
    });
    const roomy = tokenHandler({ maxBodyBytes: 128 * 1024, maxHeaderBytes: 16 * 1024 });
    expect((await call(roomy, '/chat-token', declared)).status).toBe(200);
    expect((await call(roomy, '/chat-token', { headers: { Cookie: bigCookie } })).status).toBe(200);
  });
});
