// Finds the pinned pnpm, or installs it into .tools/ with npm (no global
// install, no corepack), so the README's commands work with only Node and npm.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pinned = JSON.parse(
  readFileSync(path.join(root, 'package.json'), 'utf8'),
).packageManager.split('@')[1];
const toolsBin = path.join(root, '.tools', 'node_modules', '.bin');

function pnpmVersionOnPath(env) {
  try {
    return execFileSync('pnpm', ['--version'], {
      env,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return undefined;
  }
}

/** An environment whose PATH finds the pinned pnpm and the workspace's own bins. */
export function toolchainEnv() {
  const base = {
    ...process.env,
    PATH: `${path.join(root, 'node_modules', '.bin')}${path.delimiter}${process.env.PATH}`,
  };
  if (pnpmVersionOnPath(base) === pinned) return base;
  const local = { ...base, PATH: `${toolsBin}${path.delimiter}${base.PATH}` };
  if (!existsSync(path.join(toolsBin, 'pnpm')) || pnpmVersionOnPath(local) !== pinned) {
    console.log(`Installing pnpm ${pinned} into .tools/ ...`);
    execFileSync(
      'npm',
      [
        'install',
        '--prefix',
        path.join(root, '.tools'),
        '--no-save',
        '--no-package-lock',
        '--no-audit',
        '--no-fund',
        `pnpm@${pinned}`,
      ],
      { stdio: 'inherit', env: base },
    );
  }
  return local;
}

/** Runs a command with inherited output; resolves with its exit code. */
export function run(command, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', ...options });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.on('error', () => resolve(127));
  });
}
