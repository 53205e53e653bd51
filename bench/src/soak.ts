import { once } from 'node:events';
import {
  createLoadClient,
  type PathLatency,
  startLoadScenario,
  startRedisServer,
} from '@chat-sso/load-kit';
import { firstMessage, forkScript } from './child-script';
import { type Section, type Target, table, thousands } from './report';
import type { MemorySample } from './soak-server';

const CONNECTIONS = 100;
/** Both stores together, unless `CHAT_SSO_SOAK_SECONDS` says otherwise. */
const DEFAULT_SECONDS = 60;
/** However long the variable asks for, the bench stays bounded. */
const MAX_SECONDS = 3600;
/** The first fifth of each store's time: JIT tiers, V8's young generation and undici's pools settle. */
const WARM_UP = 0.2;
/** Memory samples after the warm-up, evenly spaced. */
const SAMPLES = 10;
/**
 * The RSS a server may gain after the warm-up. Between samples of a heap that
 * does not grow, RSS still moves by ±15 MB here: V8 resizes its young
 * generation (semi-spaces of up to 16 MiB) and malloc keeps freed pages. A
 * leak that keeps each request (a few kB with its headers) adds some 30 MB
 * over the 10,000 or more requests each store serves after its warm-up;
 * smaller leaks show in the heap figures, which are measured after a full GC.
 */
const RSS_GROWTH_LIMIT_MB = 32;
const MB = 1_000_000;

function soakSeconds(): number {
  const text = process.env.CHAT_SSO_SOAK_SECONDS;
  if (text === undefined) return DEFAULT_SECONDS;
  const seconds = Number(text);
  if (!Number.isFinite(seconds) || seconds < 10 || seconds > MAX_SECONDS) {
    throw new RangeError(
      `CHAT_SSO_SOAK_SECONDS is ${JSON.stringify(text)}; give the seconds of the whole soak, from 10 to ${MAX_SECONDS}`,
    );
  }
  return seconds;
}

interface TimedSample extends MemorySample {
  /** Since the load started. */
  seconds: number;
}

interface StoreSoak {
  label: string;
  failures: string[];
  lostFamilies: number;
  latency: PathLatency[];
  /** The first one at the end of the warm-up. */
  samples: TimedSample[];
}

/** One store's share of the soak, against a fresh server process. */
async function soakStore(label: string, store: string, seconds: number): Promise<StoreSoak> {
  const child = forkScript('./soak-server.ts', [store], ['--expose-gc']);
  try {
    const { port } = await firstMessage<{ port: number }>(child, `the ${label} server`);
    const client = createLoadClient(`http://127.0.0.1:${port}`, CONNECTIONS);
    const scenario = await startLoadScenario(client);
    const started = performance.now();
    // A sample waits for the server's answer, unless the server has exited.
    const exited = new AbortController();
    child.once('exit', () => exited.abort(new Error(`the ${label} server exited`)));
    const sample = async (): Promise<TimedSample> => {
      const answer = once(child, 'message', { signal: exited.signal });
      child.send('sample');
      const [memory] = (await answer) as [MemorySample];
      return { seconds: (performance.now() - started) / 1000, ...memory };
    };
    const forever = Number.POSITIVE_INFINITY;

    await scenario.run({ requests: forever, seconds: seconds * WARM_UP });
    const samples = [await sample()];
    for (let n = 0; n < SAMPLES; n += 1) {
      await scenario.run({ requests: forever, seconds: (seconds * (1 - WARM_UP)) / SAMPLES });
      samples.push(await sample());
    }
    const lostFamilies = await scenario.lostFamilies();
    const latency = client.latency();
    await client.close();
    return { label, failures: scenario.failures, lostFamilies, latency, samples };
  } finally {
    const exited = once(child, 'exit');
    child.disconnect();
    await exited;
  }
}

const megabytes = (bytes: number) => `${(bytes / MB).toFixed(1)} MB`;
const signed = (bytes: number) => `${bytes >= 0 ? '+' : ''}${megabytes(bytes)}`;

function growth(soak: StoreSoak, field: keyof MemorySample): number {
  return soak.samples.at(-1)![field] - soak.samples[0]![field];
}

function resultRow(soak: StoreSoak): string[] {
  const requests = soak.latency.reduce((sum, path) => sum + path.requests, 0);
  const at = (path: string) => soak.latency.find((entry) => entry.path === path);
  const percentiles = (path: string) => `${at(path)?.p50.toFixed(1)} / ${at(path)?.p99.toFixed(1)}`;
  const renewals = at('/system/reauth')?.requests ?? 0;
  return [
    soak.label,
    thousands(requests),
    thousands(requests / soak.samples.at(-1)!.seconds),
    String(soak.failures.length),
    String(soak.lostFamilies),
    percentiles('/chat-token'),
    percentiles('/system/reauth'),
    signed(growth(soak, 'rss')),
    signed(growth(soak, 'heapUsed')),
    `${Math.round(growth(soak, 'heapUsed') / renewals)} B`,
  ];
}

