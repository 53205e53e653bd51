import { decodeToken } from './decode-token';
import { ChatSSOError } from './errors';

export interface AuthFetchOptions {
  /** `GET` here signs in with the site's session (cookie): `{ authentication, refresh, expires_in }`. */
  authUrl: string | URL;
  /** `GET` here with the refresh token renews the access token: `{ authentication, expires_in, refresh? }`. */
  reauthUrl: string | URL;
  /** `POST` here with the refresh token ends the session on the server (used by `signOut`). */
  logoutUrl?: string | URL;
  fetch?: typeof fetch;
  /** Milliseconds since the epoch. */
  now?: () => number;
  /** Web Locks, so that tabs refresh one at a time; `navigator.locks` when available, `null` for none. */
  locks?: Pick<LockManager, 'request'> | null;
  /** Sent with the sign-in, refresh and logout requests; `same-origin` by default. */
  credentials?: RequestCredentials;
}

export interface AuthFetchSnapshot {
  /** How many times the access token was renewed with the refresh token. */
  readonly refreshes: number;
  /** When the current access token expires, in unix seconds; `null` before sign-in. */
  readonly expiresAt: number | null;
}

/** `fetch` that keeps API requests authorized, plus a store the UI can subscribe to. */
export interface AuthFetch {
  (input: RequestInfo | URL, init?: RequestInit): Promise<Response>;
  subscribe(listener: () => void): () => void;
  /** The same object until something changes. */
  getSnapshot(): AuthFetchSnapshot;
  /** Forgets the tokens, after revoking them at `logoutUrl` when one is configured. */
  signOut(): Promise<void>;
  /**
   * The token flow for another HTTP client: a valid access token (signing in
   * or renewing first when due), or, given the token an API just answered 401
   * to, a renewed one (one renewal shared by every caller refused the same token).
   */
  accessToken(refused?: string): Promise<string>;
}

interface Tokens {
  access: string;
  refresh: string | undefined;
  /** Milliseconds; renew before a request sent after this. */
  renewAt: number;
  expiresAt: number | null;
}

/** Renew once 90% of the lifetime has passed, so a token never expires on its way to the API. */
const RENEW_AFTER = 0.9;
/**
 * Servers count a token's life from an `iat` truncated to whole seconds, so
 * it may end up to a second before `received + expires_in`: plan with one less.
 */
const TRUNCATED_MS = 1000;
const LOCK_NAME = 'chat-sso:auth-fetch';

function unavailable(what: string, cause?: unknown): ChatSSOError {
  return new ChatSSOError('token_unavailable', `${what}; try again later`, {
    transient: true,
    cause,
  });
}

/** Lifetime in seconds: the server's `expires_in`, else the token's own (untrusted) `exp`. */
function lifetimeOf(body: { expires_in?: unknown }, access: string, nowSeconds: number) {
  if (typeof body.expires_in === 'number' && body.expires_in > 0) return body.expires_in;
  try {
    const { exp } = decodeToken(access).claims;
    return typeof exp === 'number' && exp > nowSeconds ? exp - nowSeconds : null;
  } catch {
    return null;
  }
}

/**
 * Creates a `fetch` for an API protected by access/refresh tokens (the
 * `/system/auth` flow): it signs in on first use, sends the access token as
 * `Authorization: Bearer`, renews it before it expires and once after a 401
 * (one renewal shared by all concurrent requests), signs in again when the
 * refresh token is refused, and rejects with `session_expired` when that fails
 * too. Tokens stay in this object's memory, never in storage.
 */
