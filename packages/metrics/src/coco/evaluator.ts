/**
 * COCO keypoint evaluation with pycocotools' shape (`COCOeval(gt, dt, 'keypoints')` then `evaluate()`,
 * `accumulate()`, `summarize()`; cocodataset/cocoapi @ 8c9bcc3c `PythonAPI/pycocotools/cocoeval.py`) and a
 * one-call {@link evaluateKeypoints}.
 *
 * @module
 */
import { PosekitError, describeValue } from '@posekit/core';
import { boolOption, checkOptions, functionOption } from '../options.js';
import { loadCocoDataset, type CocoDataset } from './dataset.js';
import { isNoneCell, runAccumulate, runEvaluate, type AccumulateState, type EngineDt, type EngineGt, type EvaluateState } from './engine.js';
import { checkCocoDataset, checkCocoResults, looksLoadedDataset } from './loaded.js';
import { COCO_KEYPOINT_STATS_NAMES, COCO_PARAM_KEYS, resolveParams, type CocoEvalParams, type CocoEvalParamsInput } from './params.js';
import { loadCocoResults, type CocoResults } from './results.js';

/** The option names of {@link CocoEvalOptions}. @internal */
export const EVAL_OPTION_KEYS: readonly string[] = [...COCO_PARAM_KEYS, 'perKeypoint', 'onProgress'];

/**
 * Largest per-area-range matching state evaluate() may need: A·T·(GTs + kept detections) entries, 2^27
 * (512 MiB of int32 per table). COCO val (11k GTs, 20 kept detections per image, 3 ranges, 10 thresholds)
 * needs about 3.3 million.
 */
const MAX_MATCH_ENTRIES = 2 ** 27;
import { summarizeKeypoints } from './summarize.js';

/** A float64 table with its dimensions (C order). */
export interface Float64Table<D extends readonly number[] = readonly number[]> {
  /** Values, C order. */
  readonly data: Float64Array;
  /** Dimensions. */
  readonly dims: D;
}

/** pycocotools' per-image result (`evaluateImg`) for one image, category and area range. */
export interface CocoEvalImage {
  /** Image id. */
  readonly imageId: number;
  /** Category id (−1 when useCats is off, as pycocotools). */
  readonly categoryId: number;
  /** Area range `[lo, hi]`. */
  readonly areaRng: readonly [number, number];
  /** Area range label. */
  readonly areaLabel: string;
  /** maxDets cut (the last maxDets). */
  readonly maxDet: number;
  /** Detection ids (loadRes ids), highest score first, at most maxDet. */
  readonly dtIds: number[];
  /** GT ids after the stable "ignored last" reorder. */
  readonly gtIds: number[];
  /** `[T, D]`: matched GT id per threshold and detection, 0 = unmatched. */
  readonly dtMatches: Float64Table<readonly [number, number]>;
  /** `[T, G]`: matched detection id per threshold and GT, 0 = unmatched. */
  readonly gtMatches: Float64Table<readonly [number, number]>;
  /** Scores of `dtIds`. */
  readonly dtScores: number[];
  /** Ignore flag per GT (same order as `gtIds`). */
  readonly gtIgnore: number[];
  /** `[T, D]` ignore flags (0/1). */
  readonly dtIgnore: Float64Table<readonly [number, number]>;
}

/** The OKS matrix of one (image, category), as pycocotools' `ious[imgId, catId]`. */
export interface CocoOksMatrix {
  /** Image id. */
  readonly imageId: number;
  /** Category id. */
  readonly categoryId: number;
  /** Rows: detection ids in score order (stable), cut to maxDets[-1]. */
  readonly dtIds: number[];
  /** Columns: GT ids in annotation order. */
  readonly gtIds: number[];
  /** `[D, G]` OKS values. */
  readonly oks: Float64Table<readonly [number, number]>;
}

/** Per-keypoint AP (see {@link CocoKeypointsEvaluation.perKeypoint}). */
export interface CocoPerKeypoint {
  /** Keypoint names (from the GT category) or `kp0`, `kp1`, .... */
  readonly names: string[];
  /** AP (OKS 0.50:0.95, all areas, maxDets 20) of each keypoint; −1 when it has no labelled GT. */
  readonly ap: number[];
  /** The ten stats of each keypoint's evaluation. */
  readonly stats: number[][];
}

