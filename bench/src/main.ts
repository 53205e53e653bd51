/**
 * `pnpm bench`: runs every benchmark once, in order, and writes RESULTS.md.
 * Each benchmark compares its cases in one process (servers and jsdom pages
 * get their own), in interleaved rounds, reporting medians and ratios.
 * `--only <name>` runs one benchmark and prints the same report instead: a
 * partial run never overwrites RESULTS.md.
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { bundleSizes } from './bundle-sizes';
import { httpThroughput } from './http-throughput';
import { describeMachine } from './machine';
import { type Section, targetRows } from './report';
import { soak } from './soak';
import { storeCycles } from './store-cycles';
import { timeToVerified } from './time-to-verified';
import { tokenOps } from './token-ops';

/** Each benchmark by the name `--only` takes, with the name it is shown under. */
const benchmarks: [string, string, () => Promise<Section>][] = [
  ['tokens', 'sign and verify', tokenOps],
  ['http', 'HTTP throughput', httpThroughput],
  ['sizes', 'bundle sizes', bundleSizes],
  ['verified', 'time to verified', timeToVerified],
  ['cycles', 'store cycles', storeCycles],
  ['soak', 'soak', soak],
];

const { values: flags } = parseArgs({ options: { only: { type: 'string' } } });
const chosen = benchmarks.filter(([key]) => flags.only === undefined || key === flags.only);
if (chosen.length === 0) {
  throw new TypeError(`no benchmark named ${flags.only}; try ${benchmarks.map(([key]) => key)}`);
}

const machine = await describeMachine();
const startedAt = new Date();
const sections: Section[] = [];
for (const [, name, run] of chosen) {
  const started = performance.now();
  process.stdout.write(`${name}… `);
  sections.push(await run());
  process.stdout.write(`${((performance.now() - started) / 1000).toFixed(0)} s\n`);
}

const targets = sections.flatMap((section) => section.targets);
const missed = targets.filter((target) => !target.met).length;
const results = [
  '# Benchmark results',
  '',
  '<!-- Written by `pnpm bench` (bench/src/main.ts); edit the benchmarks, never this file. -->',
  '',
  `Last run: ${startedAt.toISOString()}, by \`pnpm bench\` at the repository root, which builds` +
    ' the packages (`turbo run build --filter=@chat-sso/bench^...`) and then runs' +
    ' `node --import tsx src/main.ts` in `bench/`.',
  '',
  '## Machine',
  '',
  ...machine(),
  '',
  `## Targets (issue 7, and issue 8's soak): ${targets.length - missed} met, ${missed} missed`,
  '',
  ...targetRows(targets),
  ...sections.flatMap((section) => ['', `## ${section.title}`, '', ...section.body]),
  '',
];
if (flags.only === undefined) {
  await writeFile(new URL('../RESULTS.md', import.meta.url), results.join('\n'));
  console.log(`RESULTS.md: ${targets.length - missed} targets met, ${missed} missed`);
} else {
  console.log(results.join('\n'));
}
