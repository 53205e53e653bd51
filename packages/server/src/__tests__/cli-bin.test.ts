import { execFile } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { spartez } from '@chat-sso/core/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { createVerifier } from '../verifier';
import { type CliRun, inspectArgs, signArgs } from './cli-harness';

const run = promisify(execFile);
const packageDir = fileURLToPath(new URL('../..', import.meta.url));
const bin = path.join(packageDir, 'dist', 'cli.js');
const SECRET = 'B1nS3cR3tF0rSp4wn1ngTh3R34lCl1Xy';
const ADA = '{"email":"ada@example.com","displayName":"Ada"}';

/** Newest modification time of the package's sources, tests excluded. */
function newestSource(dir = path.join(packageDir, 'src')): number {
  return Math.max(
    ...readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.name !== '__tests__')
      .map((entry) => {
        const file = path.join(dir, entry.name);
        return entry.isDirectory() ? newestSource(file) : statSync(file).mtimeMs;
      }),
  );
}

function isFresh(): boolean {
  try {
    return statSync(bin).mtimeMs >= newestSource();
  } catch {
    return false;
  }
}

/** Runs the built bin as a user would, with a bounded time; resolves with its exit code and output. */
async function chatSso(args: string[]): Promise<CliRun> {
  try {
    const { stdout, stderr } = await run(bin, args, { timeout: 20_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as CliRun;
    return { code, stdout, stderr };
  }
}

describe('the chat-sso bin (dist/cli.js)', () => {
  beforeAll(async () => {
    // `npm test` builds first; a run on its own builds here when the bin is missing or stale.
    if (!isFresh()) {
      await run(
        'pnpm',
        ['exec', 'turbo', 'run', 'build', '--filter=@chat-sso/server', '--output-logs=errors-only'],
        {
          cwd: path.join(packageDir, '../..'),
          timeout: 180_000,
        },
      );
    }
  }, 200_000);

  it('signs a token that inspects as valid, through the shebang, exit 0', async () => {
    const signed = await chatSso(signArgs('spartez', SECRET, ADA));
    expect(signed).toMatchObject({ code: 0, stderr: '' });
    const token = signed.stdout.trim();
    await expect(
      createVerifier({ contract: spartez, secret: SECRET }).verify(token),
    ).resolves.toBeDefined();
    const inspected = await chatSso(inspectArgs(token, 'spartez', '--secret', SECRET, '--json'));
    expect(inspected.code).toBe(0);
    expect(JSON.parse(inspected.stdout)).toMatchObject({ valid: true, signature: { ok: true } });
  });

  it('exits 1 for an invalid token', async () => {
    const signed = await chatSso(signArgs('spartez', SECRET, ADA));
    const inspected = await chatSso(
      inspectArgs(signed.stdout.trim(), 'spartez', '--secret', `${SECRET}x`),
    );
    expect(inspected.code).toBe(1);
    expect(inspected.stdout).toContain('✘ the signature does not match');
  });

  it('exits 2 with one line and no stack trace on bad input', async () => {
    const result = await chatSso(signArgs('spartez', SECRET, '{oops'));
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^chat-sso: --claims is not valid JSON: [^\n]+\n$/);
  });
});
