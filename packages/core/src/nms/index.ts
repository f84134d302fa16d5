// Public API of nms/ (re-exported by src/index.ts): parametric pose-NMS (AlphaPose / RMPE), MMPose OKS,
// OKS-NMS, soft-OKS-NMS, rescoring and box NMS.
export { POSE_NMS_DEFAULTS, POSE_NMS_FULLBODY_REGRESSION, type PoseNmsParams } from './params.js';
export { poseNms, poseNmsToPoses } from './pose-nms.js';
export type { PoseNmsInput, PoseNmsOptions, PoseNmsResult, PoseNmsTraceStep } from './pose-nms-types.js';
export { oksIou, type OksOptions } from './oks.js';
export { oksNms, softOksNms, rescore, type OksNmsInput, type OksNmsOptions, type SoftOksNmsOptions } from './oks-nms.js';
export { boxNms, type BoxNmsOptions } from './box-nms.js';
