/**
 * Multi-person pose tracking: a port of tfjs-models' pose-detection trackers (`src/calculators/tracker.ts`,
 * `keypoint_tracker.ts`, `bounding_box_tracker.ts`, `tracker_utils.ts`), decoupled from any model.
 *
 * @module
 */
import { PosekitError, describeValue } from '../errors.js';
import type { Box, Pose } from '../types.js';
import { assignGreedy } from './assign.js';
import { keypointBox, trackIou } from './iou.js';
import { trackKeypointArea, trackOksKernel } from './oks.js';
import { resolveTrackerOptions } from './options.js';
import type { PoseTrack, PoseTracker, PoseTrackerOptions, ResolvedPoseTrackerOptions } from './types.js';

/** A live track (internal, mutable; buffers are reused when a track dies). */
interface Slot {
  id: number;
  last: number;
  /** Keypoints of the pose that last matched, `3K` (grown when a pose with more keypoints lands here). */
  kp: Float32Array;
  /** Number of keypoint values in use in `kp`. */
  kpLen: number;
  /** `'box'` mode: the box the similarity uses (`pose.box` or the keypoint box), x1 y1 x2 y2. */
  simBox: Float64Array;
  hasSimBox: boolean;
  /** The last pose's own box, for the track view. */
  poseBox: Float64Array;
  hasPoseBox: boolean;
  boxScore: number | undefined;
  boxLabel: number | undefined;
}

/** Freshest first; hoisted so that sorting allocates no closure per update. */
const byLastDesc = (a: Slot, b: Slot): number => b.last - a.last;

function newSlot(): Slot {
  return {
    id: 0,
    last: 0,
    kp: new Float32Array(0),
    kpLen: 0,
    simBox: new Float64Array(4),
    hasSimBox: false,
    poseBox: new Float64Array(4),
    hasPoseBox: false,
    boxScore: undefined,
    boxLabel: undefined,
  };
}

/** Throw unless every pose is well-formed; returns nothing, mutates nothing. */
function checkPoses(fn: string, poses: readonly Pose[], opts: ResolvedPoseTrackerOptions): void {
  const keypointsMode = opts.similarity === 'keypoints';
  const k3 = 3 * opts.keypointFalloff.length;
  for (let i = 0; i < poses.length; i++) {
    const pose = poses[i] as Pose | null | undefined;
    if (pose === null || typeof pose !== 'object') {
      throw new PosekitError('E_ARGUMENT', `${fn}: poses[${i}] must be a Pose object; received ${describeValue(pose)}`, { item: i, received: describeValue(pose) });
    }
    const a = pose.keypoints as unknown;
    // Float32Array only, as Pose declares and as createPoseSmoother (the usual next step) requires.
    if (!(a instanceof Float32Array)) {
      throw new PosekitError('E_DTYPE', `${fn}: poses[${i}].keypoints must be a Float32Array [x, y, score] × K; received ${describeValue(a)}`, {
        item: i,
        field: 'keypoints',
        expected: 'Float32Array',
        received: describeValue(a),
      });
    }
    if (keypointsMode && a.length !== k3) {
      throw new PosekitError(
        'E_LAYOUT_MISMATCH',
        `${fn}: poses[${i}].keypoints must hold 3·K = ${k3} numbers (K = ${k3 / 3} keypointFalloff values${k3 === 51 ? ', the COCO-17 default; pass keypointFalloff for other layouts, e.g. getLayout(name).sigmas' : ''}); received ${a.length}`,
        { item: i, field: 'keypoints', expected: k3, received: a.length },
      );
    }
    if (a.length % 3 !== 0) {
      throw new PosekitError('E_SHAPE', `${fn}: poses[${i}].keypoints must hold [x, y, score] × K (a multiple of 3 numbers); received ${a.length}`, {
        item: i,
        field: 'keypoints',
        received: a.length,
      });
    }
    for (let j = 0; j < a.length; j++) {
      const v = a[j]!;
      if (!(v - v === 0)) {
        throw new PosekitError('E_NONFINITE', `${fn}: poses[${i}].keypoints[${j}] must be finite; received ${describeValue(v)}`, { item: i, field: 'keypoints', received: v });
      }
    }
    const box = pose.box as Box | null | undefined;
    if (box !== undefined) {
      if (box === null || typeof box !== 'object') {
        throw new PosekitError('E_ARGUMENT', `${fn}: poses[${i}].box must be a Box { x1, y1, x2, y2 } or absent; received ${describeValue(box)}`, { item: i, field: 'box' });
      }
      for (const f of ['x1', 'y1', 'x2', 'y2'] as const) {
        const v = box[f];
        if (typeof v !== 'number' || !Number.isFinite(v)) {
          throw new PosekitError('E_NONFINITE', `${fn}: poses[${i}].box.${f} must be a finite number; received ${describeValue(v)}`, { item: i, field: `box.${f}`, received: v });
        }
      }
      if (box.x2 < box.x1 || box.y2 < box.y1) {
        throw new PosekitError('E_RANGE', `${fn}: poses[${i}].box must have x2 >= x1 and y2 >= y1; received x1 ${box.x1}, y1 ${box.y1}, x2 ${box.x2}, y2 ${box.y2}`, {
          item: i,
          field: 'box',
        });
      }
    }
  }
}

