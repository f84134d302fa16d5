/**
 * COCOeval parameters for iouType='keypoints' (pycocotools `Params.setKpParams`,
 * cocodataset/cocoapi @ 8c9bcc3c `PythonAPI/pycocotools/cocoeval.py`; shared/spec/metrics-and-nms.md §1, §3).
 *
 * @module
 */
import { PosekitError, describeValue } from '@posekit/core';
import { checkOptions } from '../options.js';

/** Largest `num` {@link linspace} accepts (10 million values, 80 MB of doubles). */
const MAX_LINSPACE = 10_000_000;

/**
 * Largest precision / scores table (T·R·K·A·M entries) an evaluation may need: 2^25 doubles (256 MiB per
 * table). COCO keypoints need 3 030; even 1 000 categories × 4 area ranges × 3 maxDets stay far below.
 */
export const MAX_COCO_TABLE_ENTRIES = 2 ** 25;

/**
 * `np.linspace(start, stop, num)` with numpy's arithmetic: `i * step + start` with `step = (stop - start) / (num - 1)`,
 * and the last element set to `stop` exactly. (Not `start + i * (stop - start) / (num - 1)`, which rounds
 * differently: pycocotools' thresholds are these exact doubles.)
 *
 * @param start - first value
 * @param stop - last value (included)
 * @param num - number of values (an integer from 0 to 10 000 000; 0 gives `[]`, as numpy)
 * @returns `num` doubles
 * @throws PosekitError E_RANGE when `start` or `stop` is not a finite number, or `num` is not an integer
 *   from 0 to 10 000 000
 */
export function linspace(start: number, stop: number, num: number): number[] {
  for (const [name, v] of [['start', start], ['stop', stop]] as const) {
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new PosekitError('E_RANGE', `linspace: ${name} must be a finite number; received ${describeValue(v)}`, { field: name, expected: 'finite number', received: describeValue(v) });
    }
  }
  if (typeof num !== 'number' || !Number.isInteger(num) || num < 0 || num > MAX_LINSPACE) {
    throw new PosekitError('E_RANGE', `linspace: num must be an integer from 0 to ${MAX_LINSPACE}; received ${describeValue(num)}`, {
      field: 'num',
      expected: `integer in [0, ${MAX_LINSPACE}]`,
      received: describeValue(num),
    });
  }
  if (num === 0) return [];
  const out: number[] = new Array<number>(num);
  if (num === 1) {
    out[0] = start;
    return out;
  }
  const step = (stop - start) / (num - 1);
  for (let i = 0; i < num; i++) out[i] = i * step + start;
  out[num - 1] = stop;
  return out;
}

/**
 * The COCO-17 person keypoint OKS sigmas exactly as pycocotools computes them:
 * `np.array([.26, .25, .25, .35, .35, .79, .79, .72, .72, .62, .62, 1.07, 1.07, .87, .87, .89, .89]) / 10.0`.
 * Three of them differ from the decimal literals (0.026000000000000002, 0.034999999999999996, 0.10700000000000001).
 * Order: nose, eyes, ears, shoulders, elbows, wrists, hips, knees, ankles (left before right).
 */
export const COCO17_SIGMAS: readonly number[] = Object.freeze(
  [0.26, 0.25, 0.25, 0.35, 0.35, 0.79, 0.79, 0.72, 0.72, 0.62, 0.62, 1.07, 1.07, 0.87, 0.87, 0.89, 0.89].map((s) => s / 10.0),
);

/** Default IoU (OKS) thresholds: `np.linspace(.5, 0.95, 10)` (the 9th is 0.8999999999999999). */
export const COCO_IOU_THRS: readonly number[] = Object.freeze(linspace(0.5, 0.95, 10));

/** Default recall thresholds: `np.linspace(.0, 1.00, 101)` (`i * 0.01`, last = 1.0). */
export const COCO_REC_THRS: readonly number[] = Object.freeze(linspace(0.0, 1.0, 101));

