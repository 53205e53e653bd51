import { defineProject, mergeConfig } from 'vitest/config';
import { sharedConfig } from '../../vitest.shared';

export default mergeConfig(
  sharedConfig,
  defineProject({
    test: {
      name: 'angular',
      environment: 'jsdom',
      setupFiles: ['./src/__tests__/setup.ts'],
    },
  }),
);
