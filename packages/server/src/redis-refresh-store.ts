import type { Redis, RedisOptions } from 'ioredis';
import type { NewRefreshFamily, RefreshFamily, RefreshStore, RotateOutcome } from './refresh-store';
import { StoreUnavailableError } from './refresh-store';

export interface RedisRefreshStoreOptions {
  /** `redis://[user:password@]host:port[/db]` or `rediss://…` for TLS. */
  url: string;
  /** Prepended to every key, to share a Redis with other data. */
  prefix?: string;
  /** Connection errors, for the server's own log (they repeat while Redis is down). */
  onError?: (error: Error) => void;
}

// Each script reads and writes one family in a single step, which Redis runs atomically.
const FIND = `
local id = redis.call('GET', KEYS[1])
if not id then return {} end
return redis.call('HGETALL', ARGV[1] .. id)
`;

const ROTATE = `
local id = redis.call('GET', KEYS[1])
if not id then return {'unknown'} end
local key = ARGV[1] .. id
local family = redis.call('HMGET', key, 'tokenHash', 'revoked', 'expiresAt')
if not family[1] then return {'unknown'} end
if family[2] == '1' then return {'revoked'} end
local ttl = tonumber(family[3]) - tonumber(ARGV[4])
if ttl <= 0 then return {'expired'} end
if family[1] ~= ARGV[2] then
  redis.call('HSET', key, 'revoked', '1')
  return {'reused'}
end
redis.call('HSET', key, 'tokenHash', ARGV[3])
redis.call('SET', KEYS[2], id, 'EX', ttl)
return {'rotated', redis.call('HGETALL', key)}
`;

const REVOKE = `
if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('HSET', KEYS[1], 'revoked', '1') end
`;

interface RefreshCommands {
  chatSsoFind(tokenKey: string, familyPrefix: string): Promise<string[]>;
  chatSsoRotate(
    oldTokenKey: string,
    newTokenKey: string,
    familyPrefix: string,
    oldHash: string,
    newHash: string,
    now: number,
  ): Promise<[RotateOutcome['status'], string[]?]>;
  chatSsoRevoke(familyKey: string): Promise<null>;
}

/**
 * Fail fast instead of queueing while disconnected (so requests get a quick
 * 503), and keep reconnecting forever with a capped backoff (so the service
 * recovers by itself when Redis is back).
 */
const CONNECTION_OPTIONS: RedisOptions = {
  enableOfflineQueue: false,
  maxRetriesPerRequest: 0,
  connectTimeout: 2000,
  commandTimeout: 2000,
  retryStrategy: (attempt) => Math.min(attempt * 100, 2000),
};

function decodeFamily(fields: string[]): RefreshFamily | null {
  const record = new Map<string, string>();
  for (let index = 0; index + 1 < fields.length; index += 2) {
    record.set(fields[index]!, fields[index + 1]!);
  }
  const id = record.get('id');
  if (id === undefined) return null;
  return {
    id,
    user: JSON.parse(record.get('user') ?? '{}'),
    tokenHash: record.get('tokenHash') ?? '',
    createdAt: Number(record.get('createdAt')),
    expiresAt: Number(record.get('expiresAt')),
    revoked: record.get('revoked') === '1',
  };
}

async function loadIoredis(): Promise<typeof import('ioredis')> {
  try {
    return await import('ioredis');
  } catch (cause) {
    throw new Error('the Redis refresh store needs ioredis: run `npm install ioredis@^5.9.2`', {
      cause,
    });
  }
}

/**
 * Refresh families in Redis, shared by several server instances. Keys expire
 * with their family; a rotation is one Lua script, so it is a true
 * compare-and-set across instances. Works with one Redis primary (not Redis
 * Cluster: a script reaches the family key it finds through the token key).
 */
export async function createRedisRefreshStore(
  options: RedisRefreshStoreOptions,
): Promise<RefreshStore> {
  const { Redis } = await loadIoredis();
  const prefix = options.prefix ?? 'chat-sso:refresh:';
  const tokenKey = (hash: string) => `${prefix}token:${hash}`;
  const familyPrefix = `${prefix}family:`;
  const client = new Redis(options.url, CONNECTION_OPTIONS) as Redis & RefreshCommands;
  client.on('error', (error: Error) => options.onError?.(error));
  client.defineCommand('chatSsoFind', { numberOfKeys: 1, lua: FIND });
  client.defineCommand('chatSsoRotate', { numberOfKeys: 2, lua: ROTATE });
  client.defineCommand('chatSsoRevoke', { numberOfKeys: 1, lua: REVOKE });
  // A healthy Redis serves the very first request; an unreachable one is retried in the background.
  await new Promise<void>((resolve) => {
    const settle = () => {
      client.off('ready', settle).off('error', settle);
      resolve();
    };
    client.once('ready', settle).once('error', settle);
  });

  const reach = async <T>(command: () => Promise<T>): Promise<T> => {
    try {
      return await command();
    } catch (cause) {
      throw new StoreUnavailableError('Redis did not answer', { cause });
    }
  };

  return {
    async create(family: NewRefreshFamily) {
      const ttl = family.expiresAt - family.createdAt;
      const results = await reach(() =>
        client
          .multi()
          .hset(`${familyPrefix}${family.id}`, {
            id: family.id,
            user: JSON.stringify(family.user),
            tokenHash: family.tokenHash,
            createdAt: family.createdAt,
            expiresAt: family.expiresAt,
            revoked: '0',
          })
          .expire(`${familyPrefix}${family.id}`, ttl)
          .set(tokenKey(family.tokenHash), family.id, 'EX', ttl)
          .exec(),
      );
      const failure = results?.find(([error]) => error !== null)?.[0];
      if (results === null || failure) {
        throw new StoreUnavailableError('Redis did not store the family', { cause: failure });
      }
    },

    async find(tokenHash) {
      return decodeFamily(await reach(() => client.chatSsoFind(tokenKey(tokenHash), familyPrefix)));
    },

    async rotate(oldHash, newHash, now): Promise<RotateOutcome> {
      const [status, fields] = await reach(() =>
        client.chatSsoRotate(
          tokenKey(oldHash),
          tokenKey(newHash),
          familyPrefix,
          oldHash,
          newHash,
          now,
        ),
      );
      if (status !== 'rotated') return { status };
      const family = decodeFamily(fields ?? []);
      if (family === null)
        throw new StoreUnavailableError('Redis rotated a family it did not return');
      return { status, family };
    },

    async revokeFamily(familyId) {
      await reach(() => client.chatSsoRevoke(`${familyPrefix}${familyId}`));
    },

    async close() {
      client.disconnect();
    },
  };
}
