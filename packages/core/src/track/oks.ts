/**
 * The keypoint similarity of tfjs-models' `KeypointTracker` (pose-detection
 * `src/calculators/keypoint_tracker.ts`, `oks()` and `area()`), which is not COCO's OKS.
 *
 * For a pose p and a track t (the keypoints of the pose that last matched it), with threshold c, falloff σ_i
 * and A the area of the box around the track's keypoints with score `> c`:
 *
 *   sim = (1 / n) · Σ_{i ∈ S} exp(−d_i² / (2 · (A + 1e-6) · (2σ_i)²)),   S = { i : p_i.score >= c and t_i.score >= c }
 *
 * with n = |S|, and sim = 0 when n < minNumberOfKeypoints. How it differs from COCO's OKS (`cocoOks` in
 * `metrics/`, pycocotools `computeOks`), and why it cannot reuse it:
 *
 * - the scale is the area of the *track's* keypoint box, not an annotated segment area, and the epsilon is
 *   1e-6 (not `np.spacing(1)`);
 * - keypoints count only when confident in *both* poses (COCO: when the GT keypoint is labelled), and a pair
 *   with fewer than `minNumberOfKeypoints` of them scores 0;
 * - no grown-box fallback for unlabelled people.
 *
 * The Gaussian itself is the same: `exp(−d² / (2 · A · (2σ)²))` equals COCO's `exp(−(d² / (2σ)²) / A / 2)`.
 *
 * @module
 */
import { PosekitError, describeValue } from '../errors.js';
import { keypointBox } from './iou.js';

/** tfjs `KeypointTracker.oks`: `boxArea = area(track) + 1e-6`. */
const AREA_EPS = 1e-6;

/**
 * tfjs `KeypointTracker.area`: the area of the box around the keypoints (`[x, y, score] × k` from `off`)
 * with a score `> thr`.
 *
 * tfjs seeds its min / max with 1.0 / 0.0 (`Math.min(1.0, ...xs)`, `Math.max(0.0, ...xs)`) because it works in
 * normalized image coordinates. In pixels those seeds would stretch every box to the point (1, 1) or the
 * origin, so they are left out; the result is the same as tfjs's whenever the confident keypoints have some
 * `x <= 1`, some `x >= 0`, some `y <= 1` and some `y >= 0` (always true in tfjs's normalized coordinates).
 * With no confident keypoint tfjs's seeds give `(0 − 1) · (0 − 1) = 1`, and so does this function.
 *
 * @internal
 */
export function trackKeypointArea(kp: ArrayLike<number>, off: number, k: number, thr: number): number {
  return keypointBox(areaBox, 0, kp, off, k, thr) ? (areaBox[2]! - areaBox[0]!) * (areaBox[3]! - areaBox[1]!) : 1;
}

/** Scratch of {@link trackKeypointArea} (module-level: no allocation per call). */
const areaBox = /* @__PURE__ */ new Float64Array(4);

/**
 * tfjs `KeypointTracker.oks` on flat keypoints, without validation. `area` is {@link trackKeypointArea} of
 * the track (computed once per track and frame; tfjs recomputes the same value for every pair).
 *
 * @internal
 */
export function trackOksKernel(
  pose: ArrayLike<number>,
  poseOff: number,
  track: ArrayLike<number>,
  trackOff: number,
  k: number,
  area: number,
  falloff: ArrayLike<number>,
  thr: number,
  minKeypoints: number,
): number {
  const boxArea = area + AREA_EPS;
  let total = 0;
  let n = 0;
  for (let i = 0; i < k; i++) {
    const p = poseOff + 3 * i;
    const t = trackOff + 3 * i;
    if (pose[p + 2]! < thr || track[t + 2]! < thr) continue;
    n++;
    const dx = pose[p]! - track[t]!;
    const dy = pose[p + 1]! - track[t + 1]!;
    const x = 2 * falloff[i]!;
    // Same operation order as tfjs: -1 * d² / (2 * boxArea * x ** 2).
    total += Math.exp(-(dx * dx + dy * dy) / (2 * boxArea * (x * x)));
  }
  return n < minKeypoints ? 0 : total / n;
}

function checkKeypoints(fn: string, name: string, kp: unknown, k3: number, k: number): ArrayLike<number> {
  if (kp === null || typeof kp !== 'object' || typeof (kp as { length?: unknown }).length !== 'number') {
    throw new PosekitError('E_ARGUMENT', `${fn}: ${name} must be a numeric array [x, y, score] × K; received ${describeValue(kp)}`, { field: name, received: describeValue(kp) });
  }
  const a = kp as ArrayLike<number>;
  if (a.length !== k3) {
    throw new PosekitError('E_LAYOUT_MISMATCH', `${fn}: ${name} must hold 3·K = ${k3} numbers (K = ${k} falloff values); received ${a.length}`, { field: name, expected: k3, received: a.length });
  }
  for (let i = 0; i < k3; i++) {
    const v = a[i]!;
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new PosekitError('E_NONFINITE', `${fn}: ${name}[${i}] must be finite; received ${describeValue(v)}`, { field: name, item: i, received: v });
    }
  }
  return a;
}

