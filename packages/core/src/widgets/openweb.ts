import type { WidgetAdapter } from '../types';

/** The identity providers OpenWeb's third-party SSO integrates with. */
export type OpenWebProvider = 'auth0' | 'gigya' | 'piano';

/** `window.SPOTIM`. */
export interface SpotIM {
  startSSOForProvider(options: { provider: OpenWebProvider; token: string }): Promise<unknown>;
  logout(): unknown;
}

interface OpenWebUserData {
  id?: string;
  displayName?: string;
  email?: string;
}

/**
 * OpenWeb (Spot.IM) third-party SSO with a token from Auth0, Gigya or Piano:
 * `SPOTIM.startSSOForProvider({ provider, token })` resolves with the user's
 * data; `SPOTIM.logout()`. The widget's `spot-im-login-start` event becomes
 * the store's `loginrequest`: the site starts its own login flow then.
 */
export function openweb(options: { provider: OpenWebProvider }): WidgetAdapter<SpotIM> {
  return {
    name: 'OpenWeb',
    find: (window) => {
      const spotim = (window as { SPOTIM?: SpotIM }).SPOTIM;
      return spotim?.startSSOForProvider ? spotim : undefined;
    },
    listen: (window, tell) => {
      const ready = () => tell('ready');
      const loginRequest = () => tell('loginrequest');
      window.document.addEventListener('spot-im-api-ready', ready);
      window.document.addEventListener('spot-im-login-start', loginRequest);
      return () => {
        window.document.removeEventListener('spot-im-api-ready', ready);
        window.document.removeEventListener('spot-im-login-start', loginRequest);
      };
    },
    login: async (spotim, token) => {
      const data = (await spotim.startSSOForProvider({
        provider: options.provider,
        token: await token(),
      })) as OpenWebUserData | undefined;
      return data && { id: data.id, name: data.displayName, email: data.email };
    },
    logout: async (spotim) => {
      await spotim.logout();
    },
  };
}