/** The ten stats names in pycocotools' `summarize()` order for keypoints. */
export const COCO_KEYPOINT_STATS_NAMES: readonly string[] = Object.freeze([
  'AP', 'AP .5', 'AP .75', 'AP (M)', 'AP (L)', 'AR', 'AR .5', 'AR .75', 'AR (M)', 'AR (L)',
]);

/**
 * COCOeval keypoint parameters. Every field has pycocotools' default (see {@link resolveCocoParams}).
 */
export interface CocoEvalParams {
  /** Per-keypoint OKS sigmas (`kpt_oks_sigmas`), K values > 0. Default {@link COCO17_SIGMAS}. */
  sigmas: readonly number[];
  /** OKS thresholds. Default {@link COCO_IOU_THRS}. `summarize` picks 0.5 / 0.75 by exact equality. */
  iouThrs: readonly number[];
  /** Recall thresholds (ascending). Default {@link COCO_REC_THRS}. */
  recThrs: readonly number[];
  /** Max detections per image, sorted ascending; the last one is the cut used by `evaluate`. Default `[20]`. */
  maxDets: readonly number[];
  /** Area ranges `[lo, hi]` in pixels², inclusive. Default all = [0, 1e10], medium = [1024, 9216], large = [9216, 1e10]. */
  areaRng: readonly (readonly [number, number])[];
  /** Labels of `areaRng`; `summarize` selects rows by the labels 'all', 'medium', 'large'. */
  areaRngLbl: readonly string[];
  /** Evaluate per category (default true). false reproduces pycocotools' useCats=0 quirk (see `useCats0Oks`). */
  useCats: boolean;
  /** Image ids to evaluate (sorted, unique); default: every GT image id, including images without annotations. */
  imgIds: readonly number[];
  /** Category ids (sorted, unique); default: every id in the GT `categories` list. */
  catIds: readonly number[];
  /**
   * With `useCats: false`, pycocotools' `computeOks` looks up the (image, -1) pair and finds nothing, so no
   * detection is ever matched (AP 0). `true` computes OKS over the pooled categories instead (a corrected
   * behaviour, not pycocotools). Default false. Ignored when `useCats` is true.
   */
  useCats0Oks: boolean;
}

/** Options accepted where parameters are given: any subset of {@link CocoEvalParams}. */
export type CocoEvalParamsInput = Partial<Omit<CocoEvalParams, 'useCats'>> & {
  /**
   * Evaluate per category (default true). pycocotools' integer flags are accepted too: 1 = true, 0 = false
   * (false reproduces pycocotools' useCats=0 quirk, see {@link CocoEvalParams.useCats0Oks}).
   */
  useCats?: boolean | 0 | 1;
};

function checkNumbers(name: string, v: unknown, opts: { min?: number; max?: number; nonEmpty?: boolean; integer?: boolean } = {}): number[] {
  if ((!Array.isArray(v) && !ArrayBuffer.isView(v)) || v instanceof DataView) {
    throw new PosekitError('E_ARGUMENT', `COCO params: ${name} must be an array of numbers; received ${describeValue(v)}`, { field: name, received: describeValue(v) });
  }
  const a = Array.from(v as ArrayLike<unknown>);
  if (opts.nonEmpty && a.length === 0) throw new PosekitError('E_EMPTY', `COCO params: ${name} must not be empty`, { field: name });
  a.forEach((x, i) => {
    if (typeof x !== 'number') throw new PosekitError('E_ARGUMENT', `COCO params: ${name}[${i}] must be a number; received ${typeof x}`, { field: name, item: i });
    if (!Number.isFinite(x)) throw new PosekitError('E_NONFINITE', `COCO params: ${name}[${i}] must be finite; received ${x}`, { field: name, item: i });
    if (opts.min !== undefined && x < opts.min) throw new PosekitError('E_RANGE', `COCO params: ${name}[${i}] must be ≥ ${opts.min}; received ${x}`, { field: name, item: i });
    if (opts.max !== undefined && x > opts.max) throw new PosekitError('E_RANGE', `COCO params: ${name}[${i}] must be ≤ ${opts.max}; received ${x}`, { field: name, item: i });
    if (opts.integer && !Number.isInteger(x)) throw new PosekitError('E_ARGUMENT', `COCO params: ${name}[${i}] must be an integer; received ${x}`, { field: name, item: i });
  });
  return a as number[];
}

