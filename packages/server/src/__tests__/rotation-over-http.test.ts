import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeToken, type SiteUser } from '@chat-sso/core';
import { generic } from '@chat-sso/core/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import { createFileRefreshStore } from '../file-refresh-store';
import { createIssuer } from '../issuer';
import { createKeyring, type Keyring } from '../keyring';
import { createSystemAuth } from '../system-auth';
import type { TokenError } from '../token-error';
import { createTokenHandler } from '../token-handler';
import { createVerifier } from '../verifier';
import { type HttpTarget, nodeTarget } from './http-targets';

const OLD_SECRET = 'oL8kJ3hG6fD1sA4pO7iU2yT5rE9wQ0zX';
const NEW_SECRET = 'nB5vC2xZ8mK1jH4gF7dS0aP3oI6uY9tR';
/**
 * How long the old key keeps verifying after the new one starts signing.
 * In production make it at least the tokens' lifetime, so none is cut
 * short; here the tokens live 1 h, so the refusal after the window shows.
 */
const WINDOW = 15 * 60;
const TOKEN_TTL = 60 * 60;
const ada: SiteUser = { id: 'user-ada', name: 'Ada Lovelace' };
const clock = { now: 1_750_000_000 };
const now = () => clock.now;

const before = () => createKeyring({ keys: [{ kid: '2025-01', secret: OLD_SECRET }] });
/** The rotation as deployed: the new key first (it signs), the old one until `notAfter`. */
const during = (rotatedAt: number) =>
  createKeyring({
    keys: [
      { kid: '2025-06', secret: NEW_SECRET },
      { kid: '2025-01', secret: OLD_SECRET, notAfter: rotatedAt + WINDOW },
    ],
  });

const servers: HttpTarget[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});
async function serve(handler: Parameters<typeof nodeTarget.start>[0]): Promise<HttpTarget> {
  const server = await nodeTarget.start(handler);
  servers.push(server);
  return server;
}

const kidOf = (token: string) => decodeToken(token).header.kid;
const bearer = (token: string) => ({ headers: { Authorization: `Bearer ${token}` } });

describe('rotating the SSO signing secret, over HTTP', () => {
  /** The site's chat-token endpoint, deployed with a keyring. */
  const tokenEndpoint = (keyring: Keyring) =>
    serve(
      createTokenHandler({
        issuer: createIssuer({ contract: generic, keyring, ttl: TOKEN_TTL, now }),
        authenticate: () => ada,
        rateLimit: false,
      }),
    );

  /** The service that receives the tokens, deployed with a keyring; the refusal reasons it logged. */
  async function receivingService(keyring: Keyring) {
    const verifier = createVerifier({ contract: generic, keyring, now });
    const reasons: string[] = [];
    const server = await serve(async (request) => {
      const token = request.headers.get('Authorization')?.replace(/^Bearer /, '') ?? '';
      try {
        const { claims } = await verifier.verify(token);
        return Response.json({ sub: claims.sub });
      } catch (error) {
        reasons.push((error as TokenError).code);
        return new Response(null, { status: 401 });
      }
    });
    return { fetch: server.fetch, reasons };
  }

  const fetchToken = async (endpoint: HttpTarget) =>
    ((await (await endpoint.fetch('/chat-token')).json()) as { token: string }).token;

  it('the new key signs, the old key verifies for the window, then is refused', async () => {
    clock.now = 1_750_000_000;
    const oldToken = await fetchToken(await tokenEndpoint(before()));
    expect(kidOf(oldToken)).toBe('2025-01');

    // Deploy the rotation on both sides a minute later.
    clock.now += 60;
    const rotatedAt = clock.now;
    const endpoint = await tokenEndpoint(during(rotatedAt));
    const service = await receivingService(during(rotatedAt));
    const newToken = await fetchToken(endpoint);
    expect(kidOf(newToken)).toBe('2025-06');
    expect((await service.fetch('/', bearer(newToken))).status).toBe(200);
    expect((await service.fetch('/', bearer(oldToken))).status).toBe(200);

    // At the end of the window the old key still verifies; one second later it is retired,
    // though the token itself has not expired.
    clock.now = rotatedAt + WINDOW;
    expect((await service.fetch('/', bearer(oldToken))).status).toBe(200);
    clock.now += 1;
    expect((await service.fetch('/', bearer(oldToken))).status).toBe(401);
    expect(service.reasons).toEqual(['unknown_kid']);
    expect((await service.fetch('/', bearer(await fetchToken(endpoint)))).status).toBe(200);
  });
});

describe('rotating the access-token secret of /system/auth, over HTTP', () => {
  it('keeps every session: old access tokens work for the window, refresh tokens renew with the new key', async () => {
    clock.now = 1_750_000_000;
    const dir = await mkdtemp(join(tmpdir(), 'chat-sso-rotation-'));
    const deploy = async (accessKeyring: Keyring) => {
      const store = await createFileRefreshStore({ dir, now });
      const errors: unknown[] = [];
      const systemAuth = createSystemAuth({
        authenticate: () => ada,
        accessKeyring,
        accessTtl: TOKEN_TTL,
        store,
        now,
        rateLimit: false,
        onError: (error) => errors.push(error),
      });
      const routes: Record<string, (request: Request) => Promise<Response>> = {
        '/system/auth': systemAuth.auth,
        '/system/reauth': systemAuth.reauth,
        '/api/me': systemAuth.requireAccessToken(async (_request, user) => Response.json(user)),
      };
      const server = await serve((request) => routes[new URL(request.url).pathname]!(request));
      return { server, store, errors };
    };

    const first = await deploy(before());
    const signedIn = (await (await first.server.fetch('/system/auth')).json()) as {
      authentication: string;
      refresh: string;
    };
    expect(kidOf(signedIn.authentication)).toBe('2025-01');
    // The old deployment stops using the store; the new one opens it.
    await first.store.close();

    clock.now += 60;
    const rotated = await deploy(during(clock.now));
    try {
      // The access token signed before the rotation is still accepted in the window…
      expect((await rotated.server.fetch('/api/me', bearer(signedIn.authentication))).status).toBe(
        200,
      );
      // …and the refresh token from before the rotation renews, now under the new key.
      const renewed = await rotated.server.fetch('/system/reauth', bearer(signedIn.refresh));
      expect(renewed.status).toBe(200);
      const { authentication } = (await renewed.json()) as { authentication: string };
      expect(kidOf(authentication)).toBe('2025-06');
      expect((await rotated.server.fetch('/api/me', bearer(authentication))).status).toBe(200);
      // After the window the old key is refused, though the access token has not expired.
      clock.now += WINDOW + 1;
      const retired = await rotated.server.fetch('/api/me', bearer(signedIn.authentication));
      expect(retired.status).toBe(401);
      expect(rotated.errors).toEqual([expect.objectContaining({ code: 'unknown_kid' })]);
    } finally {
      await rotated.store.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
