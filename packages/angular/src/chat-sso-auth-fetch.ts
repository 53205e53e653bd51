import { InjectionToken } from '@angular/core';
import type { AuthFetch } from '@chat-sso/core/auth-fetch';

/**
 * The auth-fetch behind `chatSSOAuthInterceptor`, for what the interceptor
 * does not do: `getSnapshot()`/`subscribe()` (refresh count, expiry),
 * `signOut()`, and `fetch`-style calls outside `HttpClient`.
 */
export const ChatSSOAuthFetch = /* @__PURE__ */ new InjectionToken<AuthFetch>('ChatSSOAuthFetch', {
  providedIn: 'root',
  // Only reached when no injector up the tree provides it.
  factory: () => {
    throw new Error(
      'inject(ChatSSOAuthFetch) needs provideChatSSOAuthFetch(...) in app.config.ts or a route',
    );
  },
});