function targets(soaks: StoreSoak[]): Target[] {
  const each = (figure: (soak: StoreSoak) => string) =>
    soaks.map((soak) => `${soak.label}: ${figure(soak)}`).join(', ');
  const failures = soaks.flatMap((soak) => soak.failures);
  const worstRss = Math.max(...soaks.map((soak) => growth(soak, 'rss')));
  return [
    {
      name: 'soak: zero errors',
      measured: each((soak) => String(soak.failures.length)),
      met: failures.length === 0,
      whyMissed: `the first: ${failures[0]}`,
    },
    {
      name: 'soak: zero lost refresh families',
      measured: each((soak) => String(soak.lostFamilies)),
      met: soaks.every((soak) => soak.lostFamilies === 0),
      whyMissed: 'a family issued during the soak no longer renews with its latest refresh token',
    },
    {
      name: `soak: RSS growth < ${RSS_GROWTH_LIMIT_MB} MB after warm-up`,
      measured: each((soak) => signed(growth(soak, 'rss'))),
      met: worstRss < RSS_GROWTH_LIMIT_MB * MB,
      whyMissed: `heap after a full GC grew by ${each((soak) => signed(growth(soak, 'heapUsed')))}: see the samples for steady growth`,
    },
  ];
}

/**
 * Issue 8 §4's longer soak: the load of the server's load test (one refresh
 * family per connection, each alternating a chat token and a rotating
 * renewal) for minutes instead of seconds, over the file store and over a
 * real `redis-server`, with the server's memory sampled as it runs.
 */
export async function soak(): Promise<Section> {
  const seconds = soakSeconds();
  const redis = await startRedisServer();
  const soaks: StoreSoak[] = [];
  try {
    soaks.push(await soakStore('file store', 'file', seconds / 2));
    soaks.push(await soakStore('Redis store', redis.url, seconds / 2));
  } finally {
    await redis.dispose();
  }
  const [file, redisSoak] = soaks as [StoreSoak, StoreSoak];

  return {
    title: `Soak: ${CONNECTIONS} connections for ${seconds} s (issue 8 §4)`,
    body: [
      `The site of the server's load test (\`createLoadSite\` of \`fixtures/load-kit\`: the Spartez` +
        ' chat-token endpoint and `/system/auth`/`/system/reauth`, rate limits off) in a child' +
        ' process through `toNodeHandler`, loaded by undici from the benchmark process over' +
        ` ${CONNECTIONS} keep-alive loopback connections: each signs in once (one refresh family),` +
        ' then alternates a chat token and a renewal that rotates its refresh token. Each store gets' +
        ` half of the ${seconds} s (\`CHAT_SSO_SOAK_SECONDS\`, ${DEFAULT_SECONDS} by default), the` +
        ` first ${WARM_UP * 100}% of it as warm-up; Redis is a \`redis-server\` on a loopback port.` +
        ' An error is any answer but 200 or a broken connection; a lost family is one whose latest' +
        ' refresh token no longer renews at the end. Latency percentiles cover the whole run;' +
        ' memory is the server process after `gc()` (node --expose-gc), from the end of the warm-up' +
        ' to the end. 1 MB = 1,000,000 bytes.',
      '',
      ...table(
        [
          'store',
          'requests',
          'req/s',
          'errors',
          'lost families',
          'chat token p50 / p99 (ms)',
          'reauth p50 / p99 (ms)',
          'RSS growth',
          'heap growth',
          'heap per renewal',
        ],
        soaks.map(resultRow),
      ),
      '',
      'The file store keeps the hash of every refresh token a live family was ever issued, to' +
        ' detect reuse, until the family ends (7 days), so some heap growth with renewals is by' +
        ' design there; Redis keeps them in `redis-server`, outside the measured process. RSS moves' +
        ` by more than the heap (V8's young generation, malloc's free pages): the target allows` +
        ` ${RSS_GROWTH_LIMIT_MB} MB, and the samples below show whether growth is steady.`,
      '',
      ...table(
        ['s (file)', 'file RSS', 'file heap', 's (Redis)', 'Redis RSS', 'Redis heap'],
        file.samples.map((sample, n) => {
          const other = redisSoak.samples[n]!;
          return [
            sample.seconds.toFixed(0),
            megabytes(sample.rss),
            megabytes(sample.heapUsed),
            other.seconds.toFixed(0),
            megabytes(other.rss),
            megabytes(other.heapUsed),
          ];
        }),
      ),
    ],
    targets: targets(soaks),
  };
}
