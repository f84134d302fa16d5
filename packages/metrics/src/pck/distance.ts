/**
 * Distance-based dataset metrics as MMPose's metric classes `AUC`, `EPE` and `NME`
 * (open-mmlab/mmpose @ 759b39c1, `mmpose/evaluation/metrics/keypoint_2d_metrics.py`; kernels in
 * `@posekit/core` `keypointAuc` / `keypointEpe` / `keypointNme`). These metrics evaluate keypoints whose
 * visibility is > 0 (MMPose passes `keypoints_visible` unchanged and masks with `> 0`).
 *
 * @module
 */
import { PosekitError, describeValue, keypointAuc, keypointDistances, keypointEpe, keypointNme, pckCurveFromDistances } from '@posekit/core';
import { bboxSizes, checkDataset, isFloat32Data, maskFromVisible, pairDistance, tileNorm } from './dataset.js';
import type { PckDataset } from './dataset.js';
import { checkOptions, intOption, stringOption } from '../options.js';

/** Largest `numThrs` of {@link evaluateAuc} (MMPose's default is 20). */
const MAX_AUC_THRESHOLDS = 10_000;

/** Options of {@link evaluateAuc}. */
export interface AucOptions {
  /** Normalisation in pixels. Default 30 (MMPose `AUC`). */
  normFactor?: number;
  /** Number of thresholds i / numThrs, i = 0 … numThrs − 1: an integer from 1 to 10 000. Default 20. */
  numThrs?: number;
}

/** Result of {@link evaluateAuc}: the AUC and the PCK-versus-threshold curve it integrates. */
export interface AucResult {
  /** Area under the curve, Σ (1/numThrs) · avgAcc(thr). */
  auc: number;
  /** Thresholds `[numThrs]` on the normalised distance (multiply by normFactor for pixels). */
  thresholds: Float64Array;
  /** Macro-mean PCK at each threshold `[numThrs]`. */
  avgAcc: Float64Array;
  /** Flat metric `AUC@<numThrs>thrs` (MMPose: key `@<numThrs>thrs` under the metric prefix `auc`). */
  metrics: Record<string, number>;
}

/**
 * AUC of PCK over thresholds, as MMPose `AUC` (norm_factor 30 px, 20 thresholds by default). Also returns
 * the PCK-versus-threshold curve.
 *
 * @param data - the evaluation set
 * @param options - `normFactor` (px, default 30), `numThrs` (default 20)
 * @returns AUC and the curve
 * @throws PosekitError on bad data (E_SHAPE, E_DTYPE, E_EMPTY, E_NONFINITE) or options (E_RANGE)
 * @throws PosekitError E_RANGE when `numThrs` is not an integer from 1 to 10 000
 * @throws PosekitError E_ARGUMENT when `options` is not an object, names an unknown option or has a `null`
 *   value
 */
export function evaluateAuc(data: PckDataset, options: AucOptions = {}): AucResult {
  const fn = 'evaluateAuc';
  const opts = checkOptions(fn, options, ['normFactor', 'numThrs']) as AucOptions;
  const numThrs = intOption(fn, 'options.numThrs', opts.numThrs, 20, 1, MAX_AUC_THRESHOLDS);
  checkDataset(fn, data);
  const normFactor = opts.normFactor ?? 30;
  const pairs = { pred: data.pred, gt: data.gt, mask: maskFromVisible(data, 'positive'), n: data.n, k: data.k };
  const auc = keypointAuc(pairs, normFactor, numThrs);
  const dist = keypointDistances(new Float32Array(data.n * data.k), pairs, new Float64Array(data.n * 2).fill(normFactor));
  const thrs = new Float64Array(numThrs);
  for (let i = 0; i < numThrs; i++) thrs[i] = (1.0 * i) / numThrs;
  const { thresholds, avgAcc } = pckCurveFromDistances(dist, data.n, data.k, thrs);
  return { auc, thresholds, avgAcc, metrics: { [`AUC@${numThrs}thrs`]: auc } };
}

/**
 * End-point error over a dataset (mean pixel distance of the visible keypoints), as MMPose `EPE`.
 *
 * @param data - the evaluation set
 * @returns EPE in pixels (0 when nothing is visible, as MMPose)
 * @throws PosekitError on bad data
 */
export function evaluateEpe(data: PckDataset): number {
  checkDataset('evaluateEpe', data);
  return keypointEpe({ pred: data.pred, gt: data.gt, mask: maskFromVisible(data, 'positive'), n: data.n, k: data.k });
}

/**
 * Default keypoint pairs (outer eye corners, or nose–eye for horse10) of the inter-ocular NME
 * normalisation per dataset name, as MMPose `NME.DEFAULT_KEYPOINT_INDICES` (+ LaPa [66, 79]).
 */
export const DEFAULT_NME_KEYPOINT_INDICES: Readonly<Record<string, readonly [number, number]>> = Object.freeze({
  horse10: [0, 1],
  '300w': [36, 45],
  coco_wholebody_face: [36, 45],
  cofw: [8, 9],
  wflw: [60, 72],
  lapa: [66, 79],
});

/** Options of {@link evaluateNme}. */
export interface NmeOptions {
  /**
   * `'keypoint_distance'`: normalise by the GT distance between two keypoints (inter-ocular);
   * `'use_norm_item'`: normalise by a per-instance value (`normValues`, or the bbox size for
   * `normItem: 'bbox_size'`).
   */
  normMode: 'use_norm_item' | 'keypoint_distance';
  /** Name of the per-instance normaliser for `'use_norm_item'`; `'bbox_size'` = max(w, h) of `data.bboxes`. */
  normItem?: string;
  /** Per-instance normaliser values `[N]` for `'use_norm_item'` (e.g. a dataset's `box_size`). */
  normValues?: Float32Array | Float64Array;
  /** Keypoint pair for `'keypoint_distance'`; default from `datasetName` via {@link DEFAULT_NME_KEYPOINT_INDICES}. */
  keypointIndices?: readonly [number, number];
  /** Dataset name used to pick the default pair (`'300w'`, `'wflw'`, `'cofw'`, `'horse10'`, `'lapa'`, `'coco_wholebody_face'`). */
  datasetName?: string;
}

