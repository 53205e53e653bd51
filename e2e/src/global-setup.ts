import { appendFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromiumArgs, chromiumPath, hasChromium } from '@chat-sso/chromium';
import { chromium } from 'playwright-core';
// Loads vitest's types so `ProvidedContext` below augments them.
import type {} from 'vitest';
import type { TestProject } from 'vitest/node';
import { type DemoServerProcess, startDemoServer } from './demo-server-process';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The demo server, e.g. `http://127.0.0.1:41234/`. */
    demoUrl: string;
    /** Where tests connect to the one shared Chromium. */
    browserEndpoint: string;
    /** `POST` here restarts the demo server on the same port and data dir. */
    restartUrl: string;
    /** The demo server's data dir (its `secrets.json`, sessions, refresh families). */
    demoDataDir: string;
    /** Everything the demo server printed so far, across restarts. */
    demoLogFile: string;
  }
}

const ci = process.env.CI === 'true' || process.env.CI === '1';

/**
 * Starts what every e2e file shares: one Chromium and one built demo server
 * on 127.0.0.1 with a fresh data dir, plus a loopback endpoint through which
 * a test can restart that server (tests run in workers, which cannot own it).
 */
export default async function setup(project: TestProject) {
  if (!hasChromium()) {
    const why = `no Chromium at ${chromiumPath} (apt-get install chromium, or set CHROME_PATH)`;
    if (ci) throw new Error(`e2e failed: ${why}`);
    console.log(`e2e did not run: ${why}. This is not a pass.`);
    process.exit(1);
  }

  const dataDir = await mkdtemp(path.join(tmpdir(), 'chat-sso-e2e-'));
  // Short-lived API access tokens, so a test sees one refreshed within seconds.
  const env = { ACCESS_TTL: '5' };
  const logFile = path.join(await mkdtemp(path.join(tmpdir(), 'chat-sso-e2e-log-')), 'demo.log');
  const onOutput = (text: string) => appendFileSync(logFile, text);
  let server: DemoServerProcess = await startDemoServer({ port: 0, dataDir, env, onOutput });
  const browser = await chromium
    .launchServer({ executablePath: chromiumPath, headless: true, args: chromiumArgs })
    .catch(async (error: unknown) => {
      await server.stop();
      throw error;
    });

  const control = createServer((request, response) => {
    if (request.method !== 'POST' || request.url !== '/restart') {
      response.writeHead(404).end();
      return;
    }
    server
      .stop()
      .then(() => startDemoServer({ port: server.port, dataDir, env, onOutput }))
      .then((restarted) => {
        server = restarted;
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ url: restarted.url }));
      })
      .catch((error: Error) => response.writeHead(500).end(error.message));
  });
  await new Promise<void>((resolve) => control.listen(0, '127.0.0.1', resolve));
  const controlPort = (control.address() as AddressInfo).port;

  project.provide('demoUrl', server.url);
  project.provide('browserEndpoint', browser.wsEndpoint());
  project.provide('restartUrl', `http://127.0.0.1:${controlPort}/restart`);
  project.provide('demoDataDir', dataDir);
  project.provide('demoLogFile', logFile);

  return async () => {
    control.close();
    await Promise.all([server.stop(), browser.close()]);
    await rm(dataDir, { recursive: true, force: true });
    await rm(path.dirname(logFile), { recursive: true, force: true });
  };
}