/** Wall-clock time of each stage, milliseconds. */
export interface CocoEvalTimings {
  /** `evaluate()`: OKS matrices and per-image greedy matching, ms (0 until it has run). */
  evaluateMs: number;
  /** `accumulate()`: precision / recall / score tables, ms (0 until it has run). */
  accumulateMs: number;
  /** `summarize()`: the ten stats, ms (0 until it has run). */
  summarizeMs: number;
  /** The per-keypoint evaluations of the `perKeypoint` option, ms; absent unless they were computed. */
  perKeypointMs?: number;
}

/** The full result of a COCO keypoint evaluation. */
export interface CocoKeypointsEvaluation {
  /** Parameters used (pycocotools defaults filled in). */
  readonly params: CocoEvalParams;
  /** The ten stats in pycocotools order (AP, AP .5, AP .75, AP (M), AP (L), AR, AR .5, AR .75, AR (M), AR (L)). */
  readonly stats: number[];
  /** Names of {@link CocoKeypointsEvaluation.stats}. */
  readonly statsNames: readonly string[];
  /** Precision `[T, R, K, A, M]` (−1 = absent). */
  readonly precision: Float64Table<readonly [number, number, number, number, number]>;
  /** Recall `[T, K, A, M]` (−1 = absent). */
  readonly recall: Float64Table<readonly [number, number, number, number]>;
  /** Detection score at each recall threshold `[T, R, K, A, M]`. */
  readonly scores: Float64Table<readonly [number, number, number, number, number]>;
  /** Per-keypoint AP, when asked for (`perKeypoint: true`). */
  readonly perKeypoint?: CocoPerKeypoint | undefined;
  /** Stage timings. */
  readonly timings: CocoEvalTimings;
  /** The per-image result for (image, category, area label), or null where pycocotools has None. */
  evalImg(imageId: number, categoryId: number, areaLabel?: string): CocoEvalImage | null;
  /** Every per-image result in pycocotools' `evalImgs` order (category, area range, image), None as null. */
  evalImgs(): (CocoEvalImage | null)[];
  /** The OKS matrix of (image, category), or null where it is empty (no GT or no detection). */
  ious(imageId: number, categoryId: number): CocoOksMatrix | null;
}

/** Options of {@link evaluateKeypoints} and {@link CocoKeypointsEvaluator}: parameters plus extras. */
export interface CocoEvalOptions extends CocoEvalParamsInput {
  /**
   * Also compute per-keypoint AP (default false; costs about K more evaluations). Definition: for keypoint j,
   * the same COCOeval with K = 1 — sigmas [σ_j], each GT's keypoints reduced to keypoint j and its
   * `num_keypoints` replaced by (v_j > 0 ? 1 : 0), so a GT without keypoint j labelled is ignored exactly
   * like a num_keypoints == 0 GT; areas (GT and the detections' loadRes areas from all K keypoints), boxes,
   * crowd flags and scores unchanged. A GT with no labelled keypoint at all still uses the grown-box rule.
   */
  perKeypoint?: boolean;
  /**
   * Progress callback (e.g. for a CLI): called when a stage starts (`done` 0) and for each keypoint of the
   * per-keypoint evaluation.
   */
  onProgress?: (stage: 'evaluate' | 'accumulate' | 'summarize' | 'perKeypoint', done: number, total: number) => void;
}

/** A dataset or anything {@link loadCocoDataset} accepts. */
export type CocoGtInput = CocoDataset | string | object;
/** Results or anything {@link loadCocoResults} accepts. */
export type CocoResultsInput = CocoResults | string | readonly unknown[];

/** A loaded dataset (checked) or anything else handed to the loader. */
function datasetOf(fn: string, gt: unknown): CocoDataset {
  return looksLoadedDataset(gt) ? checkCocoDataset(fn, gt) : loadCocoDataset(gt as string | object);
}

/** Loaded results (checked) or JSON text / a list handed to the loader. */
function resultsOf(fn: string, results: unknown, gt: CocoDataset): CocoResults {
  if (typeof results === 'object' && results !== null && !Array.isArray(results)) return checkCocoResults(fn, results);
  return loadCocoResults(results as string | readonly unknown[], gt);
}

