import * as emulators from '@chat-sso/emulators';
import { createVendorCloud } from '@chat-sso/emulators/cloud';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDemoWidget, EMULATORS_SCRIPT_URL, SLOW_LOAD_MS } from '../demo-widget';
import { readPageOptions } from '../page-options';

interface SpartezWindow {
  spartezSupportChat?: { sso: { login(token: string): Promise<void> } };
}

describe('createDemoWidget, with the real emulators', () => {
  let container: HTMLElement;
  const unmounts: (() => void)[] = [];
  const mount = (query: string) => {
    const widget = createDemoWidget(readPageOptions(query));
    unmounts.push(widget.mount(container));
    return widget;
  };
  const identity = () => container.querySelector('[data-testid="widget-identity"]');
  const spartez = () => (window as SpartezWindow).spartezSupportChat;

  beforeEach(() => {
    vi.useFakeTimers();
    container = document.createElement('aside');
    document.body.append(container);
    // What the emulators' script defines once it has run.
    window.ChatSSOEmulators = emulators as never;
  });
  afterEach(() => {
    for (const unmount of unmounts.splice(0)) unmount();
    vi.useRealTimers();
    vi.unstubAllGlobals();
    container.remove();
    delete window.ChatSSOEmulators;
  });

  it("loads the vendor's widget into the container at once, and takes it off again", async () => {
    mount('?vendor=spartez');
    await vi.advanceTimersByTimeAsync(0);
    expect(identity()?.textContent).toBe('Anonymous');
    expect(spartez()).toBeDefined();

    unmounts.pop()!();
    expect(identity()).toBeNull();
    expect(spartez()).toBeUndefined();
  });

  it(`loads a slow widget ${SLOW_LOAD_MS} ms late`, async () => {
    mount('?vendor=spartez&widget=slow');
    await vi.advanceTimersByTimeAsync(SLOW_LOAD_MS - 1);
    expect(spartez()).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(spartez()).toBeDefined();
  });

  it('never loads a blocked widget', async () => {
    mount('?vendor=spartez&widget=blocked');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(spartez()).toBeUndefined();
    expect(container.childElementCount).toBe(0);
  });

  it('adds the emulators script to the page once, however often widgets mount', () => {
    delete window.ChatSSOEmulators;
    mount('?vendor=tiledesk');
    unmounts.pop()!();
    mount('?vendor=tiledesk');
    vi.advanceTimersByTime(0);
    expect(document.querySelectorAll(`script[src="${EMULATORS_SCRIPT_URL}"]`)).toHaveLength(1);
  });

  it('switches the vendor cloud faults for the next call', async () => {
    const cloud = createVendorCloud('spartez', {
      secret: 'a-demo-secret-that-is-long-enough-to-use',
    });
    vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) =>
      cloud(new Request(input, init)),
    );
    const widget = mount('?vendor=spartez&faults=outage');
    await vi.advanceTimersByTimeAsync(0);
    await expect(spartez()!.sso.login('not.a.token')).rejects.toThrow(/temporarily unavailable/);

    widget.setFaults([]);
    const refusal = await spartez()!
      .sso.login('not.a.token')
      .catch((error: Error) => error.message);
    expect(refusal).toMatch(/token/);
    expect(refusal).not.toMatch(/unavailable/);
  });
});
