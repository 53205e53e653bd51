// @vitest-environment node
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { JSDOM } from 'jsdom';
import { build, type UserConfig } from 'tsdown';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import configs from '../../tsdown.config';
import { createVendorCloud } from '../create-vendor-cloud';
import type { EmulatorHandle, EmulatorOptions } from '../install-emulator';
import { installSpartezEmulator } from '../spartez-emulator';
import { ada, lifetime, secrets, sign } from './tokens';
import { fetchFrom } from './vendor-cases';

const packageDir = fileURLToPath(new URL('../..', import.meta.url));
let outDir: string;
let script: string;

interface ScriptWindow {
  ChatSSOEmulators: Record<string, (options: EmulatorOptions) => EmulatorHandle>;
  spartezSupportChat: { sso: { login(token: string): Promise<void> } };
}

beforeAll(async () => {
  const scriptBuild = (configs as UserConfig[]).find((config) => config.format === 'iife');
  outDir = await mkdtemp(path.join(tmpdir(), 'chat-sso-emulators-'));
  await build({ ...scriptBuild, cwd: packageDir, outDir, config: false, logLevel: 'silent' });
  script = await readFile(path.join(outDir, 'emulators.iife.js'), 'utf8');
}, 60_000);

afterAll(() => rm(outDir, { recursive: true, force: true }));

describe('the script-tag build', () => {
  it('needs a window: installing without one is a TypeError', () => {
    expect(() => installSpartezEmulator()).toThrow(
      new TypeError('no window to install the emulator on: pass options.window'),
    );
  });

  it('is one self-contained classic script: no imports, no jose', () => {
    expect(script).not.toMatch(/\bimport\s*[{(*"']|\brequire\(/);
    expect(script).not.toContain('jose');
  });

  it('defines window.ChatSSOEmulators in a page, and its widget logs in against the cloud', async () => {
    const dom = new JSDOM('<!doctype html><body></body>', {
      url: 'https://shop.example/',
      runScripts: 'outside-only',
    });
    dom.window.eval(script);
    const page = dom.window as unknown as ScriptWindow;
    expect(Object.keys(page.ChatSSOEmulators).sort()).toEqual([
      'installMedChatEmulator',
      'installOpenWebEmulator',
      'installSpartezEmulator',
      'installTiledeskEmulator',
      'installZendeskEmulator',
    ]);
    const cloud = createVendorCloud('spartez', { secret: secrets.spartez });
    // This test runs in node: the page's window is the only window there is.
    expect('window' in globalThis).toBe(false);
    const handle = page.ChatSSOEmulators.installSpartezEmulator?.({ fetch: fetchFrom(cloud) });
    const token = await sign(
      { email: ada.email, displayName: ada.name, ...lifetime(300) },
      secrets.spartez,
    );
    await page.spartezSupportChat.sso.login(token);
    const shown = dom.window.document.querySelector('[data-testid="widget-identity"]');
    expect(shown?.textContent).toBe(ada.name);
    expect(handle?.state().verified).toBe(true);
  });
});
