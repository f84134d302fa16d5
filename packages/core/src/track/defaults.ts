/**
 * Default tracker parameters: tfjs-models pose-detection `src/movenet/constants.ts`
 * (`DEFAULT_KEYPOINT_TRACKER_CONFIG`, `DEFAULT_BOUNDING_BOX_TRACKER_CONFIG`), with `maxAgeSec` in seconds.
 *
 * @module
 */
import { COCO17 } from '../layouts/data/coco.js';
import type { ResolvedPoseTrackerOptions } from './types.js';

/**
 * Defaults of the `'keypoints'` tracker, tfjs `DEFAULT_KEYPOINT_TRACKER_CONFIG`:
 *
 * - `maxTracks` 18,
 * - `maxAgeSec` 1 s (tfjs: 1000 ms),
 * - `minSimilarity` 0.2,
 * - `keypointConfidenceThreshold` 0.3,
 * - `keypointFalloff` the COCO-17 sigmas of the `coco17` layout (tfjs writes them as decimals, `0.026, 0.025,
 *   ...`; the layout holds pycocotools' `[.26, .25, ...] / 10`, which differ from those decimals by at most one
 *   unit in the last place),
 * - `minNumberOfKeypoints` 4.
 */
export const KEYPOINT_TRACKER_DEFAULTS: Omit<ResolvedPoseTrackerOptions, 'similarity'> = /* @__PURE__ */ Object.freeze({
  maxTracks: 18,
  maxAgeSec: 1,
  minSimilarity: 0.2,
  keypointConfidenceThreshold: 0.3,
  keypointFalloff: COCO17.sigmas!,
  minNumberOfKeypoints: 4,
});

/**
 * Defaults of the `'box'` tracker, tfjs `DEFAULT_BOUNDING_BOX_TRACKER_CONFIG`: `maxTracks` 18, `maxAgeSec` 1 s
 * (tfjs: 1000 ms), `minSimilarity` 0.15. The keypoint parameters keep the `'keypoints'` defaults (tfjs's box
 * tracker has none; here `keypointConfidenceThreshold` picks the keypoints whose box stands in for a missing
 * `pose.box`).
 */
export const BOX_TRACKER_DEFAULTS: Pick<ResolvedPoseTrackerOptions, 'maxTracks' | 'maxAgeSec' | 'minSimilarity'> = /* @__PURE__ */ Object.freeze({
  maxTracks: 18,
  maxAgeSec: 1,
  minSimilarity: 0.15,
});
