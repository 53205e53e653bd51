import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { build, type Plugin } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { describeRefreshStore } from './refresh-store-suite';
import { createMapRefreshStore, type runWebEntry } from './web-entry-scenario';

const source = (name: string) => fileURLToPath(new URL(name, import.meta.url));

/**
 * Bundles `entry` for no runtime in particular (esbuild's `neutral`
 * platform), workspace packages from their sources; `reached` lists every
 * Node builtin an import led to, with or without the `node:` prefix.
 */
async function bundle(entry: string, external: string[] = []) {
  const reached: string[] = [];
  const nodeBuiltins: Plugin = {
    name: 'node-builtins',
    setup(build) {
      build.onResolve({ filter: /.*/ }, ({ path }) => {
        if (!isBuiltin(path)) return undefined;
        reached.push(path);
        return { path, external: true };
      });
    },
  };
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'neutral',
    format: 'esm',
    conditions: ['@chat-sso/source'],
    external,
    plugins: [nodeBuiltins],
    write: false,
    logLevel: 'silent',
  });
  return { reached, code: result.outputFiles[0]!.text };
}

/**
 * Imports a bundled module in a worker thread without `process` or
 * `require`, as in an edge runtime, and returns what its `runWebEntry()`
 * returns. Node's own `Request` and `Response` load lazily and need Node's
 * globals (`Buffer` too, so it stays), so they are loaded first.
 */
function runWithoutNode(moduleUrl: string): Promise<Awaited<ReturnType<typeof runWebEntry>>> {
  const script = `
    const { parentPort, workerData } = require('node:worker_threads');
    void [Request, Response, Headers, crypto.subtle];
    for (const name of ['process', 'require', 'module', 'exports', '__filename', '__dirname']) {
      delete globalThis[name];
    }
    import(workerData)
      .then((scenario) => scenario.runWebEntry())
      .then(
        (result) => parentPort.postMessage({ result, process: typeof globalThis.process }),
        (error) => parentPort.postMessage({ error: String(error) }),
      );
  `;
  const worker = new Worker(script, { eval: true, workerData: moduleUrl });
  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', (message: { result?: never; process?: string; error?: string }) => {
      void worker.terminate();
      if (message.process !== 'undefined') reject(new Error(message.error ?? 'process was there'));
      else resolve(message.result!);
    });
  });
}

describe('@chat-sso/server/web', () => {
  it('bundles for a neutral platform, jose aside, without reaching any Node builtin', async () => {
    const { reached } = await bundle(source('../web.ts'), ['jose']);
    expect(reached).toEqual([]);
  });

  it('is told apart from the main entry, which does reach Node builtins', async () => {
    // ioredis is the Redis store's optional peer, imported only when that store is created.
    const { reached } = await bundle(source('../index.ts'), ['jose', 'ioredis']);
    expect(reached).toEqual(expect.arrayContaining(['node:fs/promises', 'node:stream']));
  });

  describe('where process does not exist, as in an edge runtime', () => {
    let dir: string | undefined;
    afterAll(async () => {
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    it('serves chat tokens and signs in, renews, guards an API and catches a replayed refresh token, with Web Requests only', {
      timeout: 30_000,
    }, async () => {
      const { code, reached } = await bundle(source('./web-entry-scenario.ts'));
      expect(reached).toEqual([]);
      dir = await mkdtemp(join(tmpdir(), 'chat-sso-web-entry-'));
      const file = join(dir, 'web-entry-scenario.mjs');
      await writeFile(file, code);

      expect(await runWithoutNode(pathToFileURL(file).href)).toEqual({
        chatToken: { status: 200, email: 'ada@example.com' },
        anonymous: 401,
        auth: 200,
        reauth: { status: 200, rotated: true },
        api: {
          status: 200,
          user: { id: 'user-1', name: 'Ada Lovelace', email: 'ada@example.com' },
        },
        replay: 401,
        // Reuse detection revoked the whole family, the renewed token with it.
        afterReplay: 401,
      });
    });
  });
});

describeRefreshStore('Map (the web entry scenario’s)', async () => createMapRefreshStore());
