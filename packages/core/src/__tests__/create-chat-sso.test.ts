import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createChatSSO } from '../create-chat-sso';
import { ChatSSOError } from '../errors';
import type { ChatSSOEnv, ChatSSOOptions, TokenSource, WidgetAdapter, WidgetUser } from '../types';

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
/** An unsigned JWT-shaped token: the store only reads its claims as hints. */
const jwt = (claims: object) => `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url(claims)}.c2ln`;
const nowSeconds = () => Math.floor(Date.now() / 1000);

/**
 * The site's token endpoint: the current user's token, counted; `hold()`
 * keeps the next answer (made when asked) back until released.
 */
function site(user = 'ada', lifetime = 300) {
  const state = { user, lifetime, fetches: 0, failures: [] as unknown[] };
  let held: Promise<void> | undefined;
  const source: TokenSource = async () => {
    state.fetches += 1;
    const failure = state.failures.shift();
    const exp = nowSeconds() + state.lifetime;
    const answer = { token: jwt({ external_id: state.user, name: `Name of ${state.user}`, exp }) };
    const holding = held;
    held = undefined;
    await holding;
    if (failure) throw failure;
    return answer;
  };
  const hold = () => {
    let release: () => void = () => undefined;
    held = new Promise((resolve) => {
      release = resolve;
    });
    return release;
  };
  return Object.assign(state, { source, hold });
}

/**
 * A widget for the store's own tests, recording every call; `hold()` keeps
 * the next call pending until released. The real vendors' widgets, through
 * the emulators, are in integration.test.ts.
 */
function testWidget(
  options: {
    renew?: boolean;
    transient?: RegExp /** Who login says is signed in. */;
    user?: WidgetUser;
  } = {},
) {
  const calls: string[] = [];
  const failures: unknown[] = [];
  let held: Promise<void> | undefined;
  /** Lets the call through, unless it is the one held. */
  const gate = () => {
    const holding = held;
    held = undefined;
    return holding;
  };
  const api = {
    pull: undefined as (() => Promise<string>) | undefined,
    async login(token: () => Promise<string>) {
      api.pull = token;
      const value = await token();
      calls.push(
        `login ${JSON.parse(Buffer.from(value.split('.')[1]!, 'base64url').toString()).external_id}`,
      );
      await gate();
      const failure = failures.shift();
      if (failure) throw failure;
    },
    async logout() {
      calls.push('logout');
      await gate();
      const failure = failures.shift();
      if (failure) throw failure;
    },
  };
  const adapter: WidgetAdapter<typeof api> = {
    name: 'Test widget',
    find: (window) => (window as { testWidget?: typeof api }).testWidget,
    renew: options.renew,
    transient: options.transient,
    listen: (window, tell) => {
      const ready = () => tell('ready');
      const loginRequest = () => tell('loginrequest');
      window.document.addEventListener('test-widget-ready', ready);
      window.document.addEventListener('test-widget-login-start', loginRequest);
      return () => {
        window.document.removeEventListener('test-widget-ready', ready);
        window.document.removeEventListener('test-widget-login-start', loginRequest);
      };
    },
    login: async (widget, token) => {
      await widget.login(token);
      return options.user;
    },
    logout: (widget) => widget.logout(),
  };
  const document = new EventTarget();
  const window = { document } as unknown as Window & typeof globalThis;
  return {
    adapter,
    api,
    calls,
    failures,
    window,
    /** The widget's script has loaded. */
    load() {
      Object.assign(window, { testWidget: api });
    },
    /** Holds the next widget call until `release()`. */
    hold() {
      let release: () => void = () => undefined;
      held = new Promise((resolve) => {
        release = resolve;
      });
      return () => {
        held = undefined;
        release();
      };
    },
  };
}

function setup(
  overrides: Partial<ChatSSOOptions> = {},
  widgetOptions: Parameters<typeof testWidget>[0] = {},
) {
  const widget = testWidget(widgetOptions);
  const tokens = site();
  const env: Partial<ChatSSOEnv> = { window: () => widget.window };
  const store = createChatSSO({
    widget: widget.adapter,
    token: tokens.source,
    channel: false,
    retry: { attempts: 4, baseDelay: 1000, maxDelay: 4000 },
    ...overrides,
    env: { ...env, ...overrides.env },
  });
  return { store, widget, tokens };
}

/** Fake timers and a fake clock, from 2026-01-01, for each test of the calling `describe`. */
function useFakeClock() {
  beforeEach(() => {
    vi.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') });
  });
  afterEach(() => {
    vi.useRealTimers();
  });
}

