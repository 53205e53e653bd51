import { formatDuration } from '@chat-sso/core/contracts';
import { CloudFailure } from './cloud-failure';
import { createOpenWebVerifier, type OpenWebProviderSettings } from './openweb-verifier';
import { readJsonBody } from './read-json-body';
import { createSignedTokenVerifier } from './signed-token-verifier';
import type { TokenVerifier } from './token-verifier';
import { type EmulatedVendor, vendorTitles } from './vendors';
import {
  type CloudEvent,
  type CloudFaults,
  FAULTS_HEADER,
  type LoginResponse,
  type WidgetIdentity,
} from './wire';

export interface VendorCloudOptions extends CloudFaults {
  /** The cloud's clock in unix seconds; default the system clock. */
  now?: () => number;
  /** Larger request bodies are refused with 413; default 16 KiB. */
  maxBodyBytes?: number;
}

export interface SharedSecretCloudOptions extends VendorCloudOptions {
  /** The secret the vendor handed out, as text in the vendor's encoding (MedChat: base64url). */
  secret: string;
}

export interface ZendeskCloudOptions extends VendorCloudOptions {
  /** The account's signing keys by key id (`kid`), at most 10. */
  keys: Readonly<Record<string, string>>;
}

export interface OpenWebCloudOptions extends VendorCloudOptions {
  /** The identity providers the site connected, e.g. `identityProvider.settings`. */
  providers: OpenWebProviderSettings;
  /** How OpenWeb fetches Auth0's JWKS; default the global `fetch`. */
  fetch?: typeof fetch;
}

/** A Web-standard handler: `POST …/login`, `POST …/logout`, `GET …/log`, wherever it is mounted. */
export type VendorCloud = (request: Request) => Promise<Response>;

const MAX_ZENDESK_KEYS = 10;
/** Bounds on what the emulator remembers, so a long-running demo does not grow without end. */
const MAX_EVENTS = 1000;
const MAX_SESSIONS = 10_000;
const MAX_USERS = 10_000;

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
  });
}

/** Adds to a map that forgets its oldest entry beyond `limit`. */
function remember<K, V>(map: Map<K, V>, key: K, value: V, limit: number): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > limit) map.delete(map.keys().next().value as K);
}

function requestFaults(request: Request): CloudFaults {
  const header = request.headers.get(FAULTS_HEADER);
  if (header === null) return {};
  let faults: unknown;
  try {
    faults = JSON.parse(header);
  } catch {
    faults = undefined;
  }
  const { outage, rejectTokens, newUserDelaySeconds, hang } = (faults ?? {}) as Record<
    string,
    unknown
  >;
  const valid =
    typeof faults === 'object' &&
    faults !== null &&
    [outage, rejectTokens, hang].every((flag) => ['boolean', 'undefined'].includes(typeof flag)) &&
    (newUserDelaySeconds === undefined ||
      (typeof newUserDelaySeconds === 'number' && newUserDelaySeconds >= 0));
  if (!valid) {
    throw new CloudFailure(
      'invalid_request',
      `${FAULTS_HEADER} is not JSON of {outage?: boolean, rejectTokens?: boolean, newUserDelaySeconds?: number, hang?: boolean}`,
    );
  }
  return faults as CloudFaults;
}

function verifierFor(vendor: EmulatedVendor, options: Record<string, unknown>): TokenVerifier {
  switch (vendor) {
    case 'spartez':
    case 'tiledesk':
    case 'medchat':
      return createSignedTokenVerifier(vendor, { default: options.secret as string });
    case 'zendesk': {
      const keys = (options.keys ?? {}) as Record<string, string>;
      const count = Object.keys(keys).length;
      if (count === 0 || count > MAX_ZENDESK_KEYS) {
        throw new TypeError(
          `Zendesk messaging: configure 1 to ${MAX_ZENDESK_KEYS} signing keys, not ${count}`,
        );
      }
      return createSignedTokenVerifier('zendesk', keys);
    }
    case 'openweb':
      return createOpenWebVerifier(
        (options.providers ?? {}) as OpenWebProviderSettings,
        options.fetch as typeof fetch | undefined,
      );
    default:
      throw new TypeError(
        `unknown vendor ${JSON.stringify(vendor)}; expected one of ${Object.keys(vendorTitles).join(', ')}`,
      );
  }
}

export function createVendorCloud(
  vendor: 'spartez' | 'tiledesk' | 'medchat',
  options: SharedSecretCloudOptions,
): VendorCloud;
export function createVendorCloud(vendor: 'zendesk', options: ZendeskCloudOptions): VendorCloud;
export function createVendorCloud(vendor: 'openweb', options: OpenWebCloudOptions): VendorCloud;
/**
 * The vendor's side of SSO, emulated: verifies the token a widget sends (HS256
 * with the shared secret under the vendor's contract; OpenWeb: the identity
 * provider's token), opens and ends sessions, records every login and logout,
 * and shows the faults it is told to.
 */
