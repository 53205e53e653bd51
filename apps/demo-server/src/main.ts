import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { demoApps, signInHint } from '@chat-sso/demo-shared';
import { startDemoServer } from './demo-server';

// dist/main.js (and src/main.ts) sit one level below the package.
const packageDir = fileURLToPath(new URL('..', import.meta.url));

function fail(message: string): never {
  console.error(`chat-sso demo: ${message}`);
  process.exit(1);
}

function wholeNumber(name: string, fallback: number, min: number, max: number): number {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) {
    fail(`${name}=${text} is not a whole number from ${min} to ${max}`);
  }
  return value;
}

const port = wholeNumber('PORT', 3000, 0, 65_535);
const host = process.env.HOST || '127.0.0.1';
const dataDir = path.resolve(process.env.DATA_DIR || path.join(packageDir, '.data'));
const accessTtl = wholeNumber('ACCESS_TTL', 60, 5, 15 * 60);

const server = await startDemoServer({
  port,
  host,
  dataDir,
  appsDir: path.dirname(packageDir),
  accessTtl,
  log: (line) => console.log(line),
}).catch((error: NodeJS.ErrnoException) =>
  fail(
    error.code === 'EADDRINUSE'
      ? `${host}:${port} is in use; choose another with PORT=…`
      : `could not start (${error.code ?? error.message})`,
  ),
);

console.log(`chat-sso demo listening on ${server.origin}/`);
for (const app of demoApps)
  console.log(`  ${`${app.label}:`.padEnd(9)} ${server.origin}${app.path}`);
console.log(`${signInHint} Ctrl-C stops the server.`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void server.close().then(() => process.exit(0));
  });
}
