/**
 * MMPose's OKS-NMS, soft-OKS-NMS and `_rescore`.
 *
 * Reference: open-mmlab/mmpose @ 759b39c1, `mmpose/evaluation/functional/nms.py` (`oks_nms`, `soft_oks_nms`,
 * `_rescore`). Restated in shared/spec/metrics-and-nms.md §5 and §1 (tie order).
 *
 * Tie order: MMPose sorts with `argsort()[::-1]` (numpy quicksort; insertion sort, hence stable, for n ≤ 16),
 * so tied scores come out in **descending position** order. posekit sorts by (score desc, position desc) for
 * every n, which is numpy's result for n ≤ 16 and a fixed, documented rule above (numpy's order there depends
 * on its partitioning). In soft-OKS-NMS the re-sort after each rescoring uses positions in the current order,
 * exactly as the reference's `order[tmp]` does.
 *
 * @module
 */
import { oksKernel, resolveOks, type OksConsts, type OksOptions } from './oks.js';
import { pairwiseSum, pairwiseSumF32 } from '../metrics/pairwise.js';
import { keypointExtents } from './extents.js';
import { npExpF32 } from './numpy-math.js';
import { checkArray, checkCount, checkFinite, checkList, checkNumber, fail } from './validate.js';
import { sharesStorage } from '../affine/check.js';
import { checkBool, checkOneOf } from '../option-keys.js';

const f = Math.fround;

/** Instances for {@link oksNms} / {@link softOksNms}: flat arrays with explicit sizes. */
export interface OksNmsInput {
  /** Number of instances N (0 gives an empty keep list). */
  n: number;
  /** Keypoints per instance K. */
  k: number;
  /** Keypoints, N*K*3 (x, y, score). Float32Array gives MMPose's float32 `dx² + dy²`. */
  keypoints: ArrayLike<number>;
  /** Instance areas, N (px², >= 0). Float32Array gives MMPose's float32 `(a_g + a_d) / 2`. */
  areas: ArrayLike<number>;
  /** Instance scores, N; or N*K per-joint scores with `scorePerJoint` (averaged per instance first). */
  scores: ArrayLike<number>;
}

/** Options of {@link oksNms}. */
export interface OksNmsOptions extends OksOptions {
  /** `scores` holds K scores per instance; each instance's score is their mean. Default false. */
  scorePerJoint?: boolean;
}

/** Options of {@link softOksNms}. */
export interface SoftOksNmsOptions extends OksNmsOptions {
  /** Maximum number of instances returned. Default 20. */
  maxDets?: number;
}

/** Validated instances plus the resolved OKS constants. */
interface Prepared {
  n: number;
  k: number;
  kpts: ArrayLike<number>;
  areas: ArrayLike<number>;
  /** One score per instance (float64, or float32 values when the reference's array would be float32). */
  scores: Float64Array;
  scoresF32: boolean;
  kptF32: boolean;
  areaF32: boolean;
  oks: OksConsts;
  /** Keypoint extents x0, y0, x1, y1 per instance (for the pruning bound). */
  ext: Float64Array;
}

function prepare(fn: string, input: OksNmsInput, options: OksNmsOptions | undefined, keys: readonly string[]): Prepared {
  if (input === null || typeof input !== 'object') fail('E_ARGUMENT', fn, 'input must be {n, k, keypoints, areas, scores}', input);
  const n = checkCount(fn, 'n', input.n);
  const k = checkCount(fn, 'k', input.k, 1);
  const perJoint = checkBool(fn, 'options.scorePerJoint', options?.scorePerJoint, false);
  const kpts = checkArray(fn, 'keypoints', input.keypoints, n * k * 3, `[N*K*3] = ${n}*${k}*3 (x, y, score)`);
  const areas = checkArray(fn, 'areas', input.areas, n, `[N] = ${n}`);
  const scoresIn = checkArray(fn, 'scores', input.scores, perJoint ? n * k : n, perJoint ? `[N*K] = ${n}*${k} (scorePerJoint)` : `[N] = ${n}`);
  checkFinite(fn, 'keypoints', kpts);
  checkFinite(fn, 'areas', areas, 0);
  checkFinite(fn, 'scores', scoresIn);
  const oks = resolveOks(fn, k, options, keys);
  const scoresF32 = scoresIn instanceof Float32Array;
  const scores = new Float64Array(n);
  if (perJoint) {
    // k['score'].mean(): numpy pairwise sum in the array's dtype, then ÷ K
    for (let i = 0; i < n; i++) scores[i] = scoresF32 ? f(pairwiseSumF32(scoresIn, i * k, k) / k) : pairwiseSum(scoresIn, i * k, k) / k;
  } else {
    for (let i = 0; i < n; i++) scores[i] = scoresIn[i]!;
  }
  const ext = keypointExtents(kpts, n, k, 3);
  return {
    n,
    k,
    kpts,
    areas,
    scores,
    scoresF32,
    kptF32: kpts instanceof Float32Array,
    areaF32: areas instanceof Float32Array,
    oks,
    ext,
  };
}

