import { DOCUMENT, isPlatformServer } from '@angular/common';
import { HttpErrorResponse, type HttpInterceptorFn } from '@angular/common/http';
import { inject, PLATFORM_ID } from '@angular/core';
import { catchError, from, switchMap, throwError } from 'rxjs';
import { ChatSSOAuthFetch } from './chat-sso-auth-fetch';
import { CHAT_SSO_AUTH_URLS } from './provide-chat-sso-auth-fetch';

/**
 * Sends the matching `HttpClient` requests with the access token of
 * `provideChatSSOAuthFetch()`, with `authFetch`'s semantics: renewed before it
 * expires, and after a 401 renewed once (shared by concurrent requests) and
 * the request retried once; the request fails with the `ChatSSOError`
 * `session_expired` when neither the refresh token nor the session is accepted.
 * Server rendering sends requests as they are: the tokens belong to the browser.
 */
export const chatSSOAuthInterceptor: HttpInterceptorFn = (request, next) => {
  if (isPlatformServer(inject(PLATFORM_ID))) return next(request);
  const authFetch = inject(ChatSSOAuthFetch);
  if (!inject(CHAT_SSO_AUTH_URLS)(new URL(request.url, inject(DOCUMENT).baseURI))) {
    return next(request);
  }
  const send = (access: string) =>
    next(request.clone({ setHeaders: { Authorization: `Bearer ${access}` } }));
  return from(authFetch.accessToken()).pipe(
    switchMap((access) =>
      send(access).pipe(
        catchError((error: unknown) =>
          error instanceof HttpErrorResponse && error.status === 401
            ? from(authFetch.accessToken(access)).pipe(switchMap(send))
            : throwError(() => error),
        ),
      ),
    ),
  );
};
