/**
 * COCOeval parameters for iouType='keypoints' (pycocotools `Params.setKpParams`,
 * cocodataset/cocoapi @ 8c9bcc3c `PythonAPI/pycocotools/cocoeval.py`; shared/spec/metrics-and-nms.md §1, §3).
 *
 * @module
 */
import { PosekitError } from '@posekit/core';

/**
 * `np.linspace(start, stop, num)` with numpy's arithmetic: `i * step + start` with `step = (stop - start) / (num - 1)`,
 * and the last element set to `stop` exactly. (Not `start + i * (stop - start) / (num - 1)`, which rounds
 * differently: pycocotools' thresholds are these exact doubles.)
 *
 * @param start - first value
 * @param stop - last value (included)
 * @param num - number of values (≥ 1)
 * @returns `num` doubles
 */
export function linspace(start: number, stop: number, num: number): number[] {
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

function checkNumbers(name: string, v: unknown, opts: { min?: number; nonEmpty?: boolean } = {}): number[] {
  if (!Array.isArray(v) && !ArrayBuffer.isView(v)) {
    throw new PosekitError('E_ARGUMENT', `COCO params: ${name} must be an array of numbers; received ${typeof v}`, { field: name });
  }
  const a = Array.from(v as ArrayLike<unknown>);
  if (opts.nonEmpty && a.length === 0) throw new PosekitError('E_EMPTY', `COCO params: ${name} must not be empty`, { field: name });
  a.forEach((x, i) => {
    if (typeof x !== 'number') throw new PosekitError('E_ARGUMENT', `COCO params: ${name}[${i}] must be a number; received ${typeof x}`, { field: name, item: i });
    if (!Number.isFinite(x)) throw new PosekitError('E_NONFINITE', `COCO params: ${name}[${i}] must be finite; received ${x}`, { field: name, item: i });
    if (opts.min !== undefined && x < opts.min) throw new PosekitError('E_RANGE', `COCO params: ${name}[${i}] must be ≥ ${opts.min}; received ${x}`, { field: name, item: i });
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

/**
 * Fill in pycocotools' defaults and validate. `imgIds` / `catIds` default to the dataset's ids; both are
 * sorted and de-duplicated (as `evaluate()` does with `np.unique`), `maxDets` is sorted.
 *
 * @param input - user parameters (any subset)
 * @param defaults - the dataset's image ids and category ids
 * @returns complete parameters
 * @throws PosekitError E_ARGUMENT / E_RANGE / E_NONFINITE / E_EMPTY for bad values
 */
export function resolveCocoParams(input: CocoEvalParamsInput, defaults: { imgIds: ArrayLike<number>; catIds: ArrayLike<number> }): CocoEvalParams {
  const sigmas = input.sigmas === undefined ? COCO17_SIGMAS.slice() : checkNumbers('sigmas', input.sigmas, { nonEmpty: true });
  sigmas.forEach((s, i) => {
    if (!(s > 0)) throw new PosekitError('E_RANGE', `COCO params: sigmas[${i}] must be > 0; received ${s}`, { field: 'sigmas', item: i });
  });
  const iouThrs = input.iouThrs === undefined ? COCO_IOU_THRS.slice() : checkNumbers('iouThrs', input.iouThrs, { nonEmpty: true });
  const recThrs = input.recThrs === undefined ? COCO_REC_THRS.slice() : checkNumbers('recThrs', input.recThrs, { nonEmpty: true });
  const maxDets = (input.maxDets === undefined ? [20] : checkNumbers('maxDets', input.maxDets, { nonEmpty: true, min: 0 })).sort((a, b) => a - b);
  maxDets.forEach((m, i) => {
    if (!Number.isInteger(m)) throw new PosekitError('E_ARGUMENT', `COCO params: maxDets[${i}] must be an integer; received ${m}`, { field: 'maxDets' });
  });
  let areaRng: [number, number][];
  if (input.areaRng === undefined) {
    areaRng = [[0, 1e10], [1024, 9216], [9216, 1e10]];
  } else {
    if (!Array.isArray(input.areaRng) || input.areaRng.length === 0) {
      throw new PosekitError('E_ARGUMENT', 'COCO params: areaRng must be a non-empty array of [lo, hi] pairs', { field: 'areaRng' });
    }
    areaRng = input.areaRng.map((r, i) => {
      const p = checkNumbers(`areaRng[${i}]`, r);
      if (p.length !== 2) throw new PosekitError('E_ARGUMENT', `COCO params: areaRng[${i}] must be [lo, hi]; received ${p.length} numbers`, { field: 'areaRng', item: i });
      return [p[0]!, p[1]!];
    });
  }
  const areaRngLbl = input.areaRngLbl === undefined
    ? (input.areaRng === undefined ? ['all', 'medium', 'large'] : areaRng.map((_r, i) => (i === 0 ? 'all' : i === 1 ? 'medium' : i === 2 ? 'large' : `range${i}`)))
    : Array.from(input.areaRngLbl, String);
  if (areaRngLbl.length !== areaRng.length) {
    throw new PosekitError('E_ARGUMENT', `COCO params: areaRngLbl needs one label per areaRng row (${areaRng.length}); received ${areaRngLbl.length}`, { field: 'areaRngLbl' });
  }
  const useCats = input.useCats === undefined ? true : Boolean(input.useCats);
  const imgIds = sortedUnique(input.imgIds === undefined ? defaults.imgIds : checkNumbers('imgIds', input.imgIds));
  const catIds = sortedUnique(input.catIds === undefined ? defaults.catIds : checkNumbers('catIds', input.catIds));
  return { sigmas, iouThrs, recThrs, maxDets, areaRng, areaRngLbl, useCats, imgIds, catIds, useCats0Oks: Boolean(input.useCats0Oks) };
}
