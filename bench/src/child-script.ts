import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

/** Runs one of the benchmark's own scripts in a fresh Node process, talking over IPC. */
export function forkScript(
  name: string,
  args: string[] = [],
  nodeFlags: string[] = [],
): ChildProcess {
  return fork(fileURLToPath(new URL(name, import.meta.url)), args, {
    execArgv: ['--import', 'tsx', ...nodeFlags],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

/** The first message the script sends; an error if it exits first. */
export async function firstMessage<T>(child: ChildProcess, name: string): Promise<T> {
  const [message] = await Promise.race([
    once(child, 'message'),
    once(child, 'exit').then(([code]) => {
      throw new Error(`${name} exited with code ${code} before reporting`);
    }),
  ]);
  return message as T;
}

/** Runs a script that reports one result and exits. */
export async function runScript<T>(name: string, nodeFlags: string[] = []): Promise<T> {
  const child = forkScript(name, [], nodeFlags);
  const exited = once(child, 'exit');
  const result = await firstMessage<T>(child, name);
  await exited;
  return result;
}
