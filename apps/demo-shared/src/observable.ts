/** A value frameworks can watch: React's `useSyncExternalStore`, a Vue `shallowRef`, an Angular signal. */
export interface Observable<T> {
  subscribe(listener: () => void): () => void;
  /** The same object until the value changes. */
  getSnapshot(): T;
}

/** An observable value and its setter; every change notifies the listeners. */
export function createObservable<T>(initial: T): Observable<T> & { set(next: T): void } {
  let value = initial;
  const listeners = new Set<() => void>();
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => value,
    set(next) {
      value = next;
      for (const listener of [...listeners]) listener();
    },
  };
}
