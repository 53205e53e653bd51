import type { SiteUser } from '@chat-sso/core';
import { createAccessTokens, DEFAULT_ACCESS_TTL } from './access-token';
import { invalidTokenResponse, readBearerToken } from './bearer-token';
import type { Clock } from './clock';
import { errorResponse, jsonResponse } from './json-response';
import type { Keyring } from './keyring';
import { checkOrigin } from './origin-check';
import { createRateLimiter, type RateLimitOptions } from './rate-limit';
import {
  createRefreshFamilies,
  hashToken,
  MAX_REFRESH_TTL,
  RefreshTokenError,
  type RotationMode,
} from './refresh-families';
import type { RefreshStore } from './refresh-store';
import { StoreUnavailableError } from './refresh-store';
import { type RequestLimits, refuseOversizedRequest } from './request-limits';
import { type ProtectedHandler, requireAccessToken } from './require-access-token';
import type { WebHandler } from './web-handler';

/** Seconds a client should wait before retrying while the store is unreachable. */
export const RETRY_AFTER = 5;

/** The access-token keys: a secret (or keyring) of their own, never a vendor's SSO secret. */
export type AccessKeys =
  | { accessKeyring: Keyring; accessSecret?: never }
  | { accessSecret: string | Uint8Array; accessKeyring?: never };

export type SystemAuthOptions = AccessKeys & {
  /**
   * The site's signed-in user: from its session cookie, or from HTTP Basic
   * credentials it checks itself (`readBasicCredentials` parses them); `null` otherwise.
   */
  authenticate(
    request: Request,
  ): SiteUser | null | undefined | Promise<SiteUser | null | undefined>;
  store: RefreshStore;
  /** Seconds; 15 min by default. */
  accessTtl?: number;
  /** Seconds from sign-in until the refresh family ends; 7 days by default and at most. */
  refreshTtl?: number;
  /** `rotate` (the default) or the seed's `reuse`; see `RotationMode`. */
  rotation?: RotationMode;
  /** Every refusal and failure with its reason (`RefreshTokenError`, `TokenError`, `StoreUnavailableError`…), for the server's log. */
  onError?(error: unknown, request: Request): void;
  /** Header and body size caps (8 KiB and 64 KiB by default): above them, 431 and 413. */
  limits?: RequestLimits;
  /**
   * Limits per client address and per session (the signed-in user at
   * `/system/auth`, the refresh token at `/system/reauth` and logout),
   * `DEFAULT_RATE_LIMITS` by default; `false` turns them off.
   */
  rateLimit?: RateLimitOptions | false;
  now?: Clock;
};

export interface SystemAuth {
  /** `GET /system/auth`: `{ authentication, refresh, expires_in }` for the signed-in user. */
  auth: WebHandler;
  /** `GET /system/reauth` with the refresh token: `{ authentication, expires_in }` (+ `refresh` when rotating). */
  reauth: WebHandler;
  /** `POST /system/logout` with the refresh token: revokes its family, `204`. */
  logout: WebHandler;
  /** Guards an API handler with this service's access tokens. */
  requireAccessToken(handler: ProtectedHandler): WebHandler;
}

function methodNotAllowed(allowed: string, request: Request): Response {
  return errorResponse(405, 'method_not_allowed', `use ${allowed}`, { Allow: allowed }, request);
}

/**
 * The answer to a request refused before any work: too large, or from
 * another site's page (the cookie-authenticated `/system/auth` must not mint
 * tokens for it; the others have no reason to answer one).
 */
function refuseEarly(request: Request, limits: RequestLimits | undefined): Response | null {
  if (!checkOrigin(request, []).allowed) {
    return errorResponse(
      403,
      'cross_site',
      'this endpoint answers only the site’s own pages',
      {},
      request,
    );
  }
  return refuseOversizedRequest(request, limits);
}

/**
 * The seed's API authentication (BigPicture `/system/auth`): a short-lived
 * access JWT for every API request and an opaque refresh token, revocable,
 * rotated on use, whose reuse revokes its whole family.
 */
export function createSystemAuth(options: SystemAuthOptions): SystemAuth {
  const { authenticate, store, onError, now } = options;
  const keys = options.accessKeyring
    ? { keyring: options.accessKeyring }
    : { secret: options.accessSecret };
  const accessTokens = createAccessTokens({
    ...keys,
    ttl: options.accessTtl ?? DEFAULT_ACCESS_TTL,
    now,
  });
  const families = createRefreshFamilies({
    store,
    ttl: options.refreshTtl ?? MAX_REFRESH_TTL,
    rotation: options.rotation,
    now,
  });
  const rateLimiter = createRateLimiter(
    options.rateLimit === false ? false : { now, ...options.rateLimit },
    'system-auth',
  );

  /** Refusals are 401 without a reason, an unreachable store 503; nothing internal leaks. */
  const failure = (error: unknown, request: Request): Response => {
    onError?.(error, request);
    if (error instanceof RefreshTokenError) return invalidTokenResponse(true, request);
    if (error instanceof StoreUnavailableError) {
      return errorResponse(
        503,
        'unavailable',
        'sign-in is unavailable for a moment; retry',
        { 'Retry-After': String(RETRY_AFTER) },
        request,
      );
    }
    return errorResponse(500, 'internal_error', 'sign-in failed on the server', {}, request);
  };

  const tokensFor = async (user: SiteUser, refresh: string | undefined, request: Request) => {
    const { token } = await accessTokens.issue(user);
    const body = {
      authentication: token,
      ...(refresh === undefined ? {} : { refresh }),
      expires_in: accessTokens.ttl,
    };
    return jsonResponse(200, body, {}, request);
  };

  /** Runs a handler that presents a refresh token in `Authorization`. */
  const withRefreshToken =
    (method: string, answer: (token: string, request: Request) => Promise<Response>): WebHandler =>
    async (request) => {
      if (request.method !== method) return methodNotAllowed(method, request);
      const refused = refuseEarly(request, options.limits);
      if (refused) return refused;
      const token = readBearerToken(request);
      if (token === null) return invalidTokenResponse(false, request);
      try {
        const limited =
          (await rateLimiter.checkAddress(request)) ??
          (await rateLimiter.checkSession(`refresh:${await hashToken(token)}`));
        if (limited) return limited;
        return await answer(token, request);
      } catch (error) {
        return failure(error, request);
      }
    };

  return {
    async auth(request) {
      if (request.method !== 'GET') return methodNotAllowed('GET', request);
      const refused = refuseEarly(request, options.limits);
      if (refused) return refused;
      try {
        const limited = await rateLimiter.checkAddress(request);
        if (limited) return limited;
        const user = await authenticate(request);
        // No `WWW-Authenticate: Basic` challenge: browsers would pop up a password dialog.
        if (!user) return errorResponse(401, 'unauthenticated', 'sign in first', {}, request);
        const limitedUser = await rateLimiter.checkSession(`user:${user.id}`);
        if (limitedUser) return limitedUser;
        const { refresh } = await families.start(user);
        return await tokensFor(user, refresh, request);
      } catch (error) {
        return failure(error, request);
      }
    },

    reauth: withRefreshToken('GET', async (token, request) => {
      const { user, refresh } = await families.refresh(token);
      return tokensFor(user, refresh, request);
    }),

    logout: withRefreshToken('POST', async (token) => {
      await families.revoke(token);
      const response = new Response(null, { status: 204 });
      response.headers.set('Cache-Control', 'no-store');
      return response;
    }),

    requireAccessToken: requireAccessToken({ accessTokens, onError }),
  };
}
