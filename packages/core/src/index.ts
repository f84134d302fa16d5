/**
 * `@posekit/core`: pose post-processing in pure TypeScript.
 *
 * Heatmap / SimCC / integral decoding, pose-NMS (RMPE parametric, OKS, soft-OKS, box), bottom-up grouping
 * (OpenPose PAF, Simple Pose body parts), top-down affine math, per-instance metric kernels (OKS, PCK, PDJ),
 * keypoint layouts as data, and the top-down / one-stage / bottom-up estimators written against
 * onnxruntime-common's `InferenceSession`. No I/O, no DOM, no globals: the same code runs in Node, browsers,
 * workers and notebooks.
 *
 * @packageDocumentation
 */
export * from './errors.js';
export * from './tensor.js';
export * from './tensor-ndarray.js';
export * from './types.js';
export * from './layouts/index.js';
export * from './affine/index.js';
export * from './image/index.js';
export * from './decode/index.js';
export * from './nms/index.js';
export * from './group/index.js';
export * from './metrics/index.js';
export * from './pipeline/index.js';
export * from './render/index.js';
export * from './track/index.js';
export * from './smooth/index.js';
