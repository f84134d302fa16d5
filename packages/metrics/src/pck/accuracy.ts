/**
 * Dataset-level PCK (bbox), PCKh (head) and tPCK (torso) as MMPose's metric classes `PCKAccuracy`,
 * `MpiiPCKAccuracy` and `JhmdbPCKAccuracy` (open-mmlab/mmpose @ 759b39c1,
 * `mmpose/evaluation/metrics/keypoint_2d_metrics.py`). Spec: shared/spec/metrics-and-nms.md §6.
 *
 * @module
 */
import { PosekitError, describeValue, keypointDistances, keypointPckAccuracy, numpyPairwiseSum, pckCurveFromDistances, pckFromDistances } from '@posekit/core';
import type { KeypointPairs, PckResult } from '@posekit/core';
import { bboxSizes, checkDataset, isFloat32Data, maskFromVisible, pairDistance, tileNorm } from './dataset.js';
import type { PckDataset } from './dataset.js';
import { checkOptions } from '../options.js';

/** What a PCK distance is divided by: `'bbox'` (PCK), `'head'` (PCKh) or `'torso'` (tPCK). */
export type PckNormItem = 'bbox' | 'head' | 'torso';

/** Options of {@link evaluatePck}. */
export interface PckOptions {
  /** Threshold on the normalised distance. Default 0.05 (MMPose `PCKAccuracy`). */
  thr?: number;
  /** Normaliser(s). Default `'bbox'`. */
  normItem?: PckNormItem | readonly PckNormItem[];
}

/** Result of {@link evaluatePck}: one {@link PckResult} (per-keypoint breakdown + mean) per normaliser. */
export interface PckAccuracyResult {
  /** The threshold used. */
  thr: number;
  /** Normalised by the GT bbox size max(w, h). */
  PCK?: PckResult;
  /** Normalised by the head size. */
  PCKh?: PckResult;
  /** Normalised by the torso size ‖gt[4] − gt[5]‖. */
  tPCK?: PckResult;
  /** Instances whose GT torso was < 1 px, so that the predicted torso was used (MMPose warns for each). */
  torsoFallback: number[];
  /** Flat metrics with MMPose's names: `PCK@thr-0.05`, `PCKh@thr-0.05`, `tPCK@thr-0.05`. */
  metrics: Record<string, number>;
}

const NORM_ITEMS: readonly PckNormItem[] = ['bbox', 'head', 'torso'];

function normItemList(fn: string, v: PckNormItem | readonly PckNormItem[] | undefined, dflt: PckNormItem): PckNormItem[] {
  const list = v === undefined ? [dflt] : typeof v === 'string' ? [v] : Array.isArray(v) ? [...v] : null;
  if (list === null || list.length === 0) {
    throw new PosekitError('E_ARGUMENT', `${fn}: normItem must be 'bbox', 'head', 'torso' or a non-empty array of them; received ${describeValue(v)}`);
  }
  for (const item of list) {
    if (!NORM_ITEMS.includes(item)) {
      throw new PosekitError('E_ARGUMENT', `${fn}: unknown normItem ${describeValue(item)}; expected one of 'bbox', 'head', 'torso'`, {
        expected: NORM_ITEMS,
        received: item,
      });
    }
  }
  return list;
}

/** Torso size per instance: ‖gt[4] − gt[5]‖, or the predicted torso where that is < 1 (MMPose). */
function torsoSizes(data: PckDataset, fallback: number[]): Float32Array | Float64Array {
  const f32 = isFloat32Data(data);
  const out = f32 ? new Float32Array(data.n) : new Float64Array(data.n);
  if (data.k < 6) {
    throw new PosekitError('E_LAYOUT_MISMATCH', `torso normalisation uses keypoints 4 and 5; received K = ${data.k}`, { expected: 'K >= 6', received: data.k });
  }
  for (let i = 0; i < data.n; i++) {
    let t = pairDistance(data.gt, data.k, i, 4, 5);
    if (t < 1) {
      t = pairDistance(data.pred, data.k, i, 4, 5);
      fallback.push(i);
    }
    out[i] = t;
  }
  return out;
}

