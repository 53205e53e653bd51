import {
  type Answer,
  createLoadClient,
  createLoadSite,
  type RedisServer,
  rssMiB,
  startRedisServer,
} from '@chat-sso/load-kit';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createIssuer } from '../issuer';
import { createRedisRefreshStore } from '../redis-refresh-store';
import { type RefreshStore, StoreUnavailableError } from '../refresh-store';
import { createSystemAuth, RETRY_AFTER } from '../system-auth';
import { createTokenHandler } from '../token-handler';
import { type HttpTarget, nodeTarget } from './http-targets';

const CONNECTIONS = 100;
/** Successful renewals before Redis is killed. */
const KILL_AFTER = 300;
const UNAVAILABLE =
  '{"error":"unavailable","message":"sign-in is unavailable for a moment; retry"}';

let redis: RedisServer;
let store: RefreshStore;
let target: HttpTarget;
const errors: unknown[] = [];

beforeAll(async () => {
  // Persisting every write before answering it: a Redis that loses data on a crash loses sessions with it.
  redis = await startRedisServer({ persistent: true });
  store = await createRedisRefreshStore({ url: redis.url });
  target = await nodeTarget.start(
    createLoadSite(
      { createIssuer, createTokenHandler, createSystemAuth },
      store,
      { chatToken: 'rE6dW1qA9sZ4xC7vB2nM5kJ8hG3fL0pO', access: 'kQ3wE8rT1yU6iO9pA4sD7fG2hJ5lZ0xC' },
      (error) => errors.push(error),
    ),
  );
});
afterAll(async () => {
  await target?.close();
  await store?.close();
  await redis?.dispose();
});

/** A promise and the function that settles it. */
function signal() {
  let resolve = () => {};
  const promise = new Promise<void>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}

describe('load with Redis killed', () => {
  it('answers 503 with Retry-After while Redis is down, loses no refresh family, and recovers when it is back', {
    timeout: 120_000,
  }, async () => {
    const client = createLoadClient(target.origin, CONNECTIONS);
    const unexpected: string[] = [];
    const expectStatus = (path: string, answer: Answer, status: number) => {
      if (answer.status !== status) unexpected.push(`${path} ${answer.status} ${answer.body}`);
      return answer.status === status;
    };
    const tokenOf = (answer: Answer) => (JSON.parse(answer.body) as { refresh: string }).refresh;

    const refresh = await Promise.all(
      Array.from({ length: CONNECTIONS }, async (_, n) =>
        tokenOf(await client.get('/system/auth', { Cookie: `session=${n}` })),
      ),
    );
    const renew = (n: number) =>
      client.get('/system/reauth', { Authorization: `Bearer ${refresh[n]}` });
    const rssBefore = rssMiB();

    // Phase 1: load until Redis dies under it; each connection stops at its first 503.
    let renewed = 0;
    const killNow = signal();
    const outage: Answer[] = [];
    const before = client.begin({ requests: 50_000, seconds: 60 });
    await Promise.all([
      (async () => {
        await killNow.promise;
        await redis.stop('SIGKILL');
      })(),
      ...refresh.map(async (_, n) => {
        for (let turn = 0; before.take(); turn += 1) {
          if (turn % 2 === 0) {
            expectStatus(
              '/chat-token',
              await client.get('/chat-token', { Cookie: `session=${n}` }),
              200,
            );
            continue;
          }
          const answer = await renew(n);
          if (answer.status === 503) {
            outage.push(answer);
            return;
          }
          if (!expectStatus('/system/reauth', answer, 200)) return;
          refresh[n] = tokenOf(answer);
          renewed += 1;
          if (renewed === KILL_AFTER) killNow.resolve();
        }
        unexpected.push(`connection ${n} never saw the outage`);
      }),
    ]);

    // Redis is down: renewals and sign-ins get 503 with Retry-After; chat tokens need no Redis.
    expect(outage).toHaveLength(CONNECTIONS);
    for (const answer of [...outage, await client.get('/system/auth', { Cookie: 'session=0' })]) {
      expect(answer).toMatchObject({
        status: 503,
        retryAfter: String(RETRY_AFTER),
        body: UNAVAILABLE,
      });
    }
    for (let n = 0; n < CONNECTIONS; n += 1) {
      expectStatus('/chat-token', await client.get('/chat-token', { Cookie: `session=${n}` }), 200);
    }

    // Redis comes back with what it persisted; the service reconnects on its own.
    await redis.start();
    const probe = () => client.get('/system/auth', { Cookie: `session=${CONNECTIONS}` });
    await vi.waitFor(async () => expect((await probe()).status).toBe(200), {
      timeout: 15_000,
      interval: 100,
    });

    // Phase 2: every connection carries on with the refresh token it held when Redis died.
    const after = client.begin({ requests: 2000, seconds: 10 });
    await Promise.all(
      refresh.map(async (_, n) => {
        while (after.take()) {
          const answer = await renew(n);
          if (!expectStatus('/system/reauth', answer, 200)) return;
          refresh[n] = tokenOf(answer);
        }
      }),
    );
    const lostFamilies = (await Promise.all(refresh.map((_, n) => renew(n)))).filter(
      (answer) => answer.status !== 200,
    ).length;
    console.log(
      `${client.report()}\n${renewed} renewals before the kill, ${outage.length} connections saw 503\nRSS ${rssBefore.toFixed(1)} → ${rssMiB().toFixed(1)} MiB`,
    );
    await client.close();

    expect(unexpected).toEqual([]);
    expect(lostFamilies).toBe(0);
    expect(errors.every((error) => error instanceof StoreUnavailableError)).toBe(true);
  });
});