/** Result of {@link evaluateNme}. */
export interface NmeResult {
  /** Normalised mean error (unitless). */
  nme: number;
  /** The per-instance normaliser `[N]` used (before MMPose's zero / ≤ 0 rules). */
  normFactor: Float32Array | Float64Array;
  /** Flat metric with MMPose's name: `@bbox_size` or `@[36, 45]`. */
  metrics: Record<string, number>;
}

/**
 * Normalised mean error over a dataset, as MMPose `NME`. Instances whose normaliser is 0 are ignored and
 * negative normalisers count as 1e6 (MMPose `_calc_distances` rules).
 *
 * @example
 * ```ts
 * evaluateNme(faces, { normMode: 'keypoint_distance', datasetName: '300w' }).nme; // inter-ocular NME
 * ```
 * @param data - the evaluation set
 * @param options - normalisation mode and its parameters
 * @returns NME, the normaliser used, MMPose-named metric
 * @throws PosekitError E_ARGUMENT for an unknown mode / dataset / missing normItem, E_RANGE for keypoint
 *   indices outside [0, K), E_FIELD when bboxes are needed and missing, E_SHAPE for normValues of the
 *   wrong length, and on bad data
 * @throws PosekitError E_ARGUMENT when `options` names an unknown option or has a `null` value, or
 *   `normItem` / `datasetName` is not a string
 */
export function evaluateNme(data: PckDataset, options: NmeOptions): NmeResult {
  const fn = 'evaluateNme';
  if (typeof options !== 'object' || options === null) {
    throw new PosekitError('E_ARGUMENT', `${fn}: options {normMode, ...} are required; received ${describeValue(options)}`);
  }
  checkOptions(fn, options, ['normMode', 'normItem', 'normValues', 'keypointIndices', 'datasetName']);
  stringOption(fn, 'options.normItem', options.normItem);
  stringOption(fn, 'options.datasetName', options.datasetName);
  const mode = options.normMode;
  let normFactor: Float32Array | Float64Array;
  let key: string;
  if (mode === 'use_norm_item') {
    if (!options.normItem && !options.normValues) {
      throw new PosekitError('E_ARGUMENT', `${fn}: normMode 'use_norm_item' needs normItem ('bbox_size') or normValues [N]; received neither`);
    }
    const useBox = options.normValues === undefined;
    if (useBox && options.normItem !== 'bbox_size') {
      throw new PosekitError('E_ARGUMENT', `${fn}: normItem ${describeValue(options.normItem)} needs normValues [N]; only 'bbox_size' is computed from data.bboxes`);
    }
    checkDataset(fn, data, { bboxes: useBox });
    if (useBox) {
      normFactor = bboxSizes(data);
    } else {
      const v = options.normValues!;
      if (!(v instanceof Float32Array || v instanceof Float64Array) || v.length !== data.n) {
        throw new PosekitError('E_SHAPE', `${fn}: normValues must be a Float32Array or Float64Array of N = ${data.n}; received ${describeValue(v)}`, {
          expected: data.n,
          received: describeValue(v),
        });
      }
      normFactor = v;
    }
    key = `@${options.normItem ?? 'norm_item'}`;
  } else if (mode === 'keypoint_distance') {
    checkDataset(fn, data);
    let pair = options.keypointIndices;
    if (pair === undefined) {
      const name = options.datasetName;
      pair = name !== undefined && Object.hasOwn(DEFAULT_NME_KEYPOINT_INDICES, name) ? DEFAULT_NME_KEYPOINT_INDICES[name] : undefined;
      if (pair === undefined) {
        throw new PosekitError(
          'E_ARGUMENT',
          `${fn}: no keypointIndices and no default pair for dataset ${describeValue(name)}; expected one of ${Object.keys(DEFAULT_NME_KEYPOINT_INDICES).join(', ')}`,
          { expected: Object.keys(DEFAULT_NME_KEYPOINT_INDICES), received: name },
        );
      }
    }
    if (!Array.isArray(pair) || pair.length !== 2 || !pair.every((i) => Number.isInteger(i) && i >= 0 && i < data.k)) {
      throw new PosekitError('E_RANGE', `${fn}: keypointIndices must be two integers in [0, ${data.k - 1}]; received ${describeValue(pair)}`, {
        expected: `[0, ${data.k - 1}]`,
        received: pair,
      });
    }
    const f32 = isFloat32Data(data);
    normFactor = f32 ? new Float32Array(data.n) : new Float64Array(data.n);
    for (let i = 0; i < data.n; i++) normFactor[i] = pairDistance(data.gt, data.k, i, pair[0]!, pair[1]!);
    key = `@[${pair[0]}, ${pair[1]}]`;
  } else {
    throw new PosekitError('E_ARGUMENT', `${fn}: normMode must be 'use_norm_item' or 'keypoint_distance'; received ${describeValue(mode)}`, {
      expected: ['use_norm_item', 'keypoint_distance'],
      received: mode,
    });
  }
  const pairs = { pred: data.pred, gt: data.gt, mask: maskFromVisible(data, 'positive'), n: data.n, k: data.k };
  const nme = keypointNme(pairs, tileNorm(normFactor, normFactor instanceof Float32Array));
  return { nme, normFactor, metrics: { [key]: nme } };
}