export function createVendorCloud(
  vendor: EmulatedVendor,
  options: SharedSecretCloudOptions | ZendeskCloudOptions | OpenWebCloudOptions,
): VendorCloud {
  const title = vendorTitles[vendor];
  const verifier = verifierFor(vendor, options as unknown as Record<string, unknown>);
  const now = options.now ?? (() => Math.floor(Date.now() / 1000));
  const maxBodyBytes = options.maxBodyBytes ?? 16 * 1024;
  const configured: CloudFaults = {
    outage: options.outage,
    rejectTokens: options.rejectTokens,
    newUserDelaySeconds: options.newUserDelaySeconds,
    hang: options.hang,
  };
  const sessions = new Map<string, WidgetIdentity>();
  /** When each user the cloud has seen exists, in unix seconds. */
  const userReadyAt = new Map<string, number>();
  const events: CloudEvent[] = [];
  let seq = 0;

  function record(event: Omit<CloudEvent, 'seq' | 'at'>): void {
    seq += 1;
    events.push({ seq, at: now(), ...event });
    if (events.length > MAX_EVENTS) events.shift();
  }

  function faultsOf(request: Request): CloudFaults {
    const faults = { ...configured, ...requestFaults(request) };
    if (faults.outage) {
      throw new CloudFailure(
        'unavailable',
        `${title} is temporarily unavailable (emulated outage); try again later`,
      );
    }
    return faults;
  }

  /** Spartez's Limitation 2: a new user exists only some time after their first login. */
  function ensureUserExists(user: WidgetIdentity, delay: number, at: number): void {
    let readyAt = userReadyAt.get(user.id);
    if (readyAt === undefined) {
      readyAt = at + delay;
      remember(userReadyAt, user.id, readyAt, MAX_USERS);
    }
    if (at < readyAt) {
      throw new CloudFailure(
        'user_not_ready',
        `The user is still being created at ${title}; try again in ${formatDuration(readyAt - at)}`,
      );
    }
  }

  async function login(request: Request): Promise<LoginResponse> {
    const faults = faultsOf(request);
    if (faults.hang) {
      // A hung verifier: nothing is answered before the caller gives up.
      const { signal } = request;
      if (!signal.aborted)
        await new Promise((resolve) => signal.addEventListener('abort', resolve));
      throw new CloudFailure('unavailable', `${title} did not answer (emulated hang)`);
    }
    const body = await readJsonBody(request, maxBodyBytes);
    const at = now();
    try {
      if (faults.rejectTokens) {
        throw new CloudFailure(
          'invalid_token',
          `${verifier.refusal}: the token was rejected (emulated fault)`,
        );
      }
      const { user, expiresAt } = await verifier.verify(body, at);
      ensureUserExists(user, faults.newUserDelaySeconds ?? 0, at);
      const session = crypto.randomUUID();
      remember(sessions, session, user, MAX_SESSIONS);
      record({ type: 'login', user });
      return { session, user, expiresAt };
    } catch (failure) {
      if (failure instanceof CloudFailure)
        record({ type: 'login_rejected', reason: failure.message });
      throw failure;
    }
  }

  async function logout(request: Request): Promise<Record<string, never>> {
    faultsOf(request);
    const { session } = await readJsonBody(request, maxBodyBytes);
    if (typeof session !== 'string') {
      throw new CloudFailure('invalid_request', 'session is missing or not a string');
    }
    const user = sessions.get(session);
    if (user) {
      sessions.delete(session);
      record({ type: 'logout', user });
    }
    return {};
  }

  const routes: Record<string, { method: string; handle(request: Request): Promise<unknown> }> = {
    login: { method: 'POST', handle: login },
    logout: { method: 'POST', handle: logout },
    log: { method: 'GET', handle: async () => ({ events: events.map((event) => ({ ...event })) }) },
  };

  return async (request) => {
    try {
      const action = new URL(request.url).pathname.split('/').at(-1) ?? '';
      const route = Object.hasOwn(routes, action) ? routes[action] : undefined;
      if (!route) {
        throw new CloudFailure(
          'not_found',
          `${title} answers POST …/login, POST …/logout and GET …/log`,
        );
      }
      if (request.method !== route.method) {
        throw new CloudFailure('method_not_allowed', `…/${action} answers ${route.method} only`);
      }
      return json(200, await route.handle(request));
    } catch (failure) {
      if (failure instanceof CloudFailure) return json(failure.status, failure.toJSON());
      return json(500, { error: 'internal', message: `${title} failed unexpectedly` });
    }
  };
}