function now(): number {
  return globalThis.performance !== undefined ? globalThis.performance.now() : Date.now();
}

/** The GT and detections restricted to keypoint j (see {@link CocoEvalOptions.perKeypoint}). */
function sliceKeypoint(gt: EngineGt, dt: EngineDt, k: number, j: number): { gt: EngineGt; dt: EngineDt } {
  const gk = new Float64Array(gt.count * 3);
  const nk = new Float64Array(gt.count);
  for (let g = 0; g < gt.count; g++) {
    const o = g * 3 * k + 3 * j;
    gk[3 * g] = gt.keypoints[o]!;
    gk[3 * g + 1] = gt.keypoints[o + 1]!;
    gk[3 * g + 2] = gt.keypoints[o + 2]!;
    nk[g] = gt.keypoints[o + 2]! > 0 ? 1 : 0;
  }
  const dk = new Float64Array(dt.count * 3);
  for (let d = 0; d < dt.count; d++) {
    const o = d * 3 * k + 3 * j;
    dk[3 * d] = dt.keypoints[o]!;
    dk[3 * d + 1] = dt.keypoints[o + 1]!;
    dk[3 * d + 2] = dt.keypoints[o + 2]!;
  }
  return { gt: { ...gt, keypoints: gk, numKeypoints: nk }, dt: { ...dt, keypoints: dk } };
}

/**
 * pycocotools-shaped evaluator: construct, then `evaluate()`, `accumulate()`, `summarize()` (each returns
 * `this`, or the stats for `summarize`). After all three it is a {@link CocoKeypointsEvaluation}.
 *
 * Reproduces COCOeval(iouType='keypoints') bit for bit: stable score sorts, top-20 cut before matching,
 * crowd GTs absorbing any number of detections, ignore flags (iscrowd, num_keypoints == 0, area ranges),
 * inclusive area bounds, OKS ≥ threshold matches with later GTs winning ties, −1 for absent categories,
 * numpy pairwise means. See docs/guides/evaluation.md for the quirks table.
 *
 * @example
 * ```ts
 * const E = new CocoKeypointsEvaluator(loadCocoDataset(gtText), results);
 * E.evaluate().accumulate();
 * console.log(formatSummary(E.summarize()));
 * ```
 */
export class CocoKeypointsEvaluator implements CocoKeypointsEvaluation {
  /** The ground truth. */
  readonly gt: CocoDataset;
  /** The detections. */
  readonly dt: CocoResults;
  /** Resolved parameters. */
  readonly params: CocoEvalParams;
  /** Names of the ten stats. */
  readonly statsNames: readonly string[] = COCO_KEYPOINT_STATS_NAMES;
  /** Stage timings (ms). */
  readonly timings: CocoEvalTimings = { evaluateMs: 0, accumulateMs: 0, summarizeMs: 0 };
  private readonly perKeypointWanted: boolean;
  private readonly onProgress: CocoEvalOptions['onProgress'];
  private evalState: EvaluateState | null = null;
  private accState: AccumulateState | null = null;
  private statsValue: number[] | null = null;
  private perKeypointValue: CocoPerKeypoint | undefined;