/** Sorted unique numbers (`np.unique`). @internal */
export function sortedUnique(a: ArrayLike<number>): number[] {
  const s = Array.from(a).sort((x, y) => x - y);
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) if (i === 0 || s[i] !== s[i - 1]) out.push(s[i]!);
  return out;
}

/** The option names of {@link CocoEvalParamsInput}. @internal */
export const COCO_PARAM_KEYS: readonly string[] = Object.freeze(['sigmas', 'iouThrs', 'recThrs', 'maxDets', 'areaRng', 'areaRngLbl', 'useCats', 'imgIds', 'catIds', 'useCats0Oks']);

/**
 * Fill in pycocotools' defaults and validate. `imgIds` / `catIds` default to the dataset's ids; both are
 * sorted and de-duplicated (as `evaluate()` does with `np.unique`), `maxDets` is sorted.
 *
 * @param input - user parameters (any subset)
 * @param defaults - the dataset's image ids and category ids
 * @returns complete parameters
 * @throws PosekitError E_ARGUMENT / E_RANGE / E_NONFINITE / E_EMPTY for bad values
 * @throws PosekitError E_ARGUMENT when `input` is not an object, names an unknown parameter or has a `null`
 *   value, `useCats` is not a boolean / 0 / 1, `useCats0Oks` not a boolean, `areaRngLbl` not an array of
 *   strings, ids not integers, or `defaults` lacks `imgIds` / `catIds` arrays
 * @throws PosekitError E_RANGE when an OKS or recall threshold is outside [0, 1], an area range has lo > hi,
 *   or the precision table T·R·K·A·M would exceed 2^25 entries
 */
export function resolveCocoParams(input: CocoEvalParamsInput, defaults: { imgIds: ArrayLike<number>; catIds: ArrayLike<number> }): CocoEvalParams {
  const fn = 'resolveCocoParams';
  checkOptions(fn, input, COCO_PARAM_KEYS, 'input');
  if (typeof defaults !== 'object' || defaults === null) {
    throw new PosekitError('E_ARGUMENT', `${fn}: defaults must be an object {imgIds, catIds}; received ${describeValue(defaults)}`, { field: 'defaults', received: describeValue(defaults) });
  }
  return resolveParams(input ?? {}, { imgIds: checkNumbers('defaults.imgIds', defaults.imgIds), catIds: checkNumbers('defaults.catIds', defaults.catIds) });
}

/**
 * {@link resolveCocoParams} after the option names were checked by the caller.
 * @internal
 */
