import type { SiteUser } from '@chat-sso/core';
import type { Issuer } from './issuer';
import { errorResponse, jsonResponse } from './json-response';
import { assertOrigins, checkOrigin } from './origin-check';
import { createRateLimiter, type RateLimitOptions } from './rate-limit';
import { type RequestLimits, refuseOversizedRequest } from './request-limits';
import type { WebHandler } from './web-handler';

export interface TokenHandlerOptions {
  issuer: Pick<Issuer, 'issue'>;
  /** The site's signed-in user for this request (from its session cookie…), or null. */
  authenticate(
    request: Request,
  ): SiteUser | null | undefined | Promise<SiteUser | null | undefined>;
  /** Other origins whose pages may fetch tokens, e.g. `https://app.example.com`. The request's own origin always may. */
  allowedOrigins?: readonly string[];
  /** Receives what went wrong behind a 500, for the server's own log. */
  onError?(error: unknown, request: Request): void;
  /** Header and body size caps (8 KiB and 64 KiB by default): above them, 431 and 413. */
  limits?: RequestLimits;
  /** Limits per client address and per signed-in user (`DEFAULT_RATE_LIMITS`); `false` turns them off. */
  rateLimit?: RateLimitOptions | false;
}

const ALLOWED_METHODS = 'GET, POST';

/**
 * The chat-token endpoint as a Web-standard handler, for any server that
 * calls `(Request) => Promise<Response>` (and Node or Express through the
 * adapters): `{ token, expiresAt }` for the signed-in user, to same-origin
 * (or listed) pages only, never cached.
 */
export function createTokenHandler(options: TokenHandlerOptions): WebHandler {
  const { issuer, authenticate, allowedOrigins = [], onError } = options;
  assertOrigins(allowedOrigins);
  const rateLimiter = createRateLimiter(options.rateLimit, 'chat-token');

  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'POST') {
      return errorResponse(
        405,
        'method_not_allowed',
        'use GET or POST',
        { Allow: ALLOWED_METHODS },
        request,
      );
    }
    const oversized = refuseOversizedRequest(request, options.limits);
    if (oversized) return oversized;
    const origin = checkOrigin(request, allowedOrigins);
    if (!origin.allowed) {
      return errorResponse(
        403,
        'cross_site',
        'this endpoint answers only the site’s own pages',
        {},
        request,
      );
    }
    try {
      const limited = await rateLimiter.checkAddress(request, origin.headers);
      if (limited) return limited;
      const user = await authenticate(request);
      if (!user) {
        return errorResponse(
          401,
          'unauthenticated',
          'sign in to chat as yourself',
          origin.headers,
          request,
        );
      }
      const limitedUser = await rateLimiter.checkSession(`user:${user.id}`, origin.headers);
      if (limitedUser) return limitedUser;
      const { token, expiresAt } = await issuer.issue(user);
      return jsonResponse(200, { token, expiresAt }, origin.headers, request);
    } catch (error) {
      onError?.(error, request);
      return errorResponse(
        500,
        'token_unavailable',
        'the chat token could not be issued',
        origin.headers,
        request,
      );
    }
  };
}