describe('createChatSSO', () => {
  useFakeClock();

  it('touches no window, document, timer or channel at construction', () => {
    const touched: string[] = [];
    const env: ChatSSOEnv = {
      now: () => touched.push('now') && 0,
      setTimeout: () => touched.push('setTimeout'),
      clearTimeout: () => touched.push('clearTimeout'),
      random: () => touched.push('random') && 0,
      window: () => {
        touched.push('window');
        return undefined;
      },
      BroadcastChannel: class {
        constructor() {
          touched.push('new BroadcastChannel');
        }
      } as unknown as typeof BroadcastChannel,
    };
    const store = createChatSSO({ widget: testWidget().adapter, token: site().source, env });
    expect(store.getSnapshot()).toBe(store.getServerSnapshot());
    expect(store.getServerSnapshot()).toEqual({
      status: 'idle',
      user: null,
      error: null,
      expiresAt: null,
    });
    store.destroy();
    expect(touched.filter((name) => name !== 'clearTimeout')).toEqual([]);
  });

  it('fetches the token while the widget is still loading, then logs in', async () => {
    const { store, widget, tokens } = setup();
    const login = store.login();
    await vi.advanceTimersByTimeAsync(0);
    expect(tokens.fetches).toBe(1);
    expect(store.getSnapshot().status).toBe('signing_in');
    await vi.advanceTimersByTimeAsync(2000);
    expect(widget.calls).toEqual([]);
    widget.load();
    await vi.advanceTimersByTimeAsync(100);
    await login;
    expect(widget.calls).toEqual(['login ada']);
    expect(store.getSnapshot()).toMatchObject({
      status: 'signed_in',
      user: { id: 'ada', name: 'Name of ada' },
      error: null,
      expiresAt: nowSeconds() - 2 + 300,
    });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('logs in at once with a widget that is already there, leaving no timer', async () => {
    const { store, widget } = setup();
    widget.load();
    await store.login();
    expect(widget.calls).toEqual(['login ada']);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('looks for a widget that announces nothing every 25 ms: the login leaves at the first look after its API appears', async () => {
    const { store, widget } = setup();
    store.login();
    await vi.advanceTimersByTimeAsync(1000);
    widget.load();
    await vi.advanceTimersByTimeAsync(24);
    expect(widget.calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(widget.calls).toEqual(['login ada']);
  });

  it('sees the widget at once when it announces itself with its ready event', async () => {
    const { store, widget } = setup();
    store.login();
    await vi.advanceTimersByTimeAsync(0);
    widget.load();
    widget.window.document.dispatchEvent(new Event('test-widget-ready'));
    await vi.advanceTimersByTimeAsync(0);
    expect(widget.calls).toEqual(['login ada']);
  });

  it('reports widget_unavailable when the widget has not loaded within readyTimeout', async () => {
    const { store, widget } = setup({ readyTimeout: 3000 });
    const errors: ChatSSOError[] = [];
    store.on('error', (error) => errors.push(error));
    const login = store.login();
    await vi.advanceTimersByTimeAsync(2999);
    expect(store.getSnapshot().status).toBe('signing_in');
    await vi.advanceTimersByTimeAsync(1);
    await login;
    expect(store.getSnapshot()).toMatchObject({ status: 'error' });
    expect(errors).toEqual([store.getSnapshot().error]);
    expect(errors[0]).toMatchObject({
      code: 'widget_unavailable',
      message: 'Test widget did not load in 3000 ms',
    });
    expect(vi.getTimerCount()).toBe(0);
    expect(widget.calls).toEqual([]);
  });

  it('logs the widget in once under StrictMode: subscribe, unsubscribe, subscribe and login() twice', async () => {
    const { store, widget, tokens } = setup();
    widget.load();
    const first = vi.fn();
    store.subscribe(first)();
    const second = vi.fn();
    store.subscribe(second);
    await Promise.all([store.login(), store.login()]);
    expect(widget.calls).toEqual(['login ada']);
    expect(tokens.fetches).toBe(1);
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalled();
  });

  it('notifies subscribers per change and keeps the snapshot object until the next one', async () => {
    const { store, widget } = setup();
    widget.load();
    const seen: unknown[] = [];
    const statuses: string[] = [];
    store.subscribe(() => seen.push(store.getSnapshot()));
    store.on('status', (snapshot) => statuses.push(snapshot.status));
    await store.login();
    expect(store.getSnapshot()).toBe(store.getSnapshot());
    expect(Object.isFrozen(store.getSnapshot())).toBe(true);
    expect(seen).toEqual([
      expect.objectContaining({ status: 'signing_in' }),
      expect.objectContaining({ status: 'signed_in' }),
    ]);
    expect(seen.at(-1)).toBe(store.getSnapshot());
    await store.logout();
    expect(statuses).toEqual(['signing_in', 'signed_in', 'signing_out', 'signed_out']);
  });

  it('works with its methods detached from the store, as the framework adapters pass them', async () => {
    const { store, widget } = setup();
    widget.load();
    const { subscribe, getSnapshot, getServerSnapshot, login, logout } = store;
    const seen: string[] = [];
    subscribe(() => seen.push(getSnapshot().status));
    await login();
    expect(getSnapshot().user?.id).toBe('ada');
    await logout();
    expect(seen).toEqual(['signing_in', 'signed_in', 'signing_out', 'signed_out']);
    expect(getServerSnapshot().status).toBe('idle');
  });

  it('retries a transient vendor error with backoff and signs in', async () => {
    const { store, widget } = setup({ env: { random: () => 0 } }, { transient: /being created/ });
    widget.load();
    widget.failures.push(new Error('user is still being created'), new Error('HTTP 503'));
    const login = store.login();
    await vi.advanceTimersByTimeAsync(0);
    expect(widget.calls).toEqual(['login ada']);
    expect(store.getSnapshot().status).toBe('signing_in');
    // random 0: half of 1 s, then half of 2 s.
    await vi.advanceTimersByTimeAsync(499);
    expect(widget.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(widget.calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1000);
    await login;
    expect(widget.calls).toEqual(['login ada', 'login ada', 'login ada']);
    expect(store.getSnapshot().status).toBe('signed_in');
  });

  it('surfaces a permanent vendor error with its message, without retrying', async () => {
    const { store, widget } = setup();
    widget.load();
    widget.failures.push(new Error('exp is 4 h after iat; Tiledesk allows at most 10 min'));
    await store.login();
    expect(store.getSnapshot().error).toMatchObject({
      name: 'ChatSSOError',
      code: 'vendor_rejected',
      transient: false,
      message: 'exp is 4 h after iat; Tiledesk allows at most 10 min',
    });
    expect(widget.calls).toHaveLength(1);
  });

  it('types a token source that throws something other than a ChatSSOError', async () => {
    const { store, widget, tokens } = setup();
    widget.load();
    tokens.failures.push(new TypeError('boom'));
    await store.login();
    expect(store.getSnapshot().error).toMatchObject({
      code: 'token_unavailable',
      message: 'boom',
      transient: false,
    });
  });

  it('retries a transient token failure', async () => {
    const { store, widget, tokens } = setup();
    widget.load();
    tokens.failures.push(new ChatSSOError('network', 'offline', { transient: true }));
    const login = store.login();
    await vi.advanceTimersByTimeAsync(1000);
    await login;
    expect(tokens.fetches).toBe(2);
    expect(store.getSnapshot().status).toBe('signed_in');
  });

  it('lets logout win over a login in flight: the widget ends logged out', async () => {
    const { store, widget } = setup();
    widget.load();
    const release = widget.hold();
    const login = store.login();
    await vi.advanceTimersByTimeAsync(0);
    expect(widget.calls).toEqual(['login ada']);
    const logout = store.logout();
    release();
    await Promise.all([login, logout]);
    expect(widget.calls).toEqual(['login ada', 'logout']);
    expect(store.getSnapshot()).toMatchObject({ status: 'signed_out', user: null });
  });

  it('switches users as a logout then a login, one after the other', async () => {
    const { store, widget, tokens } = setup();
    widget.load();
    await store.login();
    tokens.user = 'grace';
    const release = widget.hold();
    const switching = store.login();
    await vi.advanceTimersByTimeAsync(0);
    expect(widget.calls).toEqual(['login ada', 'logout']);
    // The previous user shows until the widget has logged them out, then nobody.
    expect(store.getSnapshot()).toMatchObject({ status: 'signing_in', user: { id: 'ada' } });
    release();
    const releaseLogin = widget.hold();
    await vi.advanceTimersByTimeAsync(0);
    expect(widget.calls).toEqual(['login ada', 'logout', 'login grace']);
    expect(store.getSnapshot()).toMatchObject({ status: 'signing_in', user: null });
    releaseLogin();
    await switching;
    expect(store.getSnapshot()).toMatchObject({ status: 'signed_in', user: { id: 'grace' } });
  });

  it('leaves the widget alone when a new token names the same user', async () => {
    const { store, widget, tokens } = setup();
    widget.load();
    await store.login();
    const signedIn = store.getSnapshot();
    await store.login();
    expect(tokens.fetches).toBe(2);
    expect(widget.calls).toEqual(['login ada']);
    expect(store.getSnapshot()).toBe(signedIn);
  });

  it('runs calls made before the widget is ready in order, once it is', async () => {
    const { store, widget, tokens } = setup();
    const done = [store.login(), store.logout()];
    tokens.user = 'grace';
    done.push(store.login());
    await vi.advanceTimersByTimeAsync(500);
    expect(widget.calls).toEqual([]);
    widget.load();
    await vi.advanceTimersByTimeAsync(100);
    await Promise.all(done);
    expect(widget.calls).toEqual(['logout', 'login grace']);
    expect(store.getSnapshot().user).toMatchObject({ id: 'grace' });
  });

  it('gives a pull widget a valid token whenever it asks, fetching a new one once stale', async () => {
    const { store, widget, tokens } = setup();
    widget.load();
    await store.login();
    const pull = widget.api.pull!;
    const first = await pull();
    expect(tokens.fetches).toBe(1);
    await vi.advanceTimersByTimeAsync(280_000);
    const second = await pull();
    expect(tokens.fetches).toBe(2);
    expect(second).not.toBe(first);
    // Signed in with each token it is handed: the snapshot shows the new expiry.
    expect(store.getSnapshot()).toMatchObject({
      status: 'signed_in',
      expiresAt: nowSeconds() + 300,
    });
    await store.logout();
    await expect(pull()).rejects.toMatchObject({ code: 'logged_out' });
  });

  it('renews a widget that keeps using its token refreshBefore ahead of expiry', async () => {
    const { store, widget, tokens } = setup({ refreshBefore: 60 }, { renew: true });
    widget.load();
    await store.login();
    const firstExpiry = store.getSnapshot().expiresAt!;
    await vi.advanceTimersByTimeAsync(239_999);
    expect(widget.calls).toEqual(['login ada']);
    await vi.advanceTimersByTimeAsync(1);
    expect(widget.calls).toEqual(['login ada', 'login ada']);
    expect(tokens.fetches).toBe(2);
    expect(store.getSnapshot()).toMatchObject({
      status: 'signed_in',
      expiresAt: firstExpiry + 240,
    });
    expect(vi.getTimerCount()).toBe(1);
  });

  it('emits loginrequest when the widget asks the site to sign in', async () => {
    const { store, widget } = setup();
    const requests = vi.fn();
    store.on('loginrequest', requests);
    widget.window.document.dispatchEvent(new Event('test-widget-login-start'));
    expect(requests).toHaveBeenCalledTimes(1);
    store.destroy();
    widget.window.document.dispatchEvent(new Event('test-widget-login-start'));
    expect(requests).toHaveBeenCalledTimes(1);
  });

  it('destroy() stops timers and listeners and settles pending calls', async () => {
    const { store, widget } = setup({ readyTimeout: 60_000 });
    const listener = vi.fn();
    store.subscribe(listener);
    const login = store.login();
    await vi.advanceTimersByTimeAsync(100);
    listener.mockClear();
    expect(vi.getTimerCount()).toBeGreaterThan(0);
    store.destroy();
    await login;
    expect(vi.getTimerCount()).toBe(0);
    await store.login();
    // No longer looking: the widget loading and announcing itself changes nothing.
    widget.load();
    widget.window.document.dispatchEvent(new Event('test-widget-ready'));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(widget.calls).toEqual([]);
    expect(listener).not.toHaveBeenCalled();
  });
});

describe('createChatSSO: tokens', () => {
  useFakeClock();

  it('logs in as soon as the token arrives when the widget was there first', async () => {
    const { store, widget, tokens } = setup();
    widget.load();
    const release = tokens.hold();
    store.login();
    await vi.advanceTimersByTimeAsync(1000);
    expect(widget.calls).toEqual([]);
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(widget.calls).toEqual(['login ada']);
  });

  it('takes the user the widget reports over the token claims (OpenWeb resolves with user data)', async () => {
    const { store, widget } = setup({}, { user: { id: 'sp_1', name: 'Ada L.' } });
    widget.load();
    await store.login();
    expect(store.getSnapshot().user).toEqual({ id: 'sp_1', name: 'Ada L.' });
  });

  it('uses a token as delivered, even with less than refreshBefore left', async () => {
    const { store, widget, tokens } = setup();
    tokens.lifetime = 10;
    widget.load();
    await store.login();
    expect(tokens.fetches).toBe(1);
    expect(widget.calls).toEqual(['login ada']);
    expect(store.getSnapshot().status).toBe('signed_in');
  });

  it('fetches again a token that would expire before use (the widget loaded late)', async () => {
    const { store, widget, tokens } = setup({ readyTimeout: 600_000 });
    const login = store.login();
    await vi.advanceTimersByTimeAsync(290_000);
    widget.load();
    await vi.advanceTimersByTimeAsync(100);
    await login;
    expect(tokens.fetches).toBe(2);
    expect(store.getSnapshot()).toMatchObject({
      status: 'signed_in',
      expiresAt: nowSeconds() + 300,
    });
  });

  it('uses a cached token that still has refreshBefore seconds left', async () => {
    const { store, widget, tokens } = setup({ readyTimeout: 600_000 });
    const login = store.login();
    await vi.advanceTimersByTimeAsync(200_000);
    widget.load();
    await vi.advanceTimersByTimeAsync(100);
    await login;
    expect(tokens.fetches).toBe(1);
    expect(widget.calls).toEqual(['login ada']);
  });

  it('takes a token without expiry as valid however long it waited', async () => {
    let fetches = 0;
    const { store, widget } = setup({
      readyTimeout: 7_200_000,
      token: async () => {
        fetches += 1;
        return { token: jwt({ external_id: 'ada' }) };
      },
    });
    const login = store.login();
    await vi.advanceTimersByTimeAsync(3_600_000);
    widget.load();
    await vi.advanceTimersByTimeAsync(100);
    await login;
    expect(fetches).toBe(1);
    expect(store.getSnapshot()).toMatchObject({ status: 'signed_in', expiresAt: null });
  });

  it('logs a pull widget asking after the site user changed out, then in as the new user', async () => {
    const { store, widget, tokens } = setup();
    widget.load();
    await store.login();
    const pull = widget.api.pull!;
    tokens.user = 'grace';
    await vi.advanceTimersByTimeAsync(280_000);
    const answer = pull();
    await vi.advanceTimersByTimeAsync(0);
    expect(widget.calls).toEqual(['login ada', 'logout', 'login grace']);
    // The widget's own request is answered once it is logged out: with the new user's token.
    const token = await answer;
    expect(JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString())).toMatchObject({
      external_id: 'grace',
    });
    expect(store.getSnapshot()).toMatchObject({ status: 'signed_in', user: { id: 'grace' } });
  });

  it('refuses a pull widget waiting for a token that cannot be had, with the reason', async () => {
    const { store, widget, tokens } = setup();
    widget.load();
    await store.login();
    await vi.advanceTimersByTimeAsync(280_000);
    const gone = new ChatSSOError('session_expired', 'the token endpoint answered 401');
    tokens.failures.push(gone);
    await expect(widget.api.pull!()).rejects.toBe(gone);
    expect(store.getSnapshot()).toMatchObject({ status: 'error', error: gone });
  });
});

describe('createChatSSO: retries', () => {
  useFakeClock();

  it('retries transient failures with capped exponential backoff and jitter, then gives up', async () => {
    const { store, widget } = setup({ env: { random: () => 0.5 } });
    widget.load();
    const outage = new Error('HTTP 503');
    widget.failures.push(outage, outage, outage, outage);
    const login = store.login();
    await vi.advanceTimersByTimeAsync(0);
    // random 0.5: three quarters of 1 s, 2 s, then of 4 s, the cap.
    for (const [index, delay] of [750, 1500, 3000].entries()) {
      await vi.advanceTimersByTimeAsync(delay - 1);
      expect(widget.calls).toHaveLength(index + 1);
      expect(store.getSnapshot()).toMatchObject({ status: 'signing_in', error: null });
      await vi.advanceTimersByTimeAsync(1);
      expect(widget.calls).toHaveLength(index + 2);
    }
    await login;
    expect(store.getSnapshot()).toMatchObject({
      status: 'error',
      error: { code: 'vendor_unavailable', transient: true, message: 'HTTP 503' },
    });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('reuses the still-valid cached token on retry and fetches a stale one again', async () => {
    // random 0.5: the retries come 150 s, then 300 s after each failure.
    const { store, widget, tokens } = setup({
      retry: { attempts: 5, baseDelay: 200_000, maxDelay: 600_000 },
      env: { random: () => 0.5 },
    });
    widget.load();
    const creating = new Error('user is still being created, try again');
    widget.failures.push(creating, creating);
    const login = store.login();
    await vi.advanceTimersByTimeAsync(150_000);
    expect(widget.calls).toHaveLength(2);
    expect(tokens.fetches).toBe(1);
    await vi.advanceTimersByTimeAsync(300_000);
    await login;
    expect(widget.calls).toHaveLength(3);
    expect(tokens.fetches).toBe(2);
    expect(store.getSnapshot().status).toBe('signed_in');
  });

  it('surfaces a permanent failure with nobody signed in and no timer left', async () => {
    const { store, widget } = setup();
    widget.load();
    const rejected = new Error('exp is 4 h after iat; Tiledesk allows at most 10 min');
    widget.failures.push(rejected);
    await store.login();
    expect(store.getSnapshot()).toMatchObject({
      status: 'error',
      user: null,
      expiresAt: null,
      error: { code: 'vendor_rejected', cause: rejected },
    });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('waits for the widget again on the login() after it failed to load', async () => {
    const { store, widget } = setup({ readyTimeout: 3000 });
    await Promise.all([store.login(), vi.advanceTimersByTimeAsync(3000)]);
    expect(store.getSnapshot().error).toMatchObject({ code: 'widget_unavailable' });
    // Not retried: the page shows the error until it asks again.
    await vi.advanceTimersByTimeAsync(60_000);
    expect(store.getSnapshot().status).toBe('error');
    const login = store.login();
    expect(store.getSnapshot().status).toBe('signing_in');
    widget.load();
    await vi.advanceTimersByTimeAsync(100);
    await login;
    expect(store.getSnapshot().status).toBe('signed_in');
  });
});

describe('createChatSSO: logout', () => {
  useFakeClock();

  it('shows the user while signing out, and nobody once the widget is anonymous', async () => {
    const { store, widget } = setup();
    widget.load();
    await store.login();
    const logout = store.logout();
    expect(store.getSnapshot()).toMatchObject({ status: 'signing_out', user: { id: 'ada' } });
    await logout;
    expect(store.getSnapshot()).toEqual({
      status: 'signed_out',
      user: null,
      error: null,
      expiresAt: null,
    });
  });

  it('wins over a login call in flight when the widget was known to be logged out before', async () => {
    const { store, widget } = setup();
    widget.load();
    await store.login();
    await store.logout();
    const release = widget.hold();
    const login = store.login();
    await vi.advanceTimersByTimeAsync(0);
    const logout = store.logout();
    expect(store.getSnapshot().status).toBe('signing_out');
    release();
    await Promise.all([login, logout]);
    expect(widget.calls).toEqual(['login ada', 'logout', 'login ada', 'logout']);
    expect(store.getSnapshot().status).toBe('signed_out');
  });

  it('wins over a login call in flight that then fails: no error, still logged out', async () => {
    const { store, widget } = setup();
    widget.load();
    widget.failures.push(new Error('exp is 4 h after iat; Tiledesk allows at most 10 min'));
    const release = widget.hold();
    const login = store.login();
    await vi.advanceTimersByTimeAsync(0);
    const logout = store.logout();
    release();
    await Promise.all([login, logout]);
    expect(widget.calls).toEqual(['login ada', 'logout']);
    expect(store.getSnapshot()).toMatchObject({ status: 'signed_out', error: null });
  });

  it('wins over a token fetch in flight: its answer is dropped and the widget never logs in', async () => {
    const { store, widget, tokens } = setup();
    widget.load();
    const release = tokens.hold();
    const login = store.login();
    await vi.advanceTimersByTimeAsync(0);
    const logout = store.logout();
    release();
    await Promise.all([login, logout]);
    await vi.advanceTimersByTimeAsync(0);
    expect(widget.calls).toEqual(['logout']);
    expect(store.getSnapshot().status).toBe('signed_out');
  });

  it.each([
    ['token', undefined],
    ['failure', new ChatSSOError('token_unavailable', 'the token endpoint answered 500')],
  ])(
    'drops the late %s of a fetch a logout overtook, when a login follows (the user may differ)',
    async (_, failure) => {
      const { store, widget, tokens } = setup();
      // Ada's fetch answers late.
      const release = tokens.hold();
      tokens.failures.push(failure);
      store.login();
      store.logout();
      tokens.user = 'grace';
      const login = store.login();
      widget.load();
      await vi.advanceTimersByTimeAsync(100);
      release();
      await login;
      expect(widget.calls).toEqual(['logout', 'login grace']);
      expect(store.getSnapshot()).toMatchObject({
        status: 'signed_in',
        user: { id: 'grace' },
        error: null,
      });
    },
  );

  it("on a fresh page clears whatever session the widget kept, once it is ready; then there's nothing to log out", async () => {
    const { store, widget } = setup();
    const logout = store.logout();
    expect(store.getSnapshot().status).toBe('signing_out');
    widget.load();
    await vi.advanceTimersByTimeAsync(100);
    await logout;
    expect(widget.calls).toEqual(['logout']);
    expect(store.getSnapshot().status).toBe('signed_out');
    const signedOut = store.getSnapshot();
    await store.logout();
    expect(widget.calls).toEqual(['logout']);
    expect(store.getSnapshot()).toBe(signedOut);
  });

  it('retries a transient logout failure and reports a permanent one', async () => {
    const { store, widget } = setup({ env: { random: () => 0 } });
    widget.load();
    await store.login();
    widget.failures.push(new Error('HTTP 503'), new Error('logout refused'));
    const logout = store.logout();
    await vi.advanceTimersByTimeAsync(0);
    expect(store.getSnapshot().status).toBe('signing_out');
    await vi.advanceTimersByTimeAsync(500);
    await logout;
    expect(widget.calls).toEqual(['login ada', 'logout', 'logout']);
    expect(store.getSnapshot()).toMatchObject({
      status: 'error',
      error: { code: 'vendor_rejected', message: 'logout refused' },
    });
  });

  it('drops a login that a logout overtook before the widget was ready: the widget only sees the logout', async () => {
    const { store, widget } = setup();
    const done = [store.login(), store.logout()];
    widget.load();
    await vi.advanceTimersByTimeAsync(100);
    await Promise.all(done);
    expect(widget.calls).toEqual(['logout']);
    expect(store.getSnapshot().status).toBe('signed_out');
  });
});

describe('createChatSSO: renewal', () => {
  useFakeClock();

  it('while the renewal login is in flight, waits for the new token, not the old one that is due', async () => {
    const { store, widget, tokens } = setup({ refreshBefore: 60 }, { renew: true });
    widget.load();
    await store.login();
    const release = widget.hold();
    await vi.advanceTimersByTimeAsync(240_000);
    expect(tokens.fetches).toBe(2);
    await vi.advanceTimersByTimeAsync(5000);
    expect(tokens.fetches).toBe(2);
    release();
    await vi.advanceTimersByTimeAsync(0);
    const renewedExpiry = store.getSnapshot().expiresAt!;
    expect(renewedExpiry).toBe(nowSeconds() - 5 + 300);
    await vi.advanceTimersByTimeAsync((renewedExpiry - 60) * 1000 - Date.now());
    expect(tokens.fetches).toBe(3);
  });
});

describe('createChatSSO with a widget that does not answer', () => {
  useFakeClock();

  it('counts a call unanswered for 10 s as a transient vendor_timeout, retried with backoff, then surfaced; the widget gets one call at a time', async () => {
    const { store, widget } = setup({ env: { random: () => 0 } });
    widget.load();
    widget.hold();
    const login = store.login();
    await vi.advanceTimersByTimeAsync(9999);
    expect(widget.calls).toEqual(['login ada']);
    expect(store.getSnapshot()).toMatchObject({ status: 'signing_in', error: null });
    // Each try is given 10 s; random 0: the retries wait 0.5, 1 and 2 s.
    await vi.advanceTimersByTimeAsync(1 + 500 + 10_000 + 1000 + 10_000 + 2000 + 9999);
    expect(store.getSnapshot()).toMatchObject({ status: 'signing_in', error: null });
    await vi.advanceTimersByTimeAsync(1);
    await login;
    expect(store.getSnapshot()).toMatchObject({ status: 'error', user: null });
    expect(store.getSnapshot().error).toMatchObject({
      name: 'ChatSSOError',
      code: 'vendor_timeout',
      transient: true,
      message: 'Test widget did not answer in 10000 ms',
    });
    // The retries waited behind the call the widget still holds.
    expect(widget.calls).toEqual(['login ada']);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('takes a login that lands after the store gave up: the widget is signed in, so the snapshot says so; the tries queued behind it never reached the widget', async () => {
    const { store, widget } = setup({ callTimeout: 5000, env: { random: () => 0 } });
    widget.load();
    const release = widget.hold();
    await Promise.all([store.login(), vi.advanceTimersByTimeAsync(60_000)]);
    expect(store.getSnapshot()).toMatchObject({
      status: 'error',
      error: { code: 'vendor_timeout' },
    });
    const statuses: string[] = [];
    store.on('status', ({ status }) => statuses.push(status));
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(widget.calls).toEqual(['login ada']);
    expect(statuses).toEqual(['signed_in']);
    expect(store.getSnapshot()).toMatchObject({
      status: 'signed_in',
      user: { id: 'ada' },
      error: null,
      // The token the widget got, when the store first tried: a minute ago.
      expiresAt: nowSeconds() - 60 + 300,
    });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('takes a login that lands while the retry waits out its backoff: signed in at once, and the retry is dropped', async () => {
    const { store, widget } = setup({ callTimeout: 5000, env: { random: () => 0 } });
    widget.load();
    const release = widget.hold();
    const login = store.login();
    await vi.advanceTimersByTimeAsync(5000);
    expect(store.getSnapshot()).toMatchObject({ status: 'signing_in', error: null });
    release();
    await login;
    expect(store.getSnapshot()).toMatchObject({ status: 'signed_in', user: { id: 'ada' } });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(widget.calls).toEqual(['login ada']);
  });

  it('ignores a late failure of an abandoned login: the store stays where it gave up', async () => {
    const { store, widget } = setup({ callTimeout: 5000, env: { random: () => 0 } });
    widget.load();
    const release = widget.hold();
    await Promise.all([store.login(), vi.advanceTimersByTimeAsync(60_000)]);
    const failed = store.getSnapshot();
    const listener = vi.fn();
    store.subscribe(listener);
    widget.failures.push(new Error('network error'));
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(store.getSnapshot()).toBe(failed);
    expect(listener).not.toHaveBeenCalled();
  });

  it('does not take a late answer for the retry in flight: a retry that fails ends in its error, never signed in', async () => {
    const { store, widget } = setup({ callTimeout: 5000, env: { random: () => 0 } });
    widget.load();
    const statuses: string[] = [];
    store.on('status', ({ status }) => statuses.push(status));
    const release = widget.hold();
    const login = store.login();
    await vi.advanceTimersByTimeAsync(5000 + 500);
    // The first try answers late and succeeds; the retry behind it is rejected.
    widget.failures.push(
      undefined,
      new Error('exp is 4 h after iat; Tiledesk allows at most 10 min'),
    );
    release();
    await login;
    expect(widget.calls).toEqual(['login ada', 'login ada']);
    expect(statuses).toEqual(['signing_in', 'error']);
    expect(store.getSnapshot().error).toMatchObject({ code: 'vendor_rejected' });
  });

  it('lets logout win over a hung login: once the widget finishes it, the logout follows and the store ends signed_out', async () => {
    const { store, widget } = setup({ callTimeout: 5000 });
    widget.load();
    const release = widget.hold();
    const login = store.login();
    await vi.advanceTimersByTimeAsync(0);
    const logout = store.logout();
    expect(store.getSnapshot().status).toBe('signing_out');
    await vi.advanceTimersByTimeAsync(5000);
    expect(widget.calls).toEqual(['login ada']);
    expect(store.getSnapshot().status).toBe('signing_out');
    release();
    await Promise.all([login, logout]);
    expect(widget.calls).toEqual(['login ada', 'logout']);
    expect(store.getSnapshot()).toMatchObject({ status: 'signed_out', user: null, error: null });
  });

  it('logs the widget out after a login that timed out, though it was known to be anonymous: the abandoned login may have landed', async () => {
    const { store, widget } = setup({
      callTimeout: 5000,
      retry: { attempts: 1, baseDelay: 1000, maxDelay: 1000 },
    });
    widget.load();
    await store.login();
    await store.logout();
    const release = widget.hold();
    await Promise.all([store.login(), vi.advanceTimersByTimeAsync(5000)]);
    expect(store.getSnapshot().error).toMatchObject({ code: 'vendor_timeout' });
    release();
    await store.logout();
    expect(widget.calls).toEqual(['login ada', 'logout', 'login ada', 'logout']);
    expect(store.getSnapshot()).toMatchObject({ status: 'signed_out', error: null });
  });

  it('switches to the new user when the site switches during a hung login: the abandoned login, then logout, then the new login', async () => {
    const { store, widget, tokens } = setup({ callTimeout: 5000, env: { random: () => 0 } });
    widget.load();
    const release = widget.hold();
    store.login();
    await vi.advanceTimersByTimeAsync(0);
    store.logout();
    tokens.user = 'grace';
    const switched = store.login();
    await vi.advanceTimersByTimeAsync(5000 + 500);
    expect(widget.calls).toEqual(['login ada']);
    release();
    await switched;
    expect(widget.calls).toEqual(['login ada', 'logout', 'login grace']);
    expect(store.getSnapshot()).toMatchObject({ status: 'signed_in', user: { id: 'grace' } });
  });
});

describe('createChatSSO across tabs', () => {
  it('signs the widget out in the other tabs sharing the channel', async () => {
    const channel = `chat-sso-test-${Math.random()}`;
    // Node's own BroadcastChannel, as a browser's: it reaches every other instance of the name.
    const tab = () => setup({ channel, env: { BroadcastChannel } });
    const tabs = [tab(), tab(), tab()];
    for (const { widget } of tabs) widget.load();
    await Promise.all(tabs.map(({ store }) => store.login()));
    const [first, ...others] = tabs as [ReturnType<typeof tab>, ...ReturnType<typeof tab>[]];
    const signedOut = others.map(
      ({ store }) =>
        new Promise<void>((resolve) =>
          store.on('status', ({ status }) => status === 'signed_out' && resolve()),
        ),
    );
    await first.store.logout();
    await Promise.all(signedOut);
    for (const { widget } of tabs) expect(widget.calls).toEqual(['login ada', 'logout']);
    for (const { store } of tabs) store.destroy();
  });

  it('opens the channel once work starts and closes it on destroy()', () => {
    const opened: string[] = [];
    let closed = 0;
    class RecordingChannel extends BroadcastChannel {
      constructor(name: string) {
        super(name);
        opened.push(name);
      }
      override close() {
        closed += 1;
        super.close();
      }
    }
    const { store } = setup({ channel: 'tabs', env: { BroadcastChannel: RecordingChannel } });
    expect(opened).toEqual([]);
    store.subscribe(() => undefined);
    store.subscribe(() => undefined);
    expect(opened).toEqual(['tabs']);
    store.destroy();
    expect(closed).toBe(1);
  });
});
