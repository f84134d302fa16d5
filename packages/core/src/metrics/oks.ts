/**
 * COCO object keypoint similarity (OKS) exactly as pycocotools' `COCOeval.computeOks` computes it
 * (cocodataset/cocoapi @ 8c9bcc3c, `PythonAPI/pycocotools/cocoeval.py`; shared/spec/metrics-and-nms.md §2).
 *
 * For GT g (keypoints (x, y, v) × K, `bbox` [x, y, w, h], `area`) and detection d (keypoints (x, y, s) × K):
 * - var_i = (2σ_i)²; k1 = number of GT keypoints with v > 0;
 * - k1 > 0: e_i = ((dx² + dy²) / var_i) / (area + eps) / 2 with dx = xd − xg, and OKS is the mean of exp(−e_i)
 *   over the keypoints with v_i > 0;
 * - k1 = 0 (crowd regions, unlabelled persons): dx, dy are the distances outside the GT box grown by one box
 *   size on each side, and the mean runs over all K keypoints;
 * - the mean is numpy's pairwise sum divided by the count (bit-exact with `np.sum(...) / n`); the scale is the
 *   GT area only; a detection keypoint at (0, 0) is a real coordinate; detection scores are not used.
 *
 * @module
 */
import { PosekitError, describeValue } from '../errors.js';
import { checkNoAlias, isArrayLike } from '../affine/check.js';
import { glibcExp } from './oks-exp.js';
import { pairwiseSumF64 } from './pairwise.js';

/** `np.spacing(1)`: the epsilon pycocotools adds to the GT area in the OKS denominator. */
export const COCO_EPS = 2.220446049250313e-16;

/** Detections for {@link cocoOksMatrix}: flat keypoints `[x, y, score] × K` per detection. */
export interface OksDetections {
  /** Flat keypoints, 3K numbers per detection (the third number of each triple is ignored). */
  readonly keypoints: ArrayLike<number>;
  /** First detection to use (default 0). */
  readonly start?: number;
  /** Number of detections (default: all from `start`). */
  readonly count?: number;
  /**
   * Optional gather list: row r uses detection `indices[start + r]` (instead of `start + r`), so callers can
   * select and order detections without copying their keypoints.
   */
  readonly indices?: Int32Array;
}

/** Ground truths for {@link cocoOksMatrix}: flat keypoints, areas and boxes. */
export interface OksGroundTruths {
  /** Flat keypoints, 3K numbers per GT: x, y, v (v > 0 = labelled). */
  readonly keypoints: ArrayLike<number>;
  /** GT areas (the COCO `area` field), one per GT, in pixels². */
  readonly areas: ArrayLike<number>;
  /** GT boxes `[x, y, w, h]`, 4 numbers per GT, in pixels (used only when a GT has no labelled keypoint). */
  readonly bboxes: ArrayLike<number>;
  /** First GT to use (default 0). */
  readonly start?: number;
  /** Number of GTs (default: all from `start`). */
  readonly count?: number;
  /** Optional gather list: column j uses GT `indices[start + j]` (keypoints, area and box). */
  readonly indices?: Int32Array;
}

/** A single GT instance for {@link cocoOks}. */
export interface OksGroundTruth {
  /** `[x, y, v] × K`. */
  readonly keypoints: ArrayLike<number>;
  /** COCO `area`, pixels². */
  readonly area: number;
  /** `[x, y, w, h]`, pixels. */
  readonly bbox: ArrayLike<number>;
}

// Scratch buffers, grown on demand (no allocation per call in steady state).
let varsBuf = new Float64Array(0);
let expBuf = new Float64Array(0);

function ensureScratch(k: number): void {
  if (varsBuf.length < k) varsBuf = new Float64Array(k);
  if (expBuf.length < k) expBuf = new Float64Array(k);
}

/** Throw E_ARGUMENT unless `v` is array-like (an object with a numeric length). */
function checkList(fn: string, name: string, v: unknown): ArrayLike<number> {
  if (!isArrayLike(v)) {
    throw new PosekitError('E_ARGUMENT', `${fn}: ${name} must be an array of numbers; received ${describeValue(v)}`, { field: name, received: describeValue(v) });
  }
  return v as ArrayLike<number>;
}

