/**
 * Keypoint layouts as data: names, skeletons, flip permutations and OKS sigmas of the datasets posekit supports.
 *
 * @module
 */
export type { KeypointLayout } from './types.js';
export { getLayout, listLayouts, registerLayout, validateLayout } from './registry.js';
export { COCO17, COCO_WHOLEBODY133 } from './data/coco.js';
export { HALPE26, HALPE136 } from './data/halpe.js';
export { MPII16, CROWDPOSE14, AIC14 } from './data/body.js';
export { OPENPOSE_COCO18, OPENPOSE_BODY25 } from './data/openpose.js';
export { HAND21, FACE68 } from './data/handface.js';
