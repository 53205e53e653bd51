import { type RedisServer, startRedisServer } from '@chat-sso/load-kit';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { createRedisRefreshStore } from '../redis-refresh-store';
import { StoreUnavailableError } from '../refresh-store';
import { type HttpTarget, nodeTarget } from './http-targets';
import { createSystemAuthApp, type SystemAuthApp } from './system-auth-app';

let redis: RedisServer;
let app: SystemAuthApp;
let target: HttpTarget;

beforeAll(async () => {
  redis = await startRedisServer();
  app = await createSystemAuthApp({ store: await createRedisRefreshStore({ url: redis.url }) });
  target = await nodeTarget.start(app.handler);
});
afterAll(async () => {
  await target?.close();
  await app?.dispose();
  await redis?.dispose();
});

const signIn = () => target.fetch('/system/auth', { headers: { Cookie: 'session=ada' } });

it('answers 503 with Retry-After while Redis is down and recovers by itself when it is back', async () => {
  const before = await signIn();
  expect(before.status).toBe(200);
  const { refresh } = (await before.json()) as { refresh: string };

  await redis.stop();
  for (const response of [
    await signIn(),
    await target.fetch('/system/reauth', { headers: { Authorization: refresh } }),
  ]) {
    expect(response.status).toBe(503);
    expect(response.headers.get('Retry-After')).toBe('5');
    expect(response.headers.get('Cache-Control')).toBe('no-store');
    const body = await response.text();
    expect(JSON.parse(body)).toEqual({
      error: 'unavailable',
      message: 'sign-in is unavailable for a moment; retry',
    });
    expect(body).not.toMatch(/redis|127\.0\.0\.1|stack|ECONN/i);
  }
  expect(app.errors.every((error) => error instanceof StoreUnavailableError)).toBe(true);

  await redis.start();
  // The client reconnects on its own backoff: poll until the endpoint answers again.
  await vi.waitFor(async () => expect((await signIn()).status).toBe(200), {
    timeout: 10_000,
    interval: 100,
  });
});
