import { useChatSSO } from '@chat-sso/vue';
import { type WatchSource, watch } from 'vue';

/**
 * The widget follows the site's own session: signed in → `login()`, signed
 * out → `logout()`, and a user switch is just a `login()` as someone else.
 * `username` is `undefined` until the site knows who is signed in.
 */
export function useChatFollowsSession(username: WatchSource<string | null | undefined>): void {
  const { login, logout } = useChatSSO();
  watch(
    username,
    (name) => {
      if (name === undefined) return;
      void (name ? login() : logout());
    },
    { immediate: true },
  );
}
