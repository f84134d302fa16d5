/**
 * Temporal smoothing of {@link Pose} keypoints, one filter state per track id.
 *
 * @module
 */
import { PosekitError, describeValue } from '../errors.js';
import type { Pose } from '../types.js';
import { MAX_CHANNELS, checkParam, checkTimestamp } from './internal.js';
import { MAX_AGE_HINT, checkOptionKeys } from '../option-keys.js';
import { createOneEuroFilter, resolveOneEuroOptions, type OneEuroFilter, type OneEuroOptions } from './one-euro.js';
import { createVelocityFilter, objectScale, resolveVelocityOptions, type VelocityFilter, type VelocityFilterOptions } from './velocity.js';

/**
 * Which filter smooths the keypoint coordinates: `'one-euro'` ({@link createOneEuroFilter}, Casiez et al.
 * 2012, on pixel coordinates) or `'velocity'` ({@link createVelocityFilter}, MediaPipe / tfjs, on coordinates
 * divided by the pose's size).
 */
export type PoseFilterKind = 'one-euro' | 'velocity';

/** Options of {@link createPoseSmoother}. Every field is optional. */
export interface PoseSmootherOptions {
  /** Filter for x and y. Default `'one-euro'`. */
  filter?: PoseFilterKind;
  /**
   * Parameters of the `'one-euro'` filter (Hz; coordinates are pixels, so `beta` is in Hz per px/s). Default
   * {@link ONE_EURO_DEFAULTS} (1 Hz, beta 0: a steady but laggy low-pass; see the smoothing guide for tuning).
   */
  oneEuro?: OneEuroOptions;
  /** Parameters of the `'velocity'` filter. Default {@link VELOCITY_FILTER_DEFAULTS} (MediaPipe's). */
  velocity?: VelocityFilterOptions;
  /**
   * Seconds a track's filter state survives without a pose of that id: at each call, states last updated more
   * than `maxAgeSec` before the call's timestamp are dropped, so a person who comes back later starts afresh.
   * `> 0`; `Infinity` keeps states until {@link PoseSmoother.reset}. Default 1.
   */
  maxAgeSec?: number;
  /**
   * Keypoint score threshold. When set, a keypoint whose score is below it is returned as it is and does not
   * update its filter state (its next confident sample continues from the last confident one, measuring the
   * time across the gap), and only keypoints at or above it make the object scale of the `'velocity'` filter.
   * Default: none, every keypoint is filtered whatever its score, as MediaPipe's `LandmarksSmoothingCalculator`
   * and tfjs' keypoint filters do.
   */
  minScore?: number;
  /**
   * Smooth the keypoint scores too. `false` (default): scores are copied unchanged. `true` or One Euro
   * parameters: each score is smoothed by its own One Euro filter (default parameters: a 1 Hz low-pass),
   * a time-correct counterpart of tfjs BlazePose's visibility low-pass (which uses a fixed α per frame).
   */
  smoothScores?: boolean | OneEuroOptions;
  /**
   * Write the smoothed values into each input pose's `keypoints` and return the input pose objects. Default
   * false: inputs are never modified and new poses are returned.
   */
  inPlace?: boolean;
}

/** A pose smoother made by {@link createPoseSmoother}. */
export interface PoseSmoother {
  /**
   * Smooth this frame's poses.
   *
   * Each pose is matched to a filter state by `pose.id` (set by a tracker such as `createPoseTracker`). A
   * single pose without `id` is treated as one track (single-person models); several poses need ids.
   * Without `inPlace`, returns new poses in input order, `{ ...pose, keypoints: smoothed }` (`box` copied);
   * with it, writes into the input keypoints and returns the input poses.
   *
   * @param poses - this frame's poses, keypoints flat `[x, y, score] × K` in pixels
   * @param timestampSec - the frame's time in **seconds** (e.g. `video.currentTime`, `performance.now() / 1000`)
   * @returns the smoothed poses
   * @throws PosekitError `E_ARGUMENT` (several poses, not all with an `id`; wrong kinds, e.g. a `box` that is not
   *   an object), `E_DUPLICATE_ID` (two poses with one id), `E_SHAPE` (keypoints not a multiple of 3 long, more than
   *   32768 keypoints, or a track's keypoint count changed),
   *   `E_DTYPE` (keypoints not a Float32Array), `E_NONFINITE` (a keypoint value or the timestamp). A throwing
   *   call changes no state.
   */
  smooth(poses: readonly Pose[], timestampSec: number): Pose[];
  /** Drop every track's filter state. */
  reset(): void;
  /** Number of tracks whose filter state is held. */
  readonly size: number;
}

