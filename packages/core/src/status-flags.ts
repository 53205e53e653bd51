import type { ChatSSOStatus } from './types';

/** The widget chats as the snapshot's `user`: the adapters' `isAuthenticated`. */
export const isAuthenticated = (status: ChatSSOStatus): boolean => status === 'signed_in';

/** A login or logout is under way: the adapters' `isLoading`. */
export const isLoading = (status: ChatSSOStatus): boolean =>
  status === 'signing_in' || status === 'signing_out';