/** Throw E_ARGUMENT unless `v` is an object. */
function checkObject(fn: string, name: string, v: unknown): void {
  if (v === null || typeof v !== 'object') throw new PosekitError('E_ARGUMENT', `${fn}: ${name} must be an object; received ${describeValue(v)}`, { field: name });
}

/** Throw E_RANGE unless `v` is undefined or an integer >= 0. */
function checkIndex(fn: string, name: string, v: unknown): void {
  if (v !== undefined && !(typeof v === 'number' && Number.isInteger(v) && v >= 0)) {
    throw new PosekitError('E_RANGE', `${fn}: ${name} must be an integer >= 0; received ${describeValue(v)}`, { field: name, expected: 'integer >= 0', received: v });
  }
}

/** Throw E_NONFINITE for `name[i]` (when `v` is not finite), E_RANGE when it is negative and `nonNegative`. */
function checkValue(fn: string, name: string, i: number, v: number, nonNegative = false): void {
  if (!(v - v === 0)) {
    throw new PosekitError('E_NONFINITE', `${fn}: ${name}[${i}] must be finite; received ${describeValue(v)}`, { field: name, item: i, received: v });
  }
  if (nonNegative && v < 0) throw new PosekitError('E_RANGE', `${fn}: ${name}[${i}] must be >= 0; received ${v}`, { field: name, item: i, received: v });
}

/**
 * Sigmas: non-empty, finite, each >= 1e-150 (a smaller σ makes (2σ)² underflow to 0, and a keypoint at the GT's
 * position would give 0 / 0 = NaN).
 */
function checkSigmas(fn: string, sigmas: unknown): number {
  const sg = checkList(fn, 'sigmas', sigmas);
  const k = sg.length;
  if (k === 0) throw new PosekitError('E_EMPTY', `${fn}: sigmas must not be empty; received 0 values`, { field: 'sigmas' });
  for (let i = 0; i < k; i++) {
    const s = sg[i]!;
    checkValue(fn, 'sigmas', i, s);
    if (!(s >= 1e-150)) throw new PosekitError('E_RANGE', `${fn}: sigmas[${i}] must be >= 1e-150; received ${s}`, { field: 'sigmas', item: i, received: s });
  }
  return k;
}

/**
 * The instances a call reads must be finite: x, y of each detection (its score is ignored), x, y, v of each GT, its
 * area (also >= 0: a negative area flips the sign of the exponent, and −eps gives 0 / 0) and its box. Only the
 * selected instances are scanned: O((D + G)·K), against the D·G·K of the OKS itself. Running sums (finite iff every
 * value is, unless huge finite values overflow them) keep the common case cheap; the exact per-value checks, which
 * throw at the first bad value, run only when a sum is not finite or an area is negative.
 */
function checkInstances(fn: string, dts: OksDetections, ds: number, nd: number, gts: OksGroundTruths, gs: number, ng: number, k: number): void {
  const k3 = 3 * k;
  if (sumDetections(dts.keypoints, dts.indices, ds, nd, k3) + sumGroundTruths(gts, gs, ng, k3) === 0) return;
  // Slow path (a non-finite sum or a negative area): the exact checks, which throw at the first bad value.
  for (let r = 0; r < nd; r++) {
    const o = (dts.indices === undefined ? ds + r : dts.indices[ds + r]!) * k3;
    for (let i = o; i < o + k3; i += 3) {
      checkValue(fn, 'detection keypoints', i, dts.keypoints[i]!);
      checkValue(fn, 'detection keypoints', i + 1, dts.keypoints[i + 1]!);
    }
  }
  for (let r = 0; r < ng; r++) {
    const g = gts.indices === undefined ? gs + r : gts.indices[gs + r]!;
    for (let i = g * k3; i < (g + 1) * k3; i++) checkValue(fn, 'GT keypoints', i, gts.keypoints[i]!);
    checkValue(fn, 'GT areas', g, gts.areas[g]!, true);
    for (let j = 4 * g; j < 4 * g + 4; j++) checkValue(fn, 'GT bboxes', j, gts.bboxes[j]!);
  }
}

/**
 * 0 when every selected detection x, y is finite (x − x summed: 0 for finite values, NaN otherwise), else NaN.
 * Two independent sums so that the loop does not wait on one addition's latency.
 */
