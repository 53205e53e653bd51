import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createChatSSO } from '../create-chat-sso';
import { ChatSSOError } from '../errors';
import type { ChatSSOEnv, ChatSSOOptions, TokenSource, WidgetAdapter } from '../types';

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
/** An unsigned JWT-shaped token: the store only reads its claims as hints. */
const jwt = (claims: object) => `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url(claims)}.c2ln`;
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** The site's token endpoint: the current user's token, counted. */
function site(user = 'ada', lifetime = 300) {
  const state = { user, lifetime, fetches: 0, failures: [] as unknown[] };
  const source: TokenSource = async () => {
    state.fetches += 1;
    const failure = state.failures.shift();
    if (failure) throw failure;
    const exp = nowSeconds() + state.lifetime;
    return { token: jwt({ external_id: state.user, name: `Name of ${state.user}`, exp }) };
  };
  return Object.assign(state, { source });
}

/**
 * A widget for the store's own tests, recording every call; `hold()` keeps
 * the next call pending until released. The real vendors' widgets, through
 * the emulators, are in integration.test.ts.
 */
function testWidget(options: { pull?: boolean; renew?: boolean; transient?: RegExp } = {}) {
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
    },
  };
  const adapter: WidgetAdapter<typeof api> = {
    name: 'Test widget',
    find: (window) => (window as { testWidget?: typeof api }).testWidget,
    renew: options.renew,
    transient: options.transient,
    readyEvent: 'test-widget-ready',
    onLoginRequest: (window, request) => {
      window.document.addEventListener('test-widget-login-start', request);
      return () => window.document.removeEventListener('test-widget-login-start', request);
    },
    login: async (widget, token) => {
      await widget.login(token);
      return undefined;
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

function setup(overrides: Partial<ChatSSOOptions> = {}, widgetOptions = {}) {
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

describe('createChatSSO', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

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
    expect(seen).toEqual([
      expect.objectContaining({ status: 'signing_in' }),
      expect.objectContaining({ status: 'signed_in' }),
    ]);
    expect(seen.at(-1)).toBe(store.getSnapshot());
    await store.logout();
    expect(statuses).toEqual(['signing_in', 'signed_in', 'signing_out', 'signed_out']);
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
    release();
    await switching;
    expect(widget.calls).toEqual(['login ada', 'logout', 'login grace']);
    expect(store.getSnapshot().user).toMatchObject({ id: 'grace' });
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
    expect(store.getSnapshot().status).toBe('signed_in');
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
    const { store } = setup({ readyTimeout: 60_000 });
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
    await vi.advanceTimersByTimeAsync(60_000);
    expect(listener).not.toHaveBeenCalled();
  });
});

describe('createChatSSO with a widget that does not answer', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

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

  it('ignores the answer of an abandoned call: the state does not change, and the tries queued behind it get no token once the store gave up', async () => {
    const { store, widget } = setup({ callTimeout: 5000, env: { random: () => 0 } });
    widget.load();
    const release = widget.hold();
    await Promise.all([store.login(), vi.advanceTimersByTimeAsync(60_000)]);
    const failed = store.getSnapshot();
    expect(failed).toMatchObject({ status: 'error', error: { code: 'vendor_timeout' } });
    const listener = vi.fn();
    store.subscribe(listener);
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(widget.calls).toEqual(['login ada']);
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
