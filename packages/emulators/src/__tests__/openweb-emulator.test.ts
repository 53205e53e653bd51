// @vitest-environment jsdom
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createVendorCloud, type VendorCloud } from '../create-vendor-cloud';
import { createIdentityProvider, type IdentityProvider } from '../identity-provider';
import type { EmulatorHandle } from '../install-emulator';
import { installOpenWebEmulator, type OpenWebState } from '../openweb-emulator';
import type { CloudLog, OpenWebProvider } from '../wire';
import { type Served, serve } from './serve';
import { ada } from './tokens';
import { fetchFrom, globalsOf } from './vendor-cases';

const SPOTIM = () => globalsOf(window).SPOTIM;
const byTestId = (id: string) => document.querySelector<HTMLElement>(`[data-testid="${id}"]`);

let idp: IdentityProvider;
let handle: EmulatorHandle<OpenWebState> | undefined;

beforeAll(async () => {
  idp = await createIdentityProvider({ baseUrl: 'http://idp.test/idp' });
});

afterEach(() => {
  handle?.uninstall();
  vi.useRealTimers();
  document.body.replaceChildren();
});

/** OpenWeb fetching the tenant's JWKS straight from the identity provider's handler. */
const openWebCloud = (providers = idp.settings): VendorCloud =>
  createVendorCloud('openweb', {
    providers,
    fetch: (input, init) => idp.handler(new Request(input, init)),
  });

describe('OpenWeb emulator: events', () => {
  it('dispatches spot-im-api-ready on document when its script loads, not before', async () => {
    vi.useFakeTimers();
    const ready = vi.fn(() => expect(SPOTIM().startSSOForProvider).toBeTypeOf('function'));
    document.addEventListener('spot-im-api-ready', ready);
    handle = installOpenWebEmulator({
      fetch: fetchFrom(openWebCloud()),
      faults: { loadDelayMs: 500 },
    });
    expect(ready).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(500);
    expect(ready).toHaveBeenCalledTimes(1);
    document.removeEventListener('spot-im-api-ready', ready);
  });

  it('asks the site to log in (spot-im-login-start) when an anonymous user writes a comment', async () => {
    handle = installOpenWebEmulator({ fetch: fetchFrom(openWebCloud()) });
    const loginStart = vi.fn();
    document.addEventListener('spot-im-login-start', loginStart);
    byTestId('widget-comment')?.click();
    expect(loginStart).toHaveBeenCalledTimes(1);
    await SPOTIM().startSSOForProvider({
      provider: 'auth0',
      token: await idp.issueToken('auth0', ada),
    });
    byTestId('widget-comment')?.click();
    expect(loginStart).toHaveBeenCalledTimes(1);
    expect(handle.state().comments).toEqual([{ author: ada.name, text: 'Great article!' }]);
    document.removeEventListener('spot-im-login-start', loginStart);
  });
});

