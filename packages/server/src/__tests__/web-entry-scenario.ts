/**
 * A site built from `@chat-sso/server/web` alone and driven with Web
 * `Request`s: the chat-token endpoint, then a sign-in, a renewal, a replayed
 * refresh token and an API call through `/system/*`. Bundled and run by
 * `web-entry.test.ts` where `process` does not exist, as in an edge runtime.
 */
import type { SiteUser } from '@chat-sso/core';
import { spartez } from '@chat-sso/core/contracts';
import {
  createIssuer,
  createSystemAuth,
  createTokenHandler,
  createVerifier,
  type RefreshFamily,
  type RefreshStore,
  tokenStanding,
} from '../web';

const SECRET = 'wN3eR7tY1uI5oP9aS2dF6gH0jK4lZ8xC';
const ACCESS_SECRET = 'mB5nV9cX3zL7kJ1hG4fD8sA2pO6iU0yT';
const ORIGIN = 'https://shop.example';
const ADA: SiteUser = { id: 'user-1', name: 'Ada Lovelace', email: 'ada@example.com' };

/** Refresh families in a Map, as an edge site would keep them in its KV store. */
export function createMapRefreshStore(): RefreshStore {
  const families = new Map<string, RefreshFamily>();
  const familyOf = new Map<string, string>();
  const find = (hash: string) => families.get(familyOf.get(hash) ?? '') ?? null;
  return {
    async create(family) {
      families.set(family.id, { ...family, revoked: false });
      familyOf.set(family.tokenHash, family.id);
    },
    find: async (hash) => find(hash),
    async rotate(oldHash, newHash, now) {
      const family = find(oldHash);
      if (family === null) return { status: 'unknown' };
      const standing = tokenStanding(family, oldHash, now);
      if (standing === 'reused') families.set(family.id, { ...family, revoked: true });
      if (standing !== 'current') return { status: standing };
      const rotated = { ...family, tokenHash: newHash };
      families.set(family.id, rotated);
      familyOf.set(newHash, family.id);
      return { status: 'rotated', family: rotated };
    },
    async revokeFamily(id) {
      const family = families.get(id);
      if (family) families.set(id, { ...family, revoked: true });
    },
    async close() {},
  };
}

const signedIn = (request: Request) =>
  request.headers.get('Cookie') === 'session=ada' ? ADA : null;
const get = (path: string, headers: Record<string, string> = {}) =>
  new Request(`${ORIGIN}${path}`, { headers });

/** What each step answered, for the test to check. */
export async function runWebEntry() {
  const chatToken = createTokenHandler({
    issuer: createIssuer({ contract: spartez, secret: SECRET }),
    authenticate: signedIn,
  });
  const systemAuth = createSystemAuth({
    authenticate: signedIn,
    accessSecret: ACCESS_SECRET,
    store: createMapRefreshStore(),
  });
  const api = systemAuth.requireAccessToken(async (_request, user) => Response.json(user));

  const token = await chatToken(get('/chat-token', { Cookie: 'session=ada' }));
  const { token: chatJwt } = (await token.json()) as { token: string };
  const { claims } = await createVerifier({ contract: spartez, secret: SECRET }).verify(chatJwt);
  const anonymous = await chatToken(get('/chat-token'));

  const auth = await systemAuth.auth(get('/system/auth', { Cookie: 'session=ada' }));
  const first = (await auth.json()) as { authentication: string; refresh: string };
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  const reauth = await systemAuth.reauth(get('/system/reauth', bearer(first.refresh)));
  const renewed = (await reauth.json()) as { authentication: string; refresh: string };
  const apiCall = await api(get('/api/me', bearer(renewed.authentication)));
  const replay = await systemAuth.reauth(get('/system/reauth', bearer(first.refresh)));
  const afterReplay = await systemAuth.reauth(get('/system/reauth', bearer(renewed.refresh)));

  return {
    chatToken: { status: token.status, email: claims.email },
    anonymous: anonymous.status,
    auth: auth.status,
    reauth: { status: reauth.status, rotated: renewed.refresh !== first.refresh },
    api: { status: apiCall.status, user: await apiCall.json() },
    replay: replay.status,
    afterReplay: afterReplay.status,
  };
}
