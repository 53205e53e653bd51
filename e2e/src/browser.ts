import { type Browser, type BrowserContext, chromium } from 'playwright-core';
import { inject, onTestFinished } from 'vitest';

let browser: Promise<Browser> | undefined;

/**
 * A fresh browser context (its own cookies, storage and tabs) in the one
 * Chromium the global setup started; closed when the test finishes.
 */
export async function newContext(): Promise<BrowserContext> {
  browser ??= chromium.connect(inject('browserEndpoint'));
  const context = await (await browser).newContext();
  onTestFinished(() => context.close());
  return context;
}
