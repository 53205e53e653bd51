import type { WidgetAdapter } from '../types';

/** `window.tiledesk`. */
export interface TiledeskWidget {
  signInWithCustomToken(token: string): unknown;
  logout(): unknown;
}

/**
 * Tiledesk authenticated visitors: `tiledesk.signInWithCustomToken("JWT <token>")`
 * (the prefix as in Tiledesk's guide), `tiledesk.logout()`.
 */
export function tiledesk(): WidgetAdapter<TiledeskWidget> {
  return {
    name: 'Tiledesk',
    find: (window) => {
      const widget = (window as { tiledesk?: TiledeskWidget }).tiledesk;
      return widget?.signInWithCustomToken ? widget : undefined;
    },
    login: async (widget, token) => {
      await widget.signInWithCustomToken(`JWT ${await token()}`);
      return undefined;
    },
    logout: async (widget) => {
      await widget.logout();
    },
  };
}
