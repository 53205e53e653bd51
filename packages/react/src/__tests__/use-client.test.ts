// @vitest-environment node
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'tsdown';
import { afterAll, describe, expect, it } from 'vitest';
import config from '../../tsdown.config';

const outDir = await mkdtemp(path.join(tmpdir(), 'chat-sso-react-'));
afterAll(() => rm(outDir, { recursive: true, force: true }));

describe('the published build', () => {
  it("keeps the 'use client' directive at the top of the bundle", async () => {
    // The package's own tsdown config, written elsewhere and without types.
    await build({
      ...config,
      config: false,
      cwd: path.resolve(import.meta.dirname, '../..'),
      outDir,
      dts: false,
      logLevel: 'silent',
    });
    const bundle = await readFile(path.join(outDir, 'index.js'), 'utf8');
    expect(bundle.startsWith('"use client";\n')).toBe(true);
  }, 30_000);
});
