/**
 * Result shapes shared by the heatmap decoders.
 *
 * @module
 */

/**
 * Decoded keypoints of a batch of `n` instances with `k` keypoints each, structure-of-arrays.
 *
 * - `keypoints[(i * k + j) * 2 + 0 | 1]`: x, y of keypoint `j` of instance `i`, in the space the decoder
 *   documents (model-input pixels for the MMPose decoders, image pixels for the HRNet / AlphaPose / RMPE
 *   ones, heatmap cells when `outputSpace: 'heatmap'`).
 * - `scores[i * k + j]`: the keypoint's score (raw heatmap maximum unless the decoder says otherwise).
 *
 * Pass a previous result as `out` to a decoder to reuse its arrays (they are replaced when the sizes
 * differ).
 */
export interface HeatmapDecodeResult {
  /** `n * k * 2` coordinates, (x, y) interleaved. */
  keypoints: Float32Array;
  /** `n * k` scores. */
  scores: Float32Array;
  /** Number of instances (batch size N). */
  n: number;
  /** Keypoints per instance (K). */
  k: number;
}

/**
 * Where an argmax with a non-positive maximum is placed.
 *
 * - `'mmpose'`: (-1, -1) (MMPose `get_heatmap_maximum`, `get_simcc_maximum`).
 * - `'zero'`: (0, 0) (HRNet `get_max_preds`, AlphaPose `get_max_pred`, RMPE `getPrediction`, which multiply
 *   the location by `maxval > 0`).
 */
export type InvalidConvention = 'mmpose' | 'zero';

/** Coordinate space of decoded keypoints for the MMPose-style decoders. */
export type OutputSpace = 'input' | 'heatmap';
