import type { WidgetAdapter } from '../types';

/** `window.spartezSupportChat.sso`. */
export interface SpartezSSO {
  login(token: string): Promise<unknown>;
  logout(): Promise<unknown>;
}

/**
 * Spartez Support Chat (Jira Service Management):
 * `await spartezSupportChat.sso.login(token)`, `await spartezSupportChat.sso.logout()`.
 */
export function spartez(): WidgetAdapter<SpartezSSO> {
  return {
    name: 'Spartez Support Chat',
    find: (window) =>
      (window as { spartezSupportChat?: { sso?: SpartezSSO } }).spartezSupportChat?.sso,
    // The guide's Limitation 2: a new Jira user takes up to a minute to be created.
    transient: /being created/i,
    login: async (sso, token) => {
      await sso.login(await token());
      return undefined;
    },
    logout: async (sso) => {
      await sso.logout();
    },
  };
}
