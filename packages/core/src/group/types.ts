/**
 * Data shapes of the bottom-up groupings: peak candidates, limb connections and the reference's person rows
 * ("subsets"), kept in the reference's own layout so that results can be compared with it field by field.
 * @module
 */
import type { Pose } from '../types.js';

/** Heatmap / PAF / limb map input: `[C, H, W]` or `[1, C, H, W]` (CHW, one image), float32 or float64. */
export interface MapTensor {
  /** Flat data, C order. Network outputs are float32; float64 is accepted for parity runs. */
  readonly data: Float32Array | Float64Array;
  /** `[C, H, W]` or `[1, C, H, W]`. */
  readonly dims: readonly number[];
}

/**
 * Peak candidates of all parts, numbered globally part by part (the reference's `all_peaks` flattened into
 * `candidate`). Coordinates are in map cells (= image pixels on the reference path).
 */
export interface PeakCandidates {
  /** Number of candidates. */
  count: number;
  /** x (column) of each candidate, map cells; integer for OpenPose, centroid-refined for Improved-Body-Parts. */
  x: Float64Array;
  /** y (row) of each candidate, map cells. */
  y: Float64Array;
  /** Score: the unblurred map value at the peak (OpenPose) or the refined window mean (Improved-Body-Parts). */
  score: Float64Array;
  /** Part (channel) of each candidate. */
  part: Int32Array;
  /** Candidates of part `p` are ids `partStart[p] .. partStart[p + 1] - 1`; length parts + 1. */
  partStart: Int32Array;
}

/**
 * The accepted connections of one limb type (one row of the reference's `connection_all`), in the order the
 * greedy matching took them. The candidate id arrays index {@link PeakCandidates}.
 */
export interface LimbConnections {
  /** Limb index `k` (position in the limb table). */
  limb: number;
  /** Number of connections. */
  count: number;
  /** Candidate id of the limb's first part. */
  idA: Int32Array;
  /** Candidate id of the limb's second part. */
  idB: Int32Array;
  /** `score_with_dist_prior` of each connection. */
  score: Float64Array;
  /** Index of the A candidate within its part's peaks. */
  i: Int32Array;
  /** Index of the B candidate within its part's peaks. */
  j: Int32Array;
  /** Limb length in map cells (Improved-Body-Parts only; OpenPose leaves it empty). */
  length: Float64Array;
}

/** Everything a grouping produces: the poses and the reference's intermediate structures. */
export interface GroupingResult {
  /** One pose per kept person row, in row order, coordinates in image pixels. */
  poses: Pose[];
  /** All peak candidates. */
  candidates: PeakCandidates;
  /** Per limb: its connections, or `null` where one of its parts had no candidate (the reference's `special_k`). */
  connections: (LimbConnections | null)[];
  /** Limbs skipped because one of their parts had no candidate (the reference's `special_k`). */
  specialK: number[];
}

/**
 * Result of {@link groupOpenPose}. `subsets` are the reference's rows of 20: 18 candidate ids (−1 = none),
 * total score, part count.
 */
export interface OpenPoseGrouping extends GroupingResult {
  /** Kept person rows (length 20 each), in the reference's order. */
  subsets: Float64Array[];
}

/**
 * Result of {@link groupBodyParts}. `subsets` are the reference's rows of 20 × 2 flattened to 40 numbers:
 * for part p, `[2p]` = candidate id (−1 = none) and `[2p + 1]` = score of the limb that attached it;
 * `[36]` = total score, `[37]` = −1; `[38]` = part count, `[39]` = longest attached limb (map cells).
 */
export interface BodyPartsGrouping extends GroupingResult {
  /** Kept person rows (length 40 each), in the reference's order. */
  subsets: Float64Array[];
}

/** Output keypoint layouts of the groupings. */
export type GroupingLayout = 'openpose_coco18' | 'coco17';