/**
 * Whether OKS(i, j) is provably below exp(−eLimit): every keypoint distance is at least the gap between the
 * two instances' keypoint extents, so every e_k is at least gap² / max(2σ)² / (area + eps) / 2. The 1e-6
 * relative slack covers the float32 rounding of dx², the area and the quotient. No exp per pair.
 */
function farApart(p: Prepared, i: number, j: number, eLimit: number): boolean {
  const e = p.ext;
  const ix0 = e[i * 4]!;
  const iy0 = e[i * 4 + 1]!;
  const ix1 = e[i * 4 + 2]!;
  const iy1 = e[i * 4 + 3]!;
  const jx0 = e[j * 4]!;
  const jy0 = e[j * 4 + 1]!;
  const jx1 = e[j * 4 + 2]!;
  const jy1 = e[j * 4 + 3]!;
  const gx = jx0 > ix1 ? jx0 - ix1 : ix0 > jx1 ? ix0 - jx1 : 0;
  const gy = jy0 > iy1 ? jy0 - iy1 : iy0 > jy1 ? iy0 - jy1 : 0;
  const gap2 = gx * gx + gy * gy;
  if (gap2 === 0) return false;
  const area = (p.areas[i]! + p.areas[j]!) / 2;
  if (!(area > 0) || !(p.oks.varMax > 0)) return false;
  return (gap2 * (1 - 1e-6)) / p.oks.varMax / (area * (1 + 1e-6) + 2.220446049250313e-16) / 2 > eLimit;
}

function oksOf(p: Prepared, i: number, j: number): number {
  const aG = p.areaF32 ? f(p.areas[i]!) : p.areas[i]!;
  const aD = p.areaF32 ? f(p.areas[j]!) : p.areas[j]!;
  return oksKernel(p.oks, p.kpts, i * p.k * 3, p.kpts, j * p.k * 3, aG, aD, p.kptF32, p.areaF32);
}

/** Indices sorted by (score desc, index desc): `scores.argsort()[::-1]` for n ≤ 16. */
function sortedOrder(scores: Float64Array, n: number): Int32Array {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => scores[b]! - scores[a]! || b - a);
  return order;
}

/**
 * MMPose `oks_nms`: greedy OKS non-maximum suppression. Instances are visited by score (descending); each
 * kept instance suppresses the later ones whose OKS with it is `> thr` (float32 comparison, as numpy does).
 *
 * Instance pairs whose keypoint extents are so far apart that OKS cannot exceed `thr` are skipped without
 * computing OKS (exact: a proven upper bound, not an approximation). An empty input gives an empty list.
 *
 * @param input - instances (keypoints N*K*3, areas N, scores N or N*K)
 * @param thr - OKS threshold in [0, 1]; MMPose's CocoMetric uses 0.9
 * @param options - sigmas (default COCO-17), visThr, scorePerJoint
 * @returns kept instance indices in pick order
 * @throws PosekitError E_RANGE (thr outside [0, 1], bad n / k, a negative area, a sigma below 1e-150),
 *   E_ARGUMENT (options not an object, unknown option name, non-boolean scorePerJoint), E_SHAPE, E_NONFINITE,
 *   E_LAYOUT_MISMATCH
 */
