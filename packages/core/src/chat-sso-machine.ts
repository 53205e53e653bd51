import type { ChatSSOError } from './errors';
import type { Token } from './read-token';
import type { ChatSSOSnapshot, RetryOptions, WidgetUser } from './types';

/**
 * The store's decisions as pure transitions: given the state and what just
 * happened, the next state and what to do. No clock, timer, DOM or promise
 * here; `create-chat-sso.ts` runs the effects and feeds back their outcome.
 */
export interface MachineState {
  /** The public view, rebuilt only when one of its fields changes. */
  readonly snapshot: ChatSSOSnapshot;
  /** What the site asked for last; `null` before its first `login()` or `logout()`. */
  readonly want: 'in' | 'out' | null;
  /** Whether the widget's API was found, is being waited for, or not yet. */
  readonly ready: 'no' | 'wait' | 'yes';
  /**
   * The token the widget is signed in with and who it says that is; `null`
   * when it is known to be anonymous, `undefined` when unknown (a page may load
   * with a previous user's session still in the widget).
   */
  readonly signed: (Token & { user: WidgetUser }) | null | undefined;
  /** The widget must be logged out before anything else (a logout, or a user switch). */
  readonly clear: boolean;
  /** The widget call in flight. */
  readonly call: 'login' | 'logout' | null;
  /** The cached token; `null` forces a fetch. */
  readonly token: Token | null;
  /** Stands for the token fetch whose answer is awaited; answers to any other are stale. */
  readonly fetching: object | null;
  /** The widget asked for a token and waits for it. */
  readonly pulls: boolean;
  /** Transient failures since the last success or request. */
  readonly failures: number;
  /** When the next try is due, in ms. */
  readonly retryAt: number | null;
  /** Why the last request failed for good. */
  readonly error: ChatSSOError | null;
}

export type MachineEvent =
  | { type: 'login' }
  | { type: 'logout' }
  | { type: 'ready' }
  | { type: 'token'; fetch: object; token: Token }
  | { type: 'pull' }
  | { type: 'done'; user?: WidgetUser | undefined }
  | { type: 'failed'; source: 'ready' | 'widget' | object; error: ChatSSOError }
  | { type: 'wake' };

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

export const initialState: MachineState = {
  snapshot: idleSnapshot,
  want: null,
  ready: 'no',
  signed: undefined,
  clear: false,
  call: null,
  token: null,
  fetching: null,
  pulls: false,
  failures: 0,
  retryAt: null,
  error: null,
};

/** Capped exponential backoff with equal jitter: between half and all of the capped delay. */
export function backoff(failures: number, retry: RetryOptions, random: number): number {
  return (Math.min(retry.maxDelay, retry.baseDelay * 2 ** (failures - 1)) * (1 + random)) / 2;
}

/** When the store next needs waking, in ms: a retry, or a renewal before the token expires. */
export function wakeAt(state: MachineState, config: MachineConfig): number | null {
  const expiresAt = state.signed?.expiresAt;
  return (
    state.retryAt ??
    (config.renew && state.snapshot.status === 'signed_in' && expiresAt && state.token
      ? (expiresAt - config.refreshBefore) * 1000
      : null)
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
  const restart = (want: 'in' | 'out') => {
    next.want = want;
    next.error = next.token = next.fetching = next.retryAt = null;
    next.failures = 0;
  };

  switch (event.type) {
    case 'login':
      // A second login() while one is under way (React StrictMode) joins it; any other
      // fetches a new token, whose identity tells whether the user switched.
      if (state.snapshot.status !== 'signing_in') restart('in');
      break;
    case 'logout':
      restart('out');
      next.clear = state.signed !== null || state.call === 'login';
      break;
    case 'ready':
      next.ready = 'yes';
      break;
    case 'token':
      if (event.fetch !== state.fetching) return [state, effects];
      next.fetching = null;
      next.token = event.token;
      break;
    case 'pull':
      next.pulls = true;
      break;
    case 'done':
      if (state.call === 'login') {
        // After a logout during the call the token is gone: who the widget holds is unknown then.
        next.signed = state.token
          ? { ...state.token, user: event.user ?? state.token.user }
          : undefined;
      } else {
        next.signed = null;
        next.clear = false;
      }
      next.call = null;
      next.failures = 0;
      break;
    case 'failed':
      if (event.source === 'ready') next.ready = 'no';
      else if (event.source === 'widget') {
        next.call = null;
        // A login that a logout overtook failed: nothing to report, the logout goes on.
        if (state.want === 'out' && state.call === 'login') break;
        if (state.call === 'logout') next.signed = undefined;
      } else if (event.source === state.fetching) next.fetching = null;
      else return [state, effects];
      if (event.error.transient && state.failures + 1 < context.retry.attempts) {
        next.failures++;
        next.retryAt = context.now + backoff(next.failures, context.retry, context.random);
      } else next.error = event.error;
      break;
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
  if (next.pulls && (want !== 'in' || next.error)) {
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
  if (want === 'in') {
    if (!next.fetching && (!token || ((next.pulls || (loginDue && !next.clear)) && !fresh))) {
      next.fetching = {};
      effects.push('fetch');
    }
    if (next.pulls && fresh) {
      next.pulls = false;
      effects.push('give');
    }
    // A user switch: the new token names someone else, so log the widget out first.
    if (token && signed && token.key !== signed.key) next.clear = true;
  }
  if (next.ready === 'no' && (want === 'in' || next.clear)) {
    next.ready = 'wait';
    effects.push('wait');
  }
  if (next.call || next.ready !== 'yes') return;
  next.call = next.clear ? 'logout' : want === 'in' && fresh && loginDue ? 'login' : null;
  if (next.call) effects.push(next.call);
}

function view(previous: ChatSSOSnapshot, next: Draft): ChatSSOSnapshot {
  const { error, want, signed, clear } = next;
  const status = error
    ? 'error'
    : !want
      ? 'idle'
      : want === 'out'
        ? clear
          ? 'signing_out'
          : 'signed_out'
        : signed && !clear
          ? 'signed_in'
          : 'signing_in';
  const user = signed?.user ?? null;
  const expiresAt = signed?.expiresAt ?? null;
  return status === previous.status &&
    user === previous.user &&
    error === previous.error &&
    expiresAt === previous.expiresAt
    ? previous
    : Object.freeze({ status, user, error, expiresAt });
}
