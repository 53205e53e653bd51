import { defineConfig } from 'tsdown';

// One self-contained file: the workspace packages are bundled from their
// sources (the `@chat-sso/source` condition) with jose, so the built server
// imports nothing but Node built-ins and never reads another package's dist code.
export default defineConfig({
  entry: ['src/main.ts'],
  format: 'esm',
  platform: 'node',
  dts: false,
  fixedExtension: false,
  sourcemap: false,
  noExternal: [/^@chat-sso\//, 'jose'],
  inputOptions: { resolve: { conditionNames: ['@chat-sso/source', 'import', 'node', 'default'] } },
});
