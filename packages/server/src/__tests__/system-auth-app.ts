import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SiteUser } from '@chat-sso/core';
import { readBasicCredentials } from '../basic-credentials';
import { createFileRefreshStore } from '../file-refresh-store';
import { jsonResponse } from '../json-response';
import type { RefreshStore } from '../refresh-store';
import { createSystemAuth, type SystemAuthOptions } from '../system-auth';
import type { WebHandler } from '../web-handler';

export const ACCESS_SECRET = 'access-7Hq2Lm9Zx4Rt8Vb1Nc6Kd3Wf5Gy0Pj';
export const START = 1_750_000_000;
export const users: Record<string, SiteUser> = {
  ada: { id: 'user-ada', name: 'Ada Lovelace', email: 'ada@example.com' },
  grace: { id: 'user-grace', name: 'Grace Hopper' },
};
const passwords: Record<string, string> = { ada: 'correct horse battery staple' };

/** The site's own checks: a `session` cookie naming a user, or HTTP Basic credentials. */
export function authenticate(request: Request): SiteUser | null {
  const session = /(?:^|;\s*)session=([^;]+)/.exec(request.headers.get('Cookie') ?? '')?.[1];
  if (session === 'explode') throw new Error('session database down at 10.0.0.7:5432');
  if (session !== undefined) return users[session] ?? null;
  const basic = readBasicCredentials(request);
  return basic && passwords[basic.username] === basic.password
    ? (users[basic.username] ?? null)
    : null;
}

export interface SystemAuthApp {
  handler: WebHandler;
  /** The server's clock, in unix seconds. */
  clock: { now: number };
  /** How many times each path was called. */
  calls: Map<string, number>;
  errors: unknown[];
  dispose(): Promise<void>;
}

/**
 * A site with the seed's endpoints and a protected API at `/api/projects`,
 * on a file store in a fresh directory unless given another store.
 */
export async function createSystemAuthApp(
  options: Partial<
    Pick<SystemAuthOptions, 'rotation' | 'accessTtl' | 'refreshTtl' | 'rateLimit' | 'limits'>
  > & {
    store?: RefreshStore;
  } = {},
): Promise<SystemAuthApp> {
  const dir = await mkdtemp(join(tmpdir(), 'chat-sso-system-auth-'));
  const clock = { now: START };
  const store = options.store ?? (await createFileRefreshStore({ dir, now: () => clock.now }));
  const errors: unknown[] = [];
  const systemAuth = createSystemAuth({
    ...options,
    authenticate,
    accessSecret: ACCESS_SECRET,
    store,
    now: () => clock.now,
    onError: (error) => errors.push(error),
  });
  const routes: Record<string, WebHandler> = {
    '/system/auth': systemAuth.auth,
    '/system/reauth': systemAuth.reauth,
    '/system/logout': systemAuth.logout,
    '/api/projects': systemAuth.requireAccessToken(async (_request, user) =>
      jsonResponse(200, { user, projects: ['Apollo', 'Gemini'] }),
    ),
  };
  const calls = new Map<string, number>();
  const handler: WebHandler = async (request) => {
    const path = new URL(request.url).pathname;
    calls.set(path, (calls.get(path) ?? 0) + 1);
    return (routes[path] ?? (async () => jsonResponse(404, { error: 'not_found' })))(request);
  };
  return {
    handler,
    clock,
    calls,
    errors,
    async dispose() {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
