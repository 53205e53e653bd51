import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { JSDOM } from 'jsdom';
import { afterEach, describe, expect, it, vi } from 'vitest';
// The emulators depend on core, so core reaches their sources by path: a package
// dependency back would make the workspace graph cyclic.
import {
  createIdentityProvider,
  createVendorCloud,
  type IdentityProvider,
  type VendorCloud,
} from '../../../emulators/src/cloud';
import {
  type EmulatorHandle,
  type EmulatorOptions,
  installMedChatEmulator,
  installOpenWebEmulator,
  installSpartezEmulator,
  installTiledeskEmulator,
  installZendeskEmulator,
} from '../../../emulators/src/index';
import { getContract, type SiteUser } from '../contracts';
import { createChatSSO } from '../create-chat-sso';
import { fetchToken } from '../fetch-token';
import type { ChatSSOSnapshot, ChatSSOStore, TokenSource, WidgetAdapter } from '../types';
import { medchat } from '../widgets/medchat';
import { openweb } from '../widgets/openweb';
import { spartez } from '../widgets/spartez';
import { tiledesk } from '../widgets/tiledesk';
import { zendesk } from '../widgets/zendesk';

/**
 * The core driving each vendor's real emulated widget in jsdom, against the
 * vendor's emulated cloud and the site's token endpoint on a loopback server.
 * All parties share one wall clock the tests move by hand.
 */

const ada: SiteUser = { id: 'user-1', name: 'Ada Lovelace', email: 'ada@example.com' };
const grace: SiteUser = { id: 'user-2', name: 'Grace Hopper', email: 'grace@example.com' };
const LIFETIME = 300;

type Vendor = 'spartez' | 'tiledesk' | 'medchat' | 'zendesk' | 'openweb';

interface World {
  vendor: Vendor;
  origin: string;
  clock: { ms: number };
  seconds(): number;
  /** Who the site says is signed in, how long its tokens live, and how many reached a store. */
  site: { user: SiteUser; lifetime: number; fetches: number; foreignTenant?: boolean };
  /** Runs before the cloud answers a login; after, with its status. */
  hooks: { beforeLogin?(): Promise<void>; afterLogin?(status: number): void };
  log(): Promise<string[]>;
  close(): Promise<void>;
}

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** The vendors whose tokens the site signs with a shared secret. */
type SigningVendor = Exclude<Vendor, 'openweb'>;

/** Each secret as the vendor hands it out (MedChat: base64url text). */
const secrets: Record<SigningVendor, string> = {
  spartez: 'spartez-project-secret-0123456789abcdef',
  tiledesk: 'tiledesk-project-secret-0123456789abcdef',
  medchat: Buffer.alloc(32, 7).toString('base64url'),
  zendesk: 'zendesk-signing-key-one-0123456789abcdef',
};

/** HS256 as the site's backend signs it, with the vendor's claims and secret. */
function signFor(vendor: SigningVendor, user: SiteUser, iat: number, ttl: number) {
  const contract = getContract(vendor);
  const header = contract.kidRequired
    ? { alg: 'HS256', typ: 'JWT', kid: 'app_key-1' }
    : { alg: 'HS256', typ: 'JWT' };
  const claims = { ...contract.claims(user), iat, exp: iat + ttl };
  const input = `${b64url(header)}.${b64url(claims)}`;
  const secret = Buffer.from(
    secrets[vendor],
    contract.secretEncoding === 'base64url' ? 'base64url' : 'utf8',
  );
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

const installers: Record<Vendor, (options: EmulatorOptions) => EmulatorHandle> = {
  spartez: installSpartezEmulator,
  tiledesk: installTiledeskEmulator,
  medchat: installMedChatEmulator,
  zendesk: installZendeskEmulator,
  openweb: installOpenWebEmulator,
};

const adapters: Record<Vendor, () => WidgetAdapter> = {
  spartez,
  tiledesk,
  medchat,
  zendesk,
  openweb: () => openweb({ provider: 'auth0' }),
};

async function toRequest(message: IncomingMessage, origin: string): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of message) chunks.push(chunk as Buffer);
  return new Request(new URL(message.url ?? '/', origin), {
    method: message.method,
    headers: message.headers as Record<string, string>,
    body: message.method === 'POST' ? Buffer.concat(chunks) : undefined,
  });
}

