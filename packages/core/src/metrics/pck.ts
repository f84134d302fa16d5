/**
 * Per-instance kernels of the PCK family, exactly as MMPose computes them
 * (open-mmlab/mmpose @ 759b39c1, `mmpose/evaluation/functional/keypoint_eval.py`): normalised distances
 * (`_calc_distances`), PCK (`keypoint_pck_accuracy`), AUC (`keypoint_auc`), EPE (`keypoint_epe`),
 * NME (`keypoint_nme`), PCK from heatmaps (`pose_pck_accuracy`), plus PDJ (DeepPose, Toshev & Szegedy 2014),
 * which MMPose does not have. Spec: shared/spec/metrics-and-nms.md §6.
 *
 * Numeric conventions reproduced (they decide borderline hits):
 * - the arithmetic follows numpy's dtype promotion: `pred - gt` is float32 when both are `Float32Array`,
 *   the division by the norm and the Euclidean norm are float32 when the norm is a `Float32Array` too,
 *   and float64 otherwise; the distance is then stored as **float32**;
 * - the threshold test `d < thr` runs in float32 (numpy 1.x casts the Python-float threshold to the
 *   float32 dtype of the distance array), and is strict;
 * - means over keypoints use numpy's pairwise float64 summation, EPE/NME sums its float32 pairwise
 *   summation over the valid distances in keypoint-major order (MMPose transposes to [K, N]).
 *
 * Unlike MMPose, nothing here mutates its inputs: MMPose writes `1e6` into the caller's `norm_factor`
 * where it is ≤ 0; {@link effectiveNormFactors} returns that array as a copy.
 *
 * @module
 */
import { PosekitError, describeValue } from '../errors.js';
import { checkNoAlias, sharesStorage } from '../affine/check.js';
import { checkOptionKeys } from '../option-keys.js';
import { checkFloat32Tensor } from '../tensor.js';
import type { TensorLike } from '../tensor.js';
import { pairwiseSum, pairwiseSumF32 } from './pairwise.js';

/**
 * Keypoint pairs of N instances with K keypoints each, as flat typed arrays (C order).
 * The dtype matters: `Float32Array` inputs are computed in float32 like MMPose on float32 numpy arrays.
 */
export interface KeypointPairs {
  /** Predicted keypoints `[N, K, 2]` (x, y), in pixels (or any unit shared with `gt`). */
  readonly pred: Float32Array | Float64Array;
  /** Ground-truth keypoints `[N, K, 2]`, same unit as `pred`. */
  readonly gt: Float32Array | Float64Array;
  /** `[N, K]`: nonzero = evaluate this keypoint (visible / annotated), 0 = ignore it. */
  readonly mask: Uint8Array;
  /** Number of instances N (≥ 1). */
  readonly n: number;
  /** Number of keypoints per instance K (≥ 1). */
  readonly k: number;
}

/** Result of a PCK computation (MMPose `keypoint_pck_accuracy` returns the same triple). */
export interface PckResult {
  /** Per-keypoint accuracy `[K]` in [0, 1]; −1 where the keypoint has no valid instance. */
  acc: Float64Array;
  /** Mean of the `acc` values that are ≥ 0 (macro average over keypoints); 0 when there are none. */
  avgAcc: number;
  /** Number of keypoints with at least one valid instance (the count `avgAcc` averages over). */
  cnt: number;
}

/** PCK at several thresholds (see {@link pckCurveFromDistances}). */
export interface PckCurveResult {
  /** The thresholds `[T]`, in the order given. */
  thresholds: Float64Array;
  /** Per-keypoint accuracy `[T, K]` (row = threshold); −1 where a keypoint has no valid instance. */
  acc: Float64Array;
  /** Macro mean over keypoints `[T]` (0 where no keypoint is valid). */
  avgAcc: Float64Array;
  /** Number of keypoints averaged `[T]`. */
  cnt: Int32Array;
}

/** One point of a PDJ curve. */
export interface PdjPoint {
  /** Fraction f of the torso diameter used as the threshold. */
  fraction: number;
  /** Per-joint detection rate `[K]` in [0, 1]; −1 for joints with no valid instance. */
  perJoint: Float64Array;
  /** Macro mean over the joints with a valid instance (0 if none). */
  mean: number;
  /** Number of joints with a valid instance. */
  cnt: number;
}

/** Result of {@link pdjCurve}. */
export interface PdjResult {
  /** Torso diameter of each instance `[N]` (float64, same unit as the keypoints). */
  torsoDiameter: Float64Array;
  /** One point per requested fraction, in the given order. */
  curve: PdjPoint[];
}

/** Options of {@link pdjCurve}. */
export interface PdjOptions {
  /**
   * Keypoint indices `[a, b]` whose GT distance is the torso diameter. Default `[5, 12]`
   * (COCO-17 left_shoulder, right_hip), as in DeepPose's "left shoulder – right hip" definition.
   */
  torsoPair?: readonly [number, number];
}

/** Default PDJ fractions of the torso diameter: 0.05, 0.10, …, 0.50. */
export const DEFAULT_PDJ_FRACTIONS: readonly number[] = Object.freeze([0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5]);

/** MMPose replaces norm factors ≤ 0 by this value (so those distances are ~0 and count as hits). */
const INVALID_NORM_REPLACEMENT = 1e6;

