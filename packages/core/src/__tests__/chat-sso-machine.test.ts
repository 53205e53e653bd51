import { describe, expect, it } from 'vitest';
import {
  backoff,
  initialState,
  type MachineConfig,
  type MachineEffect,
  type MachineEvent,
  type MachineState,
  settled,
  transition,
  wakeAt,
} from '../chat-sso-machine';
import { ChatSSOError } from '../errors';
import type { Token } from '../read-token';

const START = 1_700_000_000_000;
const retry = { attempts: 3, baseDelay: 1000, maxDelay: 3000 };

/** Drives the pure machine with a hand-held clock and records what it asks for. */
function machine(config: Partial<MachineConfig> = {}, random = 0.5) {
  let state: MachineState = initialState;
  let now = START;
  const full: MachineConfig = { renew: false, refreshBefore: 30, retry, ...config };
  return {
    full,
    get state() {
      return state;
    },
    get snapshot() {
      return state.snapshot;
    },
    get now() {
      return now;
    },
    advance(ms: number) {
      now += ms;
    },
    send(event: MachineEvent): MachineEffect[] {
      const [next, effects] = transition(state, event, { ...full, now, random });
      state = next;
      return effects;
    },
    /** Answers the token fetch in flight. */
    token(value: Token): MachineEffect[] {
      return this.send({ type: 'token', fetch: state.fetching!, token: value });
    },
  };
}

function tokenFor(key: string, now: number, lifetime = 300): Token {
  return {
    token: `jwt-of-${key}-${now}`,
    key,
    user: { id: key, name: `Name of ${key}` },
    expiresAt: Math.floor(now / 1000) + lifetime,
    at: now,
  };
}

const vendorRejected = new ChatSSOError(
  'vendor_rejected',
  'exp is 4 h after iat; Tiledesk allows at most 10 min',
);
const stillCreating = new ChatSSOError('vendor_unavailable', 'user is still being created', {
  transient: true,
});

/** Logs in as `key` through the whole happy path. */
function signIn(m: ReturnType<typeof machine>, key = 'ada') {
  m.send({ type: 'login' });
  m.send({ type: 'ready' });
  m.token(tokenFor(key, m.now));
  m.send({ type: 'pull' });
  m.send({ type: 'done' });
}

