import { fileURLToPath } from 'node:url';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

/**
 * Tests run against the TypeScript sources of the workspace packages, not their built `dist/`, so a test
 * never sees a stale build. (tsx scripts get the same through the `@posekit/source` export condition.)
 */
export const sourceAliases: Record<string, string> = {
  '@posekit/core': here('./packages/core/src/index.ts'),
  '@posekit/metrics': here('./packages/metrics/src/index.ts'),
  '@posekit/runtime-node': here('./packages/runtime-node/src/index.ts'),
  '@posekit/runtime-web': here('./packages/runtime-web/src/index.ts'),
};
