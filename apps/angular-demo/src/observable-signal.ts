import { DestroyRef, inject, type Signal, signal } from '@angular/core';
import type { Observable } from '@chat-sso/demo-shared';

/** A demo-shared observable as a signal, for as long as the current injection context lives. */
export function observableSignal<T>(observable: Observable<T>): Signal<T> {
  const value = signal(observable.getSnapshot());
  const unsubscribe = observable.subscribe(() => value.set(observable.getSnapshot()));
  inject(DestroyRef).onDestroy(unsubscribe);
  return value.asReadonly();
}