/** The `[N, 2]` normalisation array for one norm item (fallback receives torso-fallback instances). @internal */
export function normFor(data: PckDataset, item: PckNormItem, fallback: number[]): Float32Array | Float64Array {
  if (item === 'bbox') {
    const s = bboxSizes(data);
    return tileNorm(s, s instanceof Float32Array);
  }
  if (item === 'head') return tileNorm(data.headSizes!, data.headSizes instanceof Float32Array);
  const t = torsoSizes(data, fallback);
  return tileNorm(t, t instanceof Float32Array);
}

function pairsOf(data: PckDataset, mask: Uint8Array, pred: Float32Array | Float64Array = data.pred): KeypointPairs {
  return { pred, gt: data.gt, mask, n: data.n, k: data.k };
}

function checkThr(fn: string, thr: unknown): number {
  if (typeof thr !== 'number' || !Number.isFinite(thr) || thr < 0) {
    throw new PosekitError('E_RANGE', `${fn}: thr must be a finite number >= 0; received ${describeValue(thr)}`, { expected: '>= 0', received: describeValue(thr) });
  }
  return thr;
}

/**
 * PCK / PCKh / tPCK over a dataset, as MMPose `PCKAccuracy`: a keypoint is correct when
 * ‖pred − gt‖ / norm < thr, with norm = max(w, h) of the GT box (`'bbox'`), the head size (`'head'`), or
 * the torso ‖gt[4] − gt[5]‖ (`'torso'`, JHMDB indices whatever the layout; the predicted torso when the GT
 * one is < 1). Keypoints with visibility 0 are ignored; the mean is a macro mean over keypoints. As in
 * MMPose's `_calc_distances`, an instance whose normaliser is 0 is left out (a keypoint evaluated nowhere
 * gets acc −1; with nothing evaluated, avgAcc is 0 and cnt 0) and a negative normaliser counts as 1e6.
 *
 * @example
 * ```ts
 * const r = evaluatePck(data, { thr: 0.2, normItem: ['bbox', 'head'] });
 * r.PCK?.avgAcc; r.PCK?.acc; // mean and per-keypoint breakdown
 * ```
 * @param data - the evaluation set
 * @param options - `thr` (default 0.05), `normItem` (default `'bbox'`)
 * @returns one result per normaliser plus MMPose-named flat metrics
 * @throws PosekitError E_FIELD when bboxes / headSizes are needed and missing; E_SHAPE, E_DTYPE, E_EMPTY,
 *   E_NONFINITE, E_RANGE, E_ARGUMENT on bad input
 * @throws PosekitError E_ARGUMENT when `options` is not an object, names an unknown option or has a `null`
 *   value
 */
export function evaluatePck(data: PckDataset, options: PckOptions = {}): PckAccuracyResult {
  const fn = 'evaluatePck';
  const opts = checkOptions(fn, options, ['thr', 'normItem']) as PckOptions;
  const items = normItemList(fn, opts.normItem, 'bbox');
  const thr = checkThr(fn, opts.thr ?? 0.05);
  checkDataset(fn, data, { bboxes: items.includes('bbox'), headSizes: items.includes('head') });
  const mask = maskFromVisible(data, 'nonzero');
  const pairs = pairsOf(data, mask);
  const result: PckAccuracyResult = { thr, torsoFallback: [], metrics: {} };
  for (const item of NORM_ITEMS) {
    if (!items.includes(item)) continue;
    const r = keypointPckAccuracy(pairs, thr, normFor(data, item, result.torsoFallback));
    const name = item === 'bbox' ? 'PCK' : item === 'head' ? 'PCKh' : 'tPCK';
    result[name] = r;
    result.metrics[`${name}@thr-${thr}`] = r.avgAcc;
  }
  return result;
}

