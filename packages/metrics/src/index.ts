/**
 * `@posekit/metrics`: dataset-level pose evaluation. COCO keypoint AP/AR exactly as pycocotools computes it,
 * PCK / PCKh / PDJ / PCP / AUC / EPE / NME, per-keypoint breakdowns, curves, tables and SVG plots.
 *
 * @packageDocumentation
 */
export * from './coco/index.js';
export * from './pck/index.js';
export * from './report/index.js';
export * from './fit/index.js';
