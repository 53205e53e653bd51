import { defineConfig } from 'tsdown';

export default defineConfig({
  entry: ['src/index.ts', 'src/web.ts', 'src/cli.ts'],
  format: 'esm',
  platform: 'node',
  dts: true,
  fixedExtension: false,
  unbundle: false,
  sourcemap: false,
});
