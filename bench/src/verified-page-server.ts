/**
 * The site of the time-to-verified benchmark, in a process of its own so
 * that the browser driver never holds up its answers: `node --import tsx
 * src/verified-page-server.ts` listens on a free loopback port and reports
 * its URL to the parent over IPC.
 */
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { spartez } from '@chat-sso/core/contracts';
import { createVendorCloud } from '@chat-sso/emulators/cloud';
import { createIssuer, createTokenHandler, toNodeHandler } from '@chat-sso/server';
import { build } from 'esbuild';
import { SECRET, USER } from './fixtures';

/** How the page signs the Spartez widget in. */
export type Flow = 'chat-sso' | 'sequential';

export interface PageScenario {
  /** The emulated widget's script load delay, in ms. */
  widgetDelay: number;
  /** The token endpoint's delay, in ms. */
  tokenDelay: number;
}

const emulatorScript = fileURLToPath(import.meta.resolve('@chat-sso/emulators/browser'));

/**
 * Records, in ms since `startedAt`, when the widget's panel first appears
 * (its script has loaded) and when it first says it chats as a verified user.
 */
const verifiedProbe = `new MutationObserver((_, observer) => {
  const identity = document.querySelector('[data-testid="widget-identity"]');
  if (identity && window.widgetAt === undefined) window.widgetAt = performance.now() - window.startedAt;
  if (identity?.dataset.verified === 'true') {
    window.verifiedAt = performance.now() - window.startedAt;
    observer.disconnect();
  }
}).observe(document, { subtree: true, childList: true, attributes: true });`;

/** chat-sso as a site ships it, bundled into its page: fetches the token while the widget loads, logs in once both are there. */
const chatSSOFlow = `
import { createChatSSO, fetchToken } from '@chat-sso/core';
import { spartez } from '@chat-sso/core/widgets/spartez';
createChatSSO({ widget: spartez(), token: fetchToken(window.tokenUrl) }).login();`;

/**
 * The seed's snippet as pages write it: wait for the widget (looking every
 * 25 ms, as chat-sso does for a widget without a ready event), then fetch
 * the token, then log in.
 */
const sequentialFlow = `(async () => {
  const widget = await new Promise((resolve) => {
    const look = () => (window.spartezSupportChat ? resolve(window.spartezSupportChat) : setTimeout(look, 25));
    look();
  });
  const { token } = await (await fetch(window.tokenUrl)).json();
  await widget.sso.login(token);
})();`;

async function bundle(source: string): Promise<string> {
  const result = await build({
    stdin: { contents: source, resolveDir: fileURLToPath(new URL('.', import.meta.url)) },
    bundle: true,
    minify: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

/**
 * Both flows start in the same classic script right after the widget's
 * script starts loading (`startedAt`, where W starts counting).
 */
function page(flowScript: string, scenario: PageScenario): string {
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>time to verified</title>
<script>${verifiedProbe}</script>
</head><body>
<script src="/emulators.js"></script>
<script>
window.tokenUrl = '/chat-token?delay=${scenario.tokenDelay}';
window.startedAt = performance.now();
ChatSSOEmulators.installSpartezEmulator({ faults: { loadDelayMs: ${scenario.widgetDelay} } });
${flowScript}
</script>
</body></html>`;
}

const noStore = { 'cache-control': 'no-store' };

/**
 * `/?flow=…&widgetDelay=…&tokenDelay=…`, the emulator script, a chat-token
 * endpoint that answers after `?delay=` ms, and the Spartez vendor cloud.
 */
async function site(): Promise<(request: Request) => Promise<Response>> {
  const tokenHandler = createTokenHandler({
    issuer: createIssuer({ contract: spartez, secret: SECRET }),
    authenticate: () => USER,
  });
  const cloud = createVendorCloud('spartez', { secret: SECRET });
  const script = await readFile(emulatorScript);
  const flowScripts: Record<Flow, string> = {
    'chat-sso': await bundle(chatSSOFlow),
    sequential: sequentialFlow,
  };

  return async (request) => {
    const { pathname, searchParams } = new URL(request.url);
    if (pathname === '/') {
      const flow = searchParams.get('flow') as Flow;
      const scenario = {
        widgetDelay: Number(searchParams.get('widgetDelay')),
        tokenDelay: Number(searchParams.get('tokenDelay')),
      };
      return new Response(page(flowScripts[flow], scenario), {
        headers: { 'content-type': 'text/html', ...noStore },
      });
    }
    if (pathname === '/emulators.js') {
      return new Response(script, { headers: { 'content-type': 'text/javascript', ...noStore } });
    }
    if (pathname === '/chat-token') {
      await sleep(Number(searchParams.get('delay')));
      return tokenHandler(request);
    }
    if (pathname.startsWith('/vendor/spartez/')) return cloud(request);
    return new Response(null, { status: 404 });
  };
}

const server = createServer(toNodeHandler(await site()));
server.listen(0, '127.0.0.1', () => {
  process.send?.({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` });
});
process.on('disconnect', () => process.exit(0));
