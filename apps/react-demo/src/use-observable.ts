import type { Observable } from '@chat-sso/demo-shared';
import { useSyncExternalStore } from 'react';

export function useObservable<T>(observable: Observable<T>): T {
  return useSyncExternalStore(observable.subscribe, observable.getSnapshot);
}
