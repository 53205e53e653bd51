/**
 * Every failure chat-sso reports on the client. `code` is stable and meant
 * for programs; `message` is for people; `transient` says whether trying
 * again later may succeed.
 */
export type ChatSSOErrorCode =
  | 'malformed_token'
  | 'widget_unavailable'
  | 'token_unavailable'
  | 'session_expired'
  | 'network'
  | 'vendor_rejected'
  | 'vendor_unavailable'
  | 'vendor_timeout'
  | 'logged_out'
  | 'destroyed';

export class ChatSSOError extends Error {
  override name = 'ChatSSOError';
  // Declared, not defined: the constructor sets them, so no field initialisers are emitted.
  declare readonly code: ChatSSOErrorCode;
  declare readonly transient: boolean;

  constructor(
    code: ChatSSOErrorCode,
    message: string,
    options?: { transient?: boolean; cause?: unknown },
  ) {
    // Error sets `cause` only when the options have one.
    super(message, options);
    this.code = code;
    this.transient = !!options?.transient;
  }
}

export function isChatSSOError(value: unknown): value is ChatSSOError {
  return value instanceof ChatSSOError;
}

/** Wording by which vendors and servers say "try again shortly". */
const TRANSIENT = /\b5\d\d\b|unavailable|temporar|try again|timed? ?out|network/i;

/**
 * The vendor's reason as a typed error: widgets throw `Error`s, reject with
 * strings, or hand back `{ message }` / `{ reason }` objects.
 */
export function vendorError(reason: unknown, transient?: RegExp): ChatSSOError {
  if (reason instanceof ChatSSOError) return reason;
  const details = reason as { message?: unknown; reason?: unknown } | null | undefined;
  const message = String(details?.message ?? details?.reason ?? reason);
  return TRANSIENT.test(message) || transient?.test(message)
    ? new ChatSSOError('vendor_unavailable', message, { transient: true, cause: reason })
    : new ChatSSOError('vendor_rejected', message, { cause: reason });
}
