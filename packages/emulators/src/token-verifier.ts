import type { WidgetIdentity } from './wire';

/** A login the vendor accepted. */
export interface Verified {
  user: WidgetIdentity;
  /** When the session ends, in unix seconds. */
  expiresAt: number;
}

/** How one vendor checks a login; throws a `CloudFailure` when it refuses. */
export interface TokenVerifier {
  /** How the vendor opens a refusal, e.g. "SSO login failed". */
  refusal: string;
  /** Checks the login request's untrusted JSON body (`LoginRequest` when well formed). */
  verify(body: Record<string, unknown>, now: number): Promise<Verified>;
}