export function resolveParams(input: CocoEvalParamsInput, defaults: { imgIds: ArrayLike<number>; catIds: ArrayLike<number> }): CocoEvalParams {
  const sigmas = input.sigmas === undefined ? COCO17_SIGMAS.slice() : checkNumbers('sigmas', input.sigmas, { nonEmpty: true });
  sigmas.forEach((s, i) => {
    if (!(s > 0)) throw new PosekitError('E_RANGE', `COCO params: sigmas[${i}] must be > 0; received ${s}`, { field: 'sigmas', item: i });
  });
  const iouThrs = input.iouThrs === undefined ? COCO_IOU_THRS.slice() : checkNumbers('iouThrs', input.iouThrs, { nonEmpty: true, min: 0, max: 1 });
  const recThrs = input.recThrs === undefined ? COCO_REC_THRS.slice() : checkNumbers('recThrs', input.recThrs, { nonEmpty: true, min: 0, max: 1 });
  const maxDets = (input.maxDets === undefined ? [20] : checkNumbers('maxDets', input.maxDets, { nonEmpty: true, min: 0 })).sort((a, b) => a - b);
  maxDets.forEach((m, i) => {
    if (!Number.isInteger(m)) throw new PosekitError('E_ARGUMENT', `COCO params: maxDets[${i}] must be an integer; received ${m}`, { field: 'maxDets' });
  });
  let areaRng: [number, number][];
  if (input.areaRng === undefined) {
    areaRng = [[0, 1e10], [1024, 9216], [9216, 1e10]];
  } else {
    if (!Array.isArray(input.areaRng) || input.areaRng.length === 0) {
      throw new PosekitError('E_ARGUMENT', `COCO params: areaRng must be a non-empty array of [lo, hi] pairs; received ${describeValue(input.areaRng)}`, { field: 'areaRng' });
    }
    areaRng = input.areaRng.map((r, i) => {
      const p = checkNumbers(`areaRng[${i}]`, r);
      if (p.length !== 2) throw new PosekitError('E_ARGUMENT', `COCO params: areaRng[${i}] must be [lo, hi]; received ${p.length} numbers`, { field: 'areaRng', item: i });
      if (p[0]! > p[1]!) throw new PosekitError('E_RANGE', `COCO params: areaRng[${i}] must be [lo, hi] with lo <= hi; received [${p[0]}, ${p[1]}]`, { field: 'areaRng', item: i });
      return [p[0]!, p[1]!];
    });
  }
  if (input.areaRngLbl !== undefined && (!Array.isArray(input.areaRngLbl) || !input.areaRngLbl.every((l) => typeof l === 'string'))) {
    throw new PosekitError('E_ARGUMENT', `COCO params: areaRngLbl must be an array of strings; received ${describeValue(input.areaRngLbl)}`, { field: 'areaRngLbl', received: describeValue(input.areaRngLbl) });
  }
  const areaRngLbl = input.areaRngLbl === undefined
    ? (input.areaRng === undefined ? ['all', 'medium', 'large'] : areaRng.map((_r, i) => (i === 0 ? 'all' : i === 1 ? 'medium' : i === 2 ? 'large' : `range${i}`)))
    : input.areaRngLbl.slice();
  if (areaRngLbl.length !== areaRng.length) {
    throw new PosekitError('E_ARGUMENT', `COCO params: areaRngLbl needs one label per areaRng row (${areaRng.length}); received ${areaRngLbl.length}`, { field: 'areaRngLbl' });
  }
  const uc: unknown = input.useCats;
  if (uc !== undefined && uc !== true && uc !== false && uc !== 0 && uc !== 1) {
    throw new PosekitError('E_ARGUMENT', `COCO params: useCats must be true, false, 1 or 0; received ${describeValue(uc)}`, { field: 'useCats', received: describeValue(uc) });
  }
  const useCats = uc === undefined ? true : Boolean(uc);
  const uco: unknown = input.useCats0Oks;
  if (uco !== undefined && typeof uco !== 'boolean') {
    throw new PosekitError('E_ARGUMENT', `COCO params: useCats0Oks must be true or false; received ${describeValue(uco)}`, { field: 'useCats0Oks', received: describeValue(uco) });
  }
  const imgIds = sortedUnique(input.imgIds === undefined ? defaults.imgIds : checkNumbers('imgIds', input.imgIds, { integer: true }));
  const catIds = sortedUnique(input.catIds === undefined ? defaults.catIds : checkNumbers('catIds', input.catIds, { integer: true }));
  const entries = iouThrs.length * recThrs.length * (useCats ? catIds.length : 1) * areaRng.length * maxDets.length;
  if (entries > MAX_COCO_TABLE_ENTRIES) {
    throw new PosekitError('E_RANGE', `COCO params: the precision table T·R·K·A·M = ${iouThrs.length}·${recThrs.length}·${useCats ? catIds.length : 1}·${areaRng.length}·${maxDets.length} = ${entries} entries exceeds ${MAX_COCO_TABLE_ENTRIES}; use fewer thresholds, recall points, categories, area ranges or maxDets`, {
      expected: `<= ${MAX_COCO_TABLE_ENTRIES}`,
      received: entries,
    });
  }
  return { sigmas, iouThrs, recThrs, maxDets, areaRng, areaRngLbl, useCats, imgIds, catIds, useCats0Oks: uco === true };
}
