import { isPlatformServer } from '@angular/common';
import { computed, DestroyRef, inject, PLATFORM_ID, signal } from '@angular/core';
import { createChatSSO, isAuthenticated, isLoading } from '@chat-sso/core';
import { BehaviorSubject } from 'rxjs';
import type { ChatSSO } from './chat-sso';
import type { ChatSSOConfig } from './provide-chat-sso';

const nothingOnTheServer = () => Promise.resolve();

/**
 * Projects a store into signals and an Observable. Runs in an injection
 * context: the store it creates lives exactly as long as the injector.
 */
export function injectChatSSOService(config: ChatSSOConfig): ChatSSO {
  const store = 'store' in config ? config.store : createChatSSO(config);
  // Server rendering keeps the `idle` snapshot: subscribing would start the store.
  const onServer = isPlatformServer(inject(PLATFORM_ID));
  const snapshot = signal(onServer ? store.getServerSnapshot() : store.getSnapshot());
  const snapshot$ = new BehaviorSubject(snapshot());

  const unsubscribe = onServer
    ? undefined
    : store.subscribe(() => {
        const next = store.getSnapshot();
        if (next === snapshot()) return;
        snapshot.set(next);
        snapshot$.next(next);
      });

  inject(DestroyRef).onDestroy(() => {
    unsubscribe?.();
    snapshot$.complete();
    if (!('store' in config)) store.destroy();
  });

  const status = computed(() => snapshot().status);
  return {
    status,
    user: computed(() => snapshot().user),
    error: computed(() => snapshot().error),
    expiresAt: computed(() => snapshot().expiresAt),
    isAuthenticated: computed(() => isAuthenticated(status())),
    isLoading: computed(() => isLoading(status())),
    snapshot$: snapshot$.asObservable(),
    login: onServer ? nothingOnTheServer : store.login,
    logout: onServer ? nothingOnTheServer : store.logout,
  };
}