/** MPII body parts reported by {@link evaluateMpiiPckh}, with their (right, left) MPII-16 joints. */
export const MPII_PARTS: Readonly<Record<string, readonly number[]>> = Object.freeze({
  Head: [9],
  Shoulder: [12, 13],
  Elbow: [11, 14],
  Wrist: [10, 15],
  Hip: [2, 3],
  Knee: [1, 4],
  Ankle: [0, 5],
});

/** Options of {@link evaluateMpiiPckh}. */
export interface MpiiPckhOptions {
  /** PCKh threshold. Default 0.5 (PCKh@0.5). */
  thr?: number;
}

/** Result of {@link evaluateMpiiPckh}. Percentages (0–100), as MMPose reports them. */
export interface MpiiPckhResult {
  /** The threshold used. */
  thr: number;
  /** Per-joint PCKh `[16]` in percent; −100 for a joint with no visible instance (MMPose: 100 × −1). */
  perJoint: Float64Array;
  /** Joint weights `[16]`: visible counts / their sum, with pelvis (6) and thorax (7) excluded (weight 0). */
  jointWeights: Float64Array;
  /** Per-part PCKh: Head, Shoulder, Elbow, Wrist, Hip, Knee, Ankle (left/right joint average). */
  parts: Record<'Head' | 'Shoulder' | 'Elbow' | 'Wrist' | 'Hip' | 'Knee' | 'Ankle', number>;
  /** Weighted mean PCKh at `thr` (joints 6, 7 excluded). */
  PCKh: number;
  /** Weighted mean PCKh@0.1 (row 10 of the float32 threshold table). */
  PCKh01: number;
  /** PCKh per joint versus threshold (MMPose `pckAll`). */
  table: {
    /** Thresholds `[51]`: `np.arange(0, 0.51, 0.01)` (i × 0.01). */
    thresholds: Float64Array;
    /** PCKh in percent, float32 `[51, 16]` (row = threshold); −100 for a joint without visible instance. */
    values: Float32Array;
  };
  /** Flat metrics with MMPose's names: `Head PCK`, …, `Ankle PCK`, `PCK`, `PCK@0.1`. */
  metrics: Record<string, number>;
}

/**
 * PCKh on MPII, as MMPose `MpiiPCKAccuracy` (norm_item `'head'`): predictions are shifted by +1 px
 * (MPII GT is MATLAB 1-based), distances are divided by the head size, per-joint PCKh is 100 × acc,
 * pelvis and thorax (6, 7) are left out, the mean is weighted by each joint's visible count, and PCKh@0.1
 * comes from a float32 table over thresholds 0, 0.01, …, 0.5. Per-part values average the left/right joints
 * (a joint without visible instance contributes −100, as in MMPose).
 *
 * @param data - MPII-16 evaluation set with `headSizes`
 * @param options - `thr` (default 0.5)
 * @returns per-joint, per-part and weighted PCKh, and the threshold table
 * @throws PosekitError E_LAYOUT_MISMATCH when K ≠ 16, E_FIELD without headSizes, and as {@link evaluatePck}
 * @throws PosekitError E_ARGUMENT when `options` is not an object, names an unknown option or has a `null`
 *   value
 */