export function createAuthFetch(options: AuthFetchOptions): AuthFetch {
  const fetchFn = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const now = options.now ?? Date.now;
  const credentials = options.credentials ?? 'same-origin';
  let tokens: Tokens | undefined;
  let renewal: Promise<Tokens> | undefined;
  /** Counts sign-outs, so a renewal that was in flight during one is dropped. */
  let signOuts = 0;
  let snapshot: AuthFetchSnapshot = { refreshes: 0, expiresAt: null };
  const listeners = new Set<() => void>();

  const publish = (next: Partial<AuthFetchSnapshot>) => {
    snapshot = { ...snapshot, ...next };
    for (const listener of listeners) listener();
  };

  const tokenRequest = async (url: string | URL, method: string, refresh?: string) => {
    try {
      return await fetchFn(url, {
        method,
        credentials,
        headers: refresh === undefined ? {} : { Authorization: `Bearer ${refresh}` },
      });
    } catch (cause) {
      throw new ChatSSOError('network', `${String(url)} could not be reached`, {
        transient: true,
        cause,
      });
    }
  };

  const adopt = async (response: Response, previousRefresh?: string): Promise<Tokens> => {
    let body: { authentication?: unknown; refresh?: unknown; expires_in?: unknown };
    try {
      body = await response.json();
    } catch (cause) {
      throw unavailable(`${response.url || 'the token endpoint'} did not answer JSON`, cause);
    }
    if (typeof body?.authentication !== 'string' || body.authentication === '') {
      throw unavailable('the token endpoint answered without an authentication token');
    }
    const received = now();
    const lifetime = lifetimeOf(body, body.authentication, Math.floor(received / 1000));
    const lifeMs = lifetime === null ? null : Math.max(lifetime * 1000 - TRUNCATED_MS, 0);
    return {
      access: body.authentication,
      refresh: typeof body.refresh === 'string' ? body.refresh : previousRefresh,
      renewAt: lifeMs === null ? Number.POSITIVE_INFINITY : received + lifeMs * RENEW_AFTER,
      // Rounded up, so that once `expiresAt` has passed the next request renews first.
      expiresAt: lifeMs === null ? null : Math.ceil((received + lifeMs) / 1000),
    };
  };

  const refused = (response: Response) => response.status === 401 || response.status === 403;

  /** New tokens, and whether they came from the refresh token (rather than a new sign-in). */
  const obtain = async (stale: Tokens | undefined): Promise<[Tokens, boolean]> => {
    if (stale?.refresh !== undefined) {
      const response = await tokenRequest(options.reauthUrl, 'GET', stale.refresh);
      if (response.ok) return [await adopt(response, stale.refresh), true];
      if (!refused(response)) {
        throw unavailable(`renewing the access token failed (${response.status})`);
      }
    }
    const response = await tokenRequest(options.authUrl, 'GET');
    if (response.ok) return [await adopt(response), false];
    if (refused(response)) {
      throw new ChatSSOError('session_expired', 'the session has ended; sign in again');
    }
    throw unavailable(`signing in to the API failed (${response.status})`);
  };

  const underLock = async <T>(task: () => Promise<T>): Promise<T> => {
    const locks = options.locks === undefined ? globalThis.navigator?.locks : options.locks;
    return locks ? await locks.request(LOCK_NAME, task) : task();
  };

  /** Tokens newer than `stale`: the ones already renewed by someone else, or a renewal shared by every caller. */
  const renew = (stale: Tokens | undefined): Promise<Tokens> => {
    if (tokens !== undefined && tokens !== stale) return Promise.resolve(tokens);
    const session = signOuts;
    renewal ??= underLock(() => obtain(stale))
      .then(
        ([renewed, refreshed]) => {
          if (session !== signOuts) {
            throw new ChatSSOError('logged_out', 'signed out while the tokens were renewed');
          }
          tokens = renewed;
          publish({
            expiresAt: renewed.expiresAt,
            refreshes: snapshot.refreshes + (refreshed ? 1 : 0),
          });
          return renewed;
        },
        (error: unknown) => {
          if (error instanceof ChatSSOError && error.code === 'session_expired') {
            tokens = undefined;
            publish({ expiresAt: null });
          }
          throw error;
        },
      )
      .finally(() => {
        renewal = undefined;
      });
    return renewal;
  };

  const send = (input: RequestInfo | URL, init: RequestInit | undefined, access: string) => {
    const isRequest = input instanceof Request;
    const headers = new Headers(init?.headers ?? (isRequest ? input.headers : undefined));
    headers.set('Authorization', `Bearer ${access}`);
    // A Request's body can be read once: keep the original for the retry.
    return fetchFn(isRequest ? input.clone() : input, { ...init, headers });
  };

  const current = () =>
    tokens !== undefined && now() < tokens.renewAt ? Promise.resolve(tokens) : renew(tokens);

  const authFetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const used = await current();
    const response = await send(input, init, used.access);
    if (response.status !== 401) return response;
    const renewed = await renew(used);
    return send(input, init, renewed.access);
  };

  return Object.assign(authFetch, {
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    getSnapshot: () => snapshot,
    async accessToken(refused?: string) {
      if (refused === undefined) return (await current()).access;
      // Tokens other than the refused ones are already newer: `renew` hands them back.
      return (await renew(tokens?.access === refused ? tokens : undefined)).access;
    },
    async signOut() {
      const refresh = tokens?.refresh;
      tokens = undefined;
      signOuts += 1;
      publish({ expiresAt: null });
      if (options.logoutUrl !== undefined && refresh !== undefined) {
        await tokenRequest(options.logoutUrl, 'POST', refresh);
      }
    },
  });
}
