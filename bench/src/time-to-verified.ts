import { once } from 'node:events';
import { chromiumArgs, chromiumPath } from '@chat-sso/chromium';
import { chromium } from 'playwright-core';
import { firstMessage, forkScript } from './child-script';
import { median } from './harness';
import { type Section, table } from './report';
import type { Flow, PageScenario } from './verified-page-server';

const ROUNDS = 7;
/** Slack over max(W, T) that issue 7 allows. */
const SLACK_MS = 50;

const scenarios: PageScenario[] = [
  { widgetDelay: 500, tokenDelay: 200 },
  // Off the grid of the store's looks (every 25 ms from its start): the widget appears
  // well before the next look, not just before it.
  { widgetDelay: 510, tokenDelay: 200 },
  { widgetDelay: 200, tokenDelay: 500 },
];
const flows: Flow[] = ['chat-sso', 'sequential'];

const flowNames: Record<Flow, string> = {
  'chat-sso': 'chat-sso (`createChatSSO(…).login()`)',
  sequential: "seed 000's snippet: widget, then token, then login",
};

interface PageGlobals {
  startedAt: number;
  widgetAt?: number;
  verifiedAt?: number;
}

/** Milliseconds from the start of the flow. */
interface PageTiming {
  verified: number;
  /** When the widget's script had loaded (its panel appeared). */
  widget: number;
  /** When the page asked the token endpoint. */
  tokenAsked: number;
  /** When the token endpoint's answer had arrived. */
  token: number;
  /** When the widget sent the token to its vendor cloud. */
  loginSent: number;
  /** How long the vendor cloud took to answer. */
  loginRequest: number;
  /** From the widget and the token both being there to the login call leaving. */
  toLoginSent: number;
  /** From the vendor cloud's answer to the panel showing a verified user. */
  toVerified: number;
}

/** Runs in the page, as its source: no named helpers inside (the bundler would wrap them). */
function readTiming(): PageTiming {
  const { startedAt, widgetAt, verifiedAt } = window as unknown as PageGlobals;
  const entries = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
  const token = entries.find((entry) => entry.name.includes('/chat-token'))!;
  const login = entries.find((entry) => entry.name.endsWith('/vendor/spartez/login'))!;
  return {
    verified: verifiedAt!,
    widget: widgetAt!,
    tokenAsked: token.startTime - startedAt,
    token: token.responseEnd - startedAt,
    loginSent: login.startTime - startedAt,
    loginRequest: login.duration,
    toLoginSent: login.startTime - startedAt - Math.max(widgetAt!, token.responseEnd - startedAt),
    toVerified: verifiedAt! - (login.responseEnd - startedAt),
  };
}

const medianOf = (samples: readonly PageTiming[], key: keyof PageTiming) =>
  median(samples.map((sample) => sample[key]));

export async function timeToVerified(): Promise<Section> {
  const server = forkScript('./verified-page-server.ts');
  const { url } = await firstMessage<{ url: string }>(server, 'the page server');
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  const runs = scenarios.flatMap((scenario) =>
    flows.map((flow) => ({ scenario, flow, samples: [] as PageTiming[] })),
  );
  try {
    for (let round = 0; round < ROUNDS; round += 1) {
      for (let i = 0; i < runs.length; i += 1) {
        const run = runs[(i + round) % runs.length]!;
        const page = await browser.newPage();
        const query = new URLSearchParams({
          flow: run.flow,
          widgetDelay: String(run.scenario.widgetDelay),
          tokenDelay: String(run.scenario.tokenDelay),
        });
        await page.goto(`${url}?${query}`);
        await page.waitForFunction(() => (window as unknown as PageGlobals).verifiedAt, undefined, {
          timeout: 10_000,
        });
        run.samples.push(await page.evaluate(readTiming));
        await page.close();
      }
    }
  } finally {
    await browser.close();
    const exited = once(server, 'exit');
    server.disconnect();
    await exited;
  }

  const rows = runs.map((run) => {
    const { widgetDelay: w, tokenDelay: t } = run.scenario;
    return {
      ...run,
      w,
      t,
      ms: medianOf(run.samples, 'verified'),
      widget: medianOf(run.samples, 'widget'),
      tokenAsked: medianOf(run.samples, 'tokenAsked'),
      token: medianOf(run.samples, 'token'),
      loginSent: medianOf(run.samples, 'loginSent'),
      loginRequest: medianOf(run.samples, 'loginRequest'),
      toLoginSent: medianOf(run.samples, 'toLoginSent'),
      toVerified: medianOf(run.samples, 'toVerified'),
    };
  });
  return {
    title: 'Time from page load to "widget verified" (Chromium)',
    body: [
      `Chromium (${chromiumPath}, headless) loads a local page over loopback, from a server in a child` +
        ' process (the page, the chat-token endpoint and the emulated vendor cloud). One script installs the' +
        ' Spartez emulator, whose globals appear W ms later (`loadDelayMs`), and starts the flow at' +
        " once: chat-sso bundled by esbuild as a site ships it, or the seed's snippet. The chat-token" +
        ' endpoint answers after T ms. Measured in the page with `performance.now()`, from that' +
        ' script to the moment the widget panel first shows a verified user (the emulated vendor' +
        ` cloud has checked the token): median of ${ROUNDS} interleaved page loads per row.` +
        " The other columns (ms since the same start, medians) split that time: the widget's panel" +
        " appearing, the resource timing of the token answer and of the widget's login call; the last two" +
        ' are medians of gaps taken within each page load (medians of separate columns do not add up):' +
        ' from the widget and the token both being there to the login call leaving, and from the' +
        " vendor cloud's answer to the panel showing the verified user.",
      '',
      ...table(
        [
          'W',
          'T',
          'flow',
          'verified at',
          'widget loaded at',
          'token asked at',
          'token arrived at',
          'login sent at',
          'vendor answered in',
          'login sent after both there',
          'verified after vendor answered',
          'max(W, T)',
          'W + T',
        ],
        rows.map((row) => [
          `${row.w} ms`,
          `${row.t} ms`,
          flowNames[row.flow],
          `**${row.ms.toFixed(0)}**`,
          row.widget.toFixed(0),
          row.tokenAsked.toFixed(0),
          row.token.toFixed(0),
          row.loginSent.toFixed(0),
          row.loginRequest.toFixed(0),
          row.toLoginSent.toFixed(0),
          row.toVerified.toFixed(0),
          String(Math.max(row.w, row.t)),
          String(row.w + row.t),
        ]),
      ),
    ],
    targets: rows
      .filter((row) => row.flow === 'chat-sso')
      .map((row) => ({
        name: `W ${row.w} ms, T ${row.t} ms: ≤ max(W, T) + ${SLACK_MS} ms = ${Math.max(row.w, row.t) + SLACK_MS} ms`,
        measured: `${row.ms.toFixed(1)} ms`,
        met: row.ms <= Math.max(row.w, row.t) + SLACK_MS,
        whyMissed:
          `the widget loaded at ${row.widget.toFixed(0)} ms; the token, asked at ${row.tokenAsked.toFixed(0)} ms, arrived at ${row.token.toFixed(0)} ms;` +
          ` the login call left ${row.toLoginSent.toFixed(0)} ms after both were there` +
          (row.w > row.t
            ? ' (core looks for a widget without a ready event every 25 ms, which Chromium may run only after rendering the new panel)'
            : '') +
          `, the emulated vendor cloud took ${row.loginRequest.toFixed(0)} ms to answer it` +
          ` and the panel showed the verified user ${row.toVerified.toFixed(0)} ms after that answer (medians within each page load)`,
      })),
  };
}
