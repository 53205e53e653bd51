import { errorResponse } from './json-response';

/**
 * The token in `Authorization`: `Bearer <token>` (RFC 6750) or the bare token
 * as the seed's client sends it; `null` when there is none.
 */
export function readBearerToken(request: Request): string | null {
  const value = request.headers.get('Authorization')?.trim() ?? '';
  const bearer = /^Bearer(?:\s+(.*))?$/i.exec(value);
  const token = bearer ? (bearer[1] ?? '') : value;
  return token === '' ? null : token;
}

/**
 * 401 for a missing or refused token, saying nothing about why (that goes to
 * the server's log). RFC 6750 §3.1: a request without any token gets the
 * challenge without an error code.
 */
export function invalidTokenResponse(tokenPresented: boolean, request?: Request): Response {
  return errorResponse(
    401,
    'invalid_token',
    'a valid token is required',
    { 'WWW-Authenticate': tokenPresented ? 'Bearer error="invalid_token"' : 'Bearer' },
    request,
  );
}
