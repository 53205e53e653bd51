import {
  idleSnapshot,
  initialState,
  type MachineConfig,
  type MachineEffect,
  type MachineEvent,
  settled,
  transition,
  wakeAt,
} from './chat-sso-machine';
import { ChatSSOError, vendorError } from './errors';
import { readToken } from './read-token';
import type { ChatSSOEnv, ChatSSOOptions, ChatSSOStore } from './types';
import { waitForWidget } from './wait-for-widget';

/** The message that carries a sign-out to the other tabs. */
const LOGOUT = 'logout';

const defaultEnv: ChatSSOEnv = {
  // Read at each call, so fake clocks installed later are seen.
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (id) => clearTimeout(id as ReturnType<typeof setTimeout>),
  random: () => Math.random(),
  window: () => (typeof window === 'undefined' ? undefined : window),
};

/**
 * The store that keeps one vendor widget signed in as the site's user. Does
 * nothing until `subscribe`, `login`, `logout` or `on` is first called, so it
 * is safe to create during server rendering.
 */
export function createChatSSO(options: ChatSSOOptions): ChatSSOStore {
  const { widget, readyTimeout = 10_000, channel = 'chat-sso' } = options;
  const env = { ...defaultEnv, ...options.env };
  const config: MachineConfig = {
    renew: !!widget.renew,
    refreshBefore: options.refreshBefore ?? 30,
    retry: { attempts: 8, baseDelay: 1000, maxDelay: 15_000, ...options.retry },
  };
  let state = initialState;
  let api: unknown;
  let lifetime: AbortController | undefined;
  let port: BroadcastChannel | undefined;
  let timer: unknown;
  let timerAt: number | null = null;
  /** Snapshot listeners are handlers of the internal `change` event. */
  const handlers = new Set<[event: string, handler: (payload: never) => void]>();
  const pulls: [resolve: (token: string) => void, reject: (error: ChatSSOError) => void][] = [];
  const settles: (() => void)[] = [];

  const emit = (event: string, payload?: unknown) => {
    for (const [name, handler] of [...handlers]) if (name === event) handler(payload as never);
  };
  const on = (event: string, handler: (payload: never) => void) => {
    start();
    const entry: [string, (payload: never) => void] = [event, handler];
    handlers.add(entry);
    return () => {
      handlers.delete(entry);
    };
  };
  const resolveSettled = () => {
    for (const resolve of settles.splice(0)) resolve();
  };

  const dispatch = (event: MachineEvent) => {
    if (lifetime?.signal.aborted) return;
    const previous = state.snapshot;
    const [next, effects] = transition(state, event, {
      ...config,
      now: env.now(),
      random: env.random(),
    });
    state = next;
    for (const effect of effects) run[effect]();
    const at = wakeAt(next, config);
    if (at !== timerAt) {
      env.clearTimeout(timer);
      timerAt = at;
      // Browsers fire delays beyond 2^31 - 1 ms at once; renewing early is harmless.
      if (at !== null) timer = env.setTimeout(wake, Math.min(at - env.now(), 2 ** 31 - 1));
    }
    const { snapshot } = next;
    if (snapshot !== previous) {
      emit('change');
      if (snapshot.status !== previous.status) emit('status', snapshot);
      if (snapshot.error && snapshot.error !== previous.error) emit('error', snapshot.error);
    }
    if (settled(next)) resolveSettled();
  };
  const wake = () => {
    timerAt = null;
    dispatch({ type: 'wake' });
  };

  const failed = (source: 'ready' | 'widget' | object) => (reason: unknown) =>
    dispatch({
      type: 'failed',
      source,
      error:
        source === 'widget'
          ? vendorError(reason, widget.transient)
          : reason instanceof ChatSSOError
            ? reason
            : new ChatSSOError('token_unavailable', String((reason as Error)?.message ?? reason)),
    });

  const run: Record<MachineEffect, () => void> = {
    wait: () =>
      waitForWidget(widget, env, readyTimeout, lifetime!.signal).then((found) => {
        api = found;
        dispatch({ type: 'ready' });
      }, failed('ready')),
    fetch() {
      const fetch = state.fetching!;
      Promise.resolve()
        .then(options.token)
        .then((result) => readToken(result, env.now()))
        .then((token) => dispatch({ type: 'token', fetch, token }), failed(fetch));
    },
    login: () =>
      widget
        .login(api as never, () => {
          const answer = new Promise<string>((...settle) => pulls.push(settle));
          dispatch({ type: 'pull' });
          return answer;
        })
        .then((user) => dispatch({ type: 'done', user }), failed('widget')),
    logout: () =>
      widget.logout(api as never).then(() => dispatch({ type: 'done' }), failed('widget')),
    give() {
      for (const [resolve] of pulls.splice(0)) resolve(state.token!.token);
    },
    refuse() {
      const error = state.error ?? new ChatSSOError('logged_out', 'the widget was logged out');
      for (const [, reject] of pulls.splice(0)) reject(error);
    },
  };

  /** Work starts here, never at construction: there may be no window yet (SSR). */
  const start = () => {
    if (lifetime) return;
    lifetime = new AbortController();
    const { signal } = lifetime;
    const window = env.window();
    const Channel = env.BroadcastChannel ?? window?.BroadcastChannel;
    const { loginRequestEvent } = widget;
    if (loginRequestEvent && window) {
      // Removed by hand: the page's document may refuse an AbortSignal of another realm.
      const request = () => emit('loginrequest');
      window.document.addEventListener(loginRequestEvent, request);
      signal.addEventListener('abort', () =>
        window.document.removeEventListener(loginRequestEvent, request),
      );
    }
    if (channel && Channel) {
      const opened = new Channel(channel);
      opened.onmessage = (message: MessageEvent) => {
        if (message.data === LOGOUT) dispatch({ type: LOGOUT });
      };
      signal.addEventListener('abort', () => opened.close());
      port = opened;
    }
  };

  const request = (type: 'login' | 'logout') => {
    start();
    const done = new Promise<void>((resolve) => settles.push(resolve));
    if (type === LOGOUT) port?.postMessage(LOGOUT);
    dispatch({ type });
    if (lifetime!.signal.aborted) resolveSettled();
    return done;
  };

  return {
    subscribe: (listener) => on('change', listener),
    getSnapshot: () => state.snapshot,
    getServerSnapshot: () => idleSnapshot,
    login: () => request('login'),
    logout: () => request(LOGOUT),
    on,
    destroy() {
      lifetime ??= new AbortController();
      lifetime.abort();
      env.clearTimeout(timer);
      handlers.clear();
      const error = new ChatSSOError('destroyed', 'the chat-sso store was destroyed');
      for (const [, reject] of pulls.splice(0)) reject(error);
      resolveSettled();
    },
  };
}
