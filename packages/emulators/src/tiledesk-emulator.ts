import { type EmulatorHandle, type EmulatorOptions, installEmulator } from './install-emulator';
import { observed, plainError } from './vendor-api';
import type { WidgetIdentity } from './wire';

/** `window.tiledesk`, as the Tiledesk widget exposes it. */
export interface TiledeskWidget {
  /** Listens to a widget event; handlers get a `CustomEvent` whose `detail` is described below. */
  on(event: TiledeskEvent, handler: (event: CustomEvent) => void): void;
  /**
   * Signs in with `"JWT <token>"` (the prefix as in Tiledesk's guide). Resolves
   * with the verified user; rejects with an `Error` whose `message` is the reason.
   */
  signInWithCustomToken(token: string): Promise<WidgetIdentity>;
  logout(): Promise<void>;
}

/**
 * The widget's events, named as Tiledesk names them: `onInit` (loaded),
 * `onLoggedIn` (`detail: { user }`), `onLoggedOut` (`detail: {}`) and
 * `onAuthStateChanged` (`detail: { isLogged, user }`) after each of the two.
 */
export type TiledeskEvent = 'onInit' | 'onLoggedIn' | 'onLoggedOut' | 'onAuthStateChanged';

const PREFIX = 'JWT ';

/**
 * Tiledesk authenticated visitors: `window.tiledesk.signInWithCustomToken("JWT <token>")`
 * and `window.tiledesk.logout()`. Like the real widget, it calls
 * `window.tileDeskAsyncInit()` right after `window.tiledesk` appears.
 */
export function installTiledeskEmulator(options: EmulatorOptions = {}): EmulatorHandle {
  return installEmulator('tiledesk', options, (widget) => {
    // The real widget dispatches its events on an element of its own, not on document.
    const events = widget.document.createElement('div');

    function authStateChanged(): void {
      const user = widget.user();
      widget.emit(events, user ? 'onLoggedIn' : 'onLoggedOut', user ? { user } : {});
      widget.emit(events, 'onAuthStateChanged', { isLogged: user !== null, user });
    }

    async function signIn(token: string): Promise<WidgetIdentity> {
      if (typeof token !== 'string' || !token.startsWith(PREFIX)) {
        const reason = `signInWithCustomToken expects "JWT <token>": the token must start with "${PREFIX}"`;
        widget.fail(reason);
        throw new Error(reason);
      }
      try {
        const { user } = await widget.signIn({ token });
        authStateChanged();
        return user;
      } catch (failure) {
        throw plainError(failure);
      }
    }

    const tiledesk: TiledeskWidget = {
      on: (event, handler) => events.addEventListener(event, handler as EventListener),
      signInWithCustomToken: (token) => observed(signIn(token)),
      logout: async () => {
        await widget.signOut();
        authStateChanged();
      },
    };

    return {
      globals: { tiledesk },
      loaded() {
        const init = (widget.window as { tileDeskAsyncInit?: unknown }).tileDeskAsyncInit;
        if (typeof init === 'function') init();
        widget.emit(events, 'onInit', {});
      },
      state: () => ({}),
    };
  });
}