describe('chat-sso machine', () => {
  it('starts idle, settled and with the idle snapshot', () => {
    const m = machine();
    expect(m.snapshot).toEqual({ status: 'idle', user: null, error: null, expiresAt: null });
    expect(settled(m.state)).toBe(true);
  });

  it('fetches the token in parallel with waiting for the widget', () => {
    const m = machine();
    expect(m.send({ type: 'login' })).toEqual(['fetch', 'wait']);
    expect(m.snapshot.status).toBe('signing_in');
    expect(settled(m.state)).toBe(false);
  });

  it('logs the widget in once both the token and the widget are there, in either order', () => {
    const tokenFirst = machine();
    tokenFirst.send({ type: 'login' });
    expect(tokenFirst.token(tokenFor('ada', tokenFirst.now))).toEqual([]);
    expect(tokenFirst.send({ type: 'ready' })).toEqual(['login']);

    const widgetFirst = machine();
    widgetFirst.send({ type: 'login' });
    expect(widgetFirst.send({ type: 'ready' })).toEqual([]);
    expect(widgetFirst.token(tokenFor('ada', widgetFirst.now))).toEqual(['login']);
  });

  it('push widgets are given the token they ask for once, and end signed in as its user', () => {
    const m = machine();
    m.send({ type: 'login' });
    m.send({ type: 'ready' });
    const token = tokenFor('ada', m.now);
    m.token(token);
    expect(m.send({ type: 'pull' })).toEqual(['give']);
    expect(m.send({ type: 'done' })).toEqual([]);
    expect(m.snapshot).toEqual({
      status: 'signed_in',
      user: { id: 'ada', name: 'Name of ada' },
      error: null,
      expiresAt: token.expiresAt,
    });
    expect(settled(m.state)).toBe(true);
  });

  it('takes the user the widget reports over the claims (OpenWeb resolves with user data)', () => {
    const m = machine();
    m.send({ type: 'login' });
    m.send({ type: 'ready' });
    m.token(tokenFor('auth0|ada', m.now));
    m.send({ type: 'done', user: { id: 'sp_1', name: 'Ada L.' } });
    expect(m.snapshot.user).toEqual({ id: 'sp_1', name: 'Ada L.' });
  });

  it('keeps the same snapshot object while nothing visible changes', () => {
    const m = machine();
    m.send({ type: 'login' });
    const signingIn = m.snapshot;
    m.send({ type: 'ready' });
    m.token(tokenFor('ada', m.now));
    expect(m.snapshot).toBe(signingIn);
    expect(Object.isFrozen(signingIn)).toBe(true);
  });

  it('a second login() while one is under way joins it (React StrictMode)', () => {
    const m = machine();
    m.send({ type: 'login' });
    const before = m.state;
    expect(m.send({ type: 'login' })).toEqual([]);
    expect(m.state.fetching).toBe(before.fetching);
    m.send({ type: 'ready' });
    expect(m.token(tokenFor('ada', m.now))).toEqual(['login']);
  });

  it('a widget that never loads ends in widget_unavailable, not retried', () => {
    const m = machine();
    m.send({ type: 'login' });
    m.token(tokenFor('ada', m.now));
    const unavailable = new ChatSSOError('widget_unavailable', 'Tiledesk did not load in 10000 ms');
    expect(m.send({ type: 'failed', source: 'ready', error: unavailable })).toEqual([]);
    expect(m.snapshot).toMatchObject({ status: 'error', error: unavailable });
    expect(m.state.retryAt).toBeNull();
    expect(settled(m.state)).toBe(true);
    // The next login waits for the widget again.
    expect(m.send({ type: 'login' })).toEqual(['fetch', 'wait']);
  });

  describe('tokens', () => {
    it('uses a token as delivered, even with less than refreshBefore left', () => {
      const m = machine();
      m.send({ type: 'login' });
      m.send({ type: 'ready' });
      expect(m.token(tokenFor('ada', m.now, 10))).toEqual(['login']);
    });

    it('re-fetches a token that would expire before use (the widget took long to load)', () => {
      const m = machine();
      m.send({ type: 'login' });
      m.token(tokenFor('ada', m.now, 300));
      m.advance(290_000);
      expect(m.send({ type: 'ready' })).toEqual(['fetch']);
      const fresh = tokenFor('ada', m.now, 300);
      expect(m.token(fresh)).toEqual(['login']);
      m.send({ type: 'pull' });
      m.send({ type: 'done' });
      expect(m.snapshot.expiresAt).toBe(fresh.expiresAt);
    });

    it('uses a cached token that still has refreshBefore left', () => {
      const m = machine();
      m.send({ type: 'login' });
      m.token(tokenFor('ada', m.now, 300));
      m.advance(200_000);
      expect(m.send({ type: 'ready' })).toEqual(['login']);
    });

    it('treats a token without expiry as valid', () => {
      const m = machine();
      m.send({ type: 'login' });
      m.token({ ...tokenFor('ada', m.now), expiresAt: null });
      m.advance(3_600_000);
      expect(m.send({ type: 'ready' })).toEqual(['login']);
    });

    it('pull widgets get the cached token while valid, and a fresh one after', () => {
      const m = machine();
      signIn(m);
      const cached = m.state.token!;
      expect(m.send({ type: 'pull' })).toEqual(['give']);
      m.advance(290_000);
      expect(m.send({ type: 'pull' })).toEqual(['fetch']);
      expect(m.state.token).toBe(cached);
      const fresh = tokenFor('ada', m.now);
      expect(m.token(fresh)).toEqual(['give']);
      expect(m.state.token).toBe(fresh);
      expect(m.snapshot.status).toBe('signed_in');
    });

    it('a pull widget signed in shows the expiry of each token it is handed', () => {
      const m = machine();
      signIn(m);
      m.advance(290_000);
      m.send({ type: 'pull' });
      const fresh = tokenFor('ada', m.now);
      expect(m.token(fresh)).toEqual(['give']);
      expect(m.snapshot).toMatchObject({
        status: 'signed_in',
        user: { id: 'ada' },
        expiresAt: fresh.expiresAt,
      });
    });

    it('a pull widget signed in as someone else is not handed the new user: logout, then login', () => {
      const m = machine();
      signIn(m, 'ada');
      m.advance(290_000);
      m.send({ type: 'pull' });
      expect(m.token(tokenFor('grace', m.now))).toEqual(['logout']);
      expect(m.snapshot).toMatchObject({ status: 'signing_in', user: { id: 'ada' } });
      // The widget's old request is answered once it is logged out; then it logs in as grace.
      expect(m.send({ type: 'done' })).toEqual(['give', 'login']);
      m.send({ type: 'pull' });
      m.send({ type: 'done' });
      expect(m.snapshot).toMatchObject({ status: 'signed_in', user: { id: 'grace' } });
    });

    it('refuses a widget asking for a token after logout', () => {
      const m = machine();
      signIn(m);
      m.send({ type: 'logout' });
      expect(m.send({ type: 'pull' })).toEqual(['refuse']);
    });

    it('refuses a waiting widget when the token cannot be had', () => {
      const m = machine();
      signIn(m);
      m.advance(290_000);
      m.send({ type: 'pull' });
      const gone = new ChatSSOError('session_expired', 'the token endpoint answered 401');
      expect(m.send({ type: 'failed', source: m.state.fetching!, error: gone })).toEqual([
        'refuse',
      ]);
      expect(m.snapshot).toMatchObject({ status: 'error', error: gone });
    });
  });

  describe('retries', () => {
    it('retries transient failures with capped exponential backoff and jitter, then gives up', () => {
      const m = machine();
      m.send({ type: 'login' });
      m.send({ type: 'ready' });
      m.token(tokenFor('new-user', m.now));
      const delays: number[] = [];
      for (let attempt = 1; attempt <= retry.attempts; attempt++) {
        m.send({ type: 'pull' });
        expect(m.send({ type: 'failed', source: 'widget', error: stillCreating })).toEqual([]);
        if (m.state.retryAt === null) break;
        expect(m.snapshot.status).toBe('signing_in');
        expect(settled(m.state)).toBe(false);
        delays.push(m.state.retryAt - m.now);
        m.advance(m.state.retryAt - m.now);
        expect(wakeAt(m.state, m.full)).toBe(m.now);
        expect(m.send({ type: 'wake' })).toEqual(['login']);
      }
      // random 0.5: three quarters of 1 s, then of 2 s; the third failure is the last try.
      expect(delays).toEqual([750, 1500]);
      expect(m.snapshot).toMatchObject({ status: 'error', error: stillCreating });
    });

    it('reuses the still-valid cached token on retry and re-fetches a stale one', () => {
      // random 0.5: the retries come 150 s, then 300 s after each failure.
      const m = machine({ retry: { attempts: 5, baseDelay: 200_000, maxDelay: 600_000 } });
      m.send({ type: 'login' });
      m.send({ type: 'ready' });
      m.token(tokenFor('ada', m.now, 300));
      m.send({ type: 'failed', source: 'widget', error: stillCreating });
      m.advance(m.state.retryAt! - m.now);
      expect(m.send({ type: 'wake' })).toEqual(['login']);
      m.send({ type: 'failed', source: 'widget', error: stillCreating });
      m.advance(m.state.retryAt! - m.now);
      expect(m.send({ type: 'wake' })).toEqual(['fetch']);
    });

    it('retries a transient token failure by fetching again', () => {
      const m = machine();
      m.send({ type: 'login' });
      m.send({ type: 'ready' });
      const network = new ChatSSOError('network', 'the token endpoint is unreachable', {
        transient: true,
      });
      m.send({ type: 'failed', source: m.state.fetching!, error: network });
      expect(m.snapshot.status).toBe('signing_in');
      m.advance(750);
      expect(m.send({ type: 'wake' })).toEqual(['fetch']);
    });

    it('surfaces a permanent failure with the vendor message, without retrying', () => {
      const m = machine();
      m.send({ type: 'login' });
      m.send({ type: 'ready' });
      m.token(tokenFor('ada', m.now));
      m.send({ type: 'failed', source: 'widget', error: vendorRejected });
      expect(m.snapshot).toEqual({
        status: 'error',
        user: null,
        error: vendorRejected,
        expiresAt: null,
      });
      expect(m.state.retryAt).toBeNull();
      expect(wakeAt(m.state, m.full)).toBeNull();
    });

    it('computes backoff between half and all of the capped exponential delay', () => {
      const options = { attempts: 10, baseDelay: 500, maxDelay: 5000 };
      expect([1, 2, 3, 4, 5, 6].map((failures) => backoff(failures, options, 0.999_999))).toEqual(
        [500, 1000, 2000, 4000, 5000, 5000].map((delay) => expect.closeTo(delay, 0)),
      );
      expect([1, 2, 3, 4, 5].map((failures) => backoff(failures, options, 0))).toEqual([
        250, 500, 1000, 2000, 2500,
      ]);
    });
  });

  describe('logout', () => {
    it('logs out a signed-in widget and ends signed_out', () => {
      const m = machine();
      signIn(m);
      expect(m.send({ type: 'logout' })).toEqual(['logout']);
      expect(m.snapshot).toMatchObject({ status: 'signing_out', user: { id: 'ada' } });
      m.send({ type: 'done' });
      expect(m.snapshot).toEqual({
        status: 'signed_out',
        user: null,
        error: null,
        expiresAt: null,
      });
    });

    it('wins over a login call in flight: the widget is logged out right after it', () => {
      const m = machine();
      m.send({ type: 'login' });
      m.send({ type: 'ready' });
      m.token(tokenFor('ada', m.now));
      m.send({ type: 'pull' });
      expect(m.send({ type: 'logout' })).toEqual([]);
      expect(m.snapshot.status).toBe('signing_out');
      expect(m.send({ type: 'done' })).toEqual(['logout']);
      expect(m.snapshot.status).toBe('signing_out');
      m.send({ type: 'done' });
      expect(m.snapshot.status).toBe('signed_out');
    });

    it('wins over a login call in flight when the widget was known to be logged out before', () => {
      const m = machine();
      signIn(m);
      m.send({ type: 'logout' });
      m.send({ type: 'done' });
      expect(m.state.signed).toBeNull();
      m.send({ type: 'login' });
      m.token(tokenFor('ada', m.now));
      expect(m.state.call).toBe('login');
      expect(m.send({ type: 'logout' })).toEqual([]);
      expect(m.snapshot.status).toBe('signing_out');
      expect(m.send({ type: 'done' })).toEqual(['logout']);
      m.send({ type: 'done' });
      expect(m.snapshot.status).toBe('signed_out');
    });

    it('wins over a login call in flight that then fails: no error, still logged out', () => {
      const m = machine();
      m.send({ type: 'login' });
      m.send({ type: 'ready' });
      m.token(tokenFor('ada', m.now));
      m.send({ type: 'logout' });
      expect(m.send({ type: 'failed', source: 'widget', error: vendorRejected })).toEqual([
        'logout',
      ]);
      m.send({ type: 'done' });
      expect(m.snapshot).toMatchObject({ status: 'signed_out', error: null });
    });

    it('wins over a token fetch in flight: its answer is dropped and the widget never logs in', () => {
      const m = machine();
      m.send({ type: 'login' });
      m.send({ type: 'ready' });
      const fetch = m.state.fetching!;
      expect(m.send({ type: 'logout' })).toEqual(['logout']);
      expect(m.send({ type: 'token', fetch, token: tokenFor('ada', m.now) })).toEqual([]);
      m.send({ type: 'done' });
      expect(m.snapshot.status).toBe('signed_out');
      expect(settled(m.state)).toBe(true);
    });

    it('drops the old answer when login follows logout during a fetch (the user may differ)', () => {
      const m = machine();
      m.send({ type: 'login' });
      const old = m.state.fetching!;
      m.send({ type: 'logout' });
      m.send({ type: 'login' });
      expect(m.state.fetching).not.toBe(old);
      // The logout still reaches the widget first.
      expect(m.send({ type: 'ready' })).toEqual(['logout']);
      expect(m.send({ type: 'token', fetch: old, token: tokenFor('ada', m.now) })).toEqual([]);
      expect(
        m.send({
          type: 'failed',
          source: old,
          error: new ChatSSOError('network', 'late failure', { transient: true }),
        }),
      ).toEqual([]);
      expect(m.state.error).toBeNull();
      expect(m.token(tokenFor('grace', m.now))).toEqual([]);
      expect(m.send({ type: 'done' })).toEqual(['login']);
      m.send({ type: 'done' });
      expect(m.snapshot.user).toMatchObject({ id: 'grace' });
    });

    it('on a fresh page clears whatever session the widget kept, once it is ready', () => {
      const m = machine();
      expect(m.send({ type: 'logout' })).toEqual(['wait']);
      expect(m.snapshot.status).toBe('signing_out');
      expect(m.send({ type: 'ready' })).toEqual(['logout']);
      m.send({ type: 'done' });
      expect(m.snapshot.status).toBe('signed_out');
      // Known anonymous now: another logout has nothing to do.
      expect(m.send({ type: 'logout' })).toEqual([]);
      expect(m.snapshot.status).toBe('signed_out');
    });

    it('retries a transient logout failure and reports a permanent one', () => {
      const m = machine();
      signIn(m);
      m.send({ type: 'logout' });
      const outage = new ChatSSOError('vendor_unavailable', 'HTTP 503', { transient: true });
      m.send({ type: 'failed', source: 'widget', error: outage });
      expect(m.snapshot.status).toBe('signing_out');
      m.advance(750);
      expect(m.send({ type: 'wake' })).toEqual(['logout']);
      m.send({ type: 'failed', source: 'widget', error: vendorRejected });
      expect(m.snapshot).toMatchObject({ status: 'error', error: vendorRejected });
    });
  });

  describe('queued before the widget is ready', () => {
    it('runs login, logout, login in order: the logout reaches the widget, then the last login', () => {
      const m = machine();
      m.send({ type: 'login' });
      m.send({ type: 'logout' });
      m.send({ type: 'login' });
      m.token(tokenFor('grace', m.now));
      expect(m.send({ type: 'ready' })).toEqual(['logout']);
      expect(m.send({ type: 'done' })).toEqual(['login']);
      m.send({ type: 'done' });
      expect(m.snapshot).toMatchObject({ status: 'signed_in', user: { id: 'grace' } });
    });

    it('drops a login that a later logout overtook: the widget only sees the logout', () => {
      const m = machine();
      m.send({ type: 'login' });
      m.send({ type: 'logout' });
      expect(m.send({ type: 'ready' })).toEqual(['logout']);
      m.send({ type: 'done' });
      expect(m.snapshot.status).toBe('signed_out');
      expect(settled(m.state)).toBe(true);
    });
  });

  describe('user switch', () => {
    it('is a logout then a login, serialized, when the new token names someone else', () => {
      const m = machine();
      signIn(m, 'ada');
      expect(m.send({ type: 'login' })).toEqual(['fetch']);
      expect(m.snapshot.status).toBe('signed_in');
      expect(m.token(tokenFor('grace', m.now))).toEqual(['logout']);
      expect(m.snapshot).toMatchObject({ status: 'signing_in', user: { id: 'ada' } });
      expect(m.send({ type: 'done' })).toEqual(['login']);
      expect(m.snapshot).toMatchObject({ status: 'signing_in', user: null });
      m.send({ type: 'done' });
      expect(m.snapshot).toMatchObject({ status: 'signed_in', user: { id: 'grace' } });
    });

    it('does not touch the widget when the new token names the same user', () => {
      const m = machine();
      signIn(m, 'ada');
      const signedIn = m.snapshot;
      m.send({ type: 'login' });
      expect(m.token(tokenFor('ada', m.now))).toEqual([]);
      expect(m.snapshot).toBe(signedIn);
      expect(settled(m.state)).toBe(true);
    });
  });

  describe('renewal', () => {
    it('wakes refreshBefore ahead of expiry and logs in again with a new token, staying signed_in', () => {
      const m = machine({ renew: true });
      signIn(m);
      const first = m.state.signed!;
      const at = wakeAt(m.state, m.full)!;
      expect(at).toBe((first.expiresAt! - 30) * 1000);
      m.advance(at - m.now);
      expect(m.send({ type: 'wake' })).toEqual(['fetch']);
      expect(wakeAt(m.state, m.full)).toBeNull();
      expect(m.snapshot.status).toBe('signed_in');
      const second = tokenFor('ada', m.now);
      expect(m.token(second)).toEqual(['login']);
      expect(m.snapshot.status).toBe('signed_in');
      m.send({ type: 'pull' });
      m.send({ type: 'done' });
      expect(m.snapshot.expiresAt).toBe(second.expiresAt);
      expect(wakeAt(m.state, m.full)).toBe((second.expiresAt! - 30) * 1000);
    });

    it('while the renewal login is in flight, wakes for the new token, not the old one that is due', () => {
      const m = machine({ renew: true });
      signIn(m);
      m.advance(wakeAt(m.state, m.full)! - m.now);
      m.send({ type: 'wake' });
      const second = tokenFor('ada', m.now);
      expect(m.token(second)).toEqual(['login']);
      expect(m.state.call).toBe('login');
      expect(wakeAt(m.state, m.full)).toBe((second.expiresAt! - 30) * 1000);
    });

    it('does not wake widgets that only use the token at login', () => {
      const m = machine({ renew: false });
      signIn(m);
      expect(wakeAt(m.state, m.full)).toBeNull();
    });
  });
});
