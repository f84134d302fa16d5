/**
 * Top-down affine math: 2x3 matrices, box -> center / scale, warp matrices (MMPose, HRNet, AlphaPose, UDP),
 * back-projection, the RMPE spatial (de-)transformer, and flip-test helpers.
 *
 * @module
 */
export type { Affine2x3, Affine2x3Like, NumArray, Vec2Like } from './matrix.js';
export {
  createAffine,
  identityAffine,
  invertAffine,
  multiplyAffine,
  transformPoint,
  transformPoints,
  cvTransformPoints,
  getAffineTransform,
} from './matrix.js';
export { bboxXyxyToCs, bboxXywhToCs, bboxCsToXyxy, fixAspectRatio, xywhToCs, boxToCenterScale, centerScaleToBox } from './bbox.js';
export type { WarpConvention } from './warp.js';
export { getWarpMatrix, getUdpWarpMatrix } from './warp.js';
export { topdownBackProject, transformPreds, alphaposeBackProject } from './backproject.js';
export { transformBox, transformBoxInvert, cropBoxMatrix, rmpeCropBoxMatrix } from './rmpe.js';
export {
  flipIndicesFromPairs,
  flipKeypoints,
  flipCoordinates,
  flipBbox,
  flipHeatmaps,
  flipHeatmapAlphaPose,
  flipVectors,
  fliplrJoints,
  flipJoints3d,
} from './flip.js';
