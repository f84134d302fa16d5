// Public API of group/ (re-exported by src/index.ts): bottom-up grouping (OpenPose PAFs, Improved-Body-Parts).
export type {
  MapTensor,
  PeakCandidates,
  LimbConnections,
  GroupingResult,
  OpenPoseGrouping,
  BodyPartsGrouping,
  GroupingLayout,
} from './types.js';
export { groupOpenPose } from './openpose.js';
export type { OpenPoseOptions } from './openpose.js';
export { groupBodyParts } from './body-parts.js';
export type { BodyPartsOptions } from './body-parts.js';
export {
  COCO18_TO_COCO17,
  OPENPOSE_LIMB_SEQ,
  OPENPOSE_MAP_IDX,
  BODY_PARTS_LIMBS,
} from './layouts.js';
export { resizeBicubic } from './resize.js';
