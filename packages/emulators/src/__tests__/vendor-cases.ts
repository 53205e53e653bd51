import { base64url } from 'jose';
import { createVendorCloud, type VendorCloud } from '../create-vendor-cloud';
import { createIdentityProvider, type IdentityProvider } from '../identity-provider';
import type { EmulatorHandle, EmulatorOptions } from '../install-emulator';
import { installMedChatEmulator, type MedChatApp } from '../medchat-emulator';
import { installOpenWebEmulator, type SpotIM } from '../openweb-emulator';
import { installSpartezEmulator, type SpartezSupportChat } from '../spartez-emulator';
import { installTiledeskEmulator, type TiledeskWidget } from '../tiledesk-emulator';
import type { EmulatedVendor } from '../vendors';
import { installZendeskEmulator } from '../zendesk-emulator';
import { ada, lifetime, nowSeconds, secrets, sign } from './tokens';

type User = typeof ada;
/** The vendors' globals, as the emulators install them. */
interface VendorGlobals {
  spartezSupportChat: SpartezSupportChat;
  tiledesk: TiledeskWidget;
  medchatapp: MedChatApp;
  SPOTIM: SpotIM;
  zE(namespace: string, command: string, ...args: unknown[]): void;
}

/** A vendor as a site meets it: its widget, its cloud, tokens it accepts, and its calls. */
export interface VendorCase {
  vendor: EmulatedVendor;
  /** The global that appears when the widget's script has loaded. */
  global: string;
  install(options: EmulatorOptions): EmulatorHandle;
  /** A fresh cloud, a token factory for it, and a token breaking one rule with that rule's message. */
  setup(): Promise<{
    cloud: VendorCloud;
    token(user?: User): Promise<string>;
    broken(): Promise<{ token: string; reason: string }>;
  }>;
  /** The vendor's login call; resolves on success, rejects with the vendor's error. */
  login(window: Window, token: string): Promise<unknown>;
  logout(window: Window): Promise<unknown>;
}

export const globalsOf = (window: Window) => window as unknown as VendorGlobals;

/** Zendesk's pull-style login as a promise: the site answers the widget's jwtCallback. */
export function zendeskLogin(window: Window, token: string): Promise<void> {
  return new Promise((resolve, reject) => {
    globalsOf(window).zE(
      'messenger',
      'loginUser',
      (callback: (jwt: string) => void) => callback(token),
      (error: Error | null) => (error ? reject(error) : resolve()),
    );
  });
}

/** One RSA key pair for every OpenWeb case; `issuedAt` backdates tokens for the broken one. */
let issuedAt: number | undefined;
let identityProvider: Promise<IdentityProvider> | undefined;
const openWebIdentityProvider = () => {
  identityProvider ??= createIdentityProvider({
    baseUrl: 'http://idp.test',
    now: () => issuedAt ?? nowSeconds(),
  });
  return identityProvider;
};

export const vendorCases: VendorCase[] = [
  {
    vendor: 'spartez',
    global: 'spartezSupportChat',
    install: installSpartezEmulator,
    async setup() {
      const claims = (user: User) => ({ email: user.email, displayName: user.name });
      return {
        cloud: createVendorCloud('spartez', { secret: secrets.spartez }),
        token: async (user = ada) => sign({ ...claims(user), ...lifetime(300) }, secrets.spartez),
        broken: async () => ({
          token: await sign({ ...claims(ada), ...lifetime(4 * 3600) }, secrets.spartez),
          reason: 'exp is 4 h after iat; Spartez Support Chat allows at most 1 h',
        }),
      };
    },
    login: (window, token) => globalsOf(window).spartezSupportChat.sso.login(token),
    logout: (window) => globalsOf(window).spartezSupportChat.sso.logout(),
  },
  {
    vendor: 'tiledesk',
    global: 'tiledesk',
    install: installTiledeskEmulator,
    async setup() {
      const claims = (user: User) => ({ name: user.name, email: user.email, external_id: user.id });
      return {
        cloud: createVendorCloud('tiledesk', { secret: secrets.tiledesk }),
        token: async (user = ada) => sign({ ...claims(user), ...lifetime(300) }, secrets.tiledesk),
        broken: async () => ({
          token: await sign({ ...claims(ada), ...lifetime(4 * 3600) }, secrets.tiledesk),
          reason: 'exp is 4 h after iat; Tiledesk allows at most 10 min',
        }),
      };
    },
    login: (window, token) => globalsOf(window).tiledesk.signInWithCustomToken(`JWT ${token}`),
    logout: (window) => globalsOf(window).tiledesk.logout(),
  },
  {
    vendor: 'medchat',
    global: 'medchatapp',
    install: installMedChatEmulator,
    async setup() {
      const key = base64url.decode(secrets.medchat);
      const claims = (user: User) => ({ name: user.name, email: user.email, external_id: user.id });
      return {
        cloud: createVendorCloud('medchat', { secret: secrets.medchat }),
        token: async (user = ada) => sign({ ...claims(user), ...lifetime(4 * 3600) }, key),
        broken: async () => ({
          token: await sign({ ...claims(ada), iat: Date.now(), exp: nowSeconds() + 60 }, key),
          reason: 'iat is in milliseconds',
        }),
      };
    },
    login: (window, token) => globalsOf(window).medchatapp.registerJWT(token),
    logout: (window) => globalsOf(window).medchatapp.unVerifyUser(),
  },
  {
    vendor: 'openweb',
    global: 'SPOTIM',
    install: installOpenWebEmulator,
    async setup() {
      const idp = await openWebIdentityProvider();
      return {
        cloud: createVendorCloud('openweb', {
          providers: idp.settings,
          fetch: (input, init) => idp.handler(new Request(input, init)),
        }),
        token: (user = ada) => idp.issueToken('auth0', user),
        async broken() {
          issuedAt = nowSeconds() - 2 * 3600;
          const token = await idp.issueToken('auth0', ada);
          issuedAt = undefined;
          return { token, reason: 'the auth0 token has expired' };
        },
      };
    },
    login: (window, token) =>
      globalsOf(window).SPOTIM.startSSOForProvider({ provider: 'auth0', token }),
    logout: (window) => globalsOf(window).SPOTIM.logout(),
  },
  {
    vendor: 'zendesk',
    global: 'zE',
    install: installZendeskEmulator,
    async setup() {
      const claims = (user: User) => ({ external_id: user.id, scope: 'user', name: user.name });
      const kid = 'app_key-2';
      return {
        cloud: createVendorCloud('zendesk', { keys: secrets.zendesk }),
        token: async (user = ada) =>
          sign({ ...claims(user), ...lifetime(300) }, secrets.zendesk[kid], { kid }),
        broken: async () => ({
          token: await sign({ ...claims(ada), ...lifetime(300) }, secrets.tiledesk, { kid }),
          reason: 'the signature does not match the signing key',
        }),
      };
    },
    login: zendeskLogin,
    logout: async (window) => globalsOf(window).zE('messenger', 'logoutUser'),
  },
];

/** A `fetch` that hands the widget's requests straight to the cloud handler. */
export const fetchFrom =
  (cloud: VendorCloud): typeof fetch =>
  (input, init) =>
    cloud(new Request(input, init));
