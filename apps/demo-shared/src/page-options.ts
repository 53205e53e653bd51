import { type DemoVendor, demoVendors, isDemoVendor } from './vendors';

/** How the page loads the vendor's widget script: at once, late, or never (blocked). */
export type WidgetLoading = 'normal' | 'slow' | 'blocked';

/** Faults of the emulated vendor cloud, switched on per page (see `@chat-sso/emulators`). */
export const cloudFaultIds = ['outage', 'hang', 'rejectTokens', 'newUserDelay'] as const;
export type CloudFaultId = (typeof cloudFaultIds)[number];

/**
 * What the page's URL says, so that a reload or another vendor keeps it:
 * `?vendor=`, `?widget=slow|blocked`, `?faults=outage,hang,rejectTokens,newUserDelay`,
 * and `?ttl=` (the chat token's lifetime in seconds, to watch expiry happen).
 */
export interface PageOptions {
  vendor: DemoVendor;
  widget: WidgetLoading;
  faults: readonly CloudFaultId[];
  ttl: number | undefined;
}

const isCloudFault = (value: string): value is CloudFaultId =>
  (cloudFaultIds as readonly string[]).includes(value);

export function readPageOptions(search: string): PageOptions {
  const params = new URLSearchParams(search);
  const vendor = params.get('vendor');
  const widget = params.get('widget');
  const ttl = Number(params.get('ttl'));
  return {
    vendor: isDemoVendor(vendor) ? vendor : demoVendors[0].id,
    widget: widget === 'slow' || widget === 'blocked' ? widget : 'normal',
    faults: (params.get('faults') ?? '').split(',').filter(isCloudFault),
    ttl: Number.isInteger(ttl) && ttl > 0 ? ttl : undefined,
  };
}

/** The same page with some options changed; other query parameters are kept. */
export function pageOptionsUrl(href: string, changes: Partial<PageOptions>): string {
  const url = new URL(href);
  const next = { ...readPageOptions(url.search), ...changes };
  const set = (name: string, value: string | undefined) => {
    if (value) url.searchParams.set(name, value);
    else url.searchParams.delete(name);
  };
  set('vendor', next.vendor);
  set('widget', next.widget === 'normal' ? undefined : next.widget);
  set('faults', next.faults.join(','));
  set('ttl', next.ttl?.toString());
  return url.href;
}
