import type { ChatSSOError } from './errors';
import type { Token } from './read-token';
import type { ChatSSOSnapshot, RetryOptions, WidgetUser } from './types';

/**
 * The store's decisions as pure transitions: given the state and what just
 * happened, the next state and what to do. No clock, timer, DOM or promise
 * here; `create-chat-sso.ts` runs the effects and feeds back their outcome.
 * Most fields start unset: falsy means "no", "none" or "not yet".
 */
export interface MachineState {
  /** The public view, rebuilt only when one of its fields changes. */
  readonly snapshot: ChatSSOSnapshot;
  /** What the site asked for last. */
  readonly want?: 'login' | 'logout';
  /** Whether the widget's API was found, or is being waited for. */
  readonly ready?: 'wait' | 'yes';
  /**
   * The token the widget is signed in with, its user being who the widget says
   * it is; `null` when the widget is known to be anonymous, `undefined` when
   * unknown (a page may load with a previous user's session still in the widget).
   */
  readonly signed?: Token | null;
  /** The widget must be logged out before anything else (a logout, or a user switch). */
  readonly clear?: boolean;
  /** The widget call in flight. */
  readonly call?: 'login' | 'logout' | null;
  /** The cached token; none forces a fetch. */
  readonly token?: Token | null;
  /** Stands for the token fetch whose answer is awaited; answers to any other are stale. */
  readonly fetching?: object | null;
  /** The widget asked for a token and waits for it. */
  readonly pulls?: boolean;
  /** Transient failures since the last success or request. */
  readonly failures?: number;
  /** When the next try is due, in ms. */
  readonly retryAt: number | null;
  /** Why the last request failed for good. */
  readonly error?: ChatSSOError | null;
}

export type MachineEvent =
  | { type: 'login' | 'logout' | 'ready' | 'pull' | 'wake' }
  | { type: 'token'; fetch: object; token: Token }
  | { type: 'done'; user?: WidgetUser | undefined }
  | { type: 'failed'; source: 'ready' | 'widget' | object; error: ChatSSOError };

/**
 * What to do next. `fetch` fetches for `state.fetching`; `give` hands the
 * waiting widget `state.token`; `refuse` tells it no (`state.error`, or logged out).
 */
export type MachineEffect = 'wait' | 'fetch' | 'login' | 'logout' | 'give' | 'refuse';

export interface MachineConfig {
  /** The widget keeps using its token: log in again with a new one before it expires. */
  renew: boolean;
  /** Seconds of validity a cached token needs to be used; renewals happen that early. */
  refreshBefore: number;
  retry: RetryOptions;
}

export interface MachineContext extends MachineConfig {
  /** ms */
  now: number;
  /** In [0, 1), for jitter. */
  random: number;
}

type Draft = { -readonly [Key in keyof MachineState]: MachineState[Key] };

export const idleSnapshot: ChatSSOSnapshot = Object.freeze({
  status: 'idle',
  user: null,
  error: null,
  expiresAt: null,
});

export const initialState: MachineState = { snapshot: idleSnapshot, retryAt: null };

/** Capped exponential backoff with equal jitter: between half and all of the capped delay. */
export function backoff(failures: number, retry: RetryOptions, random: number): number {
  return (Math.min(retry.maxDelay, retry.baseDelay * 2 ** (failures - 1)) * (1 + random)) / 2;
}

/**
 * When the store next needs waking, in ms: a retry, or for a renewing widget
 * a new token before the cached one expires. The cached one, not the signed
 * one: while a renewal logs in, the signed token is already due.
 */
export function wakeAt(state: MachineState, config: MachineConfig): number | null {
  const expiresAt = state.token?.expiresAt;
  return (
    state.retryAt ?? (config.renew && expiresAt ? (expiresAt - config.refreshBefore) * 1000 : null)
  );
}

/** Nothing is in flight: a `login()` or `logout()` call may resolve. */
export function settled(state: MachineState): boolean {
  return (
    !!state.error ||
    (!state.call && !state.fetching && state.ready !== 'wait' && state.retryAt === null)
  );
}

