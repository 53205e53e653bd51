import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

/** A real `redis-server` on a loopback port, for tests; nothing is persisted unless asked. */
export interface RedisServer {
  readonly url: string;
  /** Starts it again on the same port (after `stop`), with what it persisted. */
  start(): Promise<void>;
  /** `SIGTERM` by default; `SIGKILL` kills it mid-command, as a crash would. */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** Stops it and deletes its directory. */
  dispose(): Promise<void>;
}

function findRedisServer(): string {
  const candidates = ['/usr/bin/redis-server', ...(process.env.PATH ?? '').split(delimiter)].map(
    (entry) => (entry.endsWith('redis-server') ? entry : join(entry, 'redis-server')),
  );
  const found = candidates.find((candidate) => existsSync(candidate));
  if (found === undefined) {
    throw new Error(
      `redis-server is not installed${process.env.CI ? ' on this CI machine' : ''}: ` +
        'the Redis store tests need it (Debian: apt-get install -y redis-server)',
    );
  }
  return found;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no loopback port');
  return address.port;
}

/** Persisting, every write is on disk before Redis answers it (AOF, fsync always). */
function launch(
  binary: string,
  port: number,
  dir: string,
  persistent: boolean,
): Promise<ChildProcess> {
  const persistence = persistent
    ? ['--appendonly', 'yes', '--appendfsync', 'always']
    : ['--appendonly', 'no'];
  const child = spawn(
    binary,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', ...persistence],
    { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        child.stdout?.off('data', onData);
        child.off('exit', onExit);
        child.stdout?.resume();
        resolve(child);
      }
    };
    const onExit = (code: number | null) =>
      reject(new Error(`redis-server exited with ${code} before it was ready:\n${output}`));
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', onExit);
  });
}

export async function startRedisServer(
  options: { persistent?: boolean } = {},
): Promise<RedisServer> {
  const { persistent = false } = options;
  const binary = findRedisServer();
  const dir = await mkdtemp(join(tmpdir(), 'chat-sso-redis-'));
  const port = await freePort();
  let child: ChildProcess | undefined = await launch(binary, port, dir, persistent);

  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    const running = child;
    child = undefined;
    if (running === undefined || running.exitCode !== null) return;
    await new Promise((resolve) => {
      running.once('exit', resolve);
      running.kill(signal);
    });
  };

  return {
    url: `redis://127.0.0.1:${port}`,
    async start() {
      child ??= await launch(binary, port, dir, persistent);
    },
    stop,
    async dispose() {
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
