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

/**
 * The store that keeps one vendor widget signed in as the site's user. Does
 * nothing until `subscribe`, `login`, `logout` or `on` is first called, so it
 * is safe to create during server rendering.
 */
export function createChatSSO(options: ChatSSOOptions): ChatSSOStore {
  const { widget, readyTimeout = 10_000, callTimeout = 10_000, channel = 'chat-sso' } = options;
  const env: ChatSSOEnv = {
    // Read at each call, so fake clocks installed later are seen.
    now: () => Date.now(),
    setTimeout: (callback, ms) => setTimeout(callback, ms),
    clearTimeout: (id) => clearTimeout(id as ReturnType<typeof setTimeout>),
    random: Math.random,
    window: () => globalThis.window,
    ...options.env,
  };
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
  let callTimer: unknown;
  /** The widget calls, one after another. */
  let calls: Promise<unknown> = Promise.resolve();
  let stopLoginRequests: (() => void) | undefined;
  /** Snapshot listeners are handlers of the internal `change` event. */
  const handlers = new Set<[event: string, handler: (payload: never) => void]>();
  /** The widget's requests for a token, waiting for the answer. */
  const pulls: [resolve: (token: string) => void, reject: (error: ChatSSOError) => void][] = [];
  /** `login()` and `logout()` calls waiting for the store to settle. */
  const settles: (() => void)[] = [];

  const emit = (event: string, payload?: unknown) => {
    for (const [name, handler] of [...handlers]) if (name === event) handler(payload as never);
  };
  const on = (event: string, handler: (payload: never) => void) => {
    start();
    const entry: [string, (payload: never) => void] = [event, handler];
    handlers.add(entry);
    return () => handlers.delete(entry);
  };
  const release = () => {
    for (const resolve of settles.splice(0)) resolve();
  };
  const refuse = (error: ChatSSOError) => {
    for (const [, reject] of pulls.splice(0)) reject(error);
  };

  const dispatch = (event: MachineEvent) => {
    if (lifetime!.signal.aborted) return release();
    const previous = state.snapshot;
    const [next, effects] = transition(state, event, {
      ...config,
      now: env.now(),
      random: env.random(),
    });
    state = next;
    for (const effect of effects) run[effect]();
    // Effects may have dispatched in turn: the timer and settling follow the latest state.
    const at = wakeAt(state, config);
    env.clearTimeout(timer);
    // Browsers fire delays beyond 2^31 - 1 ms at once; renewing early is harmless.
    if (at !== null) timer = env.setTimeout(wake, Math.min(at - env.now(), 2 ** 31 - 1));
    const { snapshot } = next;
    if (snapshot !== previous) {
      emit('change');
      if (snapshot.status !== previous.status) emit('status', snapshot);
      if (snapshot.error && snapshot.error !== previous.error) emit('error', snapshot.error);
    }
    if (settled(state)) release();
  };
  const wake = () => dispatch({ type: 'wake' });

  /** Types what went wrong and feeds it back; `source` says which effect failed. */
  const failed = (source: 'ready' | object) => (reason: unknown) =>
    dispatch({
      type: 'failed',
      source,
      error:
        reason instanceof ChatSSOError
          ? reason
          : new ChatSSOError('token_unavailable', String((reason as Error)?.message ?? reason)),
    });
  /**
   * Calls the widget; a push widget asks for its token once, a pull widget
   * whenever it needs one. Only the first of its answer and the timeout counts.
   * The widget gets one call at a time, in order: one that timed out is
   * abandoned, but the widget finishes it before the next, so whatever it
   * answers late, the next call has the last word. Logins whose time ran out
   * before their turn are skipped; logouts never are.
   */
  const call = (name: 'login' | 'logout') => () => {
    let open = true;
    const end = (event: MachineEvent) => {
      if (!open) return;
      open = false;
      env.clearTimeout(callTimer);
      dispatch(event);
    };
    const fail = (error: ChatSSOError) => end({ type: 'failed', source: 'widget', error });
    callTimer = env.setTimeout(() => {
      const message = `${widget.name} did not answer in ${callTimeout} ms`;
      fail(new ChatSSOError('vendor_timeout', message, { transient: true }));
    }, callTimeout);
    const pull = () => {
      const answer = new Promise<string>((...settle) => pulls.push(settle));
      dispatch({ type: 'pull' });
      return answer;
    };
    calls = calls
      // Typed as login: logout takes no `pull` and answers no user.
      .then(() =>
        open || name === LOGOUT ? (widget[name] as typeof widget.login)(api, pull) : undefined,
      )
      .then(
        (user) => end({ type: 'done', user: user || undefined }),
        (reason) => fail(vendorError(reason, widget.transient)),
      );
  };

  const run: Record<MachineEffect, () => void> = {
    wait: () =>
      waitForWidget(widget, env, readyTimeout, lifetime!.signal).then((found) => {
        api = found;
        dispatch({ type: 'ready' });
      }, failed('ready')),
    fetch() {
      const fetch = state.fetching!;
      (async () => readToken(await options.token(), env.now()))().then(
        (token) => dispatch({ type: 'token', fetch, token }),
        failed(fetch),
      );
    },
    login: call('login'),
    logout: call(LOGOUT),
    give() {
      for (const [resolve] of pulls.splice(0)) resolve(state.token!.token);
    },
    refuse: () => refuse(state.error ?? new ChatSSOError('logged_out', 'logged out')),
  };

  /** Work starts here, never at construction: there may be no window yet (SSR). */
  const start = () => {
    if (lifetime) return;
    lifetime = new AbortController();
    const window = env.window();
    const Channel = env.BroadcastChannel ?? window?.BroadcastChannel;
    stopLoginRequests = window && widget.onLoginRequest?.(window, () => emit('loginrequest'));
    if (channel && Channel) {
      port = new Channel(channel);
      port.onmessage = (message: MessageEvent) => {
        if (message.data === LOGOUT) dispatch({ type: LOGOUT });
      };
    }
  };

  const request = (type: 'login' | 'logout') => {
    start();
    const done = new Promise<void>((resolve) => settles.push(resolve));
    if (type === LOGOUT) port?.postMessage(LOGOUT);
    dispatch({ type });
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
      port?.close();
      stopLoginRequests?.();
      env.clearTimeout(timer);
      env.clearTimeout(callTimer);
      refuse(new ChatSSOError('destroyed', 'the store was destroyed'));
      release();
    },
  };
}
