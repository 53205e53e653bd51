import { runScript } from './child-script';
import type { RenderCounts } from './react-renders';
import { type Section, table } from './report';
import type { HeapGrowth } from './store-heap';

const MB = 1_000_000;

/** React renders per login cycle, and the heap one store keeps over 10,000 cycles, each in a fresh process. */
export async function storeCycles(): Promise<Section> {
  const renders = await runScript<RenderCounts>('./react-renders.ts');
  const heap = await runScript<HeapGrowth>('./store-heap.ts', ['--expose-gc']);
  const rendersPerCycle = renders.renders / renders.cycles;
  const statusChangesPerCycle = renders.statusChanges / renders.cycles;
  const after = heap.quarters.at(-1)!;
  const growth = after - heap.before;
  const kB = (bytes: number) => `${bytes >= 0 ? '+' : ''}${(bytes / 1000).toFixed(0)} kB`;
  return {
    title: 'One store over many login/logout cycles',
    body: [
      'A jsdom page with the emulated Spartez widget, which verifies every login at its vendor' +
        ' cloud (in-process), and one `createChatSSO` store taking tokens from an issuer; each' +
        ' measurement in a fresh Node process.',
      '',
      `- React: \`<ChatSSOProvider store>\` around one component calling \`useChatSSO()\`, rendered` +
        ` by React DOM 19.3.1; ${renders.cycles} cycles of \`await login()\` then \`await logout()\`,` +
        " counting the commits of that component and the store's `status` events.",
      `- Heap: ${heap.cycles.toLocaleString('en-US')} cycles after a warm-up, \`heapUsed\` after` +
        ' `gc()` (node --expose-gc), repeated until the heap stops shrinking, before them and after each quarter; the emulated widget, its cloud and jsdom live in' +
        ' the same heap and count too. 1 MB = 1,000,000 bytes.',
      '',
      ...table(
        ['measure', 'value'],
        [
          ['renders per login/logout cycle', rendersPerCycle.toFixed(2)],
          ['status changes per cycle', statusChangesPerCycle.toFixed(2)],
          ['heap before the cycles', `${(heap.before / MB).toFixed(2)} MB`],
          [
            'heap after each quarter of the cycles',
            heap.quarters.map((quarter) => kB(quarter - heap.before)).join(', '),
          ],
          ['growth over all the cycles', kB(growth)],
        ],
      ),
    ],
    targets: [
      {
        name: 'React re-renders per login cycle ≤ status changes',
        measured: `${rendersPerCycle.toFixed(2)} ≤ ${statusChangesPerCycle.toFixed(2)}`,
        met: rendersPerCycle <= statusChangesPerCycle,
        whyMissed:
          'the store changed its snapshot more often than its status (user, expiry set apart)',
      },
      {
        name: 'heap growth over 10,000 cycles < 1 MB',
        measured: kB(growth),
        met: growth < MB,
        whyMissed: `${(growth / heap.cycles).toFixed(0)} B per cycle stay reachable in the store, the emulated widget, its cloud or jsdom (one heap)`,
      },
    ],
  };
}
