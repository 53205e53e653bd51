import { requestJson } from './demo-api-error';
import { pageOptionsUrl, readPageOptions } from './page-options';

/** Faults the demo server injects into its emulated vendor clouds, for every page. */
export interface ServerFaults {
  /** The vendor cloud answers HTTP 503. */
  vendor5xx: boolean;
  /** The vendor cloud rejects every token, as after a secret was regenerated. */
  rejectToken: boolean;
  /** Spartez: a user the cloud has not seen yet is "still being created" for a few seconds. */
  newUserDelay: boolean;
}

export type FaultId = 'slow' | 'blocked' | keyof ServerFaults;
export type Faults = Record<FaultId, boolean>;

/** Every toggle the apps show, with its test id; `page` ones reload the page. */
export const faultToggles: readonly {
  id: FaultId;
  testId: string;
  label: string;
  page: boolean;
}[] = [
  { id: 'slow', testId: 'fault-slow', label: 'Widget script loads slowly', page: true },
  { id: 'blocked', testId: 'fault-blocked', label: 'Widget script blocked', page: true },
  { id: 'vendor5xx', testId: 'fault-vendor-5xx', label: 'Vendor cloud answers 5xx', page: false },
  {
    id: 'rejectToken',
    testId: 'fault-rejected-token',
    label: 'Vendor rejects the token',
    page: false,
  },
  {
    id: 'newUserDelay',
    testId: 'fault-new-user-delay',
    label: 'New user still being created (Spartez)',
    page: false,
  },
];

const FAULTS_URL = '/api/faults';

/** The page's own faults (from its URL) and the server's. */
export async function loadFaults(): Promise<Faults> {
  const { widget } = readPageOptions(location.search);
  const server = await requestJson<ServerFaults>(FAULTS_URL);
  return { ...server, slow: widget === 'slow', blocked: widget === 'blocked' };
}

/**
 * Turns a fault on or off. The widget-loading ones act while the page loads,
 * so they reload it; the others change the server at once.
 */
export async function setFault(id: FaultId, on: boolean): Promise<Faults> {
  if (id === 'slow' || id === 'blocked') {
    location.assign(pageOptionsUrl(location.href, { widget: on ? id : 'normal' }));
    return new Promise<never>(() => {});
  }
  await requestJson<ServerFaults>(FAULTS_URL, {
    method: 'PUT',
    body: JSON.stringify({ [id]: on }),
  });
  return loadFaults();
}
