'use client';
import { type ChatSSOSnapshot, isAuthenticated, isLoading } from '@chat-sso/core';
import { useContext, useMemo, useSyncExternalStore } from 'react';
import { ChatSSOContext } from './chat-sso-context';

/** What `useChatSSO()` returns: the store's snapshot, two derived flags and its actions. */
export interface UseChatSSOResult extends ChatSSOSnapshot {
  /** The widget chats as `user`. */
  readonly isAuthenticated: boolean;
  /** A login or logout is under way. */
  readonly isLoading: boolean;
  /** Logs the widget in as the site's user; stable across renders. */
  login(): Promise<void>;
  /** Logs the widget out; stable across renders. */
  logout(): Promise<void>;
}

/**
 * The widget's sign-in state, re-rendering only when the store's snapshot
 * changes. Server rendering and hydration see the `idle` server snapshot.
 */
export function useChatSSO(): UseChatSSOResult {
  const store = useContext(ChatSSOContext);
  if (!store) throw new Error('useChatSSO() must be used inside <ChatSSOProvider>');

  // The store's methods need no `this`, so they are passed as they are: stable across renders.
  const snapshot = useSyncExternalStore(
    store.subscribe,
    store.getSnapshot,
    store.getServerSnapshot,
  );
  return useMemo(
    () => ({
      ...snapshot,
      isAuthenticated: isAuthenticated(snapshot.status),
      isLoading: isLoading(snapshot.status),
      login: store.login,
      logout: store.logout,
    }),
    [snapshot, store],
  );
}