async function reply(response: ServerResponse, answer: Response) {
  response.writeHead(answer.status, Object.fromEntries(answer.headers));
  response.end(Buffer.from(await answer.arrayBuffer()));
}

/**
 * OpenWeb's Auth0 tenant, and another tenant OpenWeb knows nothing of. Made
 * once: an RSA key pair takes a while. Tokens follow the current world's clock.
 */
const identity = { seconds: () => Math.floor(Date.now() / 1000) };
let tenants: Promise<[site: IdentityProvider, foreign: IdentityProvider]> | undefined;
const identityProviders = () => {
  const options = { now: () => identity.seconds(), tokenTtl: LIFETIME };
  tenants ??= Promise.all([
    createIdentityProvider({ baseUrl: 'http://tenant.idp.test', ...options }),
    createIdentityProvider({ baseUrl: 'http://other-tenant.idp.test', ...options }),
  ]);
  return tenants;
};

/** The site (`GET /chat-token`) and the vendor's cloud (`/vendor/<vendor>/…`) on one loopback server. */
async function createWorld(vendor: Vendor): Promise<World> {
  const clock = { ms: Date.UTC(2026, 0, 1) };
  const seconds = () => Math.floor(clock.ms / 1000);
  const site = { user: ada, lifetime: LIFETIME, fetches: 0 };
  const hooks: World['hooks'] = {};
  let origin = '';
  let cloud: VendorCloud | undefined;

  const server = createServer(async (message, response) => {
    const request = await toRequest(message, origin);
    const { pathname } = new URL(request.url);
    if (pathname === '/chat-token' && vendor !== 'openweb') {
      const token = signFor(vendor, site.user, seconds(), site.lifetime);
      return reply(response, Response.json({ token, expiresAt: seconds() + site.lifetime }));
    }
    const login = pathname.endsWith('/login');
    if (login) await hooks.beforeLogin?.();
    const answer = await cloud!(request);
    if (login) hooks.afterLogin?.(answer.status);
    return reply(response, answer);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  if (vendor === 'openweb') {
    identity.seconds = seconds;
    const [idp] = await identityProviders();
    // OpenWeb fetches the tenant's JWKS from the identity provider directly.
    cloud = createVendorCloud('openweb', {
      providers: idp.settings,
      now: seconds,
      fetch: (input, init) => idp.handler(new Request(input, init)),
    });
  } else if (vendor === 'zendesk') {
    cloud = createVendorCloud('zendesk', { keys: { 'app_key-1': secrets.zendesk }, now: seconds });
  } else {
    cloud = createVendorCloud(vendor, { secret: secrets[vendor], now: seconds });
  }

  return {
    vendor,
    origin,
    clock,
    seconds,
    site,
    hooks,
    async log() {
      const { events } = (await (await fetch(`${origin}/vendor/${vendor}/log`)).json()) as {
        events: { type: string; user?: { name: string } }[];
      };
      return events.map(({ type, user }) => (user ? `${type} ${user.name}` : type));
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** One browser tab: a jsdom window with the vendor's emulated widget and a chat-sso store. */
interface Tab {
  window: Window & typeof globalThis;
  emulator: EmulatorHandle;
  store: ChatSSOStore;
  /** What the widget's panel shows: who it believes is chatting, and whether verified. */
  panel(): { name: string | null | undefined; verified: string | null | undefined };
}

const opened: { tabs: Tab[]; worlds: World[] } = { tabs: [], worlds: [] };

function openTab(
  world: World,
  options: { faults?: EmulatorOptions['faults']; channel?: string; readyTimeout?: number } = {},
): Tab {
  const dom = new JSDOM('<!doctype html><html><body></body></html>', { url: `${world.origin}/` });
  const window = dom.window as unknown as Window & typeof globalThis;
  const emulator = installers[world.vendor]({
    window,
    vendorUrl: `${world.origin}/vendor/${world.vendor}`,
    fetch: (input, init) => fetch(input, init),
    now: () => world.clock.ms,
    // Node's timers, so tests that fake them move the widget's timers too.
    timers: {
      setTimeout: (callback, ms) => setTimeout(callback, ms),
      clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    },
    faults: options.faults,
  });
  const fetched: TokenSource =
    world.vendor === 'openweb'
      ? async () => {
          const [idp, foreign] = await identityProviders();
          const tenant = world.site.foreignTenant ? foreign : idp;
          return { token: await tenant.issueToken('auth0', world.site.user) };
        }
      : fetchToken(`${world.origin}/chat-token`);
  const source: TokenSource = async () => {
    const result = await fetched();
    world.site.fetches += 1;
    return result;
  };
  const store = createChatSSO({
    widget: adapters[world.vendor](),
    token: source,
    readyTimeout: options.readyTimeout ?? 10_000,
    retry: { attempts: 6, baseDelay: 1, maxDelay: 8 },
    channel: options.channel ?? false,
    env: { now: () => world.clock.ms, window: () => window, BroadcastChannel },
  });
  const tab: Tab = {
    window,
    emulator,
    store,
    panel() {
      const shown = window.document.querySelector('[data-testid="widget-identity"]');
      return { name: shown?.textContent, verified: shown?.getAttribute('data-verified') };
    },
  };
  opened.tabs.push(tab);
  return tab;
}

async function world(vendor: Vendor) {
  const created = await createWorld(vendor);
  opened.worlds.push(created);
  return created;
}

/** Lets every promise reaction that is already due run. */
const flush = () => new Promise((resolve) => setImmediate(resolve));

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}

afterEach(async () => {
  vi.useRealTimers();
  for (const tab of opened.tabs.splice(0)) {
    tab.store.destroy();
    tab.emulator.uninstall();
    tab.window.close();
  }
  for (const created of opened.worlds.splice(0)) await created.close();
});

const vendors: Vendor[] = ['spartez', 'tiledesk', 'medchat', 'zendesk', 'openweb'];
/** What the panel shows for a user the vendor verified, and for nobody. */
const verified = (user: SiteUser) => ({ name: user.name, verified: 'true' });
const anonymous = { name: 'Anonymous', verified: 'false' };

describe.each(vendors)('%s: chat-sso driving the emulated widget', (vendor) => {
  it('login: the panel shows the verified user', async () => {
    const tab = openTab(await world(vendor));
    await tab.store.login();
    expect(tab.panel()).toEqual(verified(ada));
    expect(tab.store.getSnapshot()).toMatchObject({
      status: 'signed_in',
      user: { name: ada.name },
      error: null,
    });
  });

  it('login() twice at once (React StrictMode) logs the widget in once', async () => {
    const site = await world(vendor);
    const tab = openTab(site);
    await Promise.all([tab.store.login(), tab.store.login()]);
    expect(tab.panel()).toEqual(verified(ada));
    expect(await site.log()).toEqual([`login ${ada.name}`]);
  });

  it('logout: the panel shows an anonymous user', async () => {
    const site = await world(vendor);
    const tab = openTab(site);
    await tab.store.login();
    await tab.store.logout();
    expect(tab.panel()).toEqual(anonymous);
    expect(tab.store.getSnapshot()).toMatchObject({ status: 'signed_out', user: null });
    expect(await site.log()).toEqual([`login ${ada.name}`, `logout ${ada.name}`]);
  });

  it('user switch: logs the previous user out, then the new one in', async () => {
    const site = await world(vendor);
    const tab = openTab(site);
    await tab.store.login();
    site.site.user = grace;
    await tab.store.login();
    expect(tab.panel()).toEqual(verified(grace));
    expect(tab.store.getSnapshot().user).toMatchObject({ name: grace.name });
    expect(await site.log()).toEqual([
      `login ${ada.name}`,
      `logout ${ada.name}`,
      `login ${grace.name}`,
    ]);
  });

  it('a token that expired before use (the widget loaded late) is re-fetched', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const site = await world(vendor);
    const tab = openTab(site, { faults: { neverLoads: true }, readyTimeout: 3_600_000 });
    const login = tab.store.login();
    await vi.waitUntil(() => site.site.fetches === 1, { interval: 1 });
    await flush();
    site.clock.ms += (LIFETIME + 100) * 1000;
    tab.emulator.setFaults({ neverLoads: false });
    await vi.advanceTimersByTimeAsync(100);
    await login;
    expect(site.site.fetches).toBe(2);
    expect(tab.panel()).toEqual(verified(ada));
    expect(await site.log()).toEqual([`login ${ada.name}`]);
  });

  it('a transient vendor error (an outage) is retried and signs in', async () => {
    const site = await world(vendor);
    const tab = openTab(site, { faults: { outage: true } });
    site.hooks.afterLogin = (status) => {
      if (status === 503) tab.emulator.setFaults({ outage: false });
    };
    await tab.store.login();
    expect(tab.panel()).toEqual(verified(ada));
    expect(tab.store.getSnapshot()).toMatchObject({ status: 'signed_in', error: null });
  });

  it('a widget that never loads ends in widget_unavailable within the timeout', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const site = await world(vendor);
    const tab = openTab(site, { faults: { neverLoads: true }, readyTimeout: 5000 });
    const login = tab.store.login();
    await vi.advanceTimersByTimeAsync(4999);
    expect(tab.store.getSnapshot().status).toBe('signing_in');
    await vi.advanceTimersByTimeAsync(1);
    await login;
    expect(tab.store.getSnapshot()).toMatchObject({
      status: 'error',
      error: {
        code: 'widget_unavailable',
        message: expect.stringContaining('did not load in 5000 ms'),
      },
    });
  });

  it('logout during login: the widget ends logged out', async () => {
    const site = await world(vendor);
    const tab = openTab(site);
    const arrived = deferred();
    const release = deferred();
    site.hooks.beforeLogin = () => {
      arrived.resolve();
      return release.promise;
    };
    const login = tab.store.login();
    await arrived.promise;
    const logout = tab.store.logout();
    release.resolve();
    await Promise.all([login, logout]);
    expect(tab.panel()).toEqual(anonymous);
    expect(tab.store.getSnapshot()).toMatchObject({ status: 'signed_out', user: null });
    expect(await site.log()).toEqual([`login ${ada.name}`, `logout ${ada.name}`]);
  });

  it('two tabs sharing a channel: signing out in one signs the widget out in the other', async () => {
    const site = await world(vendor);
    const channel = `chat-sso-${vendor}-${Math.random()}`;
    const first = openTab(site, { channel });
    const second = openTab(site, { channel });
    await Promise.all([first.store.login(), second.store.login()]);
    expect(second.panel()).toEqual(verified(ada));
    const signedOut = new Promise((resolve) =>
      second.store.on('status', ({ status }) => status === 'signed_out' && resolve(status)),
    );
    await first.store.logout();
    await signedOut;
    expect(first.panel()).toEqual(anonymous);
    expect(second.panel()).toEqual(anonymous);
  });

  it("a rejected token surfaces the vendor verifier's reason in snapshot.error", async () => {
    const site = await world(vendor);
    const reasons: string[] = [];
    if (vendor === 'openweb') {
      // A token from another Auth0 tenant: OpenWeb cannot verify it.
      site.site.foreignTenant = true;
      reasons.push('SSO failed: ');
    } else {
      const contract = getContract(vendor);
      site.site.lifetime = contract.maxTtl * 4;
      const iat = site.seconds();
      const claims = { ...contract.claims(ada), iat, exp: iat + site.site.lifetime };
      reasons.push(
        ...contract
          .validate({ alg: 'HS256', typ: 'JWT', kid: 'app_key-1' }, claims, iat)
          .map((rule) => rule.message),
      );
      expect(reasons.join()).toMatch(/allows at most/);
    }
    const tab = openTab(site);
    await tab.store.login();
    const { error } = tab.store.getSnapshot();
    expect(error).toMatchObject({ code: 'vendor_rejected', transient: false });
    for (const reason of reasons) expect(error?.message).toContain(reason);
    expect(tab.panel()).toEqual(anonymous);
  });
});

/** Resolves once the store's snapshot satisfies `test`. */
const until = (store: ChatSSOStore, test: (snapshot: ChatSSOSnapshot) => boolean) =>
  new Promise<void>((resolve) => {
    const stop = store.subscribe(() => {
      if (!test(store.getSnapshot())) return;
      stop();
      resolve();
    });
  });

describe('vendor specifics', () => {
  it("Spartez: a new user's logins fail while Jira creates them; retries sign them in", async () => {
    const site = await world('spartez');
    const tab = openTab(site, { faults: { newUserDelaySeconds: 5 } });
    const rejected: number[] = [];
    site.hooks.afterLogin = (status) => {
      if (status !== 503) return;
      rejected.push(status);
      site.clock.ms += 3000;
    };
    await tab.store.login();
    expect(rejected).toHaveLength(2);
    expect(tab.panel()).toEqual(verified(ada));
    expect(await site.log()).toEqual(['login_rejected', 'login_rejected', `login ${ada.name}`]);
  });

  it('MedChat: a new token is registered before the current one expires', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const site = await world('medchat');
    const tab = openTab(site);
    await tab.store.login();
    const { expiresAt } = tab.store.getSnapshot();
    expect(expiresAt).toBe(site.seconds() + LIFETIME);
    const renewed = until(tab.store, (snapshot) => snapshot.expiresAt !== expiresAt);
    site.clock.ms += (LIFETIME - 30) * 1000;
    await vi.advanceTimersByTimeAsync((LIFETIME - 30) * 1000);
    await renewed;
    expect(tab.store.getSnapshot()).toMatchObject({
      status: 'signed_in',
      expiresAt: site.seconds() + LIFETIME,
    });
    expect(site.site.fetches).toBe(2);
    expect(await site.log()).toEqual([`login ${ada.name}`, `login ${ada.name}`]);
    expect(tab.panel()).toEqual(verified(ada));
  });

  it('Zendesk: the widget pulls a fresh token when its session expires', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const site = await world('zendesk');
    const tab = openTab(site);
    await tab.store.login();
    expect(site.site.fetches).toBe(1);
    site.clock.ms += LIFETIME * 1000;
    await vi.advanceTimersByTimeAsync(LIFETIME * 1000);
    await vi.waitUntil(async () => (await site.log()).length === 2, { interval: 5 });
    expect(site.site.fetches).toBe(2);
    expect(await site.log()).toEqual([`login ${ada.name}`, `login ${ada.name}`]);
    expect(tab.panel()).toEqual(verified(ada));
    expect(tab.store.getSnapshot().status).toBe('signed_in');
  });

  it("OpenWeb: the widget's spot-im-login-start becomes the store's loginrequest", async () => {
    const tab = openTab(await world('openweb'));
    const requests = vi.fn();
    tab.store.on('loginrequest', requests);
    const comment = tab.window.document.querySelector<HTMLButtonElement>(
      '[data-testid="widget-comment"]',
    );
    comment?.click();
    expect(requests).toHaveBeenCalledTimes(1);
    await tab.store.login();
    comment?.click();
    expect(requests).toHaveBeenCalledTimes(1);
  });
});
