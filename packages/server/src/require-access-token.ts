import type { AccessTokens, AccessTokenUser } from './access-token';
import { invalidTokenResponse, readBearerToken } from './bearer-token';
import type { WebHandler } from './web-handler';

/** An API handler that runs only for a valid access token, and learns whose it is. */
export type ProtectedHandler = (request: Request, user: AccessTokenUser) => Promise<Response>;

export interface RequireAccessTokenOptions {
  accessTokens: Pick<AccessTokens, 'verify'>;
  /** Why a token was refused (a `TokenError`), for the server's own log: the answer says nothing. */
  onError?(error: unknown, request: Request): void;
}

/**
 * Guards Web handlers with access tokens:
 * `toNodeHandler(guard(async (request, user) => json(request, ...)))`. A
 * missing, expired, forged or refresh token gets `401` with
 * `WWW-Authenticate: Bearer error="invalid_token"`.
 */
export function requireAccessToken(
  options: RequireAccessTokenOptions,
): (handler: ProtectedHandler) => WebHandler {
  const { accessTokens, onError } = options;
  return (handler) => async (request) => {
    const token = readBearerToken(request);
    if (token === null) return invalidTokenResponse(false, request);
    let user: AccessTokenUser;
    try {
      user = await accessTokens.verify(token);
    } catch (error) {
      onError?.(error, request);
      return invalidTokenResponse(true, request);
    }
    return handler(request, user);
  };
}
