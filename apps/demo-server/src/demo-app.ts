import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { decodeToken, type SiteUser } from '@chat-sso/core';
import { createIdentityProvider, createVendorCloud } from '@chat-sso/emulators/cloud';
import { createFileRefreshStore, createKeyring, createSystemAuth } from '@chat-sso/server';
import { createChatTokens } from './chat-tokens';
import { listProjects } from './demo-projects';
import { loadDemoSecrets } from './demo-secrets';
import type { Handler } from './handler';
import { htmlPage } from './html-page';
import { landingPage } from './landing-page';
import { noteFailure, withRequestLog } from './request-log';
import { jsonError } from './responses';
import { withSecurityHeaders } from './security-headers';
import { createSessionStore } from './session-store';
import { createSiteSession } from './site-session';
import { isBuilt, type StaticApp, serveStaticApp } from './static-app';

export interface DemoAppOptions {
  /** Secrets, site sessions and refresh families live here. */
  dataDir: string;
  /** Holds the sample apps' packages: `<appsDir>/<app>-demo/dist`. */
  appsDir: string;
  /** This server's own origin: the emulated OpenWeb cloud fetches the identity provider's keys from it. */
  origin: string;
  /** Access tokens' lifetime in seconds: short, so the API panel shows refreshes. */
  accessTtl: number;
  log(line: string): void;
}

/** How long a site session lasts. */
const SESSION_TTL = 12 * 60 * 60;
/** The Zendesk account's signing key id (Zendesk requires a `kid`). */
const ZENDESK_KID = 'demo-key-1';

const require = createRequire(import.meta.url);

/** A file another workspace package builds or ships, found through its exports. */
async function packageFile(specifier: string, contentType: string): Promise<Response> {
  let body: Uint8Array<ArrayBuffer>;
  try {
    body = (await readFile(require.resolve(specifier))) as Uint8Array<ArrayBuffer>;
  } catch {
    const name = specifier.split('/').slice(0, 2).join('/');
    return htmlPage(
      503,
      'Not built',
      `<h1>${specifier} is missing</h1><p>Build it with <code>pnpm --filter ${name} build</code>, or run <code>npm run demo</code>.</p>`,
    );
  }
  return new Response(body, {
    headers: { 'content-type': contentType, 'cache-control': 'no-cache' },
  });
}

/**
 * The whole demo backend as one Web-standard handler: the site's sign-in,
 * its chat-token and API endpoints, the emulated vendor clouds and identity
 * provider, and the three built apps.
 */
export async function createDemoApp(options: DemoAppOptions): Promise<Handler> {
  const secrets = await loadDemoSecrets(path.join(options.dataDir, 'secrets.json'));
  const sessions = await createSessionStore({
    file: path.join(options.dataDir, 'sessions.json'),
    ttlSeconds: SESSION_TTL,
  });
  const site = createSiteSession(sessions, SESSION_TTL);
  const authenticate = (request: Request): SiteUser | null => site.authenticate(request);

  const idp = await createIdentityProvider({ baseUrl: `${options.origin}/idp` });
  const clouds = new Map<string, Handler>([
    ['spartez', createVendorCloud('spartez', { secret: secrets.spartez })],
    ['tiledesk', createVendorCloud('tiledesk', { secret: secrets.tiledesk })],
    ['medchat', createVendorCloud('medchat', { secret: secrets.medchat })],
    ['zendesk', createVendorCloud('zendesk', { keys: { [ZENDESK_KID]: secrets.zendesk } })],
    ['openweb', createVendorCloud('openweb', { providers: idp.settings })],
  ]);

  const chatTokens = createChatTokens({
    keyrings: {
      spartez: createKeyring({ keys: [{ secret: secrets.spartez }] }),
      tiledesk: createKeyring({ keys: [{ secret: secrets.tiledesk }] }),
      medchat: createKeyring({ keys: [{ secret: secrets.medchat, encoding: 'base64url' }] }),
      zendesk: createKeyring({ keys: [{ kid: ZENDESK_KID, secret: secrets.zendesk }] }),
    },
    openweb: {
      // The site's page gets this token from its Auth0 login; here the demo asks the emulated tenant.
      async issue(user) {
        const token = await idp.issueToken('auth0', user);
        return { token, expiresAt: decodeToken(token).claims.exp as number };
      },
    },
    authenticate,
    onError: noteFailure,
  });

  const systemAuth = createSystemAuth({
    authenticate,
    accessSecret: secrets.access,
    accessTtl: options.accessTtl,
    store: await createFileRefreshStore({ dir: path.join(options.dataDir, 'refresh') }),
    onError: noteFailure,
  });
  const systemRoutes = new Map<string, Handler>([
    ['/system/auth', systemAuth.auth],
    ['/system/reauth', systemAuth.reauth],
    ['/system/logout', systemAuth.logout],
    ['/api/projects', systemAuth.requireAccessToken(listProjects)],
  ]);

  const apps: StaticApp[] = ['react', 'vue', 'angular'].map((name) => ({
    name,
    packageName: `@chat-sso/${name}-demo`,
    dir: path.join(options.appsDir, `${name}-demo`, 'dist'),
  }));

  async function route(request: Request): Promise<Response> {
    const { pathname, search } = new URL(request.url);
    const [, first = '', second = '', ...rest] = pathname.split('/');

    if (pathname === '/') {
      const built = await Promise.all(apps.map(async (app) => [app.name, await isBuilt(app)]));
      return landingPage(Object.fromEntries(built));
    }
    if (pathname === '/demo.css') {
      return packageFile('@chat-sso/demo-shared/demo.css', 'text/css; charset=utf-8');
    }
    if (pathname === '/emulators/emulators.js') {
      return packageFile('@chat-sso/emulators/browser', 'text/javascript; charset=utf-8');
    }
    if (pathname === '/api/session') return site.handle(request);
    if (first === 'api' && second === 'chat-token' && rest.length === 1) {
      return chatTokens(request, rest[0] ?? '');
    }
    const system = systemRoutes.get(pathname);
    if (system) return system(request);
    const cloud = first === 'vendor' ? clouds.get(second) : undefined;
    if (cloud) return cloud(request);
    if (first === 'idp') return idp.handler(request);
    const app = apps.find(({ name }) => name === first);
    if (app) {
      if (pathname === `/${first}`) {
        return new Response(null, { status: 308, headers: { location: `/${first}/${search}` } });
      }
      return serveStaticApp(app, pathname.slice(first.length + 2));
    }
    if (first === 'api' || first === 'system') {
      return jsonError(404, 'not_found', `There is no ${pathname}.`);
    }
    return htmlPage(404, 'Not found', '<h1>Not found</h1><p><a href="/">Back to the demo</a></p>');
  }

  async function safely(request: Request): Promise<Response> {
    try {
      return await route(request);
    } catch (error) {
      noteFailure(error, request);
      return jsonError(500, 'internal_error', 'The demo server failed; see its log.');
    }
  }

  return withRequestLog(withSecurityHeaders(safely), options.log);
}
