import { describe, expect, it } from 'vitest';
import { createMemoryRateLimitStore, createRateLimiter } from '../rate-limit';

const clock = { now: 1_750_000_010 };
const now = () => clock.now;
const request = new Request('https://shop.example/chat-token');

describe('createRateLimiter (fixed windows, injected clock)', () => {
  it('lets `limit` requests per window through, then answers 429 with Retry-After until the window ends', async () => {
    clock.now = 1_750_000_010; // 10 s into a minute-long window ending at 1_750_000_020
    const limiter = createRateLimiter(
      { perSession: { limit: 2, window: 60 }, perAddress: false, now },
      'test',
    );
    expect(await limiter.checkSession('ada')).toBeNull();
    expect(await limiter.checkSession('ada')).toBeNull();
    const refused = (await limiter.checkSession('ada'))!;
    expect(refused.status).toBe(429);
    expect(refused.headers.get('Retry-After')).toBe('10');
    expect(refused.headers.get('Cache-Control')).toBe('no-store');
    expect(await refused.json()).toEqual({
      error: 'rate_limited',
      message: 'too many requests; retry in 10 s',
    });
    expect(await limiter.checkSession('grace')).toBeNull();
    clock.now += 9;
    expect((await limiter.checkSession('ada'))?.headers.get('Retry-After')).toBe('1');
    clock.now += 1;
    expect(await limiter.checkSession('ada')).toBeNull();
  });

  it('limits by the address the adapter saw, or the one `clientAddress` reads, and skips requests without one', async () => {
    const limiter = createRateLimiter(
      {
        perAddress: { limit: 1, window: 60 },
        clientAddress: (r) => r.headers.get('CF-Connecting-IP') ?? undefined,
        now,
      },
      'test',
    );
    const from = (ip: string) =>
      new Request('https://shop.example/', { headers: { 'CF-Connecting-IP': ip } });
    expect(await limiter.checkAddress(from('192.0.2.1'))).toBeNull();
    expect((await limiter.checkAddress(from('192.0.2.1')))?.status).toBe(429);
    expect(await limiter.checkAddress(from('192.0.2.2'))).toBeNull();
    expect(await limiter.checkAddress(request)).toBeNull();
    expect(await limiter.checkAddress(request)).toBeNull();
  });

  it('answers a clientAddress that throws with a rejected check, never a throw at the call', async () => {
    const failure = new Error('no address header');
    const limiter = createRateLimiter({
      clientAddress: () => {
        throw failure;
      },
      now,
    });
    const checked = limiter.checkAddress(request);
    await expect(checked).rejects.toBe(failure);
  });

  it('adds the headers it is given to a 429 (CORS for a listed origin)', async () => {
    const limiter = createRateLimiter({ perSession: { limit: 1, window: 60 }, now });
    await limiter.checkSession('ada');
    const refused = await limiter.checkSession('ada', { 'Access-Control-Allow-Origin': 'x' });
    expect(refused?.headers.get('Access-Control-Allow-Origin')).toBe('x');
  });

  it('counts in a store shared by several limiters, as several server instances would', async () => {
    const shared = createMemoryRateLimitStore();
    const options = { perSession: { limit: 2, window: 60 }, store: shared, now };
    const [first, second] = [createRateLimiter(options, 'api'), createRateLimiter(options, 'api')];
    expect(await first.checkSession('ada')).toBeNull();
    expect(await second.checkSession('ada')).toBeNull();
    expect((await first.checkSession('ada'))?.status).toBe(429);
  });

  it('forgets the counts of windows that ended, so memory follows recent keys only', async () => {
    const store = createMemoryRateLimitStore();
    const limiter = createRateLimiter({ perSession: { limit: 1, window: 1 }, store, now });
    for (let i = 0; i < 100; i += 1) await limiter.checkSession(`visitor-${i}`);
    expect(store.size).toBe(100);
    clock.now += 120;
    await limiter.checkSession('ada');
    expect(store.size).toBe(1);
  });

  it('is off with `false`, and refuses limits that are not whole and positive', async () => {
    const off = createRateLimiter(false);
    for (let i = 0; i < 1000; i += 1) expect(await off.checkSession('ada')).toBeNull();
    expect(() => createRateLimiter({ perAddress: { limit: 0, window: 60 } })).toThrow(
      'rateLimit.perAddress needs a whole limit and a window in whole seconds, both at least 1',
    );
    expect(() => createRateLimiter({ perSession: { limit: 5, window: 0.5 } })).toThrow(RangeError);
  });
});
