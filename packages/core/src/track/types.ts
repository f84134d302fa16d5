/**
 * The shapes of the pose tracker: options, the read-only track view and the tracker object.
 *
 * @module
 */
import type { Box, Pose } from '../types.js';

/**
 * How the tracker scores a pose against a track.
 *
 * - `'keypoints'`: tfjs `KeypointTracker`'s object keypoint similarity (see {@link trackOks}).
 * - `'box'`: tfjs `BoundingBoxTracker`'s box IoU, on `pose.box`, or on the box around the pose's confident
 *   keypoints when the pose has no `box`.
 */
export type TrackSimilarity = 'keypoints' | 'box';

/**
 * Options of {@link createPoseTracker}. Every field is optional; the defaults are tfjs-models'
 * `DEFAULT_KEYPOINT_TRACKER_CONFIG` / `DEFAULT_BOUNDING_BOX_TRACKER_CONFIG` (pose-detection
 * `src/movenet/constants.ts`), listed in {@link KEYPOINT_TRACKER_DEFAULTS} and {@link BOX_TRACKER_DEFAULTS}.
 *
 * Unknown keys are rejected (`E_ARGUMENT`), so a tfjs-style nested `keypointTrackerParams` or a misspelt
 * name fails loudly instead of being ignored.
 */
export interface PoseTrackerOptions {
  /** Similarity measure. Default `'keypoints'`. */
  similarity?: TrackSimilarity;
  /**
   * Most tracks kept after each update, an integer >= 1. Default 18 (tfjs: "3 times max detections of the
   * multi-pose model"). When more are alive, the most recently matched survive (see {@link createPoseTracker}).
   */
  maxTracks?: number;
  /**
   * Seconds a track survives without being matched: a track last matched at `t0` is still matchable at `t`
   * when `t − t0 <= maxAgeSec`. `> 0`; `Infinity` keeps tracks until `maxTracks` pushes them out.
   * Default 1 s (tfjs: `maxAge: 1000`, in **milliseconds** there).
   */
  maxAgeSec?: number;
  /**
   * Least similarity, in [0, 1], for a pose to continue a track; below it the pose starts a new track.
   * Default 0.2 for `'keypoints'`, 0.15 for `'box'` (the two tfjs defaults).
   */
  minSimilarity?: number;
  /**
   * Keypoint confidence threshold in [0, 1]. Default 0.3. In `'keypoints'` mode a keypoint counts when its score
   * is `>=` this in both the pose and the track, and the track's area comes from its keypoints with a score
   * `>` this (tfjs uses the two comparisons); in `'box'` mode it picks the keypoints whose box stands in for a
   * missing `pose.box` (score `>` this).
   */
  keypointConfidenceThreshold?: number;
  /**
   * Per-keypoint falloff (tfjs `keypointFalloff`): the OKS sigmas, one per keypoint, each `> 0` (at least 1e-150).
   * Default: the COCO-17 sigmas of the `coco17` layout (`getLayout('coco17').sigmas`). Required in
   * `'keypoints'` mode when poses do not have 17 keypoints, e.g. `getLayout('halpe26').sigmas`.
   */
  keypointFalloff?: ArrayLike<number>;
  /**
   * Fewest keypoints that must count (see `keypointConfidenceThreshold`) for a non-zero keypoint similarity,
   * an integer >= 1. Default 4.
   */
  minNumberOfKeypoints?: number;
}

/** {@link PoseTrackerOptions} with every default filled in, as {@link PoseTracker.options} reports them. */
export interface ResolvedPoseTrackerOptions {
  /** Similarity measure. */
  readonly similarity: TrackSimilarity;
  /** Most tracks kept after each update. */
  readonly maxTracks: number;
  /** Seconds a track survives without a match. */
  readonly maxAgeSec: number;
  /** Least similarity for a pose to continue a track. */
  readonly minSimilarity: number;
  /** Keypoint confidence threshold. */
  readonly keypointConfidenceThreshold: number;
  /** Per-keypoint falloff (OKS sigmas); its length is the keypoint count K of `'keypoints'` mode. */
  readonly keypointFalloff: readonly number[];
  /** Fewest counted keypoints for a non-zero keypoint similarity. */
  readonly minNumberOfKeypoints: number;
}

/**
 * One live track as {@link PoseTracker.tracks} shows it: a frozen snapshot (its `keypoints` are a copy, so
 * writing to them does not touch the tracker).
 */
export interface PoseTrack {
  /** Track id: the `id` the tracker puts on the poses of this person. */
  readonly id: number;
  /** Timestamp (seconds) of the update that last matched or created the track. */
  readonly lastTimestamp: number;
  /** The keypoints of the pose that last matched the track, flat `[x, y, score] × K` (a copy). */
  readonly keypoints: Float32Array;
  /** The `box` of the pose that last matched the track (a copy), when that pose had one. */
  readonly box?: Readonly<Box>;
}

/** A multi-person pose tracker made by {@link createPoseTracker}. */
export interface PoseTracker {
  /**
   * Link this frame's poses to the live tracks and return them with `id` set.
   *
   * The input is not modified: the result holds one shallow copy per input pose, in input order,
   * `{ ...pose, id }` (its `keypoints` and `box` are the input's own objects). Poses are matched greedily
   * in input order, so pass them most confident first (as estimators return them).
   *
   * @param poses - this frame's poses, in image pixels (any consistent unit works; see {@link trackOks})
   * @param timestampSec - the frame's time in **seconds**; never smaller than the previous update's
   * @returns the poses with their track ids
   * @throws PosekitError `E_NONFINITE` for a non-finite timestamp or keypoint / box value, `E_RANGE` for a
   *   timestamp before the previous update's or a box with `x2 < x1` / `y2 < y1`, `E_LAYOUT_MISMATCH` when a
   *   pose's keypoint count differs from `keypointFalloff` (`'keypoints'` mode), `E_SHAPE` when a keypoint array
   *   is not a multiple of 3 long (`'box'` mode), `E_DTYPE` for keypoints that are not a Float32Array,
   *   `E_ARGUMENT` for other values of the wrong kind. A throwing call
   *   leaves the tracker as it was.
   */
  update(poses: readonly Pose[], timestampSec: number): Pose[];
  /**
   * Drop every track and forget the last timestamp (a new stream may start at any time). Ids are not reused:
   * the next new track continues the id sequence, as tfjs `Tracker.reset()` does.
   */
  reset(): void;
  /** The live tracks after the last update, most recently matched first (frozen snapshots). */
  readonly tracks: readonly PoseTrack[];
  /** The options in effect, defaults filled in. */
  readonly options: ResolvedPoseTrackerOptions;
}
