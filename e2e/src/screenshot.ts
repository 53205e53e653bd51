// `pnpm --filter @chat-sso/e2e screenshot [react|vue|angular]`: signs ada into
// the built app on a fresh demo server and saves docs/screenshots/<app>.png.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumArgs, chromiumPath } from '@chat-sso/chromium';
import { chromium } from 'playwright-core';
import { startDemoServer } from './demo-server-process';

const app = process.argv[2] ?? 'react';
const output = fileURLToPath(new URL(`../../docs/screenshots/${app}.png`, import.meta.url));
const dataDir = await mkdtemp(path.join(tmpdir(), 'chat-sso-screenshot-'));
const server = await startDemoServer({ port: 0, dataDir });
const browser = await chromium.launch({
  executablePath: chromiumPath,
  headless: true,
  args: chromiumArgs,
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.goto(new URL(`${app}/?vendor=medchat`, server.url).href);
  await page.getByTestId('username').fill('ada');
  await page.getByTestId('password').fill('demo');
  await page.getByTestId('sign-in').click();
  await page
    .locator('[data-testid="widget-identity"][data-verified="true"]')
    .waitFor({ timeout: 10_000 });
  await page.getByTestId('api-call').click();
  await page.getByTestId('api-result').filter({ hasText: 'Ada Lovelace' }).waitFor();
  await page.screenshot({ path: output });
  console.log(`saved ${path.relative(process.cwd(), output)}`);
} finally {
  await browser.close();
  await server.stop();
  await rm(dataDir, { recursive: true, force: true });
}