export function oksNms(input: OksNmsInput, thr: number, options?: OksNmsOptions): Int32Array {
  checkNumber('oksNms', 'thr', thr, 0, 1);
  const p = prepare('oksNms', input, options, ['sigmas', 'visThr', 'scorePerJoint']);
  const n = p.n;
  if (n === 0) return new Int32Array(0);
  const order = sortedOrder(p.scores, n);
  const thr32 = f(thr);
  // OKS < thr·(1 − 1e-6) for sure when e_min > −ln(thr·(1 − 1e-6))
  const eLimit = thr32 > 0 ? -Math.log(thr32 * (1 - 1e-6)) : Infinity;
  const suppressed = new Uint8Array(n);
  const keep = new Int32Array(n);
  let nKeep = 0;
  for (let t = 0; t < n; t++) {
    const i = order[t]!;
    if (suppressed[i] === 1) continue;
    keep[nKeep++] = i;
    for (let u = t + 1; u < n; u++) {
      const j = order[u]!;
      if (suppressed[j] === 1) continue;
      if (farApart(p, i, j, eLimit)) continue;
      // keep iff oks <= thr (a NaN OKS is dropped, as np.where(oks <= thr) drops it)
      if (!(oksOf(p, i, j) <= thr32)) suppressed[j] = 1;
    }
  }
  return keep.slice(0, nKeep);
}

/** Gaussian decay factor exp(−oks²/thr) for a float32 OKS, in float32 (MMPose `_rescore`). */
function gaussianFactor32(o: number, thr32: number): number {
  return npExpF32(f(-f(o * o) / thr32));
}

/**
 * MMPose `soft_oks_nms`: repeatedly take the highest-scoring instance, decay every other score by
 * `exp(−oks²/thr)` (float32 factor), re-sort, until `maxDets` instances are taken or none is left.
 * Nothing is removed by threshold and the decayed scores are not returned: the result only selects and
 * orders at most `maxDets` instances.
 *
 * Pairs too far apart for the float32 factor to differ from 1 are skipped without computing OKS (exact).
 * An empty input gives an empty list.
 *
 * @param input - instances (keypoints N*K*3, areas N, scores N or N*K)
 * @param thr - decay scale of the Gaussian, > 0 (also as float32) (MMPose passes the NMS threshold, e.g. 0.9)
 * @param options - maxDets (default 20), sigmas (default COCO-17), visThr, scorePerJoint
 * @returns selected instance indices in pick order (at most maxDets)
 * @throws PosekitError E_RANGE (thr <= 0, bad maxDets / n / k, a negative area, a sigma below 1e-150),
 *   E_ARGUMENT (options not an object, unknown option name, non-boolean scorePerJoint), E_SHAPE, E_NONFINITE,
 *   E_LAYOUT_MISMATCH
 */
export function softOksNms(input: OksNmsInput, thr: number, options?: SoftOksNmsOptions): Int32Array {
  const fn = 'softOksNms';
  // thr = 0 (or below float32's smallest step) would make the decay −oks²/thr a NaN (0 / 0) or −∞.
  if (!(checkNumber(fn, 'thr', thr) > 0 && f(thr) > 0)) fail('E_RANGE', fn, 'thr must be > 0', thr);
  const p = prepare(fn, input, options, ['sigmas', 'visThr', 'scorePerJoint', 'maxDets']);
  const maxDets = checkCount(fn, 'maxDets', options?.maxDets ?? 20);
  const n = p.n;
  if (n === 0 || maxDets === 0) return new Int32Array(0);
  const order = sortedOrder(p.scores, n);
  const sc = new Float64Array(n);
  for (let t = 0; t < n; t++) sc[t] = p.scores[order[t]!]!;
  // scratch: the rescored rest in current order, then sorted back into order / sc
  const order2 = new Int32Array(n);
  const sc2 = new Float64Array(n);
  const perm = new Int32Array(n);
  const thr32 = f(thr);
  // factor is exactly 1.0f when oks²/thr < 2^-26 (1 − x rounds to 1 in float32 for x < 2^-25)
  const pruneOks = thr32 > 0 ? Math.sqrt(thr32 * 2 ** -27) : 0;
  const eLimit = pruneOks > 0 ? -Math.log(pruneOks) : Infinity;
  const keep = new Int32Array(Math.min(maxDets, n));
  let nKeep = 0;
  let len = n;
  while (len > 0 && nKeep < maxDets) {
    const i = order[0]!;
    // rescore the rest: positions 1 .. len-1
    const rest = len - 1;
    for (let u = 0; u < rest; u++) {
      const j = order[1 + u]!;
      let s = sc[1 + u]!;
      if (!farApart(p, i, j, eLimit)) {
        const factor = gaussianFactor32(oksOf(p, i, j), thr32);
        s = p.scoresF32 ? f(s * factor) : s * factor;
      }
      sc2[u] = s;
      order2[u] = j;
    }
    // argsort()[::-1] of the rescored array: (score desc, position desc)
    for (let u = 0; u < rest; u++) perm[u] = u;
    perm.subarray(0, rest).sort((a, b) => sc2[b]! - sc2[a]! || b - a);
    for (let u = 0; u < rest; u++) {
      order[u] = order2[perm[u]!]!;
      sc[u] = sc2[perm[u]!]!;
    }
    keep[nKeep++] = i;
    len = rest;
  }
  return keep.slice(0, nKeep);
}