/**
 * Create a multi-person pose tracker: each {@link PoseTracker.update} links the frame's poses to the tracks of
 * earlier frames and returns them with `id` set; the same person keeps the same id.
 *
 * A port of tfjs-models' pose-detection trackers (`Tracker.apply` in `src/calculators/tracker.ts`, with
 * `KeypointTracker` / `BoundingBoxTracker` similarities), with timestamps and `maxAgeSec` in seconds (tfjs:
 * microsecond timestamps, `maxAge` in milliseconds). One `update(poses, t)` does, in tfjs's order:
 *
 * 1. age out: drop the tracks with `t − lastTimestamp > maxAgeSec`;
 * 2. score every pose against every remaining track ({@link trackOks} for `'keypoints'`, box IoU for `'box'`);
 * 3. match greedily in input order ({@link assignTracks}): a matched track takes the pose's keypoints and box
 *    and timestamp t; every unmatched pose starts a new track with the next id (1, 2, 3, ...: ids only grow,
 *    also across {@link PoseTracker.reset});
 * 4. cap: sort the tracks by `lastTimestamp`, newest first (a stable sort: among tracks of the same time,
 *    tracks matched this frame stay ahead of the ones created this frame, and new ones keep input order), and
 *    keep the first `maxTracks`.
 *
 * As in tfjs, a pose that starts a track cut by step 4 in the same update still gets that track's id, and its
 * person gets a new id next frame: keep `maxTracks` above the number of people per frame (tfjs sizes it at 3× the
 * model's maximum; its default 18 is for MoveNet's 6 people). The returned poses are shallow copies of the input with `id` set; the
 * input poses and their arrays are never modified, and the tracker keeps its own copy of the keypoints.
 *
 * Timestamps must not decrease between updates (`E_RANGE`; tfjs does not check, and with a smaller timestamp
 * its ageing and freshness order stop meaning anything); equal timestamps are accepted.
 *
 * The following defaults apply (tfjs-models `DEFAULT_KEYPOINT_TRACKER_CONFIG` /
 * `DEFAULT_BOUNDING_BOX_TRACKER_CONFIG`): `similarity: 'keypoints'`, `maxTracks: 18`, `maxAgeSec: 1` (s),
 * `minSimilarity: 0.2` (`'keypoints'`) or `0.15` (`'box'`), `keypointConfidenceThreshold: 0.3`,
 * `keypointFalloff`: the COCO-17 sigmas, `minNumberOfKeypoints: 4`.
 *
 * @example
 * ```ts
 * const tracker = createPoseTracker();                 // COCO-17 keypoints, tfjs defaults
 * for (const frame of frames) {
 *   const { poses } = await estimator.estimate(frame.image);
 *   for (const p of tracker.update(poses, frame.timeSec)) draw(p, colorOf(p.id!));
 * }
 * ```
 *
 * @param options - see {@link PoseTrackerOptions}
 * @returns a new tracker with no tracks
 * @throws PosekitError `E_RANGE` for numbers out of range, `E_ARGUMENT` for an unknown similarity or option
 *   name, `E_NONFINITE` / `E_EMPTY` for a bad `keypointFalloff`
 */