export function evaluateMpiiPckh(data: PckDataset, options: MpiiPckhOptions = {}): MpiiPckhResult {
  const fn = 'evaluateMpiiPckh';
  const opts = checkOptions(fn, options, ['thr']) as MpiiPckhOptions;
  const thr = checkThr(fn, opts.thr ?? 0.5);
  checkDataset(fn, data, { headSizes: true });
  if (data.k !== 16) {
    throw new PosekitError('E_LAYOUT_MISMATCH', `${fn}: MPII has 16 joints; received K = ${data.k}`, { expected: 16, received: data.k });
  }
  const { n, k } = data;
  const mask = maskFromVisible(data, 'nonzero');
  // MPII GT is 1-based: MMPose adds 1.0 to the predictions (in their dtype: float32 stays float32).
  const shifted = data.pred instanceof Float32Array ? new Float32Array(data.pred.length) : new Float64Array(data.pred.length);
  for (let i = 0; i < shifted.length; i++) shifted[i] = data.pred[i]! + 1.0;
  const pairs = pairsOf(data, mask, shifted);
  const norm = tileNorm(data.headSizes!, data.headSizes instanceof Float32Array);

  // One distance pass serves the PCKh at thr and the whole threshold table.
  const dist = keypointDistances(new Float32Array(n * k), pairs, norm);
  const pckP = pckFromDistances(dist, n, k, thr).acc;
  const perJoint = new Float64Array(k);
  for (let j = 0; j < k; j++) perJoint[j] = 100 * pckP[j]!;

  // Joint weights: visible counts, pelvis/thorax masked, divided by the masked sum.
  const count = new Float64Array(k);
  for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) count[j]! += mask[i * k + j]!;
  let total = 0;
  for (let j = 0; j < k; j++) if (j !== 6 && j !== 7) total += count[j]!;
  if (total === 0) {
    throw new PosekitError('E_EMPTY', `${fn}: no visible joint outside pelvis/thorax (6, 7); PCKh weights would be 0/0`, { expected: '>= 1 visible joint', received: 0 });
  }
  const jointWeights = new Float64Array(k);
  for (let j = 0; j < k; j++) jointWeights[j] = j === 6 || j === 7 ? 0 : count[j]! / total;

  const thresholds = new Float64Array(51);
  for (let r = 0; r < 51; r++) thresholds[r] = 0 + r * 0.01; // np.arange(0, 0.51, 0.01): start + i * step
  // pckAll is float32 in MMPose: 100 × acc rounded to float32 (Float32Array.from rounds).
  const values = Float32Array.from(pckCurveFromDistances(dist, n, k, thresholds).acc, (a) => 100 * a);

  // np.sum over the masked product = pairwise sum with the masked entries filled with 0.
  const weighted = new Float64Array(k);
  for (let j = 0; j < k; j++) weighted[j] = j === 6 || j === 7 ? 0 : perJoint[j]! * jointWeights[j]!;
  const PCKh = numpyPairwiseSum(weighted);
  for (let j = 0; j < k; j++) weighted[j] = j === 6 || j === 7 ? 0 : values[10 * k + j]! * jointWeights[j]!;
  const PCKh01 = numpyPairwiseSum(weighted);

  const parts = {
    Head: perJoint[9]!,
    Shoulder: 0.5 * (perJoint[13]! + perJoint[12]!),
    Elbow: 0.5 * (perJoint[14]! + perJoint[11]!),
    Wrist: 0.5 * (perJoint[15]! + perJoint[10]!),
    Hip: 0.5 * (perJoint[3]! + perJoint[2]!),
    Knee: 0.5 * (perJoint[4]! + perJoint[1]!),
    Ankle: 0.5 * (perJoint[5]! + perJoint[0]!),
  };
  const metrics: Record<string, number> = {};
  for (const [name, v] of Object.entries(parts)) metrics[`${name} PCK`] = v;
  metrics['PCK'] = PCKh;
  metrics['PCK@0.1'] = PCKh01;
  return { thr, perJoint, jointWeights, parts, PCKh, PCKh01, table: { thresholds, values }, metrics };
}

/** JHMDB-15 parts of {@link evaluateJhmdbPck} and their joints (head alone, others left/right pairs). */
export const JHMDB_PARTS: Readonly<Record<string, readonly number[]>> = Object.freeze({
  Head: [2],
  Sho: [3, 4],
  Elb: [7, 8],
  Wri: [11, 12],
  Hip: [5, 6],
  Knee: [9, 10],
  Ank: [13, 14],
});

