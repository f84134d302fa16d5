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
import { PosekitError } from '../errors.js';
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

function checkSigmas(fn: string, sigmas: ArrayLike<number>): number {
  const k = sigmas.length;
  if (k === 0) throw new PosekitError('E_EMPTY', `${fn}: sigmas must not be empty; received 0 values`, { field: 'sigmas' });
  for (let i = 0; i < k; i++) {
    const s = sigmas[i]!;
    if (!Number.isFinite(s)) throw new PosekitError('E_NONFINITE', `${fn}: sigmas[${i}] must be finite; received ${s}`, { field: 'sigmas', item: i, received: s });
    if (!(s > 0)) throw new PosekitError('E_RANGE', `${fn}: sigmas[${i}] must be > 0; received ${s}`, { field: 'sigmas', item: i, received: s });
  }
  return k;
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
 * @param sigmas - per-keypoint OKS sigmas (K values > 0), e.g. COCO-17 `[.026, .025, ...]`
 * @param outOffset - first index written (default 0)
 * @returns `out`
 * @throws PosekitError E_EMPTY / E_RANGE / E_NONFINITE for bad sigmas, E_LAYOUT_MISMATCH when the keypoint
 *   arrays are not 3K numbers per instance, E_SHAPE when areas/boxes/out are too short
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
  if (nd < 0 || ng < 0 || ds < 0 || gs < 0 || ds + nd > nDt || gs + ng > nGt) {
    throw new PosekitError('E_RANGE', `${fn}: start/count select instances outside the arrays (detections ${ds}+${nd} of ${nDt}, GTs ${gs}+${ng} of ${nGt})`, {});
  }
  const nDtAll = dts.keypoints.length / k3;
  const nGtAll = gts.keypoints.length / k3;
  const badIndex = (idx: Int32Array | undefined, start: number, count: number, n: number): boolean => {
    if (idx === undefined) return false;
    for (let i = start; i < start + count; i++) if (!(idx[i]! >= 0 && idx[i]! < n)) return true;
    return false;
  };
  if (badIndex(dts.indices, ds, nd, nDtAll) || badIndex(gts.indices, gs, ng, nGtAll)) {
    throw new PosekitError('E_RANGE', `${fn}: an index in "indices" is outside the instances (${nDtAll} detections, ${nGtAll} GTs)`, {});
  }
  if (gts.areas.length < nGtAll || gts.bboxes.length < 4 * nGtAll) {
    throw new PosekitError('E_SHAPE', `${fn}: need ${nGtAll} GT areas and ${4 * nGtAll} box numbers (one per GT keypoint set); received ${gts.areas.length} and ${gts.bboxes.length}`, {});
  }
  if (out.length < outOffset + nd * ng) {
    throw new PosekitError('E_SHAPE', `${fn}: out must hold ${outOffset + nd * ng} values (D·G = ${nd}·${ng} from offset ${outOffset}); received ${out.length}`, {});
  }
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
 * @param sigmas - per-keypoint sigmas (K values > 0)
 * @returns OKS in [0, 1] for areas ≥ 0
 * @throws PosekitError as {@link cocoOksMatrix}
 */
export function cocoOks(dtKeypoints: ArrayLike<number>, gt: OksGroundTruth, sigmas: ArrayLike<number>): number {
  const out = new Float64Array(1);
  const k3 = 3 * sigmas.length;
  if (dtKeypoints.length !== k3 || gt.keypoints.length !== k3) {
    throw new PosekitError('E_LAYOUT_MISMATCH', `cocoOks: keypoints must hold 3·K = ${k3} numbers (K = ${sigmas.length} sigmas); received detection ${dtKeypoints.length}, GT ${gt.keypoints.length}`, { expected: k3 });
  }
  cocoOksMatrix(out, { keypoints: dtKeypoints }, { keypoints: gt.keypoints, areas: [gt.area], bboxes: gt.bbox }, sigmas);
  return out[0]!;
}
