/**
 * Input, options and output types of {@link poseNms} (AlphaPose parametric pose-NMS).
 *
 * @module
 */
import type { PoseNmsParams } from './params.js';

/** Candidates for {@link poseNms}: flat typed arrays with explicit sizes. */
export interface PoseNmsInput {
  /** Number of candidates N (0 gives an empty result). */
  n: number;
  /** Keypoints per candidate K (133 and 136 take the full-body path). */
  k: number;
  /** Boxes, N*4 as x1, y1, x2, y2 (pixels). */
  boxes: ArrayLike<number>;
  /** Box (detector) scores, N. */
  boxScores: ArrayLike<number>;
  /** Keypoint coordinates, N*K*2 as x, y (pixels). */
  poses: ArrayLike<number>;
  /** Keypoint scores, N*K. */
  scores: ArrayLike<number>;
  /** Box / tracking ids reported in each kept pose's cluster, N. Default: the candidate indices 0..N-1. */
  boxIds?: ArrayLike<number>;
}

/** Options of {@link poseNms}. */
export interface PoseNmsOptions {
  /**
   * The constants, merged over {@link POSE_NMS_DEFAULTS}. For 133/136-keypoint models trained without the
   * heatmap loss AlphaPose uses {@link POSE_NMS_FULLBODY_REGRESSION}; pass it explicitly.
   */
  params?: Partial<PoseNmsParams>;
  /** Record the elimination loop (picks, remaining, simi, num_match, merged sets) in `result.trace`. Default false. */
  trace?: boolean;
  /**
   * Reproduce the reference's side effect: write 1e-5 (float32) into the caller's `scores` where they are
   * exactly 0. Default false: posekit never mutates its input (the fix is applied to an internal copy;
   * `result.zeroScoresReplaced` counts the replaced values either way).
   */
  writeZeroScores?: boolean;
  /**
   * Full-body `num_match`. `'reference'` (default): the matched-keypoint count is divided by the number of
   * remaining candidates (a quirk of `PCK_match_fullbody`: `(B+F+H)·K / (4·n_remaining·c)`).
   * `'per-candidate'`: the value the reference gives when one candidate remains, `(B+F+H)·K / (4·c)`,
   * independent of how many candidates are left.
   */
  fullBodyMatch?: 'reference' | 'per-candidate';
  /**
   * Full-body `num_match` slices. `'halpe136'` (default, reference): body [0, 26), face [26, 94), hands
   * [94, K) — hard-coded for Halpe-136 and also applied to COCO-WholeBody-133. `'by-k'`: body [0, K−110),
   * face [K−110, K−42), hands [K−42, K), the slices the similarity already uses (correct for 133 too).
   */
  fullBodySlices?: 'halpe136' | 'by-k';
}

/** One step of the elimination loop (for conformance checks and debugging). */
export interface PoseNmsTraceStep {
  /** The picked candidate (highest human score among the remaining; first on ties). */
  pick: number;
  /** alpha · max(width, height) of the pick's box (float32). */
  refDist: number;
  /** Candidates still in play, ascending. */
  remaining: Int32Array;
  /** Similarity of each remaining candidate to the pick (float32), aligned with `remaining`. */
  simi: Float32Array;
  /** Matched-keypoint count of each remaining candidate (float32; fractional on the full-body path). */
  numMatch: Float32Array;
  /** The cluster removed in this step (candidate indices, ascending). */
  merged: Int32Array;
}

/** Output of {@link poseNms}: the kept poses in pick order, structure-of-arrays. */
export interface PoseNmsResult {
  /** Number of kept poses M. */
  count: number;
  /** Keypoints per pose K. */
  k: number;
  /** Candidate index of each kept pose's pick, M. */
  pickIds: Int32Array;
  /** The pick's original box, M*4 (x1, y1, x2, y2). */
  boxes: Float32Array;
  /** The pick's original box score, M. */
  boxScores: Float32Array;
  /** Merged keypoint coordinates, M*K*2. */
  poses: Float32Array;
  /** Merged keypoint scores, M*K. */
  scores: Float32Array;
  /**
   * AlphaPose's proposal score (the writer's formula): mean(merged scores) + box score + 1.25·max(merged
   * scores), float32, M.
   */
  proposalScores: Float32Array;
  /** Cluster of kept pose i: `clusterIndices` / `clusterIds` from `clusterOffsets[i]` to `clusterOffsets[i+1]`. M+1. */
  clusterOffsets: Int32Array;
  /** Candidate indices of the clusters, ascending within each cluster. */
  clusterIndices: Int32Array;
  /** `boxIds` of the clusters (the reference's `merged_bbox_ids`). */
  clusterIds: Float64Array;
  /** How many input keypoint scores were exactly 0 and treated as 1e-5 (the reference's in-place write). */
  zeroScoresReplaced: number;
  /** The elimination loop, when `options.trace` was set. */
  trace?: PoseNmsTraceStep[];
}
