import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFileRefreshStore } from '../file-refresh-store';
import type { RefreshStore } from '../refresh-store';
import { type HttpTarget, nodeTarget } from './http-targets';
import { type Answer, createLoadClient, createLoadSite, rssMiB } from './load-driver';

const CONNECTIONS = 100;
const BUDGET = { requests: 5000, seconds: 5 };

let dir: string;
let store: RefreshStore;
let target: HttpTarget;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chat-sso-load-'));
  store = await createFileRefreshStore({ dir });
  target = await nodeTarget.start(
    createLoadSite(store, {
      chatToken: 'lD7kS2nF9vB4xC1zQ6wE3rT8yU5iO0pA',
      access: 'aV4bN8mC1xZ6lK3jH9gF2dS7pO5iU0yT',
    }),
  );
});
afterAll(async () => {
  await target.close();
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

describe('load: the chat-token endpoint and /system/reauth on loopback', () => {
  it(`serves ${CONNECTIONS} concurrent connections for ${BUDGET.requests} requests or ${BUDGET.seconds} s with no error and no refresh family lost`, {
    timeout: 60_000,
  }, async () => {
    const client = createLoadClient(target.origin, CONNECTIONS);
    const failures: string[] = [];
    const check = (path: string, answer: Answer) => {
      if (answer.status !== 200) failures.push(`${path} ${answer.status} ${answer.body}`);
      return answer;
    };

    // One sign-in, so one refresh family, per connection.
    const refresh = await Promise.all(
      Array.from({ length: CONNECTIONS }, async (_, n) => {
        const answer = check(
          '/system/auth',
          await client.get('/system/auth', { Cookie: `session=${n}` }),
        );
        return (JSON.parse(answer.body) as { refresh: string }).refresh;
      }),
    );

    const rssBefore = rssMiB();
    const budget = client.begin(BUDGET);
    // Each connection alternates: a chat token for its user, then a renewal that rotates its refresh token.
    await Promise.all(
      refresh.map(async (_, n) => {
        for (let turn = 0; budget.take(); turn += 1) {
          if (turn % 2 === 0) {
            check('/chat-token', await client.get('/chat-token', { Cookie: `session=${n}` }));
            continue;
          }
          const answer = check(
            '/system/reauth',
            await client.get('/system/reauth', { Authorization: `Bearer ${refresh[n]}` }),
          );
          if (answer.status === 200)
            refresh[n] = (JSON.parse(answer.body) as { refresh: string }).refresh;
        }
      }),
    );
    const rssAfter = rssMiB();

    // Every family survived: the latest refresh token of each connection still renews.
    const renewals = await Promise.all(
      refresh.map((token) => client.get('/system/reauth', { Authorization: `Bearer ${token}` })),
    );
    const lostFamilies = renewals.filter((answer) => answer.status !== 200).length;
    console.log(
      `${client.report()}\nRSS ${rssBefore.toFixed(1)} → ${rssAfter.toFixed(1)} MiB (${(rssAfter - rssBefore).toFixed(1)} MiB growth)`,
    );
    await client.close();

    expect(failures).toEqual([]);
    expect(lostFamilies).toBe(0);
  });
});
