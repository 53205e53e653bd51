// `npm test`: installs the toolchain and dependencies, builds, then runs every
// check and test suite and ends with one line `N passed, N failed` over all.
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { root, run, toolchainEnv } from './toolchain.mjs';

const env = { ...toolchainEnv(), FORCE_COLOR: process.env.FORCE_COLOR ?? '1' };
const reports = path.join(root, '.test-reports');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

let passed = 0;
let failed = 0;
const failures = [];

function finish(code) {
  if (failures.length) console.log(`\nFailed: ${failures.join('; ')}`);
  console.log(`\n${passed} passed, ${failed} failed`);
  process.exit(code);
}

/** A step that must succeed for anything after it to mean something. */
async function setup(name, args) {
  console.log(`\n▶ ${name}`);
  if ((await run('pnpm', args, { env })) !== 0) {
    failed += 1;
    failures.push(name);
    finish(1);
  }
}

/** A check that counts as one test. */
async function check(name, args) {
  console.log(`\n▶ ${name}`);
  const ok = (await run('pnpm', args, { env })) === 0;
  if (ok) passed += 1;
  else {
    failed += 1;
    failures.push(name);
  }
}

/** A vitest run whose individual tests are counted from its JSON report. */
async function suite(name, args, reportName) {
  console.log(`\n▶ ${name}`);
  const report = path.join(reports, `${reportName}.json`);
  const code = await run(
    'pnpm',
    [...args, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`],
    { env },
  );
  if (!existsSync(report)) {
    failed += 1;
    failures.push(`${name} (no report)`);
    return;
  }
  const result = JSON.parse(readFileSync(report, 'utf8'));
  passed += result.numPassedTests;
  failed += result.numFailedTests;
  if (result.numTotalTests === 0) {
    failed += 1;
    failures.push(`${name} ran no test`);
  } else if (code !== 0 && result.numFailedTests === 0) {
    failed += 1;
    failures.push(`${name} (exit ${code})`);
  } else if (result.numFailedTests > 0) failures.push(name);
}

const ci = process.env.CI === 'true' || process.env.CI === '1';

/** Whether a system program the tests drive is installed (CI installs both). */
function installed(program, fallback) {
  const onPath = (process.env.PATH ?? '')
    .split(path.delimiter)
    .map((dir) => path.join(dir, program));
  return [fallback, ...onPath].some((candidate) => candidate && existsSync(candidate));
}

/**
 * Outside CI a missing system program makes its suite say it did not run and
 * why; in CI it is a failure, never a silent skip.
 */
function requireProgram(what, available, install) {
  if (available) return true;
  const why = `${what} did not run: ${install}`;
  if (ci) {
    failed += 1;
    failures.push(why);
  } else console.log(`\n⚠ ${why}`);
  return false;
}

const chromium = process.env.CHROME_PATH || '/usr/bin/chromium';
const hasRedis = requireProgram(
  'the Redis store tests',
  installed('redis-server', '/usr/bin/redis-server'),
  'no redis-server (Debian: apt-get install -y redis-server)',
);
const hasChromium = requireProgram(
  'the browser end-to-end tests',
  installed('chromium', chromium),
  `no Chromium at ${chromium} (Debian: apt-get install -y chromium, or set CHROME_PATH)`,
);
await setup('install', [
  'install',
  ...(ci ? ['--frozen-lockfile'] : []),
  '--config.confirmModulesPurge=false',
]);
await setup('build', ['turbo', 'run', 'build', '--output-logs=errors-only']);
await check('lint and format (biome)', ['biome', 'check', '.']);
await check('typecheck', ['turbo', 'run', 'typecheck', '--output-logs=errors-only']);
await suite(
  'unit and integration tests',
  ['vitest', 'run', ...(hasRedis ? [] : ['--exclude', '**/*redis*.test.ts'])],
  'unit',
);
await check('size budgets (size-limit)', ['turbo', 'run', 'size', '--output-logs=errors-only']);
await check('package checks (publint, attw)', [
  'turbo',
  'run',
  'check:package',
  '--output-logs=errors-only',
]);
if (hasChromium) {
  await suite(
    'browser end-to-end tests',
    ['--filter', '@chat-sso/e2e', 'exec', 'vitest', 'run'],
    'e2e',
  );
}
finish(failed === 0 ? 0 : 1);
