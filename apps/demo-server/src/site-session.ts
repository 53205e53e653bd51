import type { SiteUser } from '@chat-sso/core';
import { readCookie, serializeCookie } from './cookies';
import { checkCredentials, findDemoUser } from './demo-users';
import { json, jsonError } from './responses';
import type { SessionStore } from './session-store';

export const SESSION_COOKIE = 'demo_session';

export interface SiteSession {
  /** The signed-in user of a request, from its session cookie. */
  authenticate(request: Request): SiteUser | null;
  /** `GET` who am I, `POST {username, password}` sign in, `DELETE` sign out. */
  handle(request: Request): Promise<Response>;
}

/** True when a browser says the request comes from another site (CSRF defence). */
export function isCrossSite(request: Request): boolean {
  if (request.headers.get('sec-fetch-site') === 'cross-site') return true;
  const origin = request.headers.get('origin');
  return origin !== null && origin !== new URL(request.url).origin;
}

/** What the browser may know about the signed-in user. */
function publicUser(user: SiteUser | null) {
  return user && { username: user.id, name: user.name, email: user.email };
}

async function readCredentials(request: Request) {
  const body: unknown = await request.json().catch(() => undefined);
  if (typeof body !== 'object' || body === null) return undefined;
  const { username, password } = body as Record<string, unknown>;
  return typeof username === 'string' && typeof password === 'string'
    ? { username, password }
    : undefined;
}

/** Cookie sessions for the demo site's own sign-in. */
export function createSiteSession(sessions: SessionStore, ttlSeconds: number): SiteSession {
  function authenticate(request: Request): SiteUser | null {
    const id = readCookie(request, SESSION_COOKIE);
    const username = id && sessions.find(id);
    return (username && findDemoUser(username)) || null;
  }

  async function signIn(request: Request): Promise<Response> {
    const credentials = await readCredentials(request);
    if (!credentials) {
      return jsonError(400, 'bad_request', 'Send JSON {"username": "...", "password": "..."}.');
    }
    const user = checkCredentials(credentials.username, credentials.password);
    if (!user) return jsonError(401, 'invalid_credentials', 'Unknown user or wrong password.');
    // Signing in over an existing session (a user switch) ends the old one.
    const previous = readCookie(request, SESSION_COOKIE);
    if (previous) await sessions.delete(previous);
    const id = await sessions.create(user.id);
    return json(
      200,
      { user: publicUser(user) },
      { 'set-cookie': serializeCookie(SESSION_COOKIE, id, ttlSeconds) },
    );
  }

  async function signOut(request: Request): Promise<Response> {
    const id = readCookie(request, SESSION_COOKIE);
    if (id) await sessions.delete(id);
    return json(200, { user: null }, { 'set-cookie': serializeCookie(SESSION_COOKIE, '', 0) });
  }

  return {
    authenticate,
    async handle(request) {
      if (request.method === 'GET') return json(200, { user: publicUser(authenticate(request)) });
      if (isCrossSite(request)) {
        return jsonError(403, 'cross_site', 'Requests from other sites are refused.');
      }
      if (request.method === 'POST') return signIn(request);
      if (request.method === 'DELETE') return signOut(request);
      return new Response(null, { status: 405, headers: { allow: 'GET, POST, DELETE' } });
    },
  };
}
