// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { VendorCloud } from '../create-vendor-cloud';
import type { EmulatorHandle } from '../install-emulator';
import type { CloudLog } from '../wire';
import { ada } from './tokens';
import { fetchFrom, type VendorCase, vendorCases } from './vendor-cases';

const identity = () => document.querySelector<HTMLElement>('[data-testid="widget-identity"]');
const shownError = () => document.querySelector('[data-testid="widget-error"]')?.textContent;

async function vendorLog(cloud: VendorCloud): Promise<CloudLog['events']> {
  const response = await cloud(new Request('http://localhost/vendor/x/log'));
  return ((await response.json()) as CloudLog).events;
}

let handle: EmulatorHandle | undefined;

afterEach(() => {
  handle?.uninstall();
  handle = undefined;
  vi.useRealTimers();
  document.body.replaceChildren();
});

describe.each(vendorCases)('$vendor emulator', (vendor: VendorCase) => {
  async function installed(faults = {}) {
    const site = await vendor.setup();
    handle = vendor.install({ fetch: fetchFrom(site.cloud), faults });
    return site;
  }

  it('logs in with a valid token: the panel shows the verified user', async () => {
    const site = await installed();
    await vendor.login(window, await site.token());
    expect(identity()?.textContent).toBe(ada.name);
    expect(identity()?.dataset.verified).toBe('true');
    expect(handle?.state()).toMatchObject({ loaded: true, verified: true, error: null });
    expect(handle?.state().user?.name).toBe(ada.name);
  });

  it('logs out: the panel shows Anonymous and the vendor logs login then logout', async () => {
    const site = await installed();
    await vendor.login(window, await site.token());
    await vendor.logout(window);
    await handle?.idle();
    expect(identity()?.textContent).toBe('Anonymous');
    expect(identity()?.dataset.verified).toBe('false');
    const events = await vendorLog(site.cloud);
    expect(events.map((event) => [event.type, event.user?.name])).toEqual([
      ['login', ada.name],
      ['logout', ada.name],
    ]);
  });

  it("refuses a token that breaks a rule with the vendor's reason", async () => {
    const site = await installed();
    const { token, reason } = await site.broken();
    const failure = await vendor.login(window, token).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toContain(reason);
    expect(identity()?.textContent).toBe('Anonymous');
    expect(shownError()).toBe((failure as Error).message);
    const [event] = await vendorLog(site.cloud);
    expect(event).toMatchObject({ type: 'login_rejected', reason: (failure as Error).message });
  });

  it('loads late under loadDelayMs: globals and panel appear only after the delay', async () => {
    vi.useFakeTimers();
    await installed({ loadDelayMs: 3000 });
    expect(vendor.global in window).toBe(false);
    await vi.advanceTimersByTimeAsync(2999);
    expect(vendor.global in window).toBe(false);
    expect(identity()).toBeNull();
    await vi.advanceTimersByTimeAsync(1);
    expect(vendor.global in window).toBe(true);
    expect(identity()?.textContent).toBe('Anonymous');
  });

  it('never loads under neverLoads, however long; switching the fault off loads it', async () => {
    vi.useFakeTimers();
    await installed({ neverLoads: true });
    await vi.advanceTimersByTimeAsync(10 * 60 * 1000);
    expect(vendor.global in window).toBe(false);
    expect(handle?.state().loaded).toBe(false);
    handle?.setFaults({ neverLoads: false });
    expect(vendor.global in window).toBe(true);
  });

  it('logs out even during a vendor outage: the widget forgets the user at once', async () => {
    const site = await installed();
    await vendor.login(window, await site.token());
    handle?.setFaults({ outage: true });
    await vendor.logout(window);
    await handle?.idle();
    expect(identity()?.textContent).toBe('Anonymous');
    expect(handle?.state().error).toBeNull();
  });

  it('fails during a vendor outage (5xx) with the vendor message, and logs in after it', async () => {
    const site = await installed({ outage: true });
    const token = await site.token();
    await expect(vendor.login(window, token)).rejects.toThrow(
      /is temporarily unavailable \(emulated outage\); try again later/,
    );
    expect(identity()?.textContent).toBe('Anonymous');
    handle?.setFaults({ outage: false });
    await vendor.login(window, token);
    expect(identity()?.textContent).toBe(ada.name);
  });

  it('gets no answer to a login under hang; switched off, the widget gives up on it and the next login succeeds', async () => {
    const site = await vendor.setup();
    const received: string[] = [];
    handle = vendor.install({
      fetch: (input, init) => {
        received.push(new URL(input instanceof Request ? input.url : input).pathname);
        return fetchFrom(site.cloud)(input, init);
      },
      faults: { hang: true },
    });
    const token = await site.token();
    let outcome: string | undefined;
    vendor.login(window, token).then(
      () => {
        outcome = 'signed in';
      },
      (error: Error) => {
        outcome = error.message;
      },
    );
    await vi.waitUntil(() => received.length === 1);
    // The cloud has the login; turns of the event loop bring no answer.
    for (let turn = 0; turn < 20; turn++) await new Promise((resolve) => setImmediate(resolve));
    expect(outcome).toBeUndefined();
    expect(handle?.state().user).toBeNull();
    handle?.setFaults({ hang: false });
    await vi.waitUntil(() => outcome !== undefined);
    // Handed straight to the cloud, the dropped call gets the cloud's last word (over HTTP: none).
    expect(outcome).toMatch(/did not answer \(emulated hang\)/);
    expect(handle?.state().error).toBe(outcome);
    expect(identity()?.textContent).toBe('Anonymous');
    await vendor.login(window, token);
    expect(identity()?.textContent).toBe(ada.name);
    expect((await vendorLog(site.cloud)).map((event) => event.type)).toEqual(['login']);
  });

  it('refuses even a valid token under rejectTokens', async () => {
    const site = await installed({ rejectTokens: true });
    await expect(vendor.login(window, await site.token())).rejects.toThrow(
      /the token was rejected \(emulated fault\)/,
    );
    expect(handle?.state().user).toBeNull();
  });

  it('uninstall removes the globals and the panel', async () => {
    await installed();
    expect(vendor.global in window).toBe(true);
    handle?.uninstall();
    expect(vendor.global in window).toBe(false);
    expect(identity()).toBeNull();
    expect(handle?.state().loaded).toBe(false);
  });
});