// ---------------------------------------------------------------------------------------------------------
// validation

function isFloatArray(v: unknown): v is Float32Array | Float64Array {
  return v instanceof Float32Array || v instanceof Float64Array;
}

function checkCount(fn: string, name: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
    throw new PosekitError('E_ARGUMENT', `${fn}: ${name} must be a non-negative integer; received ${describeValue(v)}`, {
      expected: 'non-negative integer',
      received: describeValue(v),
      field: name,
    });
  }
  if (v === 0) {
    throw new PosekitError('E_EMPTY', `${fn}: ${name} must be at least 1; received 0`, { expected: `${name} >= 1`, received: 0, field: name });
  }
  return v;
}

function checkFloatArray(fn: string, name: string, v: unknown, length: number, shape: string): Float32Array | Float64Array {
  if (!isFloatArray(v)) {
    throw new PosekitError('E_DTYPE', `${fn}: ${name} must be a Float32Array or Float64Array ${shape}; received ${describeValue(v)}`, {
      expected: 'Float32Array | Float64Array',
      received: describeValue(v),
      field: name,
    });
  }
  if (v.length !== length) {
    throw new PosekitError('E_SHAPE', `${fn}: ${name} must have ${length} elements ${shape}; received ${v.length}`, {
      expected: length,
      received: v.length,
      field: name,
    });
  }
  return v;
}

function checkMask(fn: string, v: unknown, n: number, k: number): Uint8Array {
  if (!(v instanceof Uint8Array)) {
    throw new PosekitError('E_DTYPE', `${fn}: mask must be a Uint8Array [N, K] (nonzero = evaluate); received ${describeValue(v)}`, {
      expected: 'Uint8Array',
      received: describeValue(v),
      field: 'mask',
    });
  }
  if (v.length !== n * k) {
    throw new PosekitError('E_SHAPE', `${fn}: mask must have N*K = ${n}*${k} = ${n * k} elements; received ${v.length}`, {
      expected: n * k,
      received: v.length,
      field: 'mask',
    });
  }
  return v;
}

/**
 * Precomputed distances must be a Float32Array of N·K values (what {@link keypointDistances} returns), each −1
 * (invalid) or a finite number >= 0: a NaN or another negative value would silently count as a miss or a hit.
 */
function checkDistances(fn: string, distances: unknown, n: number, k: number): void {
  if (!(distances instanceof Float32Array) || distances.length !== n * k) {
    throw new PosekitError('E_SHAPE', `${fn}: distances must be a Float32Array [N, K] = ${n * k} elements; received ${describeValue(distances)}`, {
      expected: `Float32Array(${n * k})`,
      received: describeValue(distances),
    });
  }
  for (let i = 0; i < distances.length; i++) {
    const d = distances[i]!;
    if (d >= 0 && d < Infinity) continue;
    if (d === -1) continue;
    throw new PosekitError(
      d - d === 0 ? 'E_RANGE' : 'E_NONFINITE',
      `${fn}: distances[${i}] must be a finite distance >= 0, or -1 for an invalid entry; received ${describeValue(d)}`,
      { expected: '>= 0 or -1', received: d, item: i },
    );
  }
}

/**
 * Most thresholds {@link keypointAuc} evaluates (`numThrs`). MMPose uses 20; the cost and the result arrays grow
 * with numThrs × K, and without a bound 1e9 thresholds exhausted the heap (a crash, not an exception).
 */
const MAX_AUC_THRESHOLDS = 10000;

function checkThreshold(fn: string, name: string, thr: unknown): number {
  if (typeof thr !== 'number' || !Number.isFinite(thr)) {
    throw new PosekitError('E_NONFINITE', `${fn}: ${name} must be a finite number; received ${describeValue(thr)}`, {
      expected: 'finite number',
      received: describeValue(thr),
      field: name,
    });
  }
  if (thr < 0) {
    throw new PosekitError('E_RANGE', `${fn}: ${name} must be >= 0; received ${thr}`, { expected: '>= 0', received: thr, field: name });
  }
  return thr;
}

/** Validate keypoint pairs; coordinates of evaluated keypoints must be finite. */
function checkPairs(fn: string, pairs: KeypointPairs): void {
  if (typeof pairs !== 'object' || pairs === null) {
    throw new PosekitError('E_ARGUMENT', `${fn}: expected keypoint pairs {pred, gt, mask, n, k}; received ${describeValue(pairs)}`);
  }
  const n = checkCount(fn, 'n', pairs.n);
  const k = checkCount(fn, 'k', pairs.k);
  const shape = `[N, K, 2] = [${n}, ${k}, 2]`;
  const pred = checkFloatArray(fn, 'pred', pairs.pred, n * k * 2, shape);
  const gt = checkFloatArray(fn, 'gt', pairs.gt, n * k * 2, shape);
  const mask = checkMask(fn, pairs.mask, n, k);
  for (let i = 0; i < n * k; i++) {
    if (mask[i] === 0) continue;
    const px = pred[2 * i]!;
    const py = pred[2 * i + 1]!;
    const gx = gt[2 * i]!;
    const gy = gt[2 * i + 1]!;
    // x - x is NaN exactly when x is NaN or ±Infinity: one test for all four coordinates.
    if (Number.isNaN(px - px + (py - py) + (gx - gx) + (gy - gy))) {
      const which = !Number.isFinite(px) || !Number.isFinite(py) ? 'pred' : 'gt';
      const inst = Math.floor(i / k);
      const kp = i % k;
      const arr = which === 'pred' ? pred : gt;
      throw new PosekitError(
        'E_NONFINITE',
        `${fn}: ${which} keypoint [${inst}, ${kp}] is (${arr[2 * i]}, ${arr[2 * i + 1]}); evaluated keypoints (mask != 0) need finite coordinates`,
        { expected: 'finite coordinates', received: [arr[2 * i], arr[2 * i + 1]], item: inst, field: which, keypoint: kp },
      );
    }
  }
}

