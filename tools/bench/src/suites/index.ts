import type { Suite } from '../harness.js';

/** Every benchmark suite by name (`pnpm bench <name>`). Each suite lives in its own file in this folder. */
export const suites: Record<string, () => Promise<Suite>> = {
  decode: async () => (await import('./decode.js')).suite,
  coco: async () => (await import('./coco.js')).suite,
  nms: async () => (await import('./nms.js')).suite,
  group: async () => (await import('./group.js')).suite,
  pipeline: async () => (await import('./pipeline.js')).suite,
  image: async () => (await import('./image.js')).suite,
  track: async () => (await import('./track.js')).suite,
  smooth: async () => (await import('./smooth.js')).suite,
};
