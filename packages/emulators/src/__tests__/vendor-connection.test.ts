import { describe, expect, it } from 'vitest';
import { createVendorConnection, VendorCallError } from '../vendor-connection';

/** A cloud that answers logins at once and holds logouts until released, recording each call's signal. */
function recordingCloud() {
  const signals: AbortSignal[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const signal = init?.signal as AbortSignal;
    signals.push(signal);
    if (String(input).endsWith('/login')) {
      return Response.json({ session: 's1', user: { name: 'Ada Lovelace' } });
    }
    return new Promise<Response>((_, reject) =>
      signal.addEventListener('abort', () => reject(signal.reason)),
    );
  }) as typeof globalThis.fetch;
  const connection = createVendorConnection({
    vendor: 'spartez',
    vendorUrl: '/vendor/spartez',
    pageUrl: 'http://shop.example/',
    fetch,
    faults: () => ({}),
  });
  return { connection, signals };
}

describe('createVendorConnection', () => {
  it('gives every call a signal of its own, so a long-lived widget collects no abort listeners', async () => {
    const { connection, signals } = recordingCloud();
    for (let call = 0; call < 3; call += 1) await connection.login({ token: 't' });
    expect(new Set(signals).size).toBe(3);
  });

  it('abandon() fails the calls still waiting as a network error and leaves finished ones alone', async () => {
    const { connection, signals } = recordingCloud();
    await connection.login({ token: 't' });
    const waiting = connection.logout('s1');
    connection.abandon();
    await expect(waiting).rejects.toEqual(
      new VendorCallError('network', 'Spartez Support Chat could not be reached (network error)'),
    );
    expect(signals.map((signal) => signal.aborted)).toEqual([false, true]);
  });
});