function checkNorm(fn: string, name: string, norm: unknown, n: number): Float32Array | Float64Array {
  const v = checkFloatArray(fn, name, norm, n * 2, `[N, 2] = [${n}, 2]`);
  for (let i = 0; i < v.length; i++) {
    if (!Number.isFinite(v[i]!)) {
      throw new PosekitError('E_NONFINITE', `${fn}: ${name}[${i >> 1}, ${i & 1}] is ${v[i]}; norm factors must be finite`, {
        expected: 'finite number',
        received: v[i],
        item: i >> 1,
        field: name,
      });
    }
  }
  return v;
}

// ---------------------------------------------------------------------------------------------------------
// kernels (inputs already validated)

/**
 * MMPose `_calc_distances` into `out` `[N, K]` (row-major; MMPose returns the transpose `[K, N]`).
 * `subF32`: `pred - gt` in float32; `divF32`: division, squares, sum and sqrt in float32.
 */
function distancesInto(
  out: Float32Array,
  pred: ArrayLike<number>,
  gt: ArrayLike<number>,
  mask: Uint8Array,
  norm: ArrayLike<number>,
  n: number,
  k: number,
  subF32: boolean,
  divF32: boolean,
): Float32Array {
  const f = Math.fround;
  for (let i = 0; i < n; i++) {
    let nx = norm[2 * i]!;
    let ny = norm[2 * i + 1]!;
    // Quirk 1: an instance with any zero norm entry is masked out entirely (before the ≤ 0 replacement).
    const dropInstance = nx === 0 || ny === 0;
    // Quirk 2: norm ≤ 0 becomes 1e6 (MMPose writes it into the caller's array; we only use it locally).
    if (nx <= 0) nx = INVALID_NORM_REPLACEMENT;
    if (ny <= 0) ny = INVALID_NORM_REPLACEMENT;
    const row = i * k;
    for (let j = 0; j < k; j++) {
      const idx = row + j;
      if (dropInstance || mask[idx] === 0) {
        out[idx] = -1;
        continue;
      }
      let dx = pred[2 * idx]! - gt[2 * idx]!;
      let dy = pred[2 * idx + 1]! - gt[2 * idx + 1]!;
      if (subF32) {
        dx = f(dx);
        dy = f(dy);
      }
      if (divF32) {
        const qx = f(dx / nx);
        const qy = f(dy / ny);
        out[idx] = Math.sqrt(f(f(qx * qx) + f(qy * qy)));
      } else {
        const qx = dx / nx;
        const qy = dy / ny;
        out[idx] = Math.sqrt(qx * qx + qy * qy);
      }
    }
  }
  return out;
}

/** Per-keypoint accuracy at `thr` from `[N, K]` distances (MMPose `_distance_acc` + the macro mean). */
function accuracyInto(acc: Float64Array, dist: Float32Array, n: number, k: number, thr: number, scratch: Float64Array): { avgAcc: number; cnt: number } {
  // numpy 1.x compares the float32 distance array with the Python-float threshold in float32.
  const t = Math.fround(thr);
  // Row-major pass with per-keypoint counters (contiguous reads of the [N, K] distances).
  const valid = new Int32Array(k);
  const hits = new Int32Array(k);
  for (let i = 0; i < n; i++) {
    const row = i * k;
    for (let j = 0; j < k; j++) {
      const d = dist[row + j]!;
      if (d !== -1) {
        valid[j]!++;
        if (d < t) hits[j]!++;
      }
    }
  }
  let cnt = 0;
  for (let j = 0; j < k; j++) {
    const v = valid[j]!;
    const a = v > 0 ? hits[j]! / v : -1;
    acc[j] = a;
    if (a >= 0) scratch[cnt++] = a;
  }
  const avgAcc = cnt > 0 ? pairwiseSum(scratch, 0, cnt) / cnt : 0;
  return { avgAcc, cnt };
}

/**
 * PCK at many thresholds from one pass over `[N, K]` distances: each valid distance is binned by the first
 * (float32) threshold it is strictly below, then cumulative counts give every threshold's hits. Same results
 * as {@link accuracyInto} per threshold, in O(N·K·log T + T·K).
 */