export function transition(
  state: MachineState,
  event: MachineEvent,
  context: MachineContext,
): [MachineState, MachineEffect[]] {
  const next: Draft = { ...state };
  const effects: MachineEffect[] = [];
  const { call, fetching } = state;

  switch (event.type) {
    case 'login':
    case 'logout':
      // A second login() while one is under way (React StrictMode) joins it; any other
      // fetches a new token, whose identity tells whether the user switched.
      if (event.type === 'logout' || state.snapshot.status !== 'signing_in') {
        next.want = event.type;
        next.error = next.token = next.fetching = next.retryAt = null;
        next.failures = 0;
      }
      if (event.type === 'logout') next.clear = state.signed !== null || call === 'login';
      break;
    case 'ready':
      next.ready = 'yes';
      break;
    case 'token':
      if (event.fetch !== fetching) return [state, effects];
      next.fetching = null;
      next.token = event.token;
      break;
    case 'pull':
      next.pulls = true;
      break;
    case 'done':
      if (call === 'logout') {
        next.signed = null;
        next.clear = false;
      } else {
        // After a logout during the call the token is gone: who the widget holds is unknown then.
        next.signed = state.token
          ? { ...state.token, user: event.user ?? state.token.user }
          : undefined;
      }
      next.call = null;
      next.failures = 0;
      break;
    case 'failed': {
      const { source, error } = event;
      if (source === 'widget') {
        next.call = null;
        // Who a widget holds after a failed logout is unknown; after a login that timed
        // out too, unless it is the same user: the abandoned call may still land.
        if (
          call === 'logout' ||
          (error.code === 'vendor_timeout' && state.signed?.key !== state.token?.key)
        ) {
          next.signed = undefined;
        }
        // A login that a logout overtook failed: nothing to report, the logout goes on.
        if (state.want === 'logout' && call === 'login') break;
      } else if (source === 'ready') next.ready = undefined;
      else if (source === fetching) next.fetching = null;
      else return [state, effects];
      next.failures = (state.failures ?? 0) + 1;
      if (error.transient && next.failures < context.retry.attempts) {
        next.retryAt = context.now + backoff(next.failures, context.retry, context.random);
      } else next.error = error;
      break;
    }
    case 'wake':
      // The timer set for wakeAt() fired: the retry is due, or else the renewal
      // (a new token, then a new login with it).
      if (state.retryAt === null) next.token = null;
      else next.retryAt = null;
      break;
  }

  advance(next, context, effects);
  next.snapshot = view(state.snapshot, next);
  return [next, effects];
}

/** Starts whatever the request still needs and nothing in flight already covers. */
function advance(next: Draft, context: MachineContext, effects: MachineEffect[]): void {
  const { token, signed, want } = next;
  if (next.pulls && (want !== 'login' || next.error)) {
    next.pulls = false;
    effects.push('refuse');
  }
  if (next.error || next.retryAt !== null || !want) return;
  // A token is used as delivered; one that waited needs `refreshBefore` seconds left.
  const fresh =
    !!token &&
    (token.at === context.now ||
      token.expiresAt === null ||
      token.expiresAt - context.now / 1000 > context.refreshBefore);
  const loginDue = !signed || (context.renew && token?.token !== signed.token);
  if (want === 'login') {
    if (!next.fetching && (!token || ((next.pulls || (loginDue && !next.clear)) && !fresh))) {
      next.fetching = {};
      effects.push('fetch');
    }
    // A user switch: the new token names someone else, so log the widget out first.
    if (token && signed && token.key !== signed.key) next.clear = true;
    if (next.pulls && fresh && !next.clear) {
      next.pulls = false;
      effects.push('give');
      // Pulled outside a login call, the token goes straight into use.
      if (!next.call && signed) next.signed = token;
    }
  }
  if (!next.ready && (want === 'login' || next.clear)) {
    next.ready = 'wait';
    effects.push('wait');
  }
  if (next.call || next.ready !== 'yes') return;
  next.call = next.clear ? 'logout' : want === 'login' && fresh && loginDue ? 'login' : null;
  if (next.call) effects.push(next.call);
}

function view(previous: ChatSSOSnapshot, next: Draft): ChatSSOSnapshot {
  const { want, signed, clear } = next;
  const error = next.error ?? null;
  const snapshot: ChatSSOSnapshot = {
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
  return (Object.keys(snapshot) as (keyof ChatSSOSnapshot)[]).some(
    (key) => snapshot[key] !== previous[key],
  )
    ? Object.freeze(snapshot)
    : previous;
}
