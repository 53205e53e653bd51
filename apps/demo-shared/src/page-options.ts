import { type DemoVendor, demoVendors, isDemoVendor } from './vendors';

/** How the page loads the vendor's widget script: at once, late, or never (blocked). */
export type WidgetLoading = 'normal' | 'slow' | 'blocked';

/**
 * What the page's URL chooses: `?vendor=`, `?widget=slow|blocked`, and
 * `?ttl=` (the chat token's lifetime in seconds, for watching expiry happen).
 * They live in the URL because they act while the page loads.
 */
export interface PageOptions {
  vendor: DemoVendor;
  widget: WidgetLoading;
  ttl: number | undefined;
}

export function readPageOptions(search: string): PageOptions {
  const params = new URLSearchParams(search);
  const vendor = params.get('vendor');
  const widget = params.get('widget');
  const ttl = Number(params.get('ttl'));
  return {
    vendor: isDemoVendor(vendor) ? vendor : demoVendors[0].id,
    widget: widget === 'slow' || widget === 'blocked' ? widget : 'normal',
    ttl: Number.isInteger(ttl) && ttl > 0 ? ttl : undefined,
  };
}

/** The same page with some options changed; the other query parameters are kept. */
export function pageOptionsUrl(href: string, changes: Partial<PageOptions>): string {
  const url = new URL(href);
  const next = { ...readPageOptions(url.search), ...changes };
  url.searchParams.set('vendor', next.vendor);
  if (next.widget === 'normal') url.searchParams.delete('widget');
  else url.searchParams.set('widget', next.widget);
  if (next.ttl === undefined) url.searchParams.delete('ttl');
  else url.searchParams.set('ttl', String(next.ttl));
  return url.href;
}