function curveInto(dist: Float32Array, n: number, k: number, thrs: ArrayLike<number>): PckCurveResult {
  const T = thrs.length;
  const order = Array.from({ length: T }, (_, i) => i).sort((a, b) => Math.fround(thrs[a]!) - Math.fround(thrs[b]!));
  const sorted = Float64Array.from(order, (i) => Math.fround(thrs[i]!));
  const stride = T + 1;
  const hist = new Int32Array(k * stride);
  const valid = new Int32Array(k);
  for (let i = 0; i < n; i++) {
    const row = i * k;
    for (let j = 0; j < k; j++) {
      const d = dist[row + j]!;
      if (d === -1) continue;
      valid[j]!++;
      // first sorted threshold t with d < t (upper bound)
      let lo = 0;
      let hi = T;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (d < sorted[mid]!) hi = mid;
        else lo = mid + 1;
      }
      hist[j * stride + lo]!++;
    }
  }
  const acc = new Float64Array(T * k);
  for (let j = 0; j < k; j++) {
    const v = valid[j]!;
    let cum = 0;
    for (let s = 0; s < T; s++) {
      cum += hist[j * stride + s]!;
      acc[order[s]! * k + j] = v > 0 ? cum / v : -1;
    }
  }
  const avgAcc = new Float64Array(T);
  const cnt = new Int32Array(T);
  const scratch = new Float64Array(k);
  for (let t = 0; t < T; t++) {
    let c = 0;
    for (let j = 0; j < k; j++) {
      const a = acc[t * k + j]!;
      if (a >= 0) scratch[c++] = a;
    }
    cnt[t] = c;
    avgAcc[t] = c > 0 ? pairwiseSum(scratch, 0, c) / c : 0;
  }
  return { thresholds: Float64Array.from(thrs), acc, avgAcc, cnt };
}

/** Mean of the valid (≠ −1) distances, float32 pairwise sum in keypoint-major order / max(1, count). */
function meanValidDistance(dist: Float32Array, n: number, k: number): number {
  const valid = new Float32Array(n * k);
  let m = 0;
  for (let j = 0; j < k; j++) {
    for (let i = 0; i < n; i++) {
      const d = dist[i * k + j]!;
      if (d !== -1) valid[m++] = d;
    }
  }
  return pairwiseSumF32(valid, 0, m) / Math.max(1, m);
}

function constantNorm(n: number, value: number): Float64Array {
  return new Float64Array(n * 2).fill(value);
}

// ---------------------------------------------------------------------------------------------------------
// public API

/**
 * Normalised distances `‖(pred − gt) / norm‖` per instance and keypoint, as MMPose `_calc_distances`
 * (mmpose/evaluation/functional/keypoint_eval.py), written into `out` `[N, K]` (row-major, float32;
 * MMPose returns the transpose). −1 marks an invalid entry: masked keypoint, or an instance whose norm row
 * has a zero. Norm entries ≤ 0 are treated as 1e6 (MMPose quirk: those distances become ~0 and count as
 * hits). x is divided by `norm[i, 0]`, y by `norm[i, 1]`. The caller's arrays are not modified.
 *
 * @param out - receives the distances, length N*K
 * @param pairs - keypoints and mask
 * @param norm - normalisation factors `[N, 2]` (e.g. bbox size, head size, heatmap size)
 * @returns `out`
 * @throws PosekitError E_DTYPE / E_SHAPE / E_EMPTY / E_ARGUMENT on bad arrays (E_ARGUMENT also when `out` shares
 *   memory with pred, gt or norm), E_NONFINITE on NaN/±Infinity in an evaluated keypoint or a norm factor
 */
export function keypointDistances(out: Float32Array, pairs: KeypointPairs, norm: Float32Array | Float64Array): Float32Array {
  const fn = 'keypointDistances';
  checkPairs(fn, pairs);
  checkNorm(fn, 'norm', norm, pairs.n);
  if (!(out instanceof Float32Array) || out.length !== pairs.n * pairs.k) {
    throw new PosekitError('E_SHAPE', `${fn}: out must be a Float32Array of N*K = ${pairs.n * pairs.k}; received ${describeValue(out)}`, {
      expected: `Float32Array(${pairs.n * pairs.k})`,
      received: describeValue(out),
    });
  }
  checkNoAlias(fn, 'out', out, 'pairs.pred', pairs.pred, 'it is written while pairs.pred is read');
  checkNoAlias(fn, 'out', out, 'pairs.gt', pairs.gt, 'it is written while pairs.gt is read');
  checkNoAlias(fn, 'out', out, 'norm', norm, 'it is written while norm is read');
  const subF32 = pairs.pred instanceof Float32Array && pairs.gt instanceof Float32Array;
  return distancesInto(out, pairs.pred, pairs.gt, pairs.mask, norm, pairs.n, pairs.k, subF32, subF32 && norm instanceof Float32Array);
}

/**
 * The norm factors MMPose actually divides by: a copy of `norm` with entries ≤ 0 replaced by 1e6.
 * MMPose's `_calc_distances` writes exactly this back into the caller's `norm_factor` array (a side effect
 * posekit does not reproduce); this function makes the value observable without mutating anything.
 *
 * @param out - receives the factors, same length as `norm`; may be `norm` itself (in place), but not a shifted view
 *   of it
 * @param norm - normalisation factors `[N, 2]`, finite
 * @returns `out`
 * @throws PosekitError E_SHAPE (not float arrays of equal length), E_NONFINITE (a NaN / ±Infinity factor),
 *   E_ARGUMENT (`out` partially overlapping `norm`)
 */
