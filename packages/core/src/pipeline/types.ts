/**
 * What every estimator returns, and the small helpers they share (timings, instance scores).
 *
 * @module
 */
import type { ImageLike } from '../image/index.js';
import type { Box, Pose } from '../types.js';

/** Where the time of one `estimate` call went, milliseconds (`performance.now()`). */
export interface EstimateTimings {
  /** Image -> input tensors (letterbox, crops, normalisation), all models. */
  preprocessMs: number;
  /** Inside `session.run`, all models and runs. */
  inferenceMs: number;
  /** Outputs -> poses (decoding, NMS, back-projection, grouping), all models. */
  postprocessMs: number;
  /** The whole call. */
  totalMs: number;
}

/** Result of one `estimate` call. */
export interface EstimateResult {
  /** People found, in image pixels, highest score first. */
  poses: Pose[];
  /** Person boxes used or found (detector boxes for top-down, predicted boxes for one-stage), image pixels. */
  boxes: Box[];
  /** Timings of this call. */
  timings: EstimateTimings;
}

/** A pose estimator: call `estimate` per image; `dispose` when done. */
export interface PoseEstimator<O = EstimateOptions> {
  /**
   * Find the people in one image.
   * @throws PosekitError `E_STATE` after `dispose()`; `E_IMAGE_SIZE` / `E_ARGUMENT` for a bad image
   */
  estimate(image: ImageLike, options?: O): Promise<EstimateResult>;
  /** Drop the buffers (and release the sessions when the estimator owns them). Idempotent. */
  dispose(): Promise<void>;
}

/** Per-call options shared by all estimators. */
export interface EstimateOptions {
  /** Override the instance score threshold for this call (poses scoring below are dropped). */
  minPoseScore?: number;
}

/**
 * MMPose `CocoMetric` instance score: `boxScore × mean(keypoint scores > thr)`, or 0 when no keypoint score
 * passes. Reference: `open-mmlab/mmpose` `mmpose/evaluation/metrics/coco_metric.py` (`keypoint_score_thr` 0.2).
 *
 * @param boxScore - the person box score (1 for given boxes without score)
 * @param keypoints - flat `x, y, score` × K
 * @param thr - keypoint score threshold (default 0.2, strict `>`)
 */
export function instanceScore(boxScore: number, keypoints: ArrayLike<number>, thr = 0.2): number {
  let sum = 0;
  let n = 0;
  for (let i = 2; i < keypoints.length; i += 3) {
    const s = keypoints[i]!;
    if (s > thr) {
      sum += s;
      n++;
    }
  }
  return n === 0 ? 0 : (boxScore * sum) / n;
}

/** High-resolution clock (ms). @internal */
export const now = (): number => performance.now();
