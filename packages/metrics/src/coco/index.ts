// Public API of coco/ (re-exported by src/index.ts).
export {
  linspace,
  COCO17_SIGMAS,
  COCO_IOU_THRS,
  COCO_REC_THRS,
  COCO_KEYPOINT_STATS_NAMES,
  resolveCocoParams,
  type CocoEvalParams,
  type CocoEvalParamsInput,
} from './params.js';
export { loadCocoDataset, type CocoDataset, type CocoCategory, type CocoGtAnnotations, type LoadCocoDatasetOptions } from './dataset.js';
export { loadCocoResults, type CocoResults, type LoadCocoResultsOptions } from './results.js';
export { formatSummary, type FormatSummaryOptions } from './summarize.js';
export {
  CocoKeypointsEvaluator,
  evaluateKeypoints,
  type CocoKeypointsEvaluation,
  type CocoEvalImage,
  type CocoOksMatrix,
  type CocoPerKeypoint,
  type CocoEvalTimings,
  type CocoEvalOptions,
  type CocoGtInput,
  type CocoResultsInput,
  type Float64Table,
} from './evaluator.js';
export { prCurves, type PrCurve, type PrCurveSet, type PrCurvesOptions } from './curves.js';
