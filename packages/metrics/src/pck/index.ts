// Public API of pck/ (re-exported by src/index.ts): dataset-level PCK family, curves and plots.
export { pckDatasetFromSamples } from './dataset.js';
export type { PckDataset, PckSample, PckDatasetOptions } from './dataset.js';
export { evaluatePck, evaluateMpiiPckh, evaluateJhmdbPck, MPII_PARTS, JHMDB_PARTS } from './accuracy.js';
export type {
  PckNormItem,
  PckOptions,
  PckAccuracyResult,
  MpiiPckhOptions,
  MpiiPckhResult,
  JhmdbPartStats,
  JhmdbPckResult,
} from './accuracy.js';
export { evaluateAuc, evaluateEpe, evaluateNme, DEFAULT_NME_KEYPOINT_INDICES } from './distance.js';
export type { AucOptions, AucResult, NmeOptions, NmeResult } from './distance.js';
export { pckCurve, evaluatePdj } from './curve.js';
export type { PckCurve, PckCurveOptions, PdjEvalOptions } from './curve.js';
export { evaluatePcp, PCP_LIMBS_COCO17, PCP_LIMBS_MPII16 } from './pcp.js';
export type { Limb, LimbSet, PcpOptions, PcpResult } from './pcp.js';
export { pckCurveSvg } from './plot.js';
export type { PlotSeries, PckCurveSvgOptions } from './plot.js';