function sumDetections(kp: ArrayLike<number>, idx: Int32Array | undefined, start: number, count: number, k3: number): number {
  let sx = 0;
  let sy = 0;
  for (let r = 0; r < count; r++) {
    const o = (idx === undefined ? start + r : idx[start + r]!) * k3;
    for (let i = o; i < o + k3; i += 3) {
      sx += kp[i]!;
      sy += kp[i + 1]!;
    }
  }
  const s = sx + sy;
  return s - s;
}

/** As {@link sumDetections} for the GTs' x, y, v, area and box; NaN also when an area is negative. */
function sumGroundTruths(gts: OksGroundTruths, start: number, count: number, k3: number): number {
  const kp = gts.keypoints;
  const areas = gts.areas;
  const boxes = gts.bboxes;
  const idx = gts.indices;
  let s0 = 0;
  let s1 = 0;
  let neg = 0;
  for (let r = 0; r < count; r++) {
    const g = idx === undefined ? start + r : idx[start + r]!;
    for (let i = g * k3; i < (g + 1) * k3; i += 3) {
      s0 += kp[i]! + kp[i + 2]!;
      s1 += kp[i + 1]!;
    }
    const a = areas[g]!;
    if (a < 0) neg = NaN;
    s0 += a + boxes[4 * g]! + boxes[4 * g + 1]!;
    s1 += boxes[4 * g + 2]! + boxes[4 * g + 3]!;
  }
  const s = s0 + s1;
  return s - s + neg;
}

/**
 * The OKS kernel on flat arrays, without validation. Rows = detections, columns = GTs; writes D×G values
 * row-major at `out[outOffset ..]`. `vars` must hold (2σ)² for K keypoints.
 */
function cocoOksBlock(
  out: Float64Array,
  outOffset: number,
  dtKp: ArrayLike<number>,
  dtStart: number,
  nd: number,
  gtKp: ArrayLike<number>,
  gtAreas: ArrayLike<number>,
  gtBoxes: ArrayLike<number>,
  gtStart: number,
  ng: number,
  vars: Float64Array,
  k: number,
  dtIdx: Int32Array | undefined,
  gtIdx: Int32Array | undefined,
): void {
  ensureScratch(k);
  const ex = expBuf;
  const k3 = 3 * k;
  for (let j = 0; j < ng; j++) {
    const g = gtIdx === undefined ? gtStart + j : gtIdx[gtStart + j]!;
    const go = g * k3;
    let k1 = 0;
    for (let i = 0; i < k; i++) if (gtKp[go + 3 * i + 2]! > 0) k1++;
    const den = gtAreas[g]! + COCO_EPS;
    if (k1 > 0) {
      for (let r = 0; r < nd; r++) {
        const dof = (dtIdx === undefined ? dtStart + r : dtIdx[dtStart + r]!) * k3;
        let n = 0;
        for (let i = 0; i < k; i++) {
          const gi = go + 3 * i;
          if (gtKp[gi + 2]! > 0) {
            const dx = dtKp[dof + 3 * i]! - gtKp[gi]!;
            const dy = dtKp[dof + 3 * i + 1]! - gtKp[gi + 1]!;
            // ((dx² + dy²) / var) / (area + eps) / 2, in numpy's evaluation order.
            ex[n++] = glibcExp(-((((dx * dx + dy * dy) / vars[i]!) / den) / 2));
          }
        }
        out[outOffset + r * ng + j] = pairwiseSumF64(ex, 0, n) / n;
      }
    } else {
      const bx = gtBoxes[4 * g]!;
      const by = gtBoxes[4 * g + 1]!;
      const bw = gtBoxes[4 * g + 2]!;
      const bh = gtBoxes[4 * g + 3]!;
      const x0 = bx - bw;
      const x1 = bx + bw * 2;
      const y0 = by - bh;
      const y1 = by + bh * 2;
      for (let r = 0; r < nd; r++) {
        const dof = (dtIdx === undefined ? dtStart + r : dtIdx[dtStart + r]!) * k3;
        for (let i = 0; i < k; i++) {
          const xd = dtKp[dof + 3 * i]!;
          const yd = dtKp[dof + 3 * i + 1]!;
          const ax = x0 - xd;
          const bxx = xd - x1;
          const ay = y0 - yd;
          const byy = yd - y1;
          const dx = (ax > 0 ? ax : 0) + (bxx > 0 ? bxx : 0);
          const dy = (ay > 0 ? ay : 0) + (byy > 0 ? byy : 0);
          ex[i] = glibcExp(-((((dx * dx + dy * dy) / vars[i]!) / den) / 2));
        }
        out[outOffset + r * ng + j] = pairwiseSumF64(ex, 0, k) / k;
      }
    }
  }
}

