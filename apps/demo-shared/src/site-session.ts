import { createObservable, type Observable } from './observable';
import {
  fetchSiteUser,
  type SiteUser,
  signIn as signInRequest,
  signOut as signOutRequest,
  switchUser as switchUserRequest,
} from './site-session-api';

export interface SiteSessionSnapshot {
  /** The signed-in user; `null` when signed out, `undefined` until the server has said. */
  readonly user: SiteUser | null | undefined;
  /** Why the last action failed, for people. */
  readonly error: string | null;
  /** An action is under way. */
  readonly busy: boolean;
}

/** The demo site's own sign-in, as one observable the three apps render. */
export interface SiteSession extends Observable<SiteSessionSnapshot> {
  /** Asks the server who is signed in (call once, when the page starts). */
  load(): Promise<void>;
  signIn(username: string, password: string): Promise<void>;
  signOut(): Promise<void>;
  /** Signs in as the other demo user without a page load. */
  switchUser(): Promise<void>;
}

export function createSiteSession(): SiteSession {
  const state = createObservable<SiteSessionSnapshot>({
    user: undefined,
    error: null,
    busy: false,
  });

  async function run(action: () => Promise<SiteUser | null>): Promise<void> {
    const { user } = state.getSnapshot();
    state.set({ user, error: null, busy: true });
    try {
      state.set({ user: await action(), error: null, busy: false });
    } catch (error) {
      state.set({ user, error: (error as Error).message, busy: false });
    }
  }

  return {
    subscribe: state.subscribe,
    getSnapshot: state.getSnapshot,
    load: () => run(fetchSiteUser),
    signIn: (username, password) => run(() => signInRequest(username, password)),
    signOut: () =>
      run(async () => {
        await signOutRequest();
        return null;
      }),
    switchUser: () =>
      run(() => {
        const { user } = state.getSnapshot();
        return user ? switchUserRequest(user) : Promise.resolve(null);
      }),
  };
}
