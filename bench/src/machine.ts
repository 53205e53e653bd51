import { readFile } from 'node:fs/promises';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { table } from './report';

/** Packages whose figures RESULTS.md reports, as installed for the benchmark. */
const PACKAGES = [
  '@chat-sso/core',
  '@chat-sso/server',
  '@chat-sso/react',
  '@chat-sso/vue',
  '@chat-sso/angular',
  '@chat-sso/emulators',
  'jose',
  'fast-jwt',
  'jsonwebtoken',
  'react',
  'react-dom',
  'react-use-intercom',
  '@auth0/auth0-react',
  '@auth0/auth0-spa-js',
  'autocannon',
  'esbuild',
  'jsdom',
  'playwright-core',
];

async function version(name: string): Promise<string> {
  const manifest = new URL(`../node_modules/${name}/package.json`, import.meta.url);
  return (JSON.parse(await readFile(manifest, 'utf8')) as { version: string }).version;
}

const load = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(', ');

/** What the run ran on; the load average is read at the start and again at the end. */
export async function describeMachine(): Promise<() => string[]> {
  const atStart = load();
  const versions = await Promise.all(PACKAGES.map(async (name) => [name, await version(name)]));
  return () => [
    ...table(
      ['', ''],
      [
        ['CPUs (`nproc`)', String(availableParallelism())],
        ['CPU model', cpus()[0]?.model ?? 'unknown'],
        ['Node', process.version],
        ['platform', `${process.platform} ${process.arch}`],
        ['load average (1, 5, 15 min) at start', atStart],
        ['load average at end', load()],
      ],
    ),
    '',
    'The machine is shared: the load average says how much else ran at the same time. Ratios' +
      ' compare cases measured in interleaved rounds, so load shifts them less than absolute figures.',
    '',
    ...table(
      ['package', 'version'],
      versions.map(([name, installed]) => [name!, installed!]),
    ),
  ];
}