  /**
   * @param gt - the GT (a loaded dataset, JSON text or a parsed object)
   * @param results - the detections (loaded, JSON text or an array of result objects)
   * @param options - parameters (pycocotools defaults) and extras
   * @throws PosekitError from loading, E_LAYOUT_MISMATCH when sigmas and keypoint counts disagree
   * @throws PosekitError E_ARGUMENT when `options` is not an object, names an unknown option or has a `null`
   *   value, `perKeypoint` is not a boolean or `onProgress` not a function; E_ARGUMENT / E_FIELD / E_SHAPE /
   *   E_NONFINITE for a hand-built `CocoDataset` / `CocoResults` that is inconsistent; the parameter errors
   *   of {@link resolveCocoParams}
   * @throws PosekitError E_RANGE when the matching state A·T·(GTs + kept detections) would exceed 2^27 entries
   */
  constructor(gt: CocoGtInput, results: CocoResultsInput, options: CocoEvalOptions = {}) {
    const fn = 'CocoKeypointsEvaluator';
    const opts = checkOptions(fn, options, EVAL_OPTION_KEYS) as CocoEvalOptions;
    this.perKeypointWanted = boolOption(fn, 'options.perKeypoint', opts.perKeypoint, false);
    this.onProgress = functionOption<CocoEvalOptions['onProgress']>(fn, 'options.onProgress', opts.onProgress);
    this.gt = datasetOf(fn, gt);
    this.dt = resultsOf(fn, results, this.gt);
    this.params = resolveParams(opts, { imgIds: this.gt.imageIds, catIds: this.gt.categories.map((c) => c.id) });
    const k = this.params.sigmas.length;
    if (this.gt.annotations.count > 0 && this.gt.numKeypoints !== k) {
      throw new PosekitError('E_LAYOUT_MISMATCH', `CocoKeypointsEvaluator: the ground truth has K = ${this.gt.numKeypoints} keypoints but ${k} sigmas were given${this.gt.numKeypoints === 17 || options.sigmas !== undefined ? '' : ' (the default sigmas are COCO-17; pass `sigmas`, or --sigmas <layout> on the command line, for other layouts)'}`, { expected: this.gt.numKeypoints, received: k, field: 'sigmas' });
    }
    if (this.dt.count > 0 && this.dt.numKeypoints !== k) {
      throw new PosekitError('E_LAYOUT_MISMATCH', `CocoKeypointsEvaluator: the results have K = ${this.dt.numKeypoints} keypoints but ${k} sigmas were given`, { expected: this.dt.numKeypoints, received: k, field: 'sigmas' });
    }
    const p = this.params;
    const cells = p.imgIds.length * (p.useCats ? p.catIds.length : 1);
    const matchEntries = p.areaRng.length * p.iouThrs.length * (this.gt.annotations.count + Math.min(this.dt.count, cells * p.maxDets[p.maxDets.length - 1]!));
    if (matchEntries > MAX_MATCH_ENTRIES) {
      throw new PosekitError('E_RANGE', `${fn}: matching ${this.gt.annotations.count} GTs and ${this.dt.count} detections at ${p.iouThrs.length} thresholds in ${p.areaRng.length} area ranges needs ${matchEntries} entries, more than ${MAX_MATCH_ENTRIES}; use fewer thresholds or area ranges`, {
        expected: `<= ${MAX_MATCH_ENTRIES}`,
        received: describeValue(matchEntries),
      });
    }
  }

  /** pycocotools `evaluate()`: OKS per (image, category) and per-image matching for every area range. */
  evaluate(): this {
    this.onProgress?.('evaluate', 0, 1);
    const t0 = now();
    this.evalState = runEvaluate(this.gt.annotations, this.dt, this.params);
    this.accState = null;
    this.statsValue = null;
    this.timings.evaluateMs = now() - t0;
    return this;
  }

  /** pycocotools `accumulate()`: precision / recall / scores tables. Runs `evaluate()` first if needed. */
  accumulate(): this {
    if (this.evalState === null) this.evaluate();
    this.onProgress?.('accumulate', 0, 1);
    const t0 = now();
    this.accState = runAccumulate(this.evalState!);
    this.statsValue = null;
    this.timings.accumulateMs = now() - t0;
    return this;
  }

  /**
   * pycocotools `summarize()` (keypoints): the ten stats. Runs the earlier stages if needed. Print them
   * with {@link formatSummary}. With `perKeypoint`, also computes the per-keypoint AP.
   */
  summarize(): number[] {
    if (this.accState === null) this.accumulate();
    this.onProgress?.('summarize', 0, 1);
    const t0 = now();
    this.statsValue = summarizeKeypoints(this.accState!, this.params);
    this.timings.summarizeMs = now() - t0;
    if (this.perKeypointWanted && this.perKeypointValue === undefined) {
      const t1 = now();
      this.perKeypointValue = this.computePerKeypoint();
      this.timings.perKeypointMs = now() - t1;
    }
    return this.statsValue;
  }

