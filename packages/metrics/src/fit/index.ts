// Fitting the parametric pose-NMS to data (RMPE's data-driven parameters).
export {
  fitPoseNms,
  poseNmsResults,
  POSE_NMS_SEARCH_SPACE,
  type FitPoseNmsOptions,
  type FitPoseNmsResult,
  type PoseNmsCocoResult,
  type PoseNmsFitEvaluation,
  type PoseNmsFitParam,
  type PoseNmsImageCandidates,
  type PoseNmsSearchSpace,
} from './pose-nms-fit.js';
export { syntheticPoseNmsSet, type SyntheticCocoGt, type SyntheticPoseNmsSet, type SyntheticPoseNmsSetOptions } from './synthetic.js';