/** Fill `vars[i] = (2σ_i)²` (numpy `(sigmas * 2) ** 2`) for {@link cocoOksBlock}. */
function cocoOksVars(out: Float64Array, sigmas: ArrayLike<number>): Float64Array {
  for (let i = 0; i < sigmas.length; i++) {
    const s2 = sigmas[i]! * 2;
    out[i] = s2 * s2;
  }
  return out;
}

/**
 * OKS matrix between detections (rows) and GTs (columns), as pycocotools' `computeOks` (without its score
 * sort and top-20 cut, which are the caller's business). Writes `D × G` values row-major into `out` from
 * `outOffset` and returns `out`.
 *
 * @param out - destination, at least `outOffset + D·G` long
 * @param dts - detections (3K numbers each)
 * @param gts - ground truths (3K keypoint numbers, one area and 4 box numbers each)
 * @param sigmas - per-keypoint OKS sigmas (K values >= 1e-150), e.g. COCO-17 `[.026, .025, ...]`
 * @param outOffset - first index written (default 0)
 * @returns `out`
 * @throws PosekitError E_EMPTY / E_RANGE / E_NONFINITE for bad sigmas (each must be >= 1e-150), E_LAYOUT_MISMATCH
 *   when the keypoint arrays are not 3K numbers per instance, E_SHAPE when areas/boxes/out are too short,
 *   E_ARGUMENT when an argument is not an object / array or `out` shares memory with an input, E_RANGE for start /
 *   count / outOffset / indices that are not integers inside the arrays, E_NONFINITE for NaN / ±Infinity in a
 *   selected instance (detection x, y; GT x, y, v, area, box), E_RANGE for a negative GT area
 */
