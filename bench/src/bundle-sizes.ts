import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { type Section, type Target, table } from './report';

/** The frameworks themselves are the page's anyway: never counted, for anyone. */
const FRAMEWORKS = ['react', 'react-dom', 'react/*', 'vue', '@angular/*', 'rxjs', 'rxjs/*'];

interface Entry {
  name: string;
  /** The module a page writes: what it imports, and so what a bundler keeps. */
  source: string;
  /** Budget from issue 7, in bytes of min+gzip; peers have none. */
  budget?: number;
}

const entries: Entry[] = [
  {
    name: '@chat-sso/core: createChatSSO + the spartez adapter',
    source: `export { createChatSSO } from '@chat-sso/core';
export { spartez } from '@chat-sso/core/widgets/spartez';`,
    budget: 2000,
  },
  {
    name: '@chat-sso/react: ChatSSOProvider + useChatSSO (core included)',
    source: `export { ChatSSOProvider, useChatSSO } from '@chat-sso/react';`,
    budget: 2500,
  },
  {
    name: '@chat-sso/vue: createChatSSOPlugin + useChatSSO (core included)',
    source: `export { createChatSSOPlugin, useChatSSO } from '@chat-sso/vue';`,
    budget: 2500,
  },
  {
    name: '@chat-sso/angular: provideChatSSO + ChatSSO (core included)',
    source: `export { provideChatSSO, ChatSSO } from '@chat-sso/angular';`,
    budget: 3000,
  },
  {
    name: 'react-use-intercom 5.8.0: IntercomProvider + useIntercom',
    source: `export { IntercomProvider, useIntercom } from 'react-use-intercom';`,
  },
  {
    name: '@auth0/auth0-react 2.27.0: Auth0Provider + useAuth0 (auth0-spa-js 2.27.0 included)',
    source: `export { Auth0Provider, useAuth0 } from '@auth0/auth0-react';`,
  },
];

interface BundleSize {
  min: number;
  gzip: number;
  /** Minified bytes each input file contributes, largest first. */
  parts: [file: string, bytes: number][];
}

/** Where an input lives, without the path to the workspace or the store. */
const shortName = (file: string) => file.replace(/^.*(?:node_modules|packages)\//, '');

/** min+gzip bytes of what a browser bundle of `source` keeps, by esbuild and gzip -9. */
async function minGzipBytes(source: string): Promise<BundleSize> {
  const result = await build({
    stdin: { contents: source, resolveDir: fileURLToPath(new URL('.', import.meta.url)) },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    external: FRAMEWORKS,
    define: { 'process.env.NODE_ENV': '"production"' },
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.contents;
  const [output] = Object.values(result.metafile.outputs);
  const parts = Object.entries(output!.inputs)
    .map(([file, { bytesInOutput }]): [string, number] => [shortName(file), bytesInOutput])
    .sort(([, a], [, b]) => b - a);
  return { min: code.byteLength, gzip: gzipSync(code, { level: 9 }).byteLength, parts };
}

const kB = (bytes: number) => `${(bytes / 1000).toFixed(2)} kB`;

export async function bundleSizes(): Promise<Section> {
  const sizes = [];
  for (const entry of entries) sizes.push({ entry, ...(await minGzipBytes(entry.source)) });
  const targets: Target[] = sizes
    .filter(({ entry }) => entry.budget !== undefined)
    .map(({ entry, gzip, parts }) => ({
      name: `${entry.name.split(':')[0]} ≤ ${kB(entry.budget!)}`,
      measured: kB(gzip),
      met: gzip <= entry.budget!,
      whyMissed: `${gzip - entry.budget!} bytes over; minified, ${parts
        .slice(0, 3)
        .map(([file, bytes]) => `${file} is ${kB(bytes)}`)
        .join(', ')}`,
    }));
  return {
    title: 'Bundle size (min+gzip, framework excluded)',
    body: [
      'One tool for all: esbuild 0.28.2 bundles what the page imports (`platform: browser`,' +
        ' `minify`, `NODE_ENV=production`, tree-shaken) from the built packages; the output is' +
        ' gzipped at level 9. React, React DOM, Vue, Angular and RxJS are left out for everyone.' +
        ' 1 kB = 1000 bytes. @auth0/auth0-react 2.27 carries auth0-spa-js inside its own bundle, so' +
        ' the two cannot be counted apart. The budgets in `pnpm size` (size-limit, which the test' +
        ' command runs) are measured another way: esbuild bundles the same imports into a script' +
        ' with no `import` or `export` statements, and size-limit subtracts what it counts for an' +
        ' empty such script (182 B min+gzip when the framework is left out). Its figures for our' +
        ' packages are lower than these; `pnpm size` prints them.',
      '',
      ...table(
        ['bundle', 'minified', 'min+gzip'],
        sizes.map(({ entry, min, gzip }) => [entry.name, kB(min), kB(gzip)]),
      ),
    ],
    targets,
  };
}
