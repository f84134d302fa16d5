/**
 * PCK-versus-threshold curves and PDJ curves as data (per keypoint and macro mean), computed from one
 * distance pass. Kernels: `@posekit/core` `keypointDistances`, `pckFromDistances`, `pdjCurve`.
 *
 * @module
 */
import { PosekitError, describeValue, keypointDistances, pckCurveFromDistances, pdjCurve, DEFAULT_PDJ_FRACTIONS } from '@posekit/core';
import type { PdjResult } from '@posekit/core';
import { checkDataset, maskFromVisible } from './dataset.js';
import type { PckDataset } from './dataset.js';
import { normFor } from './accuracy.js';
import type { PckNormItem } from './accuracy.js';
import { checkOptions } from '../options.js';

/** PCK as a function of the threshold. */
export interface PckCurve {
  /** What the distances were divided by. */
  normItem: PckNormItem | 'pixels';
  /** Thresholds `[T]` on the normalised distance (pixels for `'pixels'`). */
  thresholds: Float64Array;
  /** Macro-mean PCK `[T]` (over keypoints with a valid instance). */
  mean: Float64Array;
  /** Per-keypoint PCK `[T, K]` (row = threshold); −1 where a keypoint has no valid instance. */
  perKeypoint: Float64Array;
  /** Number of keypoints K. */
  k: number;
}

/** Options of {@link pckCurve}. */
export interface PckCurveOptions {
  /**
   * Normaliser: `'bbox'`, `'head'`, `'torso'` (as {@link evaluatePck}) or `'pixels'` (raw pixel distances,
   * thresholds in pixels, visibility > 0 like MMPose `AUC`). Default `'bbox'`.
   */
  normItem?: PckNormItem | 'pixels';
  /** Thresholds. Default 0, 0.01, …, 0.5 (51 values) for normalised distances; 0, 1, …, 50 px for `'pixels'`. */
  thresholds?: ArrayLike<number>;
}

/**
 * PCK versus threshold, per keypoint and averaged: the data behind a PCK curve (plot it with
 * {@link pckCurveSvg}). Same rules as {@link evaluatePck} (strict <, float32 distances, macro mean), with
 * the distances computed once.
 *
 * @param data - the evaluation set
 * @param options - normaliser (default `'bbox'`) and thresholds
 * @returns the curve
 * @throws PosekitError as {@link evaluatePck}; E_EMPTY for no thresholds, E_RANGE for a negative one
 * @throws PosekitError E_ARGUMENT when `options` is not an object, names an unknown option or has a `null`
 *   value
 */
export function pckCurve(data: PckDataset, options: PckCurveOptions = {}): PckCurve {
  const fn = 'pckCurve';
  const opts = checkOptions(fn, options, ['normItem', 'thresholds']) as PckCurveOptions;
  const normItem = opts.normItem ?? 'bbox';
  if (!['bbox', 'head', 'torso', 'pixels'].includes(normItem)) {
    throw new PosekitError('E_ARGUMENT', `${fn}: normItem must be 'bbox', 'head', 'torso' or 'pixels'; received ${describeValue(normItem)}`);
  }
  checkDataset(fn, data, { bboxes: normItem === 'bbox', headSizes: normItem === 'head' });
  const thr = opts.thresholds ?? Array.from({ length: 51 }, (_, i) => (normItem === 'pixels' ? i : i * 0.01));
  if (thr.length === 0) throw new PosekitError('E_EMPTY', `${fn}: thresholds must not be empty`);
  const { n, k } = data;
  const mask = maskFromVisible(data, normItem === 'pixels' ? 'positive' : 'nonzero');
  const norm = normItem === 'pixels' ? new Float64Array(n * 2).fill(1) : normFor(data, normItem, []);
  const dist = keypointDistances(new Float32Array(n * k), { pred: data.pred, gt: data.gt, mask, n, k }, norm);
  const c = pckCurveFromDistances(dist, n, k, thr);
  const thresholds = c.thresholds;
  const mean = c.avgAcc;
  const perKeypoint = c.acc;
  return { normItem, thresholds, mean, perKeypoint, k };
}

/** Options of {@link evaluatePdj}. */
export interface PdjEvalOptions {
  /** Fractions of the torso diameter. Default 0.05, 0.10, …, 0.50. */
  fractions?: readonly number[];
  /** Keypoints whose GT distance is the torso diameter. Default `[5, 12]` (COCO-17 left_shoulder, right_hip). */
  torsoPair?: readonly [number, number];
}

/**
 * PDJ curve over a dataset (DeepPose, Toshev & Szegedy 2014): fraction of joints with
 * ‖pred − gt‖ < f · ‖gt[left_shoulder] − gt[right_hip]‖, per joint and averaged, for each fraction f.
 * Keypoints with visibility 0 are ignored. See `@posekit/core` `pdjCurve`.
 *
 * @param data - the evaluation set
 * @param options - fractions and torso pair
 * @returns torso diameters and the curve
 * @throws PosekitError on bad data, E_RANGE for a torso index outside [0, K)
 * @throws PosekitError E_ARGUMENT when `options` is not an object, names an unknown option or has a `null`
 *   value, or `torsoPair` is not an array of two indices
 */
export function evaluatePdj(data: PckDataset, options: PdjEvalOptions = {}): PdjResult {
  const fn = 'evaluatePdj';
  const o = checkOptions(fn, options, ['fractions', 'torsoPair']) as PdjEvalOptions;
  if (o.torsoPair !== undefined && (!Array.isArray(o.torsoPair) || o.torsoPair.length !== 2)) {
    throw new PosekitError('E_ARGUMENT', `${fn}: options.torsoPair must be an array of two keypoint indices [a, b]; received ${describeValue(o.torsoPair)}`, {
      field: 'torsoPair',
      expected: '[a, b]',
      received: describeValue(o.torsoPair),
    });
  }
  checkDataset(fn, data);
  const pairs = { pred: data.pred, gt: data.gt, mask: maskFromVisible(data, 'nonzero'), n: data.n, k: data.k };
  const opts = o.torsoPair ? { torsoPair: o.torsoPair } : {};
  return pdjCurve(pairs, o.fractions ?? DEFAULT_PDJ_FRACTIONS, opts);
}
