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
  /** Gives up on the calls still waiting for the cloud: they fail as a network error. */
  abandon(): void;
}

interface ConnectionOptions {
  vendor: EmulatedVendor;
  /** Base URL of the vendor cloud, absolute or relative to `pageUrl`. */
  vendorUrl: string;
  pageUrl: string;
  fetch: typeof fetch;
  faults(): CloudFaults;
}

/** The faults the cloud shows, when any is on; the widget's own (load) faults stay home. */
function cloudFaults({ outage, rejectTokens, newUserDelaySeconds, hang }: CloudFaults) {
  return outage || rejectTokens || newUserDelaySeconds || hang
    ? JSON.stringify({ outage, rejectTokens, newUserDelaySeconds, hang })
    : undefined;
}

/** The widget's side of its vendor cloud: JSON over `fetch`, as a real widget calls home. */
export function createVendorConnection(options: ConnectionOptions): VendorConnection {
  const title = vendorTitles[options.vendor];
  const base = options.vendorUrl.replace(/\/+$/, '');
  /** One per call in flight, so that `abandon` reaches exactly those (a shared signal would collect a listener per call). */
  const waiting = new Set<AbortController>();

  async function post(action: 'login' | 'logout', body: unknown): Promise<unknown> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    const faults = cloudFaults(options.faults());
    if (faults) headers[FAULTS_HEADER] = faults;
    const call = new AbortController();
    waiting.add(call);
    let response: Response;
    let payload: unknown;
    try {
      response = await options.fetch(new URL(`${base}/${action}`, options.pageUrl), {
        method: 'POST',
        headers,
        body: JSON.stringify(body),
        signal: call.signal,
      });
      payload = await response.json().catch(() => undefined);
    } catch {
      throw new VendorCallError('network', `${title} could not be reached (network error)`);
    } finally {
      waiting.delete(call);
    }
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
    async login(body) {
      const answer = (await post('login', body)) as Partial<LoginResponse> | undefined;
      // e.g. a vendorUrl that a site's catch-all route answers with a page
      if (typeof answer?.session !== 'string' || typeof answer.user?.name !== 'string') {
        throw new VendorCallError('unavailable', `${title} did not answer the login at ${base}`);
      }
      return answer as LoginResponse;
    },
    logout: async (session) => {
      await post('logout', { session });
    },
    abandon() {
      for (const call of waiting) call.abort();
    },
  };
}
