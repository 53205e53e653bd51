import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStaticApp } from '../static-app';

describe('serveStaticApp', () => {
  let root: string;
  let app: { name: string; packageName: string; dir: string };

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'demo-static-'));
    app = { name: 'react', packageName: '@chat-sso/react-demo', dir: path.join(root, 'dist') };
    await mkdir(path.join(app.dir, 'assets'), { recursive: true });
    await writeFile(path.join(app.dir, 'index.html'), '<title>app</title>');
    await writeFile(path.join(app.dir, 'assets', 'index-Bq3xY9zA.js'), 'console.log(1)');
    await writeFile(path.join(root, 'secret.txt'), 'outside the app');
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('serves a built file with its content type, hashed assets as immutable', async () => {
    const response = await serveStaticApp(app, 'assets/index-Bq3xY9zA.js');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('cache-control')).toContain('immutable');
    expect(await response.text()).toBe('console.log(1)');
  });

  it('answers index.html for client-side routes, so a reload keeps working', async () => {
    for (const subpath of ['', 'settings', 'a/b/c']) {
      const response = await serveStaticApp(app, subpath);
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(await response.text()).toBe('<title>app</title>');
    }
  });

  it('answers 404 for a missing file that has an extension', async () => {
    expect((await serveStaticApp(app, 'assets/missing.js')).status).toBe(404);
  });

  it('never serves a file outside the app, however the path is spelled', async () => {
    for (const subpath of ['../secret.txt', '..%2fsecret.txt', '%2e%2e/secret.txt', 'a%00.js']) {
      const response = await serveStaticApp(app, subpath);
      expect(await response.text()).not.toContain('outside the app');
    }
  });

  it('explains which build is missing when the app was not built', async () => {
    const missing = { ...app, dir: path.join(root, 'nothing-here') };
    const response = await serveStaticApp(missing, '');
    expect(response.status).toBe(503);
    const page = await response.text();
    expect(page).toContain('The react app is not built');
    expect(page).toContain('pnpm --filter @chat-sso/react-demo build');
  });
});
