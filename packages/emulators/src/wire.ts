/**
 * What an emulated widget and its emulated vendor cloud say to each other.
 * Both sides import these, so the browser bundle and the server agree.
 */

/** Who a vendor verified: the person the widget now chats as. */
export interface WidgetIdentity {
  /** The site's id for the user (Spartez: the email; OpenWeb: the identity provider's subject). */
  id: string;
  name: string;
  email?: string;
}

/** The identity providers OpenWeb's third-party SSO integrates with. */
export type OpenWebProvider = 'auth0' | 'gigya' | 'piano';
export const openWebProviders: readonly OpenWebProvider[] = Object.freeze([
  'auth0',
  'gigya',
  'piano',
]);

export const isOpenWebProvider = (value: unknown): value is OpenWebProvider =>
  openWebProviders.includes(value as OpenWebProvider);

/** `POST <vendorUrl>/login` body. */
export interface LoginRequest {
  token: string;
  /** OpenWeb only: which identity provider issued `token`. */
  provider?: OpenWebProvider;
}

/** `POST <vendorUrl>/login` answer on success. */
export interface LoginResponse {
  /** Opaque id of the vendor-side session; `POST <vendorUrl>/logout` ends it. */
  session: string;
  user: WidgetIdentity;
  /** When the session ends (the token's `exp`), in unix seconds. */
  expiresAt: number;
}

/** `POST <vendorUrl>/logout` body. */
export interface LogoutRequest {
  session: string;
}

export type CloudErrorCode =
  | 'invalid_request'
  | 'invalid_token'
  | 'user_not_ready'
  | 'unavailable'
  | 'payload_too_large'
  | 'not_found'
  | 'method_not_allowed'
  | 'internal';

/** One rule of the vendor's contract that a rejected token breaks. */
export interface BrokenRule {
  rule: string;
  message: string;
}

/** Every non-2xx answer of an emulated cloud. */
export interface CloudErrorResponse {
  error: CloudErrorCode;
  /** The vendor's reason, in its own words, including each broken rule. */
  message: string;
  rules?: BrokenRule[];
}

/** One entry of `GET <vendorUrl>/log`, oldest first. */
export interface CloudEvent {
  /** Increases by one per event, so tests can assert order. */
  seq: number;
  /** Unix seconds, from the cloud's clock. */
  at: number;
  type: 'login' | 'login_rejected' | 'logout';
  user?: WidgetIdentity;
  /** Why a login was rejected. */
  reason?: string;
}

/** `GET <vendorUrl>/log` answer. */
export interface CloudLog {
  events: CloudEvent[];
}

/**
 * Faults the vendor cloud can be told to show. The cloud applies the ones it
 * was created with, and the ones a widget sends in {@link FAULTS_HEADER} with
 * each call, so faults switched on in one page never leak into another.
 */
export interface CloudFaults {
  /** Every call answers HTTP 503, as in a vendor outage. */
  outage?: boolean;
  /** Every login is rejected as if the token were invalid, whatever it holds. */
  rejectTokens?: boolean;
  /**
   * A user the cloud has not seen before exists only this many seconds after
   * their first login attempt; until then logins fail with a transient
   * "user is still being created" error (Spartez's Limitation 2).
   */
  newUserDelaySeconds?: number;
  /**
   * The verifier hangs: logins get no answer for as long as the caller waits.
   * A widget gives up on the logins it is waiting for once the fault is switched off.
   */
  hang?: boolean;
}

/** Request header carrying a widget's {@link CloudFaults} as JSON. */
export const FAULTS_HEADER = 'x-chat-sso-emulator-faults';