const RESCORE_TYPES: readonly ('gaussian' | 'linear')[] = ['gaussian', 'linear'];

/** Whether `out` and `a` share memory without starting at the same byte. */
function shifted(out: unknown, a: unknown): boolean {
  return out !== a && sharesStorage(out, a) && (out as Float64Array).byteOffset !== (a as Float64Array).byteOffset;
}

/**
 * MMPose `_rescore(overlap, scores, thr, type)`: `'gaussian'` multiplies every score by exp(−overlap²/thr);
 * `'linear'` multiplies the scores whose overlap is `>= thr` by (1 − overlap). With a Float32Array overlap the
 * factor is computed in float32 (numpy), and with Float32Array scores the product is float32.
 *
 * Unlike the reference (whose 'linear' branch also writes into `scores`), the input is not modified: the
 * result goes to `out` (or a new array).
 *
 * @param overlap - OKS (or IoU) of each instance with the kept one, N
 * @param scores - scores, N
 * @param thr - Gaussian scale, > 0 (also as float32); or linear threshold, >= 0
 * @param type - `'gaussian'` (default; soft-OKS-NMS always uses it) or `'linear'`
 * @param out - optional output, N; may be `scores` or `overlap` itself, but not overlap them partially
 * @returns the rescored scores
 * @throws PosekitError E_SHAPE, E_NONFINITE, E_RANGE (thr out of range), E_ARGUMENT (unknown type, `out` not an
 *   array or partially overlapping an input)
 */
export function rescore(
  overlap: ArrayLike<number>,
  scores: ArrayLike<number>,
  thr: number,
  type: 'gaussian' | 'linear' = 'gaussian',
  out?: Float64Array,
): Float64Array {
  const fn = 'rescore';
  const n = checkList(fn, 'scores', scores, '[N]').length;
  checkArray(fn, 'overlap', overlap, n, `[N] = ${n} (same length as scores)`);
  checkFinite(fn, 'overlap', overlap);
  checkFinite(fn, 'scores', scores);
  checkOneOf(fn, 'type', type, RESCORE_TYPES, 'gaussian');
  // 'gaussian': thr = 0 makes −o²/thr NaN (o = 0) or −∞; a negative thr grows the scores. 'linear': thr >= 0.
  if (type === 'gaussian' ? !(checkNumber(fn, 'thr', thr) > 0 && f(thr) > 0) : checkNumber(fn, 'thr', thr) < 0) {
    fail('E_RANGE', fn, `thr must be ${type === 'gaussian' ? '> 0' : '>= 0'} for '${type}'`, thr);
  }
  if (out !== undefined) {
    checkArray(fn, 'out', out, n, `[N] = ${n}`);
    // Elementwise, so out may be an input itself; a shifted view of one would read values already written.
    if (shifted(out, scores) || shifted(out, overlap)) fail('E_ARGUMENT', fn, 'out must not partially overlap scores or overlap', 'overlapping arrays');
  }
  const res = out ?? new Float64Array(n);
  const o32 = overlap instanceof Float32Array;
  const s32 = scores instanceof Float32Array;
  const thr32 = f(thr);
  for (let i = 0; i < n; i++) {
    const o = overlap[i]!;
    const s = scores[i]!;
    let factor: number;
    if (type === 'gaussian') factor = o32 ? gaussianFactor32(o, thr32) : Math.exp(-(o * o) / thr);
    else if (o32 ? o >= thr32 : o >= thr) factor = o32 ? f(1 - o) : 1 - o;
    else {
      res[i] = s;
      continue;
    }
    res[i] = s32 ? f(s * factor) : s * factor;
  }
  return res;
}