export function effectiveNormFactors<T extends Float32Array | Float64Array>(out: T, norm: Float32Array | Float64Array): T {
  const fn = 'effectiveNormFactors';
  if (!isFloatArray(norm) || !isFloatArray(out) || out.length !== norm.length) {
    throw new PosekitError('E_SHAPE', `${fn}: out and norm must be float arrays of equal length; received ${describeValue(out)} and ${describeValue(norm)}`);
  }
  // Elementwise, so in place is fine; a shifted view (or another element type) over the same bytes is not.
  if (sharesStorage(out, norm) && !(out.byteOffset === norm.byteOffset && out.BYTES_PER_ELEMENT === norm.BYTES_PER_ELEMENT)) {
    throw new PosekitError('E_ARGUMENT', `${fn}: out must be norm itself or not overlap it; received overlapping arrays`, { received: 'overlapping arrays' });
  }
  checkNorm(fn, 'norm', norm, norm.length / 2);
  for (let i = 0; i < norm.length; i++) {
    const v = norm[i]!;
    out[i] = v <= 0 ? INVALID_NORM_REPLACEMENT : v;
  }
  return out;
}

/**
 * PCK from precomputed `[N, K]` distances (−1 = invalid), e.g. from {@link keypointDistances}: per-keypoint
 * fraction of valid distances strictly below `thr` (compared in float32 like MMPose), macro mean and count.
 * Lets a PCK-vs-threshold curve reuse one distance computation.
 *
 * @param distances - `[N, K]` float32 distances
 * @param n - number of instances
 * @param k - number of keypoints
 * @param thr - threshold on the normalised distance (≥ 0)
 * @returns per-keypoint accuracies, their mean and the number of keypoints averaged
 * @throws PosekitError E_SHAPE (distances not a Float32Array of N·K), E_NONFINITE / E_RANGE (a distance that is
 *   neither −1 nor finite and >= 0; thr not finite or < 0), E_EMPTY / E_ARGUMENT (bad n, k)
 */
export function pckFromDistances(distances: Float32Array, n: number, k: number, thr: number): PckResult {
  const fn = 'pckFromDistances';
  checkCount(fn, 'n', n);
  checkCount(fn, 'k', k);
  checkDistances(fn, distances, n, k);
  checkThreshold(fn, 'thr', thr);
  const acc = new Float64Array(k);
  const { avgAcc, cnt } = accuracyInto(acc, distances, n, k, thr, new Float64Array(k));
  return { acc, avgAcc, cnt };
}

/**
 * PCK at many thresholds from precomputed `[N, K]` distances (−1 = invalid) in one pass: for each threshold,
 * exactly what {@link pckFromDistances} returns (strict <, float32 comparison, macro mean with numpy's
 * pairwise sum). Use it for PCK-versus-threshold curves, AUC and PDJ curves.
 *
 * @param distances - `[N, K]` float32 distances, e.g. from {@link keypointDistances}
 * @param n - number of instances
 * @param k - number of keypoints
 * @param thresholds - thresholds (≥ 0), any order
 * @returns per-threshold, per-keypoint accuracies, means and counts
 * @throws PosekitError E_SHAPE (distances not a Float32Array of N·K), E_NONFINITE / E_RANGE (a distance that is
 *   neither −1 nor finite and >= 0; a threshold that is not finite or < 0), E_ARGUMENT (thresholds not an array),
 *   E_EMPTY (no thresholds, n or k = 0)
 */
export function pckCurveFromDistances(distances: Float32Array, n: number, k: number, thresholds: ArrayLike<number>): PckCurveResult {
  const fn = 'pckCurveFromDistances';
  checkCount(fn, 'n', n);
  checkCount(fn, 'k', k);
  checkDistances(fn, distances, n, k);
  if (thresholds === null || typeof thresholds !== 'object' || typeof thresholds.length !== 'number') {
    throw new PosekitError('E_ARGUMENT', `${fn}: thresholds must be an array of numbers; received ${describeValue(thresholds)}`);
  }
  if (thresholds.length === 0) throw new PosekitError('E_EMPTY', `${fn}: thresholds must not be empty; received 0 values`);
  for (let i = 0; i < thresholds.length; i++) checkThreshold(fn, 'threshold', thresholds[i]);
  return curveInto(distances, n, k, thresholds);
}

/**
 * PCK accuracy per keypoint and averaged over keypoints, as MMPose `keypoint_pck_accuracy`
 * (mmpose/evaluation/functional/keypoint_eval.py). A keypoint counts as correct when its normalised
 * distance (see {@link keypointDistances}) is strictly below `thr`.
 *
 * @example
 * ```ts
 * const r = keypointPckAccuracy({ pred, gt, mask, n, k }, 0.2, bboxSizes); // bboxSizes: [N, 2]
 * r.avgAcc; // PCK@0.2
 * ```
 * @param pairs - keypoints and mask
 * @param thr - threshold on the normalised distance, e.g. 0.05, 0.1, 0.2 (≥ 0)
 * @param norm - normalisation factors `[N, 2]` (x and y divided separately)
 * @returns `{acc, avgAcc, cnt}` as MMPose's `(acc, avg_acc, cnt)`
 * @throws PosekitError on bad shapes/dtypes (E_SHAPE, E_DTYPE, E_EMPTY, E_ARGUMENT), NaN/±Infinity
 *   (E_NONFINITE) or a negative threshold (E_RANGE)
 */
