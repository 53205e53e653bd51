import type { DemoWidget } from './demo-widget';
import { createObservable, type Observable } from './observable';
import { type CloudFaultId, cloudFaultIds, pageOptionsUrl, readPageOptions } from './page-options';

export type FaultId = 'slow' | 'blocked' | CloudFaultId;
export type Faults = Readonly<Record<FaultId, boolean>>;

/** Every fault toggle the apps show, in order, with its test id and label. */
export const faultToggles: readonly { id: FaultId; testId: string; label: string }[] = [
  { id: 'slow', testId: 'fault-slow', label: 'Widget script loads slowly (reloads)' },
  { id: 'blocked', testId: 'fault-blocked', label: 'Widget script blocked (reloads)' },
  { id: 'outage', testId: 'fault-vendor-5xx', label: 'Vendor cloud answers 503' },
  { id: 'hang', testId: 'fault-vendor-hang', label: 'Vendor cloud never answers' },
  { id: 'rejectTokens', testId: 'fault-rejected-token', label: 'Vendor rejects every token' },
  {
    id: 'newUserDelay',
    testId: 'fault-new-user-delay',
    label: 'New users are still being created (a user the vendor has not seen yet)',
  },
];

/** The fault toggles as one observable: what is on, and `set` to change it. */
export interface FaultControls extends Observable<Faults> {
  set(id: FaultId, on: boolean): void;
}

function faultsOf(search: string): Faults {
  const { widget, faults } = readPageOptions(search);
  return {
    slow: widget === 'slow',
    blocked: widget === 'blocked',
    ...(Object.fromEntries(cloudFaultIds.map((id) => [id, faults.includes(id)])) as Record<
      CloudFaultId,
      boolean
    >),
  };
}

/**
 * Faults live in the page's URL. How the widget script loads only matters
 * while the page loads, so those toggles reload it; the vendor-cloud faults
 * apply to the widget's next call at once, and the URL keeps them.
 */
export function createFaultControls(
  widget: DemoWidget,
  window: Window = globalThis.window,
): FaultControls {
  const state = createObservable(faultsOf(window.location.search));
  return {
    subscribe: state.subscribe,
    getSnapshot: state.getSnapshot,
    set(id, on) {
      if (id === 'slow' || id === 'blocked') {
        window.location.assign(
          pageOptionsUrl(window.location.href, { widget: on ? id : 'normal' }),
        );
        return;
      }
      const faults = readPageOptions(window.location.search).faults.filter((fault) => fault !== id);
      if (on) faults.push(id);
      window.history.replaceState(
        window.history.state,
        '',
        pageOptionsUrl(window.location.href, { faults }),
      );
      widget.setFaults(faults);
      state.set(faultsOf(window.location.search));
    },
  };
}
