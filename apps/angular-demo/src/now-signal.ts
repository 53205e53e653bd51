import { DestroyRef, inject, type Signal, signal } from '@angular/core';

/** The time in ms, updated every second: drives the token countdowns. */
export function nowSignal(): Signal<number> {
  const now = signal(Date.now());
  const timer = setInterval(() => now.set(Date.now()), 1000);
  inject(DestroyRef).onDestroy(() => clearInterval(timer));
  return now.asReadonly();
}
