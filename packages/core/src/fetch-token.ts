import { ChatSSOError } from './errors';
import type { TokenSource } from './types';

export interface FetchTokenInit extends RequestInit {
  /** The fetch to use; the global one when omitted. */
  fetch?: typeof fetch;
}

/**
 * A token source reading the site's own endpoint, which answers
 * `{ token, expiresAt }` (or `expires_in`) for its signed-in user, sending the
 * site's cookies (same origin only). Failures are typed: 401/403 mean the
 * site's session is gone (`session_expired`); network errors, 429 and 5xx are
 * transient, so retried; anything else is permanent.
 */
export function fetchToken(url: string | URL, init: FetchTokenInit = {}): TokenSource {
  const { fetch: fetchImpl, ...request } = init;
  return async () => {
    const response = await (fetchImpl ?? fetch)(url, {
      credentials: 'same-origin',
      cache: 'no-store',
      ...request,
    }).catch((cause: Error) => {
      throw new ChatSSOError('network', `the token endpoint is unreachable: ${cause?.message}`, {
        transient: true,
      });
    });
    const { status } = response;
    if (!response.ok) {
      throw new ChatSSOError(
        status === 401 || status === 403 ? 'session_expired' : 'token_unavailable',
        `the token endpoint answered ${status}`,
        { transient: status > 499 || status === 429 },
      );
    }
    const body = await response.json().catch(() => null);
    if (typeof body?.token !== 'string') {
      throw new ChatSSOError('token_unavailable', 'the token endpoint answered no JSON { token }');
    }
    return { token: body.token, expiresAt: body.expiresAt, expiresIn: body.expires_in };
  };
}
