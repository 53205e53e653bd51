import { existsSync } from 'node:fs';

/** Debian's Chromium, or the one `CHROME_PATH` names. */
export const chromiumPath = process.env.CHROME_PATH || '/usr/bin/chromium';

/**
 * Quiet, sandbox-free headless Chromium, as on CI machines. Playwright adds a
 * fresh temporary user-data dir of its own to every launch.
 */
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function hasChromium(): boolean {
  return existsSync(chromiumPath);
}
