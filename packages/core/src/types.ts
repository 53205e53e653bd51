import type { ChatSSOError } from './errors';

/**
 * Where the widget stands with the site's user:
 * - `idle`: nothing started yet (also the server-rendering snapshot);
 * - `signing_in`: fetching a token and/or waiting for the widget, then logging in;
 * - `signed_in`: the widget chats as `user`;
 * - `signing_out`: the widget is being logged out;
 * - `signed_out`: the widget is anonymous;
 * - `error`: the last login failed for good; `error` says why.
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

/** A framework-free store, one per widget; adapters only project it. */
export interface ChatSSOStore {
  subscribe(listener: () => void): () => void;
  getSnapshot(): ChatSSOSnapshot;
  /** The snapshot to render on the server and to hydrate with: always `idle`. */
  getServerSnapshot(): ChatSSOSnapshot;
  login(): Promise<void>;
  logout(): Promise<void>;
  destroy(): void;
}