  private computePerKeypoint(): CocoPerKeypoint {
    const k = this.params.sigmas.length;
    const cat = this.gt.categories.find((c) => c.keypoints !== undefined && c.keypoints.length === k);
    const names = cat?.keypoints ? cat.keypoints.slice() : Array.from({ length: k }, (_v, i) => `kp${i}`);
    const ap: number[] = [];
    const stats: number[][] = [];
    for (let j = 0; j < k; j++) {
      this.onProgress?.('perKeypoint', j, k);
      const sl = sliceKeypoint(this.gt.annotations, this.dt, k, j);
      const p: CocoEvalParams = { ...this.params, sigmas: [this.params.sigmas[j]!] };
      const st = summarizeKeypoints(runAccumulate(runEvaluate(sl.gt, sl.dt, p)), p);
      stats.push(st);
      ap.push(st[0]!);
    }
    return { names, ap, stats };
  }

  private need<T>(v: T | null, what: string): T {
    if (v === null) throw new PosekitError('E_STATE', `CocoKeypointsEvaluator: ${what} is not available yet; call evaluate(), accumulate() and summarize() first`, {});
    return v;
  }

  /** The ten stats (after `summarize()`). */
  get stats(): number[] {
    return this.need(this.statsValue, 'stats');
  }

  /** Precision `[T, R, K, A, M]` (after `accumulate()`). */
  get precision(): Float64Table<readonly [number, number, number, number, number]> {
    const a = this.need(this.accState, 'precision');
    return { data: a.precision, dims: [a.dims.T, a.dims.R, a.dims.K, a.dims.A, a.dims.M] };
  }

  /** Recall `[T, K, A, M]` (after `accumulate()`). */
  get recall(): Float64Table<readonly [number, number, number, number]> {
    const a = this.need(this.accState, 'recall');
    return { data: a.recall, dims: [a.dims.T, a.dims.K, a.dims.A, a.dims.M] };
  }

  /** Scores `[T, R, K, A, M]` (after `accumulate()`). */
  get scores(): Float64Table<readonly [number, number, number, number, number]> {
    const a = this.need(this.accState, 'scores');
    return { data: a.scores, dims: [a.dims.T, a.dims.R, a.dims.K, a.dims.A, a.dims.M] };
  }

  /** Per-keypoint AP (after `summarize()` with `perKeypoint: true`). */
  get perKeypoint(): CocoPerKeypoint | undefined {
    return this.perKeypointValue;
  }

  private imgPos: Map<number, number> | null = null;

  private cellOf(imageId: number, categoryId: number): number {
    const s = this.need(this.evalState, 'evaluation');
    if (this.imgPos === null) {
      this.imgPos = new Map();
      this.params.imgIds.forEach((id, i) => this.imgPos!.set(id, i));
    }
    const i = this.imgPos.get(imageId);
    if (i === undefined) return -1;
    if (!this.params.useCats) return categoryId === -1 ? i : -1;
    const k = this.params.catIds.indexOf(categoryId);
    return k < 0 ? -1 : k * s.I + i;
  }

  private buildEvalImg(c: number, a: number): CocoEvalImage | null {
    const s = this.evalState!;
    if (isNoneCell(s, c)) return null;
    const p = this.params;
    const T = s.T;
    const i = c % s.I;
    const k = Math.floor(c / s.I);
    const gs = s.gtStart[c]!;
    const G = s.gtStart[c + 1]! - gs;
    const ds = s.dtStart[c]!;
    const D = s.dtStart[c + 1]! - ds;
    const gtIds: number[] = [];
    const gtIgnore: number[] = [];
    for (let q = 0; q < G; q++) {
      gtIds.push(s.gtIdS[gs + s.gtPerm[a * s.totalG + gs + q]!]!);
      gtIgnore.push(s.gtIgnore[a * s.totalG + gs + q]!);
    }
    const dOff = a * T * s.totalD + T * ds;
    const gOff = a * T * s.totalG + T * gs;
    return {
      imageId: p.imgIds[i]!,
      categoryId: p.useCats ? p.catIds[k]! : -1,
      areaRng: [p.areaRng[a]![0], p.areaRng[a]![1]],
      areaLabel: p.areaRngLbl[a]!,
      maxDet: p.maxDets[p.maxDets.length - 1]!,
      dtIds: Array.from(s.dtIdS.subarray(ds, ds + D)),
      gtIds,
      dtMatches: { data: Float64Array.from(s.dtMatches.subarray(dOff, dOff + T * D), (v) => (v === 0 ? 0 : s.gtIdS[v - 1]!)), dims: [T, D] },
      gtMatches: { data: Float64Array.from(s.gtMatches.subarray(gOff, gOff + T * G), (v) => (v === 0 ? 0 : s.dtIdS[v - 1]!)), dims: [T, G] },
      dtScores: Array.from(s.dtScoreS.subarray(ds, ds + D)),
      gtIgnore,
      dtIgnore: { data: Float64Array.from(s.dtIgnore.subarray(dOff, dOff + T * D)), dims: [T, D] },
    };
  }

