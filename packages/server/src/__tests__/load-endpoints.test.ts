import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLoadClient, createLoadSite, rssMiB, startLoadScenario } from '@chat-sso/load-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFileRefreshStore } from '../file-refresh-store';
import { createIssuer } from '../issuer';
import type { RefreshStore } from '../refresh-store';
import { createSystemAuth } from '../system-auth';
import { createTokenHandler } from '../token-handler';
import { type HttpTarget, nodeTarget } from './http-targets';

const CONNECTIONS = 100;
const BUDGET = { requests: 5000, seconds: 5 };

let dir: string;
let store: RefreshStore;
let target: HttpTarget;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chat-sso-load-'));
  store = await createFileRefreshStore({ dir });
  target = await nodeTarget.start(
    createLoadSite({ createIssuer, createTokenHandler, createSystemAuth }, store, {
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
    const scenario = await startLoadScenario(client);

    const rssBefore = rssMiB();
    await scenario.run(BUDGET);
    const rssAfter = rssMiB();
    const lostFamilies = await scenario.lostFamilies();
    console.log(
      `${client.report()}\nRSS ${rssBefore.toFixed(1)} → ${rssAfter.toFixed(1)} MiB (${(rssAfter - rssBefore).toFixed(1)} MiB growth)`,
    );
    await client.close();

    expect(scenario.failures).toEqual([]);
    expect(lostFamilies).toBe(0);
  });
});
