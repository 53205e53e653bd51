import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { contentType } from './content-types';
import { escapeHtml, htmlPage } from './html-page';

export interface StaticApp {
  /** e.g. `react`: served under `/react/`. */
  name: string;
  /** The package that builds it, e.g. `@chat-sso/react-demo`. */
  packageName: string;
  /** Its build output, holding `index.html`. */
  dir: string;
}

async function isFile(file: string): Promise<boolean> {
  return (await stat(file).catch(() => undefined))?.isFile() ?? false;
}

/** Whether the app's build output is there. */
export function isBuilt(app: StaticApp): Promise<boolean> {
  return isFile(path.join(app.dir, 'index.html'));
}

function missingBuild(app: StaticApp): Response {
  return htmlPage(
    503,
    `The ${app.name} app is not built`,
    `<h1>The ${escapeHtml(app.name)} app is not built</h1>
<p>There is no <code>${escapeHtml(path.join(app.dir, 'index.html'))}</code>.</p>
<p>Build it with <code>pnpm --filter ${escapeHtml(app.packageName)} build</code>, or run <code>npm run demo</code>, which builds everything.</p>
<p><a href="/">Back to the demo</a></p>`,
  );
}

async function sendFile(file: string): Promise<Response> {
  // Vite and Angular put content hashes in asset names, so those never change.
  const hashed = /[.-][A-Za-z0-9_-]{8,}\.(js|css|woff2|png|svg)$/.test(file);
  return new Response((await readFile(file)) as Uint8Array<ArrayBuffer>, {
    headers: {
      'content-type': contentType(file),
      'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
    },
  });
}

/**
 * Serves a built single-page app: its files, and `index.html` for any other
 * path without a file extension so client-side routes survive a reload.
 */
export async function serveStaticApp(app: StaticApp, subpath: string): Promise<Response> {
  if (!(await isBuilt(app))) return missingBuild(app);
  const index = path.join(app.dir, 'index.html');
  const decoded = decodePath(subpath);
  if (decoded !== undefined) {
    // Normalizing under a leading `/` drops every `..`, so the file stays inside the app.
    const file = path.join(app.dir, path.posix.normalize(`/${decoded}`));
    if (await isFile(file)) return sendFile(file);
    if (path.extname(decoded) === '') return sendFile(index);
  }
  return htmlPage(404, 'Not found', '<h1>Not found</h1><p><a href="/">Back to the demo</a></p>');
}

function decodePath(subpath: string): string | undefined {
  try {
    const decoded = decodeURIComponent(subpath);
    return decoded.includes('\0') ? undefined : decoded;
  } catch {
    return undefined;
  }
}
