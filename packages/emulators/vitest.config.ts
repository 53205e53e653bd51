import { defineProject, mergeConfig } from 'vitest/config';
import { sharedConfig } from '../../vitest.shared';

// Widget tests opt into jsdom per file (`// @vitest-environment jsdom`); the
// vendor clouds and the identity provider run in node, as they do in a server.
export default mergeConfig(
  sharedConfig,
  defineProject({ test: { name: 'emulators', environment: 'node' } }),
);
