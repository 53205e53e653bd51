import { clientAddressOf } from './client-address';
import { type Clock, systemClock } from './clock';
import { errorResponse } from './json-response';

/** At most `limit` requests per `window` seconds. */
export interface RateLimit {
  limit: number;
  window: number;
}

/**
 * Counts requests per key in fixed windows. The default keeps the counts in
 * the process's memory; several server instances need a shared store to
 * enforce one limit together (with Redis: `INCR` and `EXPIREAT windowEnd`).
 */
export interface RateLimitStore {
  /** Counts one more request for `key` in the window ending at `windowEnd`; returns the window's count so far. */
  hit(key: string, windowEnd: number, now: number): number | Promise<number>;
}

export interface RateLimitOptions {
  /** Per client address; `false` turns it off. */
  perAddress?: RateLimit | false;
  /** Per site session: the signed-in user, or the refresh token presented; `false` turns it off. */
  perSession?: RateLimit | false;
  /**
   * The client's address; by default the one `toNodeHandler` or
   * `toExpressHandler` saw (Express: `req.ip`, which follows `trust proxy`).
   * Requests without one are limited per session only.
   */
  clientAddress?(request: Request): string | undefined;
  store?: RateLimitStore;
  /** Unix seconds. */
  now?: Clock;
}

/** 300 requests a minute per address (an office behind one NAT), 60 per session. */
export const DEFAULT_RATE_LIMITS: Readonly<Record<'perAddress' | 'perSession', RateLimit>> =
  Object.freeze({ perAddress: { limit: 300, window: 60 }, perSession: { limit: 60, window: 60 } });

export interface MemoryRateLimitStore extends RateLimitStore {
  /** Keys counted now: the clients and sessions seen in windows not yet swept away. */
  readonly size: number;
}

/** Counts in memory, dropping windows that ended at most once a minute. */
export function createMemoryRateLimitStore(): MemoryRateLimitStore {
  const counts = new Map<string, { windowEnd: number; count: number }>();
  let sweepAt = 0;
  return {
    get size() {
      return counts.size;
    },
    hit(key, windowEnd, now) {
      if (now >= sweepAt) {
        for (const [counted, entry] of counts) if (entry.windowEnd <= now) counts.delete(counted);
        sweepAt = now + 60;
      }
      const entry = counts.get(key);
      if (entry?.windowEnd === windowEnd) return ++entry.count;
      counts.set(key, { windowEnd, count: 1 });
      return 1;
    },
  };
}

export interface RateLimiter {
  /** `429` (with `headers`) once the request's client address is over its limit, else `null`. */
  checkAddress(request: Request, headers?: HeadersInit): Promise<Response | null>;
  /** `429` (with `headers`) once the session is over its limit, else `null`. */
  checkSession(session: string, headers?: HeadersInit): Promise<Response | null>;
}

function assertRate(name: string, rate: RateLimit | false): void {
  if (rate === false) return;
  if (
    !Number.isInteger(rate.limit) ||
    rate.limit < 1 ||
    !Number.isInteger(rate.window) ||
    rate.window < 1
  ) {
    throw new RangeError(
      `${name} needs a whole limit and a window in whole seconds, both at least 1`,
    );
  }
}

/** `429` with `Retry-After`: the seconds until the window ends. */
function tooManyRequests(retryAfter: number, headers?: HeadersInit): Response {
  const response = errorResponse(
    429,
    'rate_limited',
    `too many requests; retry in ${retryAfter} s`,
    headers,
  );
  response.headers.set('Retry-After', String(retryAfter));
  return response;
}

/** Fixed-window limits per client address and per session, for one endpoint (`scope`). */
export function createRateLimiter(options: RateLimitOptions | false = {}, scope = ''): RateLimiter {
  if (options === false) return { checkAddress: async () => null, checkSession: async () => null };
  const {
    perAddress = DEFAULT_RATE_LIMITS.perAddress,
    perSession = DEFAULT_RATE_LIMITS.perSession,
    clientAddress = clientAddressOf,
    store = createMemoryRateLimitStore(),
    now = systemClock,
  } = options;
  assertRate('rateLimit.perAddress', perAddress);
  assertRate('rateLimit.perSession', perSession);

  // With a store that counts at once (the memory store) a check awaits nothing: one promise, not three.
  const check = async (
    rate: RateLimit | false,
    key: string | undefined,
    headers?: HeadersInit,
  ): Promise<Response | null> => {
    if (rate === false || key === undefined) return null;
    const time = now();
    const windowEnd = (Math.floor(time / rate.window) + 1) * rate.window;
    const hit = store.hit(`${scope}:${key}`, windowEnd, time);
    const count = typeof hit === 'number' ? hit : await hit;
    return count <= rate.limit ? null : tooManyRequests(windowEnd - time, headers);
  };

  return {
    checkAddress: (request, headers) => {
      let address: string | undefined;
      try {
        address = clientAddress(request);
      } catch (error) {
        return Promise.reject(error);
      }
      return check(perAddress, address === undefined ? undefined : `address:${address}`, headers);
    },
    checkSession: (session, headers) => check(perSession, `session:${session}`, headers),
  };
}