export function keypointPckAccuracy(pairs: KeypointPairs, thr: number, norm: Float32Array | Float64Array): PckResult {
  const fn = 'keypointPckAccuracy';
  checkPairs(fn, pairs);
  checkNorm(fn, 'norm', norm, pairs.n);
  checkThreshold(fn, 'thr', thr);
  const { n, k } = pairs;
  const subF32 = pairs.pred instanceof Float32Array && pairs.gt instanceof Float32Array;
  const dist = distancesInto(new Float32Array(n * k), pairs.pred, pairs.gt, pairs.mask, norm, n, k, subF32, subF32 && norm instanceof Float32Array);
  const acc = new Float64Array(k);
  const { avgAcc, cnt } = accuracyInto(acc, dist, n, k, thr, new Float64Array(k));
  return { acc, avgAcc, cnt };
}

/**
 * Area under the PCK-vs-threshold curve, as MMPose `keypoint_auc`: distances normalised by a constant
 * `normFactor` (pixels, float64 like MMPose's Python-number norm), thresholds `i / numThrs` for
 * i = 0 … numThrs − 1 (0 included, 1 excluded), AUC = Σ (1/numThrs) · avgAcc(thr), summed in order.
 *
 * @param pairs - keypoints and mask
 * @param normFactor - normalisation in pixels (> 0). Default 30 (MMPose `AUC` metric default).
 * @param numThrs - number of thresholds, an integer from 1 to 10000. Default 20.
 * @returns AUC in [0, 1)
 * @throws PosekitError as {@link keypointPckAccuracy}; E_RANGE for normFactor ≤ 0 or numThrs outside [1, 10000]
 */
export function keypointAuc(pairs: KeypointPairs, normFactor = 30, numThrs = 20): number {
  const fn = 'keypointAuc';
  checkPairs(fn, pairs);
  checkThreshold(fn, 'normFactor', normFactor);
  if (normFactor <= 0) throw new PosekitError('E_RANGE', `${fn}: normFactor must be > 0; received ${normFactor}`, { expected: '> 0', received: normFactor });
  if (!Number.isInteger(numThrs) || numThrs < 1 || numThrs > MAX_AUC_THRESHOLDS) {
    throw new PosekitError('E_RANGE', `${fn}: numThrs must be an integer from 1 to ${MAX_AUC_THRESHOLDS}; received ${describeValue(numThrs)}`, {
      expected: `integer in [1, ${MAX_AUC_THRESHOLDS}]`,
      received: numThrs,
    });
  }
  const { n, k } = pairs;
  const subF32 = pairs.pred instanceof Float32Array && pairs.gt instanceof Float32Array;
  const dist = distancesInto(new Float32Array(n * k), pairs.pred, pairs.gt, pairs.mask, constantNorm(n, normFactor), n, k, subF32, false);
  const thrs = new Float64Array(numThrs);
  for (let i = 0; i < numThrs; i++) thrs[i] = (1.0 * i) / numThrs;
  const { avgAcc } = curveInto(dist, n, k, thrs);
  let auc = 0;
  for (let i = 0; i < numThrs; i++) auc += (1.0 / numThrs) * avgAcc[i]!;
  return auc;
}

/**
 * End-point error: mean Euclidean distance (pixels) over the evaluated keypoints, as MMPose
 * `keypoint_epe` (float32 distances, float32 pairwise sum, divided by max(1, count)). 0 when nothing is
 * evaluated.
 *
 * @param pairs - keypoints and mask
 * @returns mean end-point error, same unit as the keypoints
 * @throws PosekitError as {@link keypointPckAccuracy}
 */
export function keypointEpe(pairs: KeypointPairs): number {
  checkPairs('keypointEpe', pairs);
  const { n, k } = pairs;
  const f32 = pairs.pred instanceof Float32Array && pairs.gt instanceof Float32Array;
  // MMPose divides by np.ones(float32): a float32 path exactly when the keypoints are float32.
  const dist = distancesInto(new Float32Array(n * k), pairs.pred, pairs.gt, pairs.mask, constantNorm(n, 1), n, k, f32, f32);
  return meanValidDistance(dist, n, k);
}

/**
 * Normalised mean error, as MMPose `keypoint_nme`: mean of the normalised distances
 * (see {@link keypointDistances}) over the valid keypoints; 0 when there are none.
 *
 * @param pairs - keypoints and mask
 * @param norm - normalisation factors `[N, 2]` (e.g. inter-ocular distance or bbox size, tiled twice)
 * @returns the NME (unitless)
 * @throws PosekitError as {@link keypointPckAccuracy}
 */
export function keypointNme(pairs: KeypointPairs, norm: Float32Array | Float64Array): number {
  const fn = 'keypointNme';
  checkPairs(fn, pairs);
  checkNorm(fn, 'norm', norm, pairs.n);
  const { n, k } = pairs;
  const subF32 = pairs.pred instanceof Float32Array && pairs.gt instanceof Float32Array;
  const dist = distancesInto(new Float32Array(n * k), pairs.pred, pairs.gt, pairs.mask, norm, n, k, subF32, subF32 && norm instanceof Float32Array);
  return meanValidDistance(dist, n, k);
}

