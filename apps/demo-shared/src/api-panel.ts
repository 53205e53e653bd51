import { createAuthFetch } from '@chat-sso/core/auth-fetch';
import { DemoApiError } from './demo-api-error';
import { createObservable, type Observable } from './observable';
import type { SiteSession } from './site-session';

export interface ApiPanelSnapshot {
  /** The last answer of `GET /api/projects`, for people. */
  readonly result: string | null;
  readonly error: string | null;
  readonly busy: boolean;
  /** How many times the access token was renewed with the refresh token. */
  readonly refreshes: number;
  /** When the current access token expires, in unix seconds. */
  readonly expiresAt: number | null;
}

/** The protected-API panel: calls `/api/projects` with the `/system/auth` access/refresh flow. */
export interface ApiPanel extends Observable<ApiPanelSnapshot> {
  call(): Promise<void>;
}

/**
 * The API tokens belong to the site's user, so a sign-out or a user switch
 * revokes them (`/system/logout`) and the next call signs in again.
 */
export function createApiPanel(site: SiteSession): ApiPanel {
  const api = createAuthFetch({
    authUrl: '/system/auth',
    reauthUrl: '/system/reauth',
    logoutUrl: '/system/logout',
  });
  const state = createObservable<ApiPanelSnapshot>({
    result: null,
    error: null,
    busy: false,
    ...api.getSnapshot(),
  });
  const update = (changes: Partial<ApiPanelSnapshot>) =>
    state.set({ ...state.getSnapshot(), ...changes });
  api.subscribe(() => update(api.getSnapshot()));

  let username = site.getSnapshot().user?.username;
  site.subscribe(() => {
    const next = site.getSnapshot().user?.username;
    if (next === username) return;
    if (username) {
      void api.signOut().catch(() => undefined);
      update({ result: null, error: null });
    }
    username = next;
  });

  return {
    subscribe: state.subscribe,
    getSnapshot: state.getSnapshot,
    async call() {
      update({ busy: true, error: null });
      try {
        const response = await api('/api/projects');
        if (!response.ok) {
          throw new DemoApiError(
            response.status,
            'http_error',
            `The API answered HTTP ${response.status}.`,
          );
        }
        const { user, projects } = (await response.json()) as { user: string; projects: string[] };
        update({ busy: false, result: `${user}: ${projects.join(', ')}` });
      } catch (error) {
        update({ busy: false, result: null, error: (error as Error).message });
      }
    },
  };
}
