import { onScopeDispose, type Ref, readonly, ref } from 'vue';

/** The time in ms, updated every second: drives the token countdowns. */
export function useNow(): Readonly<Ref<number>> {
  const now = ref(Date.now());
  const timer = setInterval(() => {
    now.value = Date.now();
  }, 1000);
  onScopeDispose(() => clearInterval(timer));
  return readonly(now);
}
