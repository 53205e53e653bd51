import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const demoServerMain = fileURLToPath(
  new URL('../../apps/demo-server/dist/main.js', import.meta.url),
);

export interface DemoServerProcess {
  /** e.g. `http://127.0.0.1:41234/` */
  url: string;
  port: number;
  stop(): Promise<void>;
}

const READY = /listening on (http:\/\/\S+)/;

/**
 * Starts the built demo server as `npm run demo` does, on 127.0.0.1 and the
 * given port (0: any free one), and resolves once it prints its address.
 */
export function startDemoServer(options: {
  port: number;
  dataDir: string;
  /** More environment for the server, e.g. `ACCESS_TTL`. */
  env?: Record<string, string>;
  /** Gets everything the server prints, stdout and stderr; otherwise its log is drained unread. */
  onOutput?(text: string): void;
}): Promise<DemoServerProcess> {
  if (!existsSync(demoServerMain)) {
    throw new Error(`${demoServerMain} is missing: build first (pnpm turbo run build)`);
  }
  const child = spawn(process.execPath, [demoServerMain], {
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(options.port),
      DATA_DIR: options.dataDir,
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let ready = false;
  return new Promise((resolve, reject) => {
    const fail = (reason: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`the demo server did not start: ${reason}\n${output}`));
    };
    const timer = setTimeout(() => fail('no address printed within 20 s'), 20_000);
    child.on('exit', (code, signal) => {
      if (!ready) fail(`it exited (${signal ?? code})`);
    });
    // Once started its request log goes to onOutput, or is drained unread, so the pipe never fills.
    child.stderr?.on('data', (chunk) => {
      options.onOutput?.(String(chunk));
      if (!ready) output += chunk;
    });
    child.stdout?.on('data', (chunk) => {
      options.onOutput?.(String(chunk));
      if (ready) return;
      output += chunk;
      const url = READY.exec(output)?.[1];
      if (!url) return;
      ready = true;
      clearTimeout(timer);
      resolve({ url, port: Number(new URL(url).port), stop: () => stop(child) });
    });
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
