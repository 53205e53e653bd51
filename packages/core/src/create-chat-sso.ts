import { backoff } from './backoff';
import { ChatSSOError, vendorError } from './errors';
import { readToken, type Token } from './read-token';
import type {
  ChatSSOEnv,
  ChatSSOOptions,
  ChatSSOSnapshot,
  ChatSSOStore,
  WidgetUser,
} from './types';

const idle: ChatSSOSnapshot = Object.freeze({
  status: 'idle',
  user: null,
  error: null,
  expiresAt: null,
});

/**
 * The store that keeps one vendor widget signed in as the site's user. Does
 * nothing until `subscribe`, `login`, `logout` or `on` is first called, so it
 * is safe to create during server rendering.
 *
 * Its state is the variables below. Each event (a request, the widget found,
 * a token, a widget answer, a failure, a timer) updates them, then `update()`
 * starts whatever the request still needs and nothing in flight already
 * covers, and publishes the snapshot.
 */
export function createChatSSO(options: ChatSSOOptions): ChatSSOStore {
  const {
    widget,
    readyTimeout = 10_000,
    callTimeout = 10_000,
    refreshBefore = 30,
    channel = 'chat-sso',
  } = options;
  const retry = { attempts: 8, baseDelay: 1000, maxDelay: 15_000, ...options.retry };
  const env: ChatSSOEnv = {
    // Read at each call, so fake clocks installed later are seen.
    now: () => Date.now(),
    setTimeout: (callback, ms) => setTimeout(callback, ms),
    clearTimeout: (id) => clearTimeout(id as ReturnType<typeof setTimeout>),
    random: Math.random,
    window: () => globalThis.window,
    ...options.env,
  };

  let snapshot = idle;
  /** What the site asked for last. */
  let want: 'login' | 'logout' | undefined;
  /** The widget's API once its script has loaded. */
  let api: unknown;
  /** How long the store has looked for it, in ms. */
  let looked = 0;
  /**
   * The token the widget is signed in with, its user being who the widget says
   * it is; `null` when the widget is known to be anonymous, `undefined` when
   * unknown (a page may load with a previous user's session still in the widget).
   */
  let signed: Token | null | undefined;
  /** The widget must be logged out before anything else (a logout, or a user switch). */
  let clear = false;
  /** The widget call in flight. */
  let call: 'login' | 'logout' | undefined;
  /** The cached token; none forces a fetch. */
  let token: Token | null = null;
  /** Stands for the token fetch whose answer is awaited; answers to any other are stale. */
  let fetching: object | null = null;
  /** Transient failures since the last success or request. */
  let failures = 0;
  /** When the next try is due, in ms. */
  let retryAt: number | null = null;
  /** Why the last request failed for good. */
  let error: ChatSSOError | null = null;

  /** Work starts at the first call that needs it, and ends for good at `destroy()`. */
  let started = false;
  let destroyed = false;
  let port: BroadcastChannel | undefined;
  let timer: unknown;
  let callTimer: unknown;
  let poller: unknown;
  /** Stops listening to what the widget announces. */
  let stopListening: (() => void) | undefined;
  /** The widget calls, one after another. */
  let calls: Promise<unknown> = Promise.resolve();
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
  const refuse = (reason: ChatSSOError) => {
    for (const [, reject] of pulls.splice(0)) reject(reason);
  };

  /** A try failed: it is tried again after a backoff while transient and tries are left. */
  const fail = (reason: ChatSSOError) => {
    failures += 1;
    if (reason.transient && failures < retry.attempts) {
      retryAt = env.now() + backoff(failures, retry, env.random());
    } else error = reason;
    update();
  };

  const fetch = () => {
    const self = {};
    fetching = self;
    (async () => readToken(await options.token(), env.now()))().then(
      (fetched) => {
        if (self !== fetching) return;
        fetching = null;
        token = fetched;
        update();
      },
      (reason: unknown) => {
        if (self !== fetching) return;
        fetching = null;
        fail(
          reason instanceof ChatSSOError
            ? reason
            : new ChatSSOError('token_unavailable', String((reason as Error)?.message ?? reason)),
        );
      },
    );
  };

  /**
   * Looks for the widget's API while it is needed: at each update, so also
   * when the widget tells it is ready, and every 25 ms for up to `readyTimeout` ms.
   * The login leaves at most 25 ms after the API appears; a look is one property
   * read, so 400 of them over the default `readyTimeout` cost nothing.
   */
  const look = () => {
    const window = env.window();
    api = window && widget.find(window);
    if (api) env.clearTimeout(poller);
    else if (looked < readyTimeout) poller ??= env.setTimeout(poll, 25);
    else {
      looked = 0;
      error = new ChatSSOError(
        'widget_unavailable',
        `${widget.name} did not load in ${readyTimeout} ms`,
      );
    }
  };
  const poll = () => {
    poller = undefined;
    looked += 25;
    look();
    if (api || error) update();
  };

  /** The widget asks for a token: answered at once when a valid one is cached, else once fetched. */
  const pull = () => {
    const answer = new Promise<string>((...settle) => pulls.push(settle));
    update();
    return answer;
  };

  /** The widget answered the call in flight. */
  const done = (user: WidgetUser | undefined) => {
    if (call === 'logout') {
      signed = null;
      clear = false;
    } else {
      // After a logout during the call the token is gone: who the widget holds is unknown then.
      signed = token ? { ...token, user: user ?? token.user } : undefined;
    }
    call = undefined;
    failures = 0;
    update();
  };

  /** The call in flight failed, or got no answer in time. */
  const refused = (reason: ChatSSOError) => {
    const ended = call;
    call = undefined;
    // Who a widget holds after a failed logout is unknown; after a login that timed out
    // too, unless it is the same user: the abandoned call may still land.
    if (ended === 'logout' || (reason.code === 'vendor_timeout' && signed?.key !== token?.key)) {
      signed = undefined;
    }
    // A login that a logout overtook failed: nothing to report, the logout goes on.
    if (want === 'logout' && ended === 'login') update();
    else fail(reason);
  };

  /**
   * Calls the widget; a push widget asks for its token once, a pull widget
   * whenever it needs one. Only the first of its answer and the timeout counts.
   * The widget gets one call at a time, in order: one that timed out is
   * abandoned, but the widget finishes it before the next, so whatever it
   * answers late, the next call has the last word. Logins whose time ran out
   * before their turn are skipped; logouts never are. A late success of a
   * login with no call behind it is taken: the widget is signed in.
   */
  const run = (name: 'login' | 'logout') => {
    let open = true;
    /** Ends the call; false when its answer or its timeout ended it already. */
    const close = () => {
      if (!open) return false;
      open = false;
      env.clearTimeout(callTimer);
      return true;
    };
    callTimer = env.setTimeout(() => {
      const message = `${widget.name} did not answer in ${callTimeout} ms`;
      if (close()) refused(new ChatSSOError('vendor_timeout', message, { transient: true }));
    }, callTimeout);
    calls = calls.then(async () => {
      if (!open && name !== 'logout') return;
      try {
        // Typed as login: logout takes no `pull` and answers no user.
        const user = await (widget[name] as typeof widget.login)(api, pull);
        if (close()) done(user);
        // A login that timed out succeeded after all: while the site still wants a login and
        // no later call is queued to settle who the widget holds, the widget is signed in.
        else if (name !== 'logout' && want === 'login' && !call) {
          error = retryAt = null;
          done(user);
        }
      } catch (reason) {
        if (close()) refused(vendorError(reason, widget.transient));
      }
    });
  };

  /** Starts whatever the request still needs, then publishes the snapshot and sets the timer. */
  const update = () => {
    if (destroyed) return release();
    const now = env.now();
    // The widget's script loads in parallel with everything else, retries included.
    if (!api && !error && (want === 'login' || clear)) look();
    if (pulls.length && (want !== 'login' || error)) {
      refuse(error ?? new ChatSSOError('logged_out', 'logged out'));
    }
    if (want && !error && retryAt === null) {
      // A token is used as delivered; one that waited needs `refreshBefore` seconds left.
      const fresh =
        !!token &&
        (token.at === now ||
          token.expiresAt === null ||
          token.expiresAt - now / 1000 > refreshBefore);
      const loginDue = !signed || (!!widget.renew && token?.token !== signed.token);
      if (want === 'login') {
        if (!fetching && (!token || ((pulls.length || (loginDue && !clear)) && !fresh))) fetch();
        // A user switch: the new token names someone else, so log the widget out first.
        if (token && signed && token.key !== signed.key) clear = true;
        if (pulls.length && fresh && !clear) {
          for (const [resolve] of pulls.splice(0)) resolve(token!.token);
          // Pulled outside a login call, the token goes straight into use.
          if (!call && signed) signed = token;
        }
      }
      if (api && !call) {
        call = clear ? 'logout' : want === 'login' && fresh && loginDue ? 'login' : undefined;
        if (call) run(call);
      }
    }
    publish();
    // The next wake: a retry, or for a renewing widget a new token before the cached one
    // expires (the cached one, not the signed one: while a renewal logs in, that one is due).
    const expiresAt = token?.expiresAt;
    const at = retryAt ?? (widget.renew && expiresAt ? (expiresAt - refreshBefore) * 1000 : null);
    env.clearTimeout(timer);
    // Browsers fire delays beyond 2^31 - 1 ms at once; renewing a few days early is harmless.
    if (at !== null) timer = env.setTimeout(wake, Math.min(at - now, 2e9));
    const waiting = !api && (want === 'login' || clear);
    if (error || (!call && !fetching && !waiting && retryAt === null)) release();
  };

  /** The timer fired: the retry is due, or else the renewal (a new token, then a login with it). */
  const wake = () => {
    if (retryAt === null) token = null;
    else retryAt = null;
    update();
  };

  /** Rebuilds the snapshot when one of its fields changed, and tells the listeners. */
  const publish = () => {
    const previous = snapshot;
    const next: ChatSSOSnapshot = {
      status: error
        ? 'error'
        : !want
          ? 'idle'
          : want === 'logout'
            ? clear
              ? 'signing_out'
              : 'signed_out'
            : signed && !clear
              ? 'signed_in'
              : 'signing_in',
      user: signed?.user ?? null,
      error,
      expiresAt: signed?.expiresAt ?? null,
    };
    if (
      !(Object.keys(next) as (keyof ChatSSOSnapshot)[]).some((key) => next[key] !== previous[key])
    ) {
      return;
    }
    snapshot = Object.freeze(next);
    emit('change');
    if (next.status !== previous.status) emit('status', snapshot);
    if (error && error !== previous.error) emit('error', error);
  };

  /** Work starts here, never at construction: there may be no window yet (SSR). */
  const start = () => {
    if (started) return;
    started = true;
    const window = env.window();
    const Channel = env.BroadcastChannel ?? window?.BroadcastChannel;
    stopListening =
      window && widget.listen?.(window, (news) => (news === 'ready' ? update() : emit(news)));
    if (channel && Channel) {
      port = new Channel(channel);
      port.onmessage = (message: MessageEvent) => {
        if (message.data === 'logout') request('logout', true);
      };
    }
  };

  /** What the site asked for; `heard` when another tab's sign-out asked, which is not told back. */
  const request = (type: 'login' | 'logout', heard?: boolean) => {
    start();
    const settled = new Promise<void>((resolve) => settles.push(resolve));
    // The other tabs sign their widgets out too.
    if (!heard && type === 'logout') port?.postMessage('logout');
    // A second login() while one is under way (React StrictMode) joins it; any other
    // fetches a new token, whose identity tells whether the user switched.
    if (type === 'logout' || snapshot.status !== 'signing_in') {
      want = type;
      error = token = fetching = retryAt = null;
      failures = 0;
    }
    if (type === 'logout') clear = signed !== null || call === 'login';
    update();
    return settled;
  };

  return {
    subscribe: (listener) => on('change', listener),
    getSnapshot: () => snapshot,
    getServerSnapshot: () => idle,
    login: () => request('login'),
    logout: () => request('logout'),
    on,
    destroy() {
      destroyed = started = true;
      port?.close();
      stopListening?.();
      env.clearTimeout(timer);
      env.clearTimeout(callTimer);
      env.clearTimeout(poller);
      refuse(new ChatSSOError('destroyed', 'the store was destroyed'));
      release();
    },
  };
}
