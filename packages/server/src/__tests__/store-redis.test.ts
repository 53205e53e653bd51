import { type RedisServer, startRedisServer } from '@chat-sso/load-kit';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createRedisRefreshStore } from '../redis-refresh-store';
import { StoreUnavailableError } from '../refresh-store';
import { describeRefreshStore } from './refresh-store-suite';

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(() => redis?.dispose());

let stores = 0;
const openStore = () => {
  stores += 1;
  return createRedisRefreshStore({ url: redis.url, prefix: `test-${stores}:` });
};

describeRefreshStore('Redis', openStore);

describe('Redis refresh store against a Redis that goes away', () => {
  it('fails fast with StoreUnavailableError while Redis is down and recovers when it returns', async () => {
    const store = await openStore();
    const family = {
      id: 'family-outage',
      user: { id: 'ada' },
      tokenHash: 'hash-outage',
      createdAt: 1_700_000_000,
      expiresAt: 1_700_000_600,
    };
    await store.create(family);

    await redis.stop();
    await expect(store.find(family.tokenHash)).rejects.toBeInstanceOf(StoreUnavailableError);

    await redis.start();
    // Redis started empty (nothing is persisted): recovery shows as a real answer again.
    await vi.waitFor(async () => expect(await store.find(family.tokenHash)).toBeNull(), {
      timeout: 10_000,
      interval: 50,
    });
    await store.close();
  });

  it('lets exactly one of two server instances rotate the same token', async () => {
    const prefix = 'shared:';
    const [first, second] = await Promise.all([
      createRedisRefreshStore({ url: redis.url, prefix }),
      createRedisRefreshStore({ url: redis.url, prefix }),
    ]);
    const now = 1_700_000_000;
    await first!.create({
      id: 'family-shared',
      user: { id: 'ada' },
      tokenHash: 'hash-shared',
      createdAt: now,
      expiresAt: now + 600,
    });
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        (index % 2 === 0 ? first! : second!).rotate('hash-shared', `hash-next-${index}`, now + 1),
      ),
    );
    await Promise.all([first!.close(), second!.close()]);
    expect(outcomes.filter((outcome) => outcome.status === 'rotated')).toHaveLength(1);
  });

  it('sets every key to expire with its family', async () => {
    const prefix = 'ttl-check:';
    const store = await createRedisRefreshStore({ url: redis.url, prefix });
    const now = Math.floor(Date.now() / 1000);
    await store.create({
      id: 'family-ttl',
      user: { id: 'ada' },
      tokenHash: 'hash-ttl',
      createdAt: now,
      expiresAt: now + 600,
    });
    await store.rotate('hash-ttl', 'hash-ttl-2', now + 100);
    const { Redis } = await import('ioredis');
    const client = new Redis(redis.url);
    const ttls = await Promise.all(
      ['family:family-ttl', 'token:hash-ttl', 'token:hash-ttl-2'].map((key) =>
        client.ttl(`${prefix}${key}`),
      ),
    );
    client.disconnect();
    await store.close();
    expect(ttls[0]).toBeGreaterThan(590);
    expect(ttls[0]).toBeLessThanOrEqual(600);
    expect(ttls[1]).toBeGreaterThan(590);
    expect(ttls[2]).toBeGreaterThan(490);
    expect(ttls[2]).toBeLessThanOrEqual(500);
  });
});
