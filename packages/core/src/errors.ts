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
  | 'logged_out'
  | 'destroyed';

export class ChatSSOError extends Error {
  override name = 'ChatSSOError';
  readonly code: ChatSSOErrorCode;
  readonly transient: boolean;

  constructor(
    code: ChatSSOErrorCode,
    message: string,
    options?: { transient?: boolean; cause?: unknown },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.transient = options?.transient ?? false;
  }
}

export function isChatSSOError(value: unknown): value is ChatSSOError {
  return value instanceof ChatSSOError;
}