export function createPoseTracker(options?: PoseTrackerOptions): PoseTracker {
  const fn = 'createPoseTracker';
  const opts = resolveTrackerOptions(fn, options);
  const keypointsMode = opts.similarity === 'keypoints';
  const falloff = Float64Array.from(opts.keypointFalloff);
  const thr = opts.keypointConfidenceThreshold;
  const minN = opts.minNumberOfKeypoints;

  let tracks: Slot[] = [];
  const pool: Slot[] = [];
  let nextId = 1;
  let lastTime = -Infinity;
  let view: readonly PoseTrack[] | null = null;

  // Scratch, grown on demand: no allocation per update in steady state.
  let sim = new Float64Array(64);
  let match = new Int32Array(8);
  let taken = new Uint8Array(8);
  let trackArea = new Float64Array(8);
  let poseBoxes = new Float64Array(32);
  let poseHasBox = new Uint8Array(8);

  const store = (slot: Slot, pose: Pose, i: number, t: number): void => {
    const kp = pose.keypoints;
    if (slot.kp.length < kp.length) slot.kp = new Float32Array(kp.length);
    slot.kp.set(kp);
    slot.kpLen = kp.length;
    slot.last = t;
    const box = pose.box;
    slot.hasPoseBox = box !== undefined;
    if (box !== undefined) {
      slot.poseBox[0] = box.x1;
      slot.poseBox[1] = box.y1;
      slot.poseBox[2] = box.x2;
      slot.poseBox[3] = box.y2;
      slot.boxScore = box.score;
      slot.boxLabel = box.label;
    }
    if (!keypointsMode) {
      slot.hasSimBox = poseHasBox[i] === 1;
      if (slot.hasSimBox) slot.simBox.set(poseBoxes.subarray(4 * i, 4 * i + 4));
    }
  };

  const update = (poses: readonly Pose[], timestampSec: number): Pose[] => {
    const f = 'PoseTracker.update';
    if (!Array.isArray(poses)) {
      throw new PosekitError('E_ARGUMENT', `${f}: poses must be an array of Pose; received ${describeValue(poses)}`, { field: 'poses', received: describeValue(poses) });
    }
    if (typeof timestampSec !== 'number') {
      throw new PosekitError('E_ARGUMENT', `${f}: timestampSec must be a number of seconds; received ${describeValue(timestampSec)}`, { field: 'timestampSec', received: describeValue(timestampSec) });
    }
    if (!Number.isFinite(timestampSec)) {
      throw new PosekitError('E_NONFINITE', `${f}: timestampSec must be finite; received ${describeValue(timestampSec)}`, { field: 'timestampSec', received: timestampSec });
    }
    if (timestampSec < lastTime) {
      throw new PosekitError('E_RANGE', `${f}: timestamps must not decrease; received ${timestampSec} s after ${lastTime} s (call reset() to start a new stream)`, {
        field: 'timestampSec',
        expected: `>= ${lastTime}`,
        received: timestampSec,
      });
    }
    checkPoses(f, poses, opts);
    // Nothing below throws: a rejected call leaves the tracker untouched.
    lastTime = timestampSec;
    view = null;
    const t = timestampSec;
    const n = poses.length;

    // 1. Age out (tfjs filterOldTracks: keep when t - last <= maxAgeSec).
    let m = 0;
    for (let j = 0; j < tracks.length; j++) {
      const s = tracks[j]!;
      if (t - s.last <= opts.maxAgeSec) tracks[m++] = s;
      else pool.push(s);
    }
    tracks.length = m;

    // 2. Similarity matrix, poses × tracks.
    if (sim.length < n * m) sim = new Float64Array(Math.max(n * m, 2 * sim.length));
    if (match.length < n) match = new Int32Array(Math.max(n, 2 * match.length));
    if (taken.length < m) taken = new Uint8Array(Math.max(m, 2 * taken.length));
    if (keypointsMode) {
      const k = falloff.length;
      if (trackArea.length < m) trackArea = new Float64Array(Math.max(m, 2 * trackArea.length));
      for (let j = 0; j < m; j++) trackArea[j] = trackKeypointArea(tracks[j]!.kp, 0, k, thr);
      for (let i = 0; i < n; i++) {
        const kp = poses[i]!.keypoints;
        for (let j = 0; j < m; j++) sim[i * m + j] = trackOksKernel(kp, 0, tracks[j]!.kp, 0, k, trackArea[j]!, falloff, thr, minN);
      }
    } else {
      if (poseBoxes.length < 4 * n) poseBoxes = new Float64Array(Math.max(4 * n, 2 * poseBoxes.length));
      if (poseHasBox.length < n) poseHasBox = new Uint8Array(Math.max(n, 2 * poseHasBox.length));
      for (let i = 0; i < n; i++) {
        const pose = poses[i]!;
        const box = pose.box;
        if (box !== undefined) {
          poseBoxes[4 * i] = box.x1;
          poseBoxes[4 * i + 1] = box.y1;
          poseBoxes[4 * i + 2] = box.x2;
          poseBoxes[4 * i + 3] = box.y2;
          poseHasBox[i] = 1;
        } else {
          poseHasBox[i] = keypointBox(poseBoxes, 4 * i, pose.keypoints, 0, pose.keypoints.length / 3, thr) ? 1 : 0;
        }
        for (let j = 0; j < m; j++) {
          const s = tracks[j]!;
          sim[i * m + j] = poseHasBox[i] === 1 && s.hasSimBox ? trackIou(poseBoxes, 4 * i, s.simBox, 0) : 0;
        }
      }
    }

    // 3. Greedy matching; matched tracks take the pose, unmatched poses start tracks.
    assignGreedy(match, sim, n, m, opts.minSimilarity, taken);
    const out: Pose[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const j = match[i]!;
      let slot: Slot;
      if (j >= 0) {
        slot = tracks[j]!;
      } else {
        slot = pool.pop() ?? newSlot();
        slot.id = nextId++;
        tracks.push(slot);
      }
      store(slot, poses[i]!, i, t);
      out[i] = { ...poses[i]!, id: slot.id };
    }

    // 4. Freshest first (Array.prototype.sort is stable, as tfjs relies on), then cap.
    tracks.sort(byLastDesc);
    while (tracks.length > opts.maxTracks) pool.push(tracks.pop()!);
    return out;
  };

  const reset = (): void => {
    for (const s of tracks) pool.push(s);
    tracks = [];
    lastTime = -Infinity;
    view = null;
  };

  const snapshot = (): readonly PoseTrack[] => {
    const list: PoseTrack[] = tracks.map((s) => {
      const tr: { id: number; lastTimestamp: number; keypoints: Float32Array; box?: Box } = {
        id: s.id,
        lastTimestamp: s.last,
        keypoints: s.kp.slice(0, s.kpLen),
      };
      if (s.hasPoseBox) {
        const b: Box = { x1: s.poseBox[0]!, y1: s.poseBox[1]!, x2: s.poseBox[2]!, y2: s.poseBox[3]! };
        if (s.boxScore !== undefined) b.score = s.boxScore;
        if (s.boxLabel !== undefined) b.label = s.boxLabel;
        tr.box = Object.freeze(b);
      }
      return Object.freeze(tr);
    });
    return Object.freeze(list);
  };

  return {
    update,
    reset,
    get tracks(): readonly PoseTrack[] {
      if (view === null) view = snapshot();
      return view;
    },
    options: opts,
  };
}
