import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChatSSOError } from '../errors';
import { fetchToken } from '../fetch-token';

/** The site's token endpoint on loopback; each path answers one way. */
const routes: Record<string, (request: IncomingMessage, response: ServerResponse) => void> = {
  '/token': (_request, response) => {
    response.setHeader('content-type', 'application/json');
    response.end(
      JSON.stringify({
        token: 'header.payload.signature',
        expiresAt: 1_900_000_000,
      }),
    );
  },
  '/expires-in': (_request, response) => response.end('{"token":"a.b.c","expires_in":300}'),
  '/signed-out': (_request, response) => response.writeHead(401).end('{"error":"unauthorized"}'),
  '/forbidden': (_request, response) => response.writeHead(403).end(),
  '/down': (_request, response) => response.writeHead(503).end('Service Unavailable'),
  '/rate-limited': (_request, response) => response.writeHead(429).end(),
  '/missing': (_request, response) => response.writeHead(404).end(),
  '/html': (_request, response) => response.end('<!doctype html><title>Login</title>'),
  '/no-token': (_request, response) => response.end('{"jwt":"a.b.c"}'),
};

let base: string;
const server = createServer((request, response) => {
  const route = routes[new URL(request.url ?? '/', 'http://localhost').pathname];
  if (route) route(request, response);
  else response.writeHead(500).end();
});

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

async function failure(path: string): Promise<ChatSSOError> {
  const error = await fetchToken(`${base}${path}`)().catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(ChatSSOError);
  return error as ChatSSOError;
}

describe('fetchToken', () => {
  it('reads { token, expiresAt } from the site endpoint', async () => {
    expect(await fetchToken(`${base}/token`)()).toEqual({
      token: 'header.payload.signature',
      expiresAt: 1_900_000_000,
      expiresIn: undefined,
    });
  });

  it('reads expires_in too', async () => {
    expect(await fetchToken(`${base}/expires-in`)()).toMatchObject({
      token: 'a.b.c',
      expiresIn: 300,
    });
  });

  it("sends same-origin credentials, no caching and the caller's options through the given fetch", async () => {
    const seen: RequestInit[] = [];
    const source = fetchToken(`${base}/token`, {
      headers: { 'x-requested-with': 'chat-sso' },
      fetch: (input, init) => {
        seen.push(init ?? {});
        return fetch(input, init);
      },
    });
    expect(await source()).toMatchObject({ token: 'header.payload.signature' });
    expect(seen).toEqual([
      {
        credentials: 'same-origin',
        cache: 'no-store',
        headers: { 'x-requested-with': 'chat-sso' },
      },
    ]);
  });

  it.each([
    ['/signed-out', 'session_expired', false, 'the token endpoint answered 401'],
    ['/forbidden', 'session_expired', false, 'the token endpoint answered 403'],
    ['/down', 'token_unavailable', true, 'the token endpoint answered 503'],
    ['/rate-limited', 'token_unavailable', true, 'the token endpoint answered 429'],
    ['/missing', 'token_unavailable', false, 'the token endpoint answered 404'],
    ['/html', 'token_unavailable', false, 'the token endpoint answered no JSON { token }'],
    ['/no-token', 'token_unavailable', false, 'the token endpoint answered no JSON { token }'],
  ])('types the answer of %s as %s (transient: %s)', async (path, code, transient, message) => {
    expect(await failure(path)).toMatchObject({ code, transient, message });
  });

  it('types an unreachable endpoint as a transient network error', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const error = await fetchToken(`http://127.0.0.1:${port}/token`)().catch((caught) => caught);
    expect(error).toMatchObject({ code: 'network', transient: true });
    expect(error.message).toMatch(/^the token endpoint is unreachable: /);
  });
});
