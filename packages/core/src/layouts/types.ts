/**
 * The shape of a keypoint layout: plain data (names, skeleton, flip permutation, OKS sigmas).
 *
 * @module
 */

/**
 * A keypoint layout (dataset convention) as plain, frozen data.
 *
 * - `keypoints`: names in model-output order (index = channel / keypoint id).
 * - `skeleton`: limbs as 0-based index pairs (for drawing and for PCP-style metrics).
 * - `flipIndices`: the left-right permutation used by flip tests: after a horizontal flip, keypoint `k` takes the
 *   value of keypoint `flipIndices[k]` (MMPose `flip_indices`). A permutation of `0..K-1`.
 * - `sigmas`: per-keypoint OKS sigmas (COCO `kpt_oks_sigmas` convention: the value used in
 *   `exp(-d^2 / (2 s^2 (2 sigma)^2))`), only where the dataset defines them.
 */
export interface KeypointLayout {
  /** Registry name, e.g. `'coco17'`. */
  readonly name: string;
  /** Keypoint names in output order. */
  readonly keypoints: readonly string[];
  /** Limbs as 0-based `[a, b]` index pairs. */
  readonly skeleton: readonly (readonly [number, number])[];
  /** Left-right flip permutation: flipped keypoint `k` comes from `flipIndices[k]`. */
  readonly flipIndices: readonly number[];
  /** OKS sigmas (one per keypoint) where the dataset defines them. */
  readonly sigmas?: readonly number[];
}
