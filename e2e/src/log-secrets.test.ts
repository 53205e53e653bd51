import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { expect, inject, it } from 'vitest';
import { newContext } from './browser';
import { ada, DemoPage, grace, vendors } from './demo-page';
import { describeEachApp } from './each-app';

/** Every value of the run that must stay out of the logs, and every log line the browser wrote. */
interface Watch {
  secrets: Set<string>;
  browserLog: string[];
  /** Answers still being read. */
  reading: Promise<void>[];
  /** The security headers the app's page came with. */
  pageHeaders: Record<string, string>[];
}

/** Collects the page's console and errors, and every token it receives or sends. */
function watch(page: Page, into: Watch): void {
  page.on('console', (message) =>
    into.browserLog.push(`console.${message.type()}: ${message.text()}`),
  );
  page.on('pageerror', (error) =>
    into.browserLog.push(`pageerror: ${error.stack ?? error.message}`),
  );
  page.on('request', (request) => {
    const authorization = request.headers().authorization;
    if (authorization) into.secrets.add(authorization.replace(/^Bearer\s+/i, ''));
  });
  page.on('response', (response) => {
    if (response.request().resourceType() === 'document') into.pageHeaders.push(response.headers());
    if (!/\/(api\/chat-token|system\/auth|system\/reauth)\b/.test(response.url())) return;
    into.reading.push(
      response.json().then(
        (body: Record<string, unknown>) => {
          for (const key of ['token', 'authentication', 'refresh']) {
            if (typeof body[key] === 'string') into.secrets.add(body[key]);
          }
        },
        () => undefined,
      ),
    );
  });
}

async function addCookies(context: BrowserContext, into: Watch): Promise<void> {
  for (const cookie of await context.cookies()) into.secrets.add(cookie.value);
}

describeEachApp('logs', (app) => {
  it('a run through every vendor, the API, a switch and a sign-out logs no secret, token, refresh token or session cookie, and breaks no CSP rule', {
    timeout: 180_000,
  }, async () => {
    const seen: Watch = { secrets: new Set(), browserLog: [], reading: [], pageHeaders: [] };
    const context = await newContext();
    const page = await context.newPage();
    watch(page, seen);
    const demo = new DemoPage(page, app);

    await demo.goto({ vendor: vendors[0] });
    await demo.signIn(ada);
    for (const vendor of vendors) {
      await demo.goto({ vendor });
      await demo.expectWidget(ada.name, true);
    }
    await demo.callApi();
    await demo.expectAccessTokenExpired();
    await demo.callApi();
    await addCookies(context, seen);
    await demo.switchUser(grace);
    await demo.expectWidget(grace.name, true);
    await addCookies(context, seen);
    await demo.signOut();
    await demo.expectWidget('Anonymous', false);
    await Promise.all(seen.reading);

    const secretsFile = path.join(inject('demoDataDir'), 'secrets.json');
    for (const secret of Object.values(JSON.parse(readFileSync(secretsFile, 'utf8')))) {
      seen.secrets.add(String(secret));
    }
    const serverLog = readFileSync(inject('demoLogFile'), 'utf8');
    // The capture is real: the requests of this run are in it, and tokens were seen.
    expect(serverLog).toMatch(/GET \/system\/reauth 200/);
    expect(seen.secrets.size).toBeGreaterThan(10);
    const logs = `${serverLog}\n${seen.browserLog.join('\n')}`;
    const leaked = [...seen.secrets].filter((secret) => logs.includes(secret));
    expect(leaked).toEqual([]);

    // The apps and the emulated widgets run under the demo's CSP: nothing refused.
    expect(
      seen.browserLog.filter((line) => /Content Security Policy|Refused to/i.test(line)),
    ).toEqual([]);
    expect(seen.pageHeaders.length).toBeGreaterThan(0);
    for (const headers of seen.pageHeaders) {
      expect(headers['content-security-policy']).toContain("script-src 'self'");
      expect(headers['x-content-type-options']).toBe('nosniff');
      expect(headers['referrer-policy']).toBe('same-origin');
    }
  });
});
