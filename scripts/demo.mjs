// `npm run demo`: installs the pinned pnpm when missing, the dependencies,
// builds every package and app, then starts the demo server, which prints
// its URLs. PORT and HOST choose where it listens (default 127.0.0.1:3000).
import path from 'node:path';
import { root, run, toolchainEnv } from './toolchain.mjs';

const env = toolchainEnv();

for (const [name, args] of [
  ['install', ['install', '--config.confirmModulesPurge=false']],
  ['build', ['turbo', 'run', 'build', '--output-logs=errors-only']],
]) {
  console.log(`\n▶ ${name}`);
  const code = await run('pnpm', args, { env });
  if (code !== 0) {
    console.error(`\nnpm run demo: the ${name} step failed (exit ${code}).`);
    process.exit(code);
  }
}

console.log('\n▶ demo server (Ctrl-C stops it)');
// Ctrl-C reaches the server too (same process group): wait for it to shut down.
process.on('SIGINT', () => {});
process.exit(
  await run(process.execPath, [path.join(root, 'apps', 'demo-server', 'dist', 'main.js')], { env }),
);
