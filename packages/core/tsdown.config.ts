import { defineConfig } from 'tsdown';

export default defineConfig({
  entry: ['src/index.ts', 'src/contracts/index.ts', 'src/auth-fetch.ts', 'src/widgets/*.ts'],
  format: 'esm',
  platform: 'neutral',
  dts: true,
  fixedExtension: false,
  unbundle: false,
  sourcemap: false,
});
