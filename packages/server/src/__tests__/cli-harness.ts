import type { Clock } from '../clock';
import { runCli } from '../run-cli';

/** How one run of the CLI ended: its exit code and everything it wrote. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process on `argv`, collecting what it writes; `now` stands in for the system clock. */
export async function captureCli(argv: readonly string[], now?: Clock): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    now,
  });
  return { code, stdout, stderr };
}

/** `sign --vendor V --secret S --claims JSON`, then any further options. */
export const signArgs = (vendor: string, secret: string, claims: string, ...options: string[]) => [
  'sign',
  '--vendor',
  vendor,
  '--secret',
  secret,
  '--claims',
  claims,
  ...options,
];

/** `inspect TOKEN --vendor V`, then any further options. */
export const inspectArgs = (token: string, vendor: string, ...options: string[]) => [
  'inspect',
  token,
  '--vendor',
  vendor,
  ...options,
];
