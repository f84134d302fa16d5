import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: ['packages/core', 'packages/metrics', 'packages/runtime-node', 'packages/runtime-web', 'tools/conformance'],
  },
});
