// Public API of pipeline/ (re-exported by src/index.ts): model specs as data, their presets, and the
// top-down / one-stage / bottom-up estimators written against onnxruntime-common's InferenceSession.
export type {
  AffineCropSpec,
  BodyPartsOutputSpec,
  CropSpec,
  End2EndDetectorOutputSpec,
  HeatmapDecoder,
  HeatmapOutputSpec,
  LetterboxCropSpec,
  LetterboxRounding,
  ModelColorOrder,
  ModelInputSpec,
  ModelSpec,
  OutputSpec,
  PafOutputSpec,
  SimccOutputSpec,
  StretchCropSpec,
  ThresholdSpec,
  YoloPoseOutputSpec,
  YoloxDetectorOutputSpec,
} from './spec.js';
export { specOutputNames } from './spec.js';
export {
  getModelPreset,
  modelPresets,
  openposeCoco18,
  rtmdetNano,
  rtmpose256x192,
  rtmpose384x288,
  simplePoseBodyParts,
  ultralightSimplePose256x192,
  yolo11nPose,
  yoloxNano,
} from './presets.js';
export type { ModelBinding, PoseSession, SpecCheck } from './session.js';
export { validateModelSpec } from './session.js';
export type { Candidates, End2EndOptions, YoloPoseRowsOptions, YoloxHeadOptions } from './rows.js';
export { decodeYoloPoseRows, decodeYoloxHead, readEnd2EndDetections } from './rows.js';
export type { EstimateOptions, EstimateResult, EstimateTimings, PoseEstimator } from './types.js';
export { instanceScore } from './types.js';
export type { DetectorOptions } from './detector.js';
export type { TopDownConfig, TopDownEstimateOptions, TopDownOptions } from './topdown.js';
export { createTopDownEstimator } from './topdown.js';
export type { OneStageConfig, OneStageOptions } from './onestage.js';
export { createOneStageEstimator } from './onestage.js';
export type { BottomUpConfig, BottomUpOptions } from './bottomup.js';
export { createBottomUpEstimator } from './bottomup.js';