/**
 * Argmax of each `[H, W]` map as MMPose `get_heatmap_maximum` (mmpose/codecs/utils/post_processing.py):
 * first maximum in row-major order, (x, y) as float32; (−1, −1) where the maximum is ≤ 0.
 */
function heatmapArgmaxInto(out: Float32Array, data: Float32Array, maps: number, hw: number, w: number, fn: string, name: string): void {
  for (let m = 0; m < maps; m++) {
    const base = m * hw;
    let best = data[base]!;
    let arg = 0;
    for (let p = 0; p < hw; p++) {
      const v = data[base + p]!;
      if (v > best) {
        best = v;
        arg = p;
      } else if (v !== v) {
        throw new PosekitError('E_NONFINITE', `${fn}: ${name} map ${m} holds NaN at flat index ${p}; heatmaps must not contain NaN`, {
          expected: 'no NaN',
          received: NaN,
          item: m,
          field: name,
        });
      }
    }
    if (best !== best) {
      throw new PosekitError('E_NONFINITE', `${fn}: ${name} map ${m} holds NaN at flat index 0; heatmaps must not contain NaN`, { item: m, field: name });
    }
    if (best <= 0) {
      out[2 * m] = -1;
      out[2 * m + 1] = -1;
    } else {
      out[2 * m] = arg % w;
      out[2 * m + 1] = Math.floor(arg / w);
    }
  }
}

/**
 * PCK from heatmaps, as MMPose `pose_pck_accuracy`: the argmax of each predicted and target map (first
 * maximum, row-major; a maximum ≤ 0 gives (−1, −1), whose distance is still computed), then
 * {@link keypointPckAccuracy}. Default `normalize` is `[H, W]` for every instance — **quirk**: x is
 * divided by H and y by W, as in MMPose.
 *
 * @param output - predicted heatmaps `[N, K, H, W]` (float32 tensor, e.g. an onnxruntime `Tensor`)
 * @param target - target heatmaps, same shape
 * @param mask - `[N, K]`, nonzero = evaluate
 * @param thr - threshold on the normalised distance. Default 0.05.
 * @param normalize - optional `[N, 2]` normalisation (heatmap pixels); default `[H, W]` per instance (float64)
 * @returns `{acc, avgAcc, cnt}`
 * @throws PosekitError E_RANK / E_SHAPE / E_DTYPE / E_EMPTY on bad tensors, E_NONFINITE on NaN in a map
 */
export function posePckAccuracy(
  output: TensorLike<Float32Array>,
  target: TensorLike<Float32Array>,
  mask: Uint8Array,
  thr = 0.05,
  normalize?: Float32Array | Float64Array,
): PckResult {
  const fn = 'posePckAccuracy';
  const o = checkFloat32Tensor(fn, 'output', output, ['N', 'K', 'H', 'W']);
  const t = checkFloat32Tensor(fn, 'target', target, ['N', 'K', 'H', 'W']);
  const [n, k, h, w] = o.dims as [number, number, number, number];
  if (t.dims.some((d, i) => d !== o.dims[i])) {
    throw new PosekitError('E_SHAPE', `${fn}: target must have the shape of output [${o.dims.join(', ')}]; received [${t.dims.join(', ')}]`, {
      expected: o.dims,
      received: t.dims,
    });
  }
  checkMask(fn, mask, n, k);
  checkThreshold(fn, 'thr', thr);
  let norm: Float32Array | Float64Array;
  if (normalize === undefined) {
    // np.tile(np.array([[H, W]]), (N, 1)) is int64: numpy then divides in float64.
    norm = new Float64Array(n * 2);
    for (let i = 0; i < n; i++) {
      norm[2 * i] = h;
      norm[2 * i + 1] = w;
    }
  } else {
    norm = checkNorm(fn, 'normalize', normalize, n);
  }
  const pred = new Float32Array(n * k * 2);
  const gt = new Float32Array(n * k * 2);
  heatmapArgmaxInto(pred, o.data, n * k, h * w, w, fn, 'output');
  heatmapArgmaxInto(gt, t.data, n * k, h * w, w, fn, 'target');
  const dist = distancesInto(new Float32Array(n * k), pred, gt, mask, norm, n, k, true, norm instanceof Float32Array);
  const acc = new Float64Array(k);
  const { avgAcc, cnt } = accuracyInto(acc, dist, n, k, thr, new Float64Array(k));
  return { acc, avgAcc, cnt };
}

/**
 * Torso diameter of each instance, ‖gt[a] − gt[b]‖ in float64 (DeepPose's PDJ normaliser; default pair
 * COCO-17 left_shoulder 5 – right_hip 12).
 *
 * @param out - receives `[N]` diameters
 * @param gt - ground-truth keypoints `[N, K, 2]`
 * @param n - number of instances
 * @param k - keypoints per instance
 * @param a - first keypoint index. Default 5 (COCO-17 left_shoulder).
 * @param b - second keypoint index. Default 12 (COCO-17 right_hip).
 * @returns `out`
 * @throws PosekitError E_ARGUMENT / E_EMPTY (bad n, k), E_DTYPE / E_SHAPE (gt, out), E_RANGE (a or b outside
 *   [0, K)), E_ARGUMENT (`out` shares memory with `gt`), E_NONFINITE (a NaN / ±Infinity torso coordinate)
 */
