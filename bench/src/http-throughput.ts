import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createAccessTokens } from '@chat-sso/server';
import autocannon from 'autocannon';
import { firstMessage, forkScript } from './child-script';
import { ACCESS_SECRET, USER } from './fixtures';
import { median } from './harness';
import { ratio, type Section, type Target, table, thousands } from './report';

const ROUNDS = 3;
const CONNECTIONS = 50;
const WARM_UP_SECONDS = 1;
const SECONDS = 5;

interface Server {
  /** The server's name in `http-server.ts`. */
  kind: string;
  label: string;
  path: string;
}

const BARE = 'bare';
const BARE_SIGN = 'bare-sign';
const BARE_VERIFY = 'bare-verify';
const servers: Server[] = [
  { kind: BARE, label: 'bare node:http, constant body (the limit)', path: '/' },
  {
    kind: BARE_SIGN,
    label:
      'bare node:http signing with raw node:crypto, no checks (the limit for a token endpoint)',
    path: '/',
  },
  {
    kind: BARE_VERIFY,
    label:
      'bare node:http verifying the bearer token with raw node:crypto, no checks (the limit for a protected endpoint)',
    path: '/',
  },
  {
    kind: 'chat-token',
    label: 'chat-token endpoint (Spartez), node:crypto path',
    path: '/chat-token',
  },
  {
    kind: 'chat-token-jose',
    label: 'chat-token endpoint (Spartez), jose path',
    path: '/chat-token',
  },
  {
    kind: 'protected',
    label: 'requireAccessToken-protected endpoint, handler answering with `json`',
    path: '/api/me',
  },
  {
    kind: 'protected-response-json',
    label: 'requireAccessToken-protected endpoint, handler answering with `Response.json`',
    path: '/api/me',
  },
  {
    kind: 'web-constant',
    label: 'toNodeHandler around a constant WHATWG Response (no token work)',
    path: '/',
  },
];

async function startServer(kind: string): Promise<{ child: ChildProcess; port: number }> {
  const child = forkScript('./http-server.ts', [kind]);
  const { port } = await firstMessage<{ port: number }>(child, `the ${kind} server`);
  return { child, port };
}

async function load(url: string, headers: Record<string, string>, seconds: number) {
  const result = await autocannon({ url, headers, connections: CONNECTIONS, duration: seconds });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${url}: ${result.non2xx} non-2xx answers and ${result.errors} errors`);
  }
  return result.requests.average;
}

/** Requests per second of one server, started fresh, warmed up, then loaded for `SECONDS`. */
async function measure(server: Server, headers: Record<string, string>): Promise<number> {
  const { child, port } = await startServer(server.kind);
  try {
    const url = `http://127.0.0.1:${port}${server.path}`;
    await load(url, headers, WARM_UP_SECONDS);
    return await load(url, headers, SECONDS);
  } finally {
    const exited = once(child, 'exit');
    child.disconnect();
    await exited;
  }
}

export async function httpThroughput(): Promise<Section> {
  const { token } = await createAccessTokens({ secret: ACCESS_SECRET }).issue(USER);
  const headers = { authorization: `Bearer ${token}` };
  const samples = new Map(servers.map((server) => [server.kind, [] as number[]]));
  for (let round = 0; round < ROUNDS; round += 1) {
    for (let i = 0; i < servers.length; i += 1) {
      const server = servers[(i + round) % servers.length]!;
      samples.get(server.kind)!.push(await measure(server, headers));
    }
  }
  const rate = (kind: string) => median(samples.get(kind)!);
  /** `kind` against `baseline` within each round (seconds apart, under the same load), median of the rounds. */
  const versus = (kind: string, baseline: string) => {
    const base = samples.get(baseline)!;
    return median(samples.get(kind)!.map((requests, round) => requests / base[round]!));
  };
  const endpointTarget = (kind: string, name: string, limit: string, work: string): Target => ({
    name: `${name} ≥ 0.6× bare`,
    measured: ratio(versus(kind, BARE), 3),
    met: versus(kind, BARE) >= 0.6,
    whyMissed:
      `${work} with raw node:crypto in a bare node:http handler, checking nothing, serves ${ratio(versus(limit, BARE))} of bare;` +
      ` the ${name} serves ${ratio(versus(kind, limit))} of that`,
  });

  return {
    title: 'HTTP throughput (req/s, loopback)',
    body: [
      `autocannon 9.0.0 in the benchmark process, ${CONNECTIONS} connections, ${SECONDS} s after` +
        ` ${WARM_UP_SECONDS} s of warm-up; each server in a child process of its own, one at a time,` +
        ` ${ROUNDS} interleaved rounds: req/s of the median round, ratios the median of the ratios` +
        ' within each round. Every answer was checked to be 2xx.' +
        ' The chat-token endpoint is `createTokenHandler` (Spartez contract, a constant signed-in user,' +
        ' rate limits raised out of reach of the one load generator but still counted) through `toNodeHandler`; the protected endpoint is `requireAccessToken` around a handler' +
        " answering the user id, called with a valid access token: once with the package's `json(request, body)`, as its README documents" +
        ' (the target is judged on this row), once with `Response.json`.' +
        ' The two raw node:crypto rows sign a token, or verify the bearer token, in a bare node:http handler' +
        ' that checks nothing else: no endpoint that signs or verifies per request can serve more.' +
        ' On Node 20 every WHATWG `Response` with a body builds a web `ReadableStream`, whose cost the' +
        " `Response.json` row and the last row show; `json` and the package's own JSON answers reach `toNodeHandler` as parts it writes without one.",
      '',
      ...table(
        ['server', 'req/s (median)', '× bare'],
        servers.map((server) => [
          server.label,
          thousands(rate(server.kind)),
          ratio(versus(server.kind, BARE)),
        ]),
      ),
    ],
    targets: [
      endpointTarget('chat-token', 'chat-token endpoint', BARE_SIGN, 'signing'),
      endpointTarget('protected', 'verifier-protected endpoint', BARE_VERIFY, 'verifying'),
    ],
  };
}
