import type { EmulatedVendor } from './vendors';
import { vendorTitles } from './vendors';
import {
  type CloudErrorCode,
  type CloudErrorResponse,
  type CloudFaults,
  FAULTS_HEADER,
  type LoginRequest,
  type LoginResponse,
} from './wire';

/** A call to the vendor cloud failed; `message` is the vendor's reason. */
export class VendorCallError extends Error {
  override name = 'VendorCallError';
  readonly code: CloudErrorCode | 'network';

  constructor(code: CloudErrorCode | 'network', message: string) {
    super(message);
    this.code = code;
  }
}

export interface VendorConnection {
  login(body: LoginRequest): Promise<LoginResponse>;
  logout(session: string): Promise<void>;
}

interface ConnectionOptions {
  vendor: EmulatedVendor;
  /** Base URL of the vendor cloud, absolute or relative to `pageUrl`. */
  vendorUrl: string;
  pageUrl: string;
  fetch: typeof fetch;
  faults(): CloudFaults;
}

const hasCloudFault = (faults: CloudFaults): boolean =>
  Boolean(faults.outage || faults.rejectTokens || faults.newUserDelaySeconds);

/** The widget's side of its vendor cloud: JSON over `fetch`, as a real widget calls home. */
export function createVendorConnection(options: ConnectionOptions): VendorConnection {
  const title = vendorTitles[options.vendor];
  const base = options.vendorUrl.replace(/\/+$/, '');

  async function post(action: 'login' | 'logout', body: unknown): Promise<unknown> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    const faults = options.faults();
    if (hasCloudFault(faults)) headers[FAULTS_HEADER] = JSON.stringify(faults);
    let response: Response;
    try {
      response = await options.fetch(new URL(`${base}/${action}`, options.pageUrl), {
        method: 'POST',
        headers,
        body: JSON.stringify(body),
      });
    } catch {
      throw new VendorCallError('network', `${title} could not be reached (network error)`);
    }
    const payload: unknown = await response.json().catch(() => undefined);
    if (response.ok) return payload;
    const answer = payload as Partial<CloudErrorResponse> | undefined;
    throw typeof answer?.message === 'string' && typeof answer.error === 'string'
      ? new VendorCallError(answer.error, answer.message)
      : new VendorCallError(
          response.status >= 500 ? 'unavailable' : 'invalid_request',
          `${title} answered HTTP ${response.status}`,
        );
  }

  return {
    login: async (body) => (await post('login', body)) as LoginResponse,
    logout: async (session) => {
      await post('logout', { session });
    },
  };
}

/**
 * A plain `Error` carrying only the vendor's message, as the real widgets throw:
 * pages read `exception.message` and nothing else.
 */
export function plainError(failure: unknown): Error {
  return new Error(failure instanceof Error ? failure.message : String(failure));
}

/**
 * For APIs pages often call without awaiting (MedChat, Tiledesk): the page may
 * still observe the rejection, but an ignored one is not reported as unhandled.
 */
export function observed<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}
