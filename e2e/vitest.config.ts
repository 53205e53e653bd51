import { defineConfig } from 'vitest/config';

// Not one of the root's projects: this suite needs the built apps and a browser,
// so `npm test` runs it on its own after the build.
export default defineConfig({
  test: {
    name: 'e2e',
    include: ['src/**/*.test.ts'],
    globalSetup: ['./src/global-setup.ts'],
    // One demo server and one browser serve every file; its faults are global,
    // so files take turns.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