/**
 * Check a keypoint falloff (OKS sigma) array: non-empty, finite, each `> 0` (tfjs `validateTrackerConfig`) and, more
 * precisely, `>= 1e-150`: below that `2 · area · (2σ)²` underflows to 0 and a keypoint at the track's position
 * gives 0 / 0 = NaN.
 * @internal
 */
export function checkFalloff(fn: string, falloff: unknown): readonly number[] {
  if (falloff === null || typeof falloff !== 'object' || typeof (falloff as { length?: unknown }).length !== 'number') {
    throw new PosekitError('E_ARGUMENT', `${fn}: keypointFalloff must be a numeric array (one sigma per keypoint); received ${describeValue(falloff)}`, {
      field: 'keypointFalloff',
      received: describeValue(falloff),
    });
  }
  const a = falloff as ArrayLike<unknown>;
  if (a.length === 0) throw new PosekitError('E_EMPTY', `${fn}: keypointFalloff must not be empty; received 0 values`, { field: 'keypointFalloff' });
  const out: number[] = new Array(a.length);
  for (let i = 0; i < a.length; i++) {
    const s = a[i];
    if (typeof s !== 'number' || !Number.isFinite(s)) {
      throw new PosekitError('E_NONFINITE', `${fn}: keypointFalloff[${i}] must be a finite number; received ${describeValue(s)}`, { field: 'keypointFalloff', item: i, received: s });
    }
    if (!(s >= 1e-150)) throw new PosekitError('E_RANGE', `${fn}: keypointFalloff[${i}] must be > 0 (at least 1e-150); received ${s}`, { field: 'keypointFalloff', item: i, received: s });
    out[i] = s;
  }
  return out;
}

/** Throw E_RANGE unless `v` is a number in [0, 1]. @internal */
export function checkUnit(fn: string, name: string, v: unknown): number {
  if (typeof v !== 'number' || !(v >= 0 && v <= 1)) {
    throw new PosekitError('E_RANGE', `${fn}: ${name} must be a number in [0, 1]; received ${describeValue(v)}`, { field: name, expected: '[0, 1]', received: v });
  }
  return v;
}

/** Throw E_RANGE unless `v` is an integer >= 1. @internal */
export function checkPositiveInt(fn: string, name: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) {
    throw new PosekitError('E_RANGE', `${fn}: ${name} must be an integer >= 1; received ${describeValue(v)}`, { field: name, expected: 'integer >= 1', received: v });
  }
  return v;
}

/**
 * The keypoint similarity of tfjs-models' `KeypointTracker` between a pose and a track (see the module
 * comment above for the formula and how it differs from COCO's OKS).
 *
 * The formula is scale-free in the sense that matters for tracking: d² / A does not change when both are
 * measured in pixels instead of tfjs's normalized image coordinates, so for square images the value is
 * tfjs's up to the 1e-6 added to A (a pixel² here, a fraction of the image area there). For other aspect
 * ratios normalized coordinates squash one axis and pixels do not; pass normalized keypoints to get tfjs's
 * numbers exactly.
 *
 * @param poseKeypoints - the new pose, `[x, y, score] × K`
 * @param trackKeypoints - the track (the pose that last matched it), `[x, y, score] × K`; its confident
 *   keypoints (score `> keypointConfidenceThreshold`) give the area A
 * @param keypointFalloff - per-keypoint sigmas, K values `>= 1e-150` (e.g. `getLayout('coco17').sigmas`)
 * @param keypointConfidenceThreshold - in [0, 1] (tfjs default 0.3)
 * @param minNumberOfKeypoints - integer >= 1 (tfjs default 4)
 * @returns the similarity in [0, 1]
 * @throws PosekitError `E_LAYOUT_MISMATCH` when a keypoint array is not 3·K long, `E_NONFINITE` for a
 *   non-finite value, `E_RANGE` / `E_EMPTY` / `E_ARGUMENT` for bad parameters
 */
export function trackOks(
  poseKeypoints: ArrayLike<number>,
  trackKeypoints: ArrayLike<number>,
  keypointFalloff: ArrayLike<number>,
  keypointConfidenceThreshold: number,
  minNumberOfKeypoints: number,
): number {
  const fn = 'trackOks';
  const falloff = checkFalloff(fn, keypointFalloff);
  const thr = checkUnit(fn, 'keypointConfidenceThreshold', keypointConfidenceThreshold);
  const minN = checkPositiveInt(fn, 'minNumberOfKeypoints', minNumberOfKeypoints);
  const k = falloff.length;
  const p = checkKeypoints(fn, 'poseKeypoints', poseKeypoints, 3 * k, k);
  const t = checkKeypoints(fn, 'trackKeypoints', trackKeypoints, 3 * k, k);
  return trackOksKernel(p, 0, t, 0, k, trackKeypointArea(t, 0, k, thr), falloff, thr, minN);
}
