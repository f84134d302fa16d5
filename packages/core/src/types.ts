/**
 * The few data shapes shared across posekit. Plain data: print them, serialize them, build them by hand.
 *
 * @module
 */

/**
 * An axis-aligned box in image pixels, corner form `x1, y1, x2, y2` (x2/y2 exclusive of nothing: MMPose/COCO
 * style continuous coordinates), with an optional detector score.
 */
export interface Box {
  /** Left edge, pixels. */
  x1: number;
  /** Top edge, pixels. */
  y1: number;
  /** Right edge, pixels. */
  x2: number;
  /** Bottom edge, pixels. */
  y2: number;
  /** Detector confidence in [0, 1], when the box came from a detector. */
  score?: number;
  /** Class id from the detector (0 = person for COCO detectors), when known. */
  label?: number;
}

/**
 * One person's pose in image pixels.
 *
 * `keypoints` is flat, `K * 3` long: `x, y, score` per keypoint in the order of the layout
 * (COCO result files use the same flat order, with `v` in place of the score).
 */
export interface Pose {
  /** Flat `[x0, y0, s0, x1, y1, s1, ...]`, length `K * 3`; pixels and per-keypoint confidence. */
  keypoints: Float32Array;
  /** Instance score (how it is computed depends on the estimator; documented there). */
  score: number;
  /** The person box the pose came from (detector box for top-down, predicted box for one-stage). */
  box?: Box;
  /** Name of the keypoint layout (`'coco17'`, `'halpe26'` ...), when known. */
  layout?: string;
  /**
   * Track id: the same person keeps the same id from frame to frame. Set by a pose tracker (see
   * `createPoseTracker`); estimators leave it undefined.
   */
  id?: number;
}

/** A named keypoint, as returned by {@link namedKeypoints} for display code. */
export interface NamedKeypoint {
  /** Keypoint name from the layout (e.g. `'left_shoulder'`). */
  name: string;
  /** x, pixels. */
  x: number;
  /** y, pixels. */
  y: number;
  /** Confidence. */
  score: number;
}

/**
 * Named keypoints of a pose, for display code. Allocates (not for hot loops).
 *
 * @param pose - the pose
 * @param names - keypoint names in layout order (e.g. `getLayout('coco17').keypoints`)
 * @returns one object per keypoint; names beyond `names.length` are `kp<i>`
 */
export function namedKeypoints(pose: Pose, names: readonly string[]): NamedKeypoint[] {
  const k = Math.floor(pose.keypoints.length / 3);
  const out: NamedKeypoint[] = new Array(k);
  for (let i = 0; i < k; i++) {
    out[i] = { name: names[i] ?? `kp${i}`, x: pose.keypoints[3 * i]!, y: pose.keypoints[3 * i + 1]!, score: pose.keypoints[3 * i + 2]! };
  }
  return out;
}