  /** {@inheritDoc CocoKeypointsEvaluation.evalImg} */
  evalImg(imageId: number, categoryId: number, areaLabel = 'all'): CocoEvalImage | null {
    const c = this.cellOf(imageId, categoryId);
    const a = this.params.areaRngLbl.indexOf(areaLabel);
    if (a < 0) throw new PosekitError('E_ARGUMENT', `evalImg: unknown area label "${areaLabel}"; expected one of ${this.params.areaRngLbl.join(', ')}`, {});
    return c < 0 ? null : this.buildEvalImg(c, a);
  }

  /** {@inheritDoc CocoKeypointsEvaluation.evalImgs} */
  evalImgs(): (CocoEvalImage | null)[] {
    const s = this.need(this.evalState, 'evaluation');
    const out: (CocoEvalImage | null)[] = [];
    for (let k = 0; k < s.K; k++) for (let a = 0; a < s.A; a++) for (let i = 0; i < s.I; i++) out.push(this.buildEvalImg(k * s.I + i, a));
    return out;
  }

  /** {@inheritDoc CocoKeypointsEvaluation.ious} */
  ious(imageId: number, categoryId: number): CocoOksMatrix | null {
    const c = this.cellOf(imageId, categoryId);
    if (c < 0) return null;
    const s = this.evalState!;
    const gs = s.gtStart[c]!;
    const G = s.gtStart[c + 1]! - gs;
    const ds = s.dtStart[c]!;
    const D = s.dtStart[c + 1]! - ds;
    if (!s.hasOks || G === 0 || D === 0) return null;
    const o = s.oksStart[c]!;
    return {
      imageId,
      categoryId,
      dtIds: Array.from(s.dtIdS.subarray(ds, ds + D)),
      gtIds: Array.from(s.gtIdS.subarray(gs, gs + G)),
      oks: { data: s.oks.slice(o, o + D * G), dims: [D, G] },
    };
  }
}

/**
 * COCO keypoint evaluation in one call: load (when given text / plain objects), `evaluate()`,
 * `accumulate()`, `summarize()`; pycocotools-exact (COCOeval iouType='keypoints').
 *
 * @param gt - the GT: a {@link CocoDataset} (load it once with {@link loadCocoDataset} when evaluating
 *   many result sets), JSON text or a parsed COCO dict
 * @param results - the detections: {@link CocoResults}, JSON text or an array of result objects
 *   (`image_id`, `category_id`, `keypoints`, `score`)
 * @param options - parameters (defaults: COCO-17 sigmas, OKS .50:.05:.95, maxDets [20], areas all/medium/large)
 *   and `perKeypoint`
 * @returns the evaluation: `stats` (ten numbers, pycocotools order), precision / recall tables, per-image
 *   results and OKS matrices
 * @throws PosekitError for bad input (see {@link loadCocoDataset}, {@link loadCocoResults})
 * @throws PosekitError E_ARGUMENT / E_RANGE for bad options (see {@link CocoKeypointsEvaluator} and
 *   {@link resolveCocoParams})
 */
export function evaluateKeypoints(gt: CocoGtInput, results: CocoResultsInput, options: CocoEvalOptions = {}): CocoKeypointsEvaluation {
  const e = new CocoKeypointsEvaluator(gt, results, options);
  e.evaluate().accumulate().summarize();
  return e;
}
