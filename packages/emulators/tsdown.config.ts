import { defineConfig } from 'tsdown';

export default defineConfig([
  {
    // ESM for bundlers and servers: browser-safe widgets, and the Node/edge-side clouds.
    entry: ['src/index.ts', 'src/cloud.ts'],
    format: 'esm',
    platform: 'neutral',
    dts: true,
    fixedExtension: false,
    sourcemap: false,
  },
  {
    // One classic script for a plain <script> tag: defines window.ChatSSOEmulators.
    entry: { emulators: 'src/browser-global.ts' },
    format: 'iife',
    globalName: 'ChatSSOEmulators',
    platform: 'browser',
    dts: false,
    minify: true,
    clean: false,
    fixedExtension: false,
    sourcemap: false,
  },
]);