describe('OpenWeb emulator: third-party tokens', () => {
  it.each([
    ['gigya', {}, 'Ada Lovelace'],
    ['piano', {}, 'Ada Lovelace'],
    ['piano', { displayName: 'Countess of Lovelace' }, 'Countess of Lovelace'],
  ] as const)('%s token %o: the widget chats as %s', async (provider, extra, shown) => {
    handle = installOpenWebEmulator({ fetch: fetchFrom(openWebCloud()) });
    const token = await idp.issueToken(provider, { ...ada, ...extra });
    const data = await SPOTIM().startSSOForProvider({ provider, token });
    expect(data).toEqual({ id: ada.id, displayName: shown, email: ada.email, provider });
    expect(byTestId('widget-identity')?.textContent).toBe(shown);
  });

  it('refuses a token from another tenant, a provider OpenWeb does not know, and one the site did not connect', async () => {
    const other = await createIdentityProvider({ baseUrl: 'http://idp.test/idp' });
    handle = installOpenWebEmulator({
      fetch: fetchFrom(openWebCloud({ auth0: idp.settings.auth0 } as typeof idp.settings)),
    });
    const login = (provider: string, token: string) =>
      SPOTIM().startSSOForProvider({ provider: provider as OpenWebProvider, token });
    await expect(login('auth0', await other.issueToken('auth0', ada))).rejects.toThrow(
      "SSO failed: the auth0 token's signature does not verify with Auth0's published keys",
    );
    await expect(login('okta', 'x')).rejects.toThrow(
      'unknown SSO provider "okta"; OpenWeb supports auth0, gigya, piano',
    );
    await expect(login('piano', await idp.issueToken('piano', ada))).rejects.toThrow(
      'SSO failed: this site has no piano SSO configured at OpenWeb',
    );
  });

  it('checks each token is meant for this site: Auth0 iss and aud, Gigya apiKey, Piano aud', async () => {
    const { auth0, gigya, piano } = idp.settings;
    handle = installOpenWebEmulator({
      fetch: fetchFrom(
        openWebCloud({
          auth0: { issuer: 'http://other-tenant.test/idp/auth0/', clientId: auth0.clientId },
          gigya: { ...gigya, apiKey: 'another-site' },
          piano: { ...piano, appId: 'anotherApp' },
        }),
      ),
    });
    const refusal = async (provider: OpenWebProvider) =>
      SPOTIM()
        .startSSOForProvider({ provider, token: await idp.issueToken(provider, ada) })
        .catch((error: Error) => error.message);
    expect(await refusal('auth0')).toMatch(/^SSO failed: the auth0 token's "iss" claim/);
    expect(await refusal('gigya')).toMatch(/^SSO failed: the gigya token's "apiKey" claim/);
    expect(await refusal('piano')).toMatch(/^SSO failed: the piano token's "aud" claim/);
    const wrongClient = openWebCloud({
      auth0: { ...auth0, clientId: 'another-client' },
    } as typeof idp.settings);
    handle.uninstall();
    handle = installOpenWebEmulator({ fetch: fetchFrom(wrongClient) });
    expect(await refusal('auth0')).toMatch(/^SSO failed: the auth0 token's "aud" claim/);
  });

  it("answers 503 when Auth0's keys cannot be fetched", async () => {
    const unreachable = createVendorCloud('openweb', {
      providers: idp.settings,
      fetch: async () => new Response('bad gateway', { status: 502 }),
    });
    handle = installOpenWebEmulator({ fetch: fetchFrom(unreachable) });
    const token = await idp.issueToken('auth0', ada);
    await expect(SPOTIM().startSSOForProvider({ provider: 'auth0', token })).rejects.toThrow(
      "OpenWeb could not fetch Auth0's published keys (JWKS)",
    );
  });

  it('refuses to start without any identity provider configured', () => {
    expect(() => createVendorCloud('openweb', { providers: {} })).toThrow(
      new TypeError('OpenWeb: configure at least one of auth0, gigya, piano'),
    );
  });
});

describe('OpenWeb emulator over loopback HTTP', () => {
  let server: Served;
  let served: IdentityProvider;

  beforeAll(async () => {
    let cloud: VendorCloud | undefined;
    server = await serve((request) => {
      const { pathname } = new URL(request.url);
      return pathname.startsWith('/idp/') || !cloud ? served.handler(request) : cloud(request);
    });
    served = await createIdentityProvider({ baseUrl: `${server.url}/idp` });
    // OpenWeb fetches the JWKS with the real fetch, over the loopback socket.
    cloud = createVendorCloud('openweb', { providers: served.settings });
  });

  afterAll(() => server.close());

  it('verifies an Auth0 RS256 token against the JWKS it fetches, and logs in and out', async () => {
    const jwks = await (await fetch(`${server.url}/idp/auth0/.well-known/jwks.json`)).json();
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', kid: 'emulated-auth0' });
    expect(jwks.keys[0]).not.toHaveProperty('d');

    handle = installOpenWebEmulator({ vendorUrl: `${server.url}/vendor/openweb` });
    const token = await served.issueToken('auth0', ada);
    const data = await SPOTIM().startSSOForProvider({ provider: 'auth0', token });
    expect(data).toEqual({
      id: `auth0|${ada.id}`,
      displayName: ada.name,
      email: ada.email,
      provider: 'auth0',
    });
    expect(byTestId('widget-identity')?.dataset.verified).toBe('true');
    await SPOTIM().logout();
    expect(byTestId('widget-identity')?.textContent).toBe('Anonymous');
    const log = (await (await fetch(`${server.url}/vendor/openweb/log`)).json()) as CloudLog;
    expect(log.events.map((event) => [event.type, event.user?.id])).toEqual([
      ['login', `auth0|${ada.id}`],
      ['logout', `auth0|${ada.id}`],
    ]);
  });
});
