import { DOCUMENT } from '@angular/common';
import {
  type EnvironmentProviders,
  InjectionToken,
  inject,
  makeEnvironmentProviders,
} from '@angular/core';
import { type AuthFetchOptions, createAuthFetch } from '@chat-sso/core/auth-fetch';
import { ChatSSOAuthFetch } from './chat-sso-auth-fetch';

export interface ChatSSOAuthFetchConfig extends AuthFetchOptions {
  /**
   * Which `HttpClient` requests get the access token, by their absolute URL;
   * by default those to the page's own origin, so no token leaves it unasked.
   */
  urls?: (url: URL) => boolean;
}

/** The requests `chatSSOAuthInterceptor` authorizes. */
export const CHAT_SSO_AUTH_URLS = /* @__PURE__ */ new InjectionToken<(url: URL) => boolean>(
  'CHAT_SSO_AUTH_URLS',
);

/**
 * Provides the access/refresh token flow of `createAuthFetch` to
 * `chatSSOAuthInterceptor` and as `inject(ChatSSOAuthFetch)`. The injector it
 * is provided in gets its own tokens, kept in memory only.
 */
export function provideChatSSOAuthFetch(config: ChatSSOAuthFetchConfig): EnvironmentProviders {
  const { urls, ...options } = config;
  return makeEnvironmentProviders([
    { provide: ChatSSOAuthFetch, useFactory: () => createAuthFetch(options) },
    {
      provide: CHAT_SSO_AUTH_URLS,
      useFactory: () => {
        if (urls) return urls;
        const page = inject(DOCUMENT);
        return (url: URL) => url.origin === page.location.origin;
      },
    },
  ]);
}
