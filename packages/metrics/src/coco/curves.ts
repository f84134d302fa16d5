/**
 * Precision-recall curves as data, read from an accumulated COCO keypoint evaluation (pycocotools'
 * `eval['precision'][t, :, k, a, m]`, the interpolated precision at each recall threshold).
 *
 * @module
 */
import { describeValue, numpyPairwiseSum, PosekitError } from '@posekit/core';
import { checkOptions, stringOption } from '../options.js';
import type { CocoKeypointsEvaluation } from './evaluator.js';

/** One precision-recall curve. */
export interface PrCurve {
  /** Label, e.g. `OKS=0.50` or `mean`. */
  readonly label: string;
  /** The OKS threshold, or undefined for the mean curve. */
  readonly iouThr?: number;
  /** Precision at each recall threshold (NaN where no category has data). */
  readonly precision: number[];
  /** AP of this curve: the pairwise mean of the entries > −1 (as pycocotools' summarize), −1 if none. */
  readonly ap: number;
}

/** PR curves of one area range and maxDets, pooled over the selected categories. */
export interface PrCurveSet {
  /** Recall thresholds (x axis). */
  readonly recall: number[];
  /** One curve per OKS threshold, in threshold order. */
  readonly curves: PrCurve[];
  /** The mean over thresholds at each recall (the curve whose AP is the COCO AP). */
  readonly mean: PrCurve;
  /** Area range label used. */
  readonly areaLabel: string;
  /** maxDets used. */
  readonly maxDets: number;
  /** Category ids pooled (one id, or all). */
  readonly categoryIds: number[];
}

/** The option names of {@link PrCurvesOptions}. @internal */
export const PR_CURVES_OPTION_KEYS: readonly string[] = Object.freeze(['areaLabel', 'maxDets', 'categoryId']);

/** Options of {@link prCurves}. */
export interface PrCurvesOptions {
  /** Area range label (default 'all'). */
  areaLabel?: string;
  /** maxDets value (default: the last of `params.maxDets`, 20 for COCO keypoints). */
  maxDets?: number;
  /** A single category id (default: pool all categories, as the COCO stats do). */
  categoryId?: number;
}

/**
 * Precision-recall curves from an evaluation: for each OKS threshold, the interpolated precision at every
 * recall threshold (categories pooled entry by entry, −1 entries left out, as in pycocotools' summarize),
 * plus the mean over thresholds.
 *
 * @param evaluation - a finished evaluation ({@link evaluateKeypoints})
 * @param options - area range, maxDets, category
 * @returns the curves as plain data (ready for plotting or JSON)
 * @throws PosekitError E_ARGUMENT for an unknown area label, maxDets or category, a `maxDets` /
 *   `categoryId` that is not a number, `options` that is not an object or names an unknown option, or an
 *   `evaluation` that is not an evaluation; E_STATE when it has not been accumulated yet
 */
export function prCurves(evaluation: CocoKeypointsEvaluation, options: PrCurvesOptions = {}): PrCurveSet {
  const fn = 'prCurves';
  const opts = checkOptions(fn, options, PR_CURVES_OPTION_KEYS) as PrCurvesOptions;
  if (typeof evaluation !== 'object' || evaluation === null || typeof (evaluation as { params?: unknown }).params !== 'object' || !('precision' in evaluation)) {
    throw new PosekitError('E_ARGUMENT', `${fn}: evaluation must be a COCO keypoint evaluation (from evaluateKeypoints); received ${describeValue(evaluation)}`, { received: describeValue(evaluation) });
  }
  for (const name of ['maxDets', 'categoryId'] as const) {
    const v = opts[name];
    if (v !== undefined && typeof v !== 'number') {
      throw new PosekitError('E_ARGUMENT', `${fn}: options.${name} must be a number; received ${describeValue(v)}`, { field: name, received: describeValue(v) });
    }
  }
  const p = evaluation.params;
  const { data, dims } = evaluation.precision;
  const [T, R, K, A, M] = dims;
  const areaLabel = stringOption(fn, 'options.areaLabel', opts.areaLabel, 'all');
  const a = p.areaRngLbl.indexOf(areaLabel);
  if (a < 0) throw new PosekitError('E_ARGUMENT', `prCurves: unknown area label "${areaLabel}"; expected one of ${p.areaRngLbl.join(', ')}`, { field: 'areaLabel' });
  const maxDets = opts.maxDets ?? p.maxDets[p.maxDets.length - 1]!;
  const m = p.maxDets.indexOf(maxDets);
  if (m < 0) throw new PosekitError('E_ARGUMENT', `prCurves: maxDets ${maxDets} was not evaluated; expected one of ${p.maxDets.join(', ')}`, { field: 'maxDets' });
  let ks: number[];
  let categoryIds: number[];
  if (opts.categoryId !== undefined) {
    const k = p.useCats ? p.catIds.indexOf(opts.categoryId) : opts.categoryId === -1 ? 0 : -1;
    if (k < 0) throw new PosekitError('E_ARGUMENT', `prCurves: category ${opts.categoryId} was not evaluated`, { field: 'categoryId' });
    ks = [k];
    categoryIds = [opts.categoryId];
  } else {
    ks = Array.from({ length: K }, (_v, i) => i);
    categoryIds = p.useCats ? p.catIds.slice() : [-1];
  }
  const at = (t: number, r: number, k: number): number => data[(((t * R + r) * K + k) * A + a) * M + m]!;
  const meanOf = (vals: number[]): number => (vals.length === 0 ? NaN : numpyPairwiseSum(vals) / vals.length);
  const curves: PrCurve[] = [];
  for (let t = 0; t < T; t++) {
    const precision: number[] = [];
    const all: number[] = [];
    for (let r = 0; r < R; r++) {
      const v: number[] = [];
      for (const k of ks) {
        const x = at(t, r, k);
        if (x > -1) v.push(x);
      }
      precision.push(meanOf(v));
      all.push(...v);
    }
    const thr = p.iouThrs[t]!;
    curves.push({ label: `OKS=${thr.toFixed(2)}`, iouThr: thr, precision, ap: all.length === 0 ? -1 : meanOf(all) });
  }
  const meanPrecision: number[] = [];
  const every: number[] = [];
  for (let r = 0; r < R; r++) {
    const v: number[] = [];
    for (let t = 0; t < T; t++) for (const k of ks) {
      const x = at(t, r, k);
      if (x > -1) v.push(x);
    }
    meanPrecision.push(meanOf(v));
  }
  // The mean curve's AP uses pycocotools' element order (t, r, k), so it equals stats[0] for 'all'.
  for (let t = 0; t < T; t++) for (let r = 0; r < R; r++) for (const k of ks) {
    const x = at(t, r, k);
    if (x > -1) every.push(x);
  }
  return {
    recall: p.recThrs.slice(),
    curves,
    mean: { label: 'mean', precision: meanPrecision, ap: every.length === 0 ? -1 : meanOf(every) },
    areaLabel,
    maxDets,
    categoryIds,
  };
}
