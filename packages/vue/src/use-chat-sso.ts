import { type ChatSSOSnapshot, isAuthenticated, isLoading } from '@chat-sso/core';
import {
  type ComputedRef,
  computed,
  getCurrentInstance,
  getCurrentScope,
  inject,
  onMounted,
  onScopeDispose,
  shallowRef,
} from 'vue';
import { ChatSSOKey } from './chat-sso-key';

/** What `useChatSSO()` returns: read-only refs of the store's snapshot and its actions. */
export interface UseChatSSOResult {
  readonly status: ComputedRef<ChatSSOSnapshot['status']>;
  readonly user: ComputedRef<ChatSSOSnapshot['user']>;
  readonly error: ComputedRef<ChatSSOSnapshot['error']>;
  readonly expiresAt: ComputedRef<ChatSSOSnapshot['expiresAt']>;
  /** The widget chats as `user`. */
  readonly isAuthenticated: ComputedRef<boolean>;
  /** A login or logout is under way. */
  readonly isLoading: ComputedRef<boolean>;
  /** Logs the widget in as the site's user. */
  login(): Promise<void>;
  /** Logs the widget out. */
  logout(): Promise<void>;
}

/**
 * The widget's sign-in state as refs. Call it in `setup()` or inside an
 * `effectScope()` run with the app's context: disposing the scope unsubscribes.
 */
export function useChatSSO(): UseChatSSOResult {
  const store = inject(ChatSSOKey, null);
  // One message for the three ways to get here: outside setup() and runWithContext(),
  // no plugin, or no effect scope to end the subscription with.
  if (!store || !getCurrentScope()) {
    throw new Error('useChatSSO() needs setup() and createChatSSOPlugin()');
  }

  // Server rendering and hydration see the `idle` server snapshot; a component
  // follows the live store once mounted, which never happens on the server.
  const snapshot = shallowRef(store.getServerSnapshot());
  const sync = () => {
    snapshot.value = store.getSnapshot();
  };
  // A component's hooks run in its scope, so onMounted's subscription ends with the component.
  const follow = () => {
    onScopeDispose(store.subscribe(sync));
    sync();
  };
  if (getCurrentInstance()) onMounted(follow);
  else follow();

  const field = <K extends keyof ChatSSOSnapshot>(key: K) => computed(() => snapshot.value[key]);
  return {
    status: field('status'),
    user: field('user'),
    error: field('error'),
    expiresAt: field('expiresAt'),
    isAuthenticated: computed(() => isAuthenticated(snapshot.value.status)),
    isLoading: computed(() => isLoading(snapshot.value.status)),
    login: store.login,
    logout: store.logout,
  };
}