/** Per-part JHMDB accuracies (fractions in [0, 1]) for one normaliser. */
export interface JhmdbPartStats {
  /** Per-joint result (the breakdown and the macro mean over joints). */
  perJoint: PckResult;
  /** Head, Sho, Elb, Wri, Hip, Knee, Ank: joint accuracy or the mean of the left/right pair. */
  parts: Record<'Head' | 'Sho' | 'Elb' | 'Wri' | 'Hip' | 'Knee' | 'Ank', number>;
  /** Macro mean over all joints (MMPose `Mean`). */
  mean: number;
}

/** Result of {@link evaluateJhmdbPck}. */
export interface JhmdbPckResult {
  /** The threshold used. */
  thr: number;
  /** Bbox-normalised stats (`normItem` includes `'bbox'`). */
  PCK?: JhmdbPartStats;
  /** Torso-normalised stats (`normItem` includes `'torso'`). */
  tPCK?: JhmdbPartStats;
  /** Instances whose GT torso was < 1 px (the predicted torso was used). */
  torsoFallback: number[];
  /** Flat metrics with MMPose's names: `Head PCK`, …, `Ank PCK`, `PCK`, `Head tPCK`, …, `tPCK`. */
  metrics: Record<string, number>;
}

function jhmdbParts(r: PckResult): JhmdbPartStats {
  const a = r.acc;
  return {
    perJoint: r,
    parts: {
      Head: a[2]!,
      Sho: 0.5 * a[3]! + 0.5 * a[4]!,
      Elb: 0.5 * a[7]! + 0.5 * a[8]!,
      Wri: 0.5 * a[11]! + 0.5 * a[12]!,
      Hip: 0.5 * a[5]! + 0.5 * a[6]!,
      Knee: 0.5 * a[9]! + 0.5 * a[10]!,
      Ank: 0.5 * a[13]! + 0.5 * a[14]!,
    },
    mean: r.avgAcc,
  };
}

/**
 * PCK on JHMDB, as MMPose `JhmdbPCKAccuracy`: {@link evaluatePck} with `'bbox'` and/or `'torso'`
 * normalisation, reported per part (Head = joint 2; Sho 3/4, Elb 7/8, Wri 11/12, Hip 5/6, Knee 9/10,
 * Ank 13/14 averaged) plus the mean over all joints.
 *
 * @param data - JHMDB-15 evaluation set (bboxes for `'bbox'`)
 * @param options - `thr` (default 0.05), `normItem` `'bbox'` | `'torso'` or both (default `'bbox'`)
 * @returns per-part stats per normaliser
 * @throws PosekitError E_LAYOUT_MISMATCH when K ≠ 15, E_ARGUMENT for `'head'`, and as {@link evaluatePck}
 * @throws PosekitError E_ARGUMENT when `options` is not an object, names an unknown option or has a `null`
 *   value
 */
export function evaluateJhmdbPck(data: PckDataset, options: PckOptions = {}): JhmdbPckResult {
  const fn = 'evaluateJhmdbPck';
  const opts = checkOptions(fn, options, ['thr', 'normItem']) as PckOptions;
  const items = normItemList(fn, opts.normItem, 'bbox');
  if (items.includes('head')) {
    throw new PosekitError('E_ARGUMENT', `${fn}: JHMDB has no head size; normItem must be 'bbox' and/or 'torso'; received ${JSON.stringify(items)}`);
  }
  checkDataset(fn, data, { bboxes: items.includes('bbox') });
  if (data.k !== 15) throw new PosekitError('E_LAYOUT_MISMATCH', `${fn}: JHMDB has 15 joints; received K = ${data.k}`, { expected: 15, received: data.k });
  const base = evaluatePck(data, { thr: opts.thr ?? 0.05, normItem: items });
  const result: JhmdbPckResult = { thr: base.thr, torsoFallback: base.torsoFallback, metrics: {} };
  for (const name of ['PCK', 'tPCK'] as const) {
    const r = base[name];
    if (!r) continue;
    const stats = jhmdbParts(r);
    result[name] = stats;
    for (const [part, v] of Object.entries(stats.parts)) result.metrics[`${part} ${name}`] = v;
    result.metrics[name] = stats.mean;
  }
  return result;
}