interface Track {
  k: number;
  lastSeen: number;
  coords: OneEuroFilter | VelocityFilter;
  scores: OneEuroFilter | undefined;
}

const OPTION_KEYS = ['filter', 'oneEuro', 'velocity', 'maxAgeSec', 'minScore', 'smoothScores', 'inPlace'] as const;

/**
 * Create a pose smoother: a temporal filter on each tracked person's keypoints, so they stop jittering from
 * frame to frame (mediapipe #4507, mmpose #912). x and y of every keypoint are filtered independently with
 * timestamps in **seconds**; scores pass through unless `smoothScores` is set.
 *
 * - `'one-euro'` (default): {@link createOneEuroFilter} on pixel coordinates, exactly the casiez/OneEuroFilter
 *   reference algorithm.
 * - `'velocity'`: {@link createVelocityFilter}, as tfjs-models' `KeypointsVelocityFilter` and MediaPipe's
 *   `LandmarksSmoothingCalculator` use it: the value scale is 1 / object scale, the object scale being
 *   {@link keypointsObjectScale} of the frame's pose (MediaPipe's default when no ROI is given); below
 *   `minAllowedObjectScale` the pose is returned as it is and its state is not updated.
 *
 * The following defaults apply: `filter` `'one-euro'`, `oneEuro` {@link ONE_EURO_DEFAULTS}, `velocity`
 * {@link VELOCITY_FILTER_DEFAULTS}, `maxAgeSec` 1, `minScore` none, `smoothScores` false, `inPlace` false.
 *
 * @example
 * ```ts
 * const tracker = createPoseTracker();
 * const smoother = createPoseSmoother({ oneEuro: { minCutoff: 1, beta: 0.01 } });
 * const t = video.currentTime; // seconds
 * const { poses } = await estimator.estimate(frame);
 * const smooth = smoother.smooth(tracker.update(poses, t), t);
 * ```
 *
 * @param options - see {@link PoseSmootherOptions}
 * @returns the smoother
 * @throws PosekitError `E_RANGE` / `E_NONFINITE` for out-of-range or non-finite parameters, `E_ARGUMENT` for
 *   unknown options and values of the wrong kind
 */
