import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRedisServer } from '@chat-sso/load-kit';
import { Redis } from 'ioredis';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createFileRefreshStore } from '../file-refresh-store';
import { createRedisRefreshStore } from '../redis-refresh-store';
import type { RefreshStore } from '../refresh-store';
import { createSystemAuth } from '../system-auth';
import { nodeTarget } from './http-targets';
import { ACCESS_SECRET, authenticate } from './system-auth-app';

interface Tokens {
  authentication: string;
  refresh: string;
}

/** `/system/auth` and `/system/reauth` over a real server, on `store`. */
async function serve(store: RefreshStore) {
  const systemAuth = createSystemAuth({ authenticate, accessSecret: ACCESS_SECRET, store });
  const target = await nodeTarget.start((request) =>
    new URL(request.url).pathname === '/system/auth'
      ? systemAuth.auth(request)
      : systemAuth.reauth(request),
  );
  onTestFinished(async () => {
    await target.close();
    await store.close();
  });
  const signIn = async () =>
    (await (
      await target.fetch('/system/auth', { headers: { Cookie: 'session=ada' } })
    ).json()) as Tokens;
  const renew = (refresh: string) =>
    target.fetch('/system/reauth', { headers: { Authorization: `Bearer ${refresh}` } });
  return { signIn, renew };
}

async function fileStore() {
  const dir = await mkdtemp(join(tmpdir(), 'chat-sso-stolen-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return {
    store: await createFileRefreshStore({ dir }),
    contents: () => readFile(join(dir, 'refresh-families.json'), 'utf8'),
  };
}

async function redisStore() {
  const redis = await startRedisServer();
  onTestFinished(() => redis.dispose());
  return {
    store: await createRedisRefreshStore({ url: redis.url }),
    /** Every key and every value Redis holds, as an attacker with a dump would see them. */
    async contents() {
      const client = new Redis(redis.url);
      try {
        const keys = await client.keys('*');
        const values = await Promise.all(
          keys.map(async (key) =>
            (await client.type(key)) === 'hash' ? client.hgetall(key) : client.get(key),
          ),
        );
        return JSON.stringify({ keys, values });
      } finally {
        client.disconnect();
      }
    },
  };
}

describe('a stolen refresh token (rotation on)', () => {
  it('the thief renews first: the real client’s next renewal revokes the family, the thief’s new token with it', async () => {
    const { signIn, renew } = await serve((await fileStore()).store);
    const stolen = (await signIn()).refresh;

    const thief = await renew(stolen);
    expect(thief.status).toBe(200);
    const { refresh: thiefsNext } = (await thief.json()) as Tokens;

    // The real client still holds the token that was stolen: presenting it again is a reuse.
    expect((await renew(stolen)).status).toBe(401);
    expect((await renew(thiefsNext)).status).toBe(401);
  });
});

describe.each([
  ['the file store', fileStore],
  ['the Redis store', redisStore],
])('a copy of %s', (_name, open) => {
  it('holds no refresh or access token: only their families and SHA-256 hashes', async () => {
    const { store, contents } = await open();
    const { signIn, renew } = await serve(store);
    const first = await signIn();
    const second = (await (await renew(first.refresh)).json()) as Tokens;
    const copy = await contents();
    expect(copy).toContain('user-ada');
    expect(copy).toContain(createHash('sha256').update(second.refresh).digest('base64url'));
    for (const token of [
      first.refresh,
      second.refresh,
      first.authentication,
      second.authentication,
    ]) {
      expect(copy).not.toContain(token);
    }
  });
});
