/**
 * Child process, run with --expose-gc: the heap a core store keeps after
 * 10,000 login/logout cycles with the emulated widget. Reports over IPC.
 */
import { createJsdomSite } from './jsdom-site';

export interface HeapGrowth {
  cycles: number;
  before: number;
  /** Heap after each quarter of the cycles; the last is the heap after all of them. */
  quarters: number[];
}

const WARM_UP_CYCLES = 600;
const CYCLES = 10_000;

const { store } = createJsdomSite();
const gc = globalThis.gc!;

async function cycles(count: number) {
  for (let cycle = 0; cycle < count; cycle += 1) {
    await store.login();
    if (store.getSnapshot().status !== 'signed_in') throw new Error('the widget did not sign in');
    await store.logout();
  }
}

/**
 * Heap in use once everything unreachable is collected: collections with a
 * task between them (finalizers and pending timers free more) until the heap
 * stops shrinking, so a sample does not catch garbage a single pass left.
 */
async function settledHeap(): Promise<number> {
  let heap = Number.POSITIVE_INFINITY;
  for (let pass = 0; pass < 10; pass += 1) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    gc();
    const now = process.memoryUsage().heapUsed;
    if (now >= heap - 10_000) return Math.min(now, heap);
    heap = now;
  }
  return heap;
}

// The warm-up fills what is bounded by design (JIT code, the cloud's log of the last 1000 events).
await cycles(WARM_UP_CYCLES);
const before = await settledHeap();
const quarters = [];
for (let quarter = 0; quarter < 4; quarter += 1) {
  await cycles(CYCLES / 4);
  quarters.push(await settledHeap());
}
store.destroy();
const growth: HeapGrowth = { cycles: CYCLES, before, quarters };
process.send!(growth);
