import type { ChatSSOSnapshot } from '@chat-sso/core';

/** What `sso-status` shows: the store's status, and why when it failed. */
export function statusText({ status, error }: Pick<ChatSSOSnapshot, 'status' | 'error'>): string {
  return error ? `${status}: ${error.message} (${error.code})` : status;
}
