import { defaultClientConditions, defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * Every package's tests resolve workspace packages to their TypeScript sources
 * (the `@chat-sso/source` export condition), so no build is needed to test.
 */
export const sharedConfig = defineConfig({
  resolve: { conditions: ['@chat-sso/source', ...defaultClientConditions] },
  ssr: { resolve: { conditions: ['@chat-sso/source', ...defaultServerConditions] } },
  test: {
    restoreMocks: true,
  },
});