export function cocoOksMatrix(
  out: Float64Array,
  dts: OksDetections,
  gts: OksGroundTruths,
  sigmas: ArrayLike<number>,
  outOffset = 0,
): Float64Array {
  const fn = 'cocoOksMatrix';
  const k = checkSigmas(fn, sigmas);
  const k3 = 3 * k;
  checkObject(fn, 'dts', dts);
  checkObject(fn, 'gts', gts);
  checkList(fn, 'dts.keypoints', dts.keypoints);
  checkList(fn, 'gts.keypoints', gts.keypoints);
  checkList(fn, 'gts.areas', gts.areas);
  checkList(fn, 'gts.bboxes', gts.bboxes);
  checkList(fn, 'out', out);
  // (one call each: the COCO evaluation calls this once per image and category, so no per-call arrays)
  checkIndex(fn, 'dts.start', dts.start);
  checkIndex(fn, 'dts.count', dts.count);
  checkIndex(fn, 'gts.start', gts.start);
  checkIndex(fn, 'gts.count', gts.count);
  checkIndex(fn, 'outOffset', outOffset);
  if (dts.indices !== undefined) checkList(fn, 'dts.indices', dts.indices);
  if (gts.indices !== undefined) checkList(fn, 'gts.indices', gts.indices);
  const ds = dts.start ?? 0;
  const gs = gts.start ?? 0;
  if (dts.keypoints.length % k3 !== 0) {
    throw new PosekitError('E_LAYOUT_MISMATCH', `${fn}: detection keypoints must hold 3·K = ${k3} numbers per detection (K = ${k} sigmas); received ${dts.keypoints.length} numbers`, { expected: `multiple of ${k3}`, received: dts.keypoints.length });
  }
  if (gts.keypoints.length % k3 !== 0) {
    throw new PosekitError('E_LAYOUT_MISMATCH', `${fn}: GT keypoints must hold 3·K = ${k3} numbers per GT (K = ${k} sigmas); received ${gts.keypoints.length} numbers`, { expected: `multiple of ${k3}`, received: gts.keypoints.length });
  }
  const nDt = dts.indices ? dts.indices.length : dts.keypoints.length / k3;
  const nGt = gts.indices ? gts.indices.length : gts.keypoints.length / k3;
  const nd = dts.count ?? nDt - ds;
  const ng = gts.count ?? nGt - gs;
  if (nd < 0 || ng < 0 || ds + nd > nDt || gs + ng > nGt) {
    throw new PosekitError('E_RANGE', `${fn}: start/count select instances outside the arrays (detections ${ds}+${nd} of ${nDt}, GTs ${gs}+${ng} of ${nGt})`, {});
  }
  const nDtAll = dts.keypoints.length / k3;
  const nGtAll = gts.keypoints.length / k3;
  const badIndex = (idx: Int32Array | undefined, start: number, count: number, n: number): boolean => {
    if (idx === undefined) return false;
    // (`% 1`: a fractional index from a float array would read undefined keypoints)
    for (let i = start; i < start + count; i++) if (!(idx[i]! >= 0 && idx[i]! < n && idx[i]! % 1 === 0)) return true;
    return false;
  };
  if (badIndex(dts.indices, ds, nd, nDtAll) || badIndex(gts.indices, gs, ng, nGtAll)) {
    throw new PosekitError('E_RANGE', `${fn}: an index in "indices" is not an integer index of the instances (${nDtAll} detections, ${nGtAll} GTs)`, {});
  }
  if (gts.areas.length < nGtAll || gts.bboxes.length < 4 * nGtAll) {
    throw new PosekitError('E_SHAPE', `${fn}: need ${nGtAll} GT areas and ${4 * nGtAll} box numbers (one per GT keypoint set); received ${gts.areas.length} and ${gts.bboxes.length}`, {});
  }
  if (out.length < outOffset + nd * ng) {
    throw new PosekitError('E_SHAPE', `${fn}: out must hold ${outOffset + nd * ng} values (D·G = ${nd}·${ng} from offset ${outOffset}); received ${out.length}`, {});
  }
  checkNoAlias(fn, 'out', out, 'dts.keypoints', dts.keypoints, 'it is written while dts.keypoints is read');
  checkNoAlias(fn, 'out', out, 'gts.keypoints', gts.keypoints, 'it is written while gts.keypoints is read');
  checkNoAlias(fn, 'out', out, 'gts.areas', gts.areas, 'it is written while gts.areas is read');
  checkNoAlias(fn, 'out', out, 'gts.bboxes', gts.bboxes, 'it is written while gts.bboxes is read');
  checkInstances(fn, dts, ds, nd, gts, gs, ng, k);
  ensureScratch(k);
  const vars = cocoOksVars(varsBuf, sigmas);
  cocoOksBlock(out, outOffset, dts.keypoints, ds, nd, gts.keypoints, gts.areas, gts.bboxes, gs, ng, vars, k, dts.indices, gts.indices);
  return out;
}

/**
 * OKS of one detection against one GT, as pycocotools' `computeOks` entry for that pair.
 *
 * @param dtKeypoints - `[x, y, score] × K` (scores are ignored)
 * @param gt - the GT instance (keypoints `[x, y, v] × K`, area, bbox)
 * @param sigmas - per-keypoint sigmas (K values >= 1e-150)
 * @returns OKS in [0, 1]
 * @throws PosekitError as {@link cocoOksMatrix}; E_ARGUMENT when `gt` is not an object or its area not a number
 */
export function cocoOks(dtKeypoints: ArrayLike<number>, gt: OksGroundTruth, sigmas: ArrayLike<number>): number {
  const fn = 'cocoOks';
  const k3 = 3 * checkList(fn, 'sigmas', sigmas).length;
  checkList(fn, 'dtKeypoints', dtKeypoints);
  checkObject(fn, 'gt', gt);
  checkList(fn, 'gt.keypoints', gt.keypoints);
  checkList(fn, 'gt.bbox', gt.bbox);
  if (typeof gt.area !== 'number') throw new PosekitError('E_ARGUMENT', `${fn}: gt.area must be a number; received ${describeValue(gt.area)}`);
  const out = new Float64Array(1);
  if (dtKeypoints.length !== k3 || gt.keypoints.length !== k3) {
    throw new PosekitError('E_LAYOUT_MISMATCH', `${fn}: keypoints must hold 3·K = ${k3} numbers (K = ${sigmas.length} sigmas); received detection ${dtKeypoints.length}, GT ${gt.keypoints.length}`, { expected: k3 });
  }
  cocoOksMatrix(out, { keypoints: dtKeypoints }, { keypoints: gt.keypoints, areas: [gt.area], bboxes: gt.bbox }, sigmas);
  return out[0]!;
}
