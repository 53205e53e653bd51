import { InjectionToken, type Signal } from '@angular/core';
import type { ChatSSOError, ChatSSOSnapshot, ChatSSOStatus, WidgetUser } from '@chat-sso/core';
import type { Observable } from 'rxjs';

/** The chat widget's sign-in state as signals, and the two calls that change it. */
export interface ChatSSO {
  readonly status: Signal<ChatSSOStatus>;
  readonly user: Signal<WidgetUser | null>;
  readonly error: Signal<ChatSSOError | null>;
  /** When the token in use expires, in unix seconds. */
  readonly expiresAt: Signal<number | null>;
  /** The widget chats as `user`. */
  readonly isAuthenticated: Signal<boolean>;
  /** A login or logout is under way. */
  readonly isLoading: Signal<boolean>;
  /** Emits the current snapshot on subscription and every change after; completes on destroy. */
  readonly snapshot$: Observable<ChatSSOSnapshot>;
  /** Logs the widget in as the site's user; resolves once that settles. */
  login(): Promise<void>;
  /** Logs the widget out; resolves once that settles. */
  logout(): Promise<void>;
}

/** `inject(ChatSSO)` anywhere under an injector configured with `provideChatSSO()`. */
export const ChatSSO = new InjectionToken<ChatSSO>('ChatSSO', {
  providedIn: 'root',
  // Only reached when no injector up the tree provides it.
  factory: () => {
    throw new Error('inject(ChatSSO) needs provideChatSSO(...) in app.config.ts or a route');
  },
});
