import type { CloudEvent } from '@chat-sso/emulators';
import { inject } from 'vitest';

/** The demo server's URL for `path`, e.g. `demoUrl('react/')`. */
export function demoUrl(path = ''): string {
  return new URL(path, inject('demoUrl')).href;
}

/** Stops the demo server and starts it again on the same port and data dir. */
export async function restartDemoServer(): Promise<void> {
  const response = await fetch(inject('restartUrl'), { method: 'POST' });
  if (!response.ok) throw new Error(`restarting the demo server failed: ${await response.text()}`);
}

/** What the emulated vendor cloud recorded (its in-memory log starts empty at each start). */
export async function vendorLog(vendor: string): Promise<CloudEvent[]> {
  const response = await fetch(demoUrl(`vendor/${vendor}/log`));
  if (!response.ok) throw new Error(`GET /vendor/${vendor}/log answered ${response.status}`);
  return ((await response.json()) as { events: CloudEvent[] }).events;
}

/** The vendor log's events after `since` (a `seq`), as `login:Ada Lovelace`-style lines. */
export async function vendorEventsSince(vendor: string, since: number): Promise<string[]> {
  return (await vendorLog(vendor))
    .filter((event) => event.seq > since)
    .map((event) => `${event.type}:${event.user?.name ?? event.reason ?? ''}`);
}

/** The `seq` of the vendor log's latest event, 0 when empty. */
export async function lastSeq(vendor: string): Promise<number> {
  return (await vendorLog(vendor)).at(-1)?.seq ?? 0;
}