export function torsoDiameters(out: Float64Array, gt: Float32Array | Float64Array, n: number, k: number, a = 5, b = 12): Float64Array {
  const fn = 'torsoDiameters';
  checkCount(fn, 'n', n);
  checkCount(fn, 'k', k);
  checkFloatArray(fn, 'gt', gt, n * k * 2, `[N, K, 2] = [${n}, ${k}, 2]`);
  for (const [name, idx] of [['a', a], ['b', b]] as const) {
    if (!Number.isInteger(idx) || idx < 0 || idx >= k) {
      throw new PosekitError('E_RANGE', `${fn}: torso keypoint ${name} must be an integer in [0, ${k - 1}]; received ${describeValue(idx)}`, {
        expected: `[0, ${k - 1}]`,
        received: idx,
        field: name,
      });
    }
  }
  if (!(out instanceof Float64Array) || out.length !== n) {
    throw new PosekitError('E_SHAPE', `${fn}: out must be a Float64Array(${n}); received ${describeValue(out)}`, { expected: n, received: describeValue(out) });
  }
  checkNoAlias(fn, 'out', out, 'gt', gt, 'it is written while gt is read');
  for (let i = 0; i < n; i++) {
    const pa = (i * k + a) * 2;
    const pb = (i * k + b) * 2;
    const dx = gt[pa]! - gt[pb]!;
    const dy = gt[pa + 1]! - gt[pb + 1]!;
    if (!(dx - dx + (dy - dy) === 0)) {
      throw new PosekitError('E_NONFINITE', `${fn}: the torso keypoints ${a} and ${b} of instance ${i} must have finite GT coordinates; received (${gt[pa]}, ${gt[pa + 1]}) and (${gt[pb]}, ${gt[pb + 1]})`, {
        item: i,
        field: 'gt',
        received: [gt[pa], gt[pa + 1], gt[pb], gt[pb + 1]],
      });
    }
    out[i] = Math.sqrt(dx * dx + dy * dy);
  }
  return out;
}

/**
 * PDJ (Percentage of Detected Joints, Toshev & Szegedy, "DeepPose", CVPR 2014): a joint is detected when
 * ‖pred − gt‖ < f · torso diameter, with torso diameter = ‖gt[left_shoulder] − gt[right_hip]‖. Computed
 * with the PCK kernel (norm = torso diameter for both axes, strict <, masked joints ignored, joints with no
 * valid instance −1 and left out of the macro mean); an instance whose torso diameter is 0 is ignored
 * (MMPose zero-norm rule). The distances are computed once for all fractions.
 *
 * @param pairs - keypoints and mask
 * @param fractions - fractions f of the torso diameter. Default {@link DEFAULT_PDJ_FRACTIONS} (0.05 … 0.5).
 * @param options - `torsoPair` (default `[5, 12]`, COCO-17)
 * @returns torso diameters and one curve point per fraction
 * @throws PosekitError as {@link keypointPckAccuracy}; E_RANGE for a torso index outside [0, K); E_ARGUMENT for
 *   fractions that are not an array, options that are not an object or hold an unknown name, a torsoPair that is
 *   not a pair; E_EMPTY for no fractions; E_NONFINITE for a NaN / ±Infinity torso coordinate
 */
export function pdjCurve(pairs: KeypointPairs, fractions: readonly number[] = DEFAULT_PDJ_FRACTIONS, options: PdjOptions = {}): PdjResult {
  const fn = 'pdjCurve';
  checkPairs(fn, pairs);
  if (!Array.isArray(fractions)) {
    throw new PosekitError('E_ARGUMENT', `${fn}: fractions must be an array of numbers; received ${describeValue(fractions)}`);
  }
  if (fractions.length === 0) throw new PosekitError('E_EMPTY', `${fn}: fractions must not be empty; received 0 values`);
  for (const f of fractions) checkThreshold(fn, 'fraction', f);
  checkOptionKeys(fn, options, ['torsoPair']);
  const pair = options.torsoPair;
  if (pair !== undefined && !(Array.isArray(pair) && pair.length === 2)) {
    throw new PosekitError('E_ARGUMENT', `${fn}: options.torsoPair must be a pair [a, b] of keypoint indices; received ${describeValue(pair)}`, {
      expected: '[a, b]',
      received: describeValue(pair),
    });
  }
  const [a, b] = pair ?? [5, 12];
  const { n, k } = pairs;
  const torso = torsoDiameters(new Float64Array(n), pairs.gt, n, k, a, b);
  const norm = new Float64Array(n * 2);
  for (let i = 0; i < n; i++) norm[2 * i] = norm[2 * i + 1] = torso[i]!;
  const subF32 = pairs.pred instanceof Float32Array && pairs.gt instanceof Float32Array;
  const dist = distancesInto(new Float32Array(n * k), pairs.pred, pairs.gt, pairs.mask, norm, n, k, subF32, false);
  const c = curveInto(dist, n, k, fractions);
  const curve = fractions.map(
    (fraction, t): PdjPoint => ({ fraction, perJoint: c.acc.slice(t * k, (t + 1) * k), mean: c.avgAcc[t]!, cnt: c.cnt[t]! }),
  );
  return { torsoDiameter: torso, curve };
}
