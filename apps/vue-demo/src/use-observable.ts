import type { Observable } from '@chat-sso/demo-shared';
import { onScopeDispose, type ShallowRef, shallowReadonly, shallowRef } from 'vue';

/** An observable's value as a read-only ref, followed until the calling scope is disposed. */
export function useObservable<T>(observable: Observable<T>): Readonly<ShallowRef<T>> {
  const value = shallowRef(observable.getSnapshot());
  onScopeDispose(
    observable.subscribe(() => {
      value.value = observable.getSnapshot();
    }),
  );
  return shallowReadonly(value);
}
