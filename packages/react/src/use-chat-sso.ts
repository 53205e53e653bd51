'use client';
import { type ChatSSOSnapshot, isAuthenticated, isLoading } from '@chat-sso/core';
import { useCallback, useContext, useMemo, useSyncExternalStore } from 'react';
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

  const subscribe = useCallback((listener: () => void) => store.subscribe(listener), [store]);
  const snapshot = useSyncExternalStore(
    subscribe,
    () => store.getSnapshot(),
    () => store.getServerSnapshot(),
  );
  const login = useCallback(() => store.login(), [store]);
  const logout = useCallback(() => store.logout(), [store]);

  return useMemo(
    () => ({
      ...snapshot,
      isAuthenticated: isAuthenticated(snapshot.status),
      isLoading: isLoading(snapshot.status),
      login,
      logout,
    }),
    [snapshot, login, logout],
  );
}
