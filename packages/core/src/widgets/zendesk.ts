import type { WidgetAdapter } from '../types';

/** Zendesk's `zE` command function. */
export type ZendeskCommand = (namespace: 'messenger', command: string, ...args: unknown[]) => void;

/**
 * Zendesk messaging, pull style: `zE('messenger', 'loginUser', jwtCallback, loginCallback)`
 * hands the widget a callback it calls whenever it needs a token (at login,
 * and again when its session expires); `zE('messenger', 'logoutUser')`.
 */
export function zendesk(): WidgetAdapter<ZendeskCommand> {
  return {
    name: 'Zendesk messaging',
    find: (window) => (window as { zE?: ZendeskCommand }).zE,
    login: (zE, token) =>
      new Promise((resolve, reject) => {
        zE(
          'messenger',
          'loginUser',
          (callback: (jwt: string) => void) => {
            token().then(callback, reject);
          },
          (error: unknown) => (error ? reject(error) : resolve(undefined)),
        );
      }),
    logout: async (zE) => {
      zE('messenger', 'logoutUser');
    },
  };
}
