// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WidgetAdapter } from '../types';
import { waitForWidget } from '../wait-for-widget';

const widget: WidgetAdapter<{ version: number }> = {
  name: 'Late widget',
  find: (window) => (window as { lateWidget?: { version: number } }).lateWidget,
  readyEvent: 'late-widget-ready',
  login: async () => undefined,
  logout: async () => undefined,
};
const env = {
  window: () => window,
  setTimeout: (callback: () => void, ms: number) => setTimeout(callback, ms),
  clearTimeout: (id: unknown) => clearTimeout(id as number),
};

describe('waitForWidget', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    delete (window as { lateWidget?: unknown }).lateWidget;
    vi.useRealTimers();
  });

  it('resolves at once with an API that is already there', async () => {
    Object.assign(window, { lateWidget: { version: 1 } });
    await expect(waitForWidget(widget, env, 1000, new AbortController().signal)).resolves.toEqual({
      version: 1,
    });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('finds an API that appears later by polling', async () => {
    const found = waitForWidget(widget, env, 5000, new AbortController().signal);
    await vi.advanceTimersByTimeAsync(1000);
    Object.assign(window, { lateWidget: { version: 2 } });
    await vi.advanceTimersByTimeAsync(100);
    await expect(found).resolves.toEqual({ version: 2 });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('looks again as soon as the ready event fires', async () => {
    const found = vi.fn();
    waitForWidget(widget, env, 5000, new AbortController().signal).then(found);
    await vi.advanceTimersByTimeAsync(30);
    Object.assign(window, { lateWidget: { version: 3 } });
    document.dispatchEvent(new Event('late-widget-ready'));
    await vi.advanceTimersByTimeAsync(0);
    expect(found).toHaveBeenCalledWith({ version: 3 });
  });

  it('gives up with widget_unavailable after the timeout, and stops looking', async () => {
    const failed = vi.fn();
    waitForWidget(widget, env, 2000, new AbortController().signal).catch(failed);
    await vi.advanceTimersByTimeAsync(1999);
    expect(failed).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(failed).toHaveBeenCalledWith(
      expect.objectContaining({
        code: 'widget_unavailable',
        message: 'Late widget did not load in 2000 ms',
      }),
    );
    expect(vi.getTimerCount()).toBe(0);
  });

  it('stops polling and listening once aborted', async () => {
    const lifetime = new AbortController();
    const settled = vi.fn();
    waitForWidget(widget, env, 5000, lifetime.signal).then(settled, settled);
    await vi.advanceTimersByTimeAsync(200);
    lifetime.abort();
    expect(vi.getTimerCount()).toBe(0);
    Object.assign(window, { lateWidget: { version: 4 } });
    document.dispatchEvent(new Event('late-widget-ready'));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(settled).not.toHaveBeenCalled();
  });
});
