import type { ChatSSOError } from './errors';

/**
 * Where the widget stands with the site's user:
 * - `idle`: nothing started yet (also the server-rendering snapshot);
 * - `signing_in`: fetching a token and/or waiting for the widget, then logging in;
 * - `signed_in`: the widget chats as `user`;
 * - `signing_out`: the widget is being logged out;
 * - `signed_out`: the widget is anonymous;
 * - `error`: the last login or logout failed for good; `error` says why.
 */
export type ChatSSOStatus =
  | 'idle'
  | 'signing_in'
  | 'signed_in'
  | 'signing_out'
  | 'signed_out'
  | 'error';

/** Who the widget believes is chatting. */
export interface WidgetUser {
  /** The site's id for the user (`external_id`, `sub`, or the vendor's own id). */
  id?: string;
  name?: string;
  email?: string;
}

/** Immutable; the same object until something changes. */
export interface ChatSSOSnapshot {
  readonly status: ChatSSOStatus;
  readonly user: WidgetUser | null;
  readonly error: ChatSSOError | null;
  /** When the token in use expires, in unix seconds; `null` when there is none. */
  readonly expiresAt: number | null;
}

/** What the store tells a site beyond its snapshot, with each event's payload. */
export interface ChatSSOEvents {
  /** The status changed. */
  status: ChatSSOSnapshot;
  /** A login or logout failed for good. */
  error: ChatSSOError;
  /** The widget asks the site to sign its user in (OpenWeb's `spot-im-login-start`). */
  loginrequest: undefined;
}

/**
 * A framework-free store, one per widget; adapters only project it. Its
 * methods need no `this`: they can be passed around detached, as the
 * framework adapters do.
 */
export interface ChatSSOStore {
  subscribe(listener: () => void): () => void;
  getSnapshot(): ChatSSOSnapshot;
  /** The snapshot to render on the server and to hydrate with: always `idle`. */
  getServerSnapshot(): ChatSSOSnapshot;
  /** Logs the widget in as the site's user; resolves once that settles (see `getSnapshot()`). */
  login(): Promise<void>;
  /** Logs the widget out; resolves once that settles. */
  logout(): Promise<void>;
  on<Event extends keyof ChatSSOEvents>(
    event: Event,
    handler: (payload: ChatSSOEvents[Event]) => void,
  ): () => void;
  /** Stops timers, the cross-tab channel and listeners; the widget keeps its session. */
  destroy(): void;
}

/**
 * A token for the widget, as the site's endpoint hands it out. Expiry is read
 * from `expiresAt` (unix seconds), else `expiresIn` (seconds from now), else
 * the JWT's `exp`.
 */
export interface TokenResult {
  token: string;
  expiresAt?: number | null;
  expiresIn?: number | null;
}

/** Where tokens come from: `fetchToken(url)` or any async function. */
export type TokenSource = () => Promise<TokenResult>;

/** What a widget announces: its API has loaded, or it asks the site to sign its user in. */
export type WidgetNews = 'ready' | 'loginrequest';

/**
 * How chat-sso talks to one vendor's widget: where its API appears, and how
 * to log in and out with it. Pure description: the store does the waiting,
 * retrying and sequencing.
 */
export interface WidgetAdapter<Api = unknown> {
  /** The vendor's product name, used in messages. */
  readonly name: string;
  /** The widget's API once its script has loaded, else `undefined`. */
  find(window: Window): Api | undefined;
  /**
   * Listens to what the widget announces, for widgets that do: `tell('ready')`
   * when its API has loaded (the store looks for it at once, not at its next
   * look), `tell('loginrequest')` when it asks the site to sign its user in
   * (OpenWeb's `spot-im-login-start`). Returns what stops listening.
   */
  listen?(window: Window, tell: (news: WidgetNews) => void): () => void;
  /** The widget keeps using the token after login: log in again with a new one before it expires. */
  readonly renew?: boolean;
  /** Vendor messages meaning "try again shortly" (beyond the usual 5xx/unavailable wording). */
  readonly transient?: RegExp;
  /**
   * Logs the widget in. `token()` answers a valid token each time it is
   * called: push widgets call it once, pull widgets whenever they need one.
   * Resolves with who the widget says is signed in, when it says so.
   */
  login(api: Api, token: () => Promise<string>): Promise<WidgetUser | undefined>;
  logout(api: Api): Promise<void>;
}

/** Every browser dependency of the store, injectable for tests and server rendering. */
export interface ChatSSOEnv {
  /** Milliseconds since the epoch. */
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
  /** In [0, 1); jitters retry delays. */
  random(): number;
  /** The page's window; `undefined` on a server. Read only once work starts. */
  window(): (Window & typeof globalThis) | undefined;
  /** The cross-tab channel; the window's own when omitted. */
  BroadcastChannel?: typeof BroadcastChannel;
}

export interface RetryOptions {
  /** How many tries a login gets in all, the first included. */
  attempts: number;
  /** The delay before the first retry, in ms; it doubles with each retry. */
  baseDelay: number;
  /** The longest delay between tries, in ms. */
  maxDelay: number;
}

export interface ChatSSOOptions {
  widget: WidgetAdapter;
  token: TokenSource;
  /** How long to wait for the widget's script, in ms (default 10 000). */
  readyTimeout?: number;
  /**
   * How long one widget login or logout may take, in ms (default 10 000): a
   * call left unanswered longer fails as a transient `vendor_timeout`.
   */
  callTimeout?: number;
  /** Retries of transient failures (default 8 tries, 1 s doubling to at most 15 s). */
  retry?: Partial<RetryOptions>;
  /** BroadcastChannel name that carries sign-out to other tabs (default `chat-sso`), or `false`. */
  channel?: string | false;
  /**
   * Seconds of validity a cached token needs to be used, and how long before
   * expiry renewing widgets get a new one (default 30).
   */
  refreshBefore?: number;
  env?: Partial<ChatSSOEnv>;
}