export function createPoseSmoother(options?: PoseSmootherOptions): PoseSmoother {
  const fn = 'createPoseSmoother';
  checkOptionKeys(fn, options, OPTION_KEYS, MAX_AGE_HINT);
  const o = options ?? {};
  const kind = o.filter ?? 'one-euro';
  if (kind !== 'one-euro' && kind !== 'velocity') {
    throw new PosekitError('E_ARGUMENT', `${fn}: filter must be 'one-euro' or 'velocity'; received ${describeValue(kind)}`, {
      field: 'filter',
      expected: ['one-euro', 'velocity'],
      received: describeValue(kind),
    });
  }
  const oneEuro = resolveOneEuroOptions(`${fn} (oneEuro)`, o.oneEuro);
  const velocity = resolveVelocityOptions(`${fn} (velocity)`, o.velocity);
  const maxAgeSec = checkParam(fn, 'maxAgeSec', o.maxAgeSec, 1, { min: 0, exclusive: true, allowInfinity: true });
  const minScore = o.minScore === undefined ? undefined : checkParam(fn, 'minScore', o.minScore, 0, { min: -Infinity, exclusive: false });
  let scoreOptions: Required<OneEuroOptions> | undefined;
  if (o.smoothScores === true) scoreOptions = resolveOneEuroOptions(`${fn} (smoothScores)`, undefined);
  else if (typeof o.smoothScores === 'object' && o.smoothScores !== null) scoreOptions = resolveOneEuroOptions(`${fn} (smoothScores)`, o.smoothScores);
  else if (o.smoothScores !== undefined && o.smoothScores !== false) {
    throw new PosekitError('E_ARGUMENT', `${fn}: smoothScores must be a boolean or One Euro options; received ${describeValue(o.smoothScores)}`, {
      field: 'smoothScores',
    });
  }
  if (o.inPlace !== undefined && typeof o.inPlace !== 'boolean') {
    throw new PosekitError('E_ARGUMENT', `${fn}: inPlace must be a boolean; received ${describeValue(o.inPlace)}`, { field: 'inPlace' });
  }
  const inPlace = o.inPlace ?? false;

  const tracks = new Map<number | undefined, Track>();
  // Scratch, grown on demand: x/y of one pose, its coordinate mask and its scores.
  let xy = new Float64Array(0);
  let xyMask = new Uint8Array(0);
  let sc = new Float64Array(0);
  let scMask = new Uint8Array(0);

  const newTrack = (k: number, t: number): Track => ({
    k,
    lastSeen: t,
    coords: kind === 'one-euro' ? createOneEuroFilter(2 * k, oneEuro) : createVelocityFilter(2 * k, velocity),
    scores: scoreOptions ? createOneEuroFilter(k, scoreOptions) : undefined,
  });

  /** Validate the whole frame before touching any state. */
  const validate = (poses: readonly Pose[]): void => {
    const sfn = 'PoseSmoother.smooth';
    if (!Array.isArray(poses)) {
      throw new PosekitError('E_ARGUMENT', `${sfn}: poses must be an array of Pose; received ${describeValue(poses)}`, { field: 'poses' });
    }
    const ids = new Set<number>();
    for (let p = 0; p < poses.length; p++) {
      const pose = poses[p];
      if (typeof pose !== 'object' || pose === null) {
        throw new PosekitError('E_ARGUMENT', `${sfn}: poses[${p}] must be a Pose; received ${describeValue(pose)}`, { item: p });
      }
      const kp = pose.keypoints;
      if (!(kp instanceof Float32Array)) {
        throw new PosekitError('E_DTYPE', `${sfn}: poses[${p}].keypoints must be a Float32Array [x, y, score] × K; received ${describeValue(kp)}`, {
          item: p,
          field: 'keypoints',
          expected: 'Float32Array',
          received: describeValue(kp),
        });
      }
      // K <= MAX_CHANNELS / 2: the x and y of every keypoint are one filter's channels.
      if (kp.length === 0 || kp.length % 3 !== 0 || kp.length > 1.5 * MAX_CHANNELS) {
        throw new PosekitError('E_SHAPE', `${sfn}: poses[${p}].keypoints must hold 3 numbers (x, y, score) per keypoint, 1 <= K <= ${MAX_CHANNELS / 2}; received ${describeValue(kp)}`, {
          item: p,
          field: 'keypoints',
          expected: `length 3K, 1 <= K <= ${MAX_CHANNELS / 2}`,
          received: kp.length,
        });
      }
      const box = pose.box as unknown;
      if (box !== undefined && (typeof box !== 'object' || box === null)) {
        throw new PosekitError('E_ARGUMENT', `${sfn}: poses[${p}].box must be a Box or absent; received ${describeValue(box)}`, { item: p, field: 'box' });
      }
      for (let i = 0; i < kp.length; i++) {
        if (!Number.isFinite(kp[i]!)) {
          throw new PosekitError('E_NONFINITE', `${sfn}: poses[${p}].keypoints must be finite; received ${describeValue(kp[i])} at keypoint ${Math.floor(i / 3)} (${['x', 'y', 'score'][i % 3]})`, {
            item: p,
            field: 'keypoints',
            received: describeValue(kp[i]),
          });
        }
      }
      const id = pose.id;
      if (id === undefined) {
        if (poses.length > 1) {
          throw new PosekitError(
            'E_ARGUMENT',
            `${sfn}: poses[${p}] has no id; with ${poses.length} poses in a frame every pose needs a track id (pose.id, e.g. from createPoseTracker) so each person keeps its own filter state. A single pose without id is smoothed as one track.`,
            { item: p, field: 'id', expected: 'a track id on every pose', received: 'undefined' },
          );
        }
        continue;
      }
      if (typeof id !== 'number' || !Number.isFinite(id)) {
        throw new PosekitError('E_ARGUMENT', `${sfn}: poses[${p}].id must be a finite number (a track id); received ${describeValue(id)}`, { item: p, field: 'id' });
      }
      if (ids.has(id)) {
        throw new PosekitError('E_DUPLICATE_ID', `${sfn}: track id ${id} occurs twice in one frame (poses[${p}]); each person needs its own id`, {
          item: p,
          field: 'id',
          received: id,
        });
      }
      ids.add(id);
    }
  };

  return {
    smooth(poses: readonly Pose[], timestampSec: number): Pose[] {
      const sfn = 'PoseSmoother.smooth';
      const t = checkTimestamp(sfn, timestampSec);
      validate(poses);
      for (let p = 0; p < poses.length; p++) {
        const pose = poses[p]!;
        const tr = tracks.get(pose.id);
        const k = pose.keypoints.length / 3;
        if (tr !== undefined && t - tr.lastSeen <= maxAgeSec && tr.k !== k) {
          throw new PosekitError('E_SHAPE', `${sfn}: poses[${p}] (track ${describeValue(pose.id)}) has ${k} keypoints; earlier frames of this track had ${tr.k}`, {
            item: p,
            field: 'keypoints',
            expected: tr.k,
            received: k,
          });
        }
      }

      // A state older than maxAgeSec is dropped before use: a pose with that id starts afresh below.
      for (const [id, tr] of tracks) if (t - tr.lastSeen > maxAgeSec) tracks.delete(id);
      const out: Pose[] = new Array(poses.length);
      for (let p = 0; p < poses.length; p++) {
        const pose = poses[p]!;
        const kp = pose.keypoints;
        const k = kp.length / 3;
        let tr = tracks.get(pose.id);
        if (tr === undefined) {
          tr = newTrack(k, t);
          tracks.set(pose.id, tr);
        }
        tr.lastSeen = t;
        if (xy.length < 2 * k) {
          xy = new Float64Array(2 * k);
          xyMask = new Uint8Array(2 * k);
          sc = new Float64Array(k);
          scMask = new Uint8Array(k);
        }
        const xyv = xy.length === 2 * k ? xy : xy.subarray(0, 2 * k);
        const xym = xyMask.length === 2 * k ? xyMask : xyMask.subarray(0, 2 * k);
        for (let i = 0; i < k; i++) {
          xyv[2 * i] = kp[3 * i]!;
          xyv[2 * i + 1] = kp[3 * i + 1]!;
          const on = minScore === undefined || kp[3 * i + 2]! >= minScore ? 1 : 0;
          xym[2 * i] = on;
          xym[2 * i + 1] = on;
        }
        const mask = minScore === undefined ? undefined : xym;
        if (kind === 'one-euro') {
          (tr.coords as OneEuroFilter).apply(xyv, t, xyv, mask);
        } else {
          let scale = 1;
          let skip = false;
          if (!velocity.disableValueScaling) {
            const size = objectScale(kp, minScore);
            // MediaPipe: "If value is too small smoothing will be disabled and landmarks will be returned as is."
            if (size < velocity.minAllowedObjectScale || !(size > 0)) skip = true;
            else scale = 1 / size;
          }
          if (!skip) (tr.coords as VelocityFilter).apply(xyv, t, scale, xyv, mask);
        }
        const dst = inPlace ? kp : new Float32Array(kp.length);
        for (let i = 0; i < k; i++) {
          dst[3 * i] = xyv[2 * i]!;
          dst[3 * i + 1] = xyv[2 * i + 1]!;
          dst[3 * i + 2] = kp[3 * i + 2]!;
        }
        if (tr.scores !== undefined) {
          const scv = sc.length === k ? sc : sc.subarray(0, k);
          const scm = scMask.length === k ? scMask : scMask.subarray(0, k);
          for (let i = 0; i < k; i++) {
            scv[i] = kp[3 * i + 2]!;
            scm[i] = minScore === undefined || kp[3 * i + 2]! >= minScore ? 1 : 0;
          }
          tr.scores.apply(scv, t, scv, minScore === undefined ? undefined : scm);
          for (let i = 0; i < k; i++) dst[3 * i + 2] = scv[i]!;
        }
        if (inPlace) out[p] = pose;
        else {
          const copy: Pose = { ...pose, keypoints: dst };
          if (pose.box !== undefined) copy.box = { ...pose.box };
          out[p] = copy;
        }
      }
      return out;
    },
    reset(): void {
      tracks.clear();
    },
    get size(): number {
      return tracks.size;
    },
  };
}
