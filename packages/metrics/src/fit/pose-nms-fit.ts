/**
 * Fitting AlphaPose's parametric pose-NMS to data: the data-driven half of RMPE (Fang et al., ICCV 2017,
 * §3.3: the parameters of the pose distance are "optimized in a data-driven manner"). The released
 * AlphaPose code ships fixed constants (MVIG-SJTU/AlphaPose `alphapose/utils/pPose_nms.py`); this module
 * searches them again for your detector, pose model and data, maximising COCO keypoint AP.
 *
 * @module
 */
import {
  POSE_NMS_DEFAULTS,
  PosekitError,
  describeValue,
  poseNms,
  type PoseNmsInput,
  type PoseNmsOptions,
  type PoseNmsParams,
} from '@posekit/core';
import { CocoKeypointsEvaluator, evaluateKeypoints, loadCocoDataset, type CocoDataset, type CocoEvalOptions, type CocoGtInput } from '../coco/index.js';
import { EVAL_OPTION_KEYS } from '../coco/evaluator.js';
import { checkCocoDataset, looksLoadedDataset } from '../coco/loaded.js';
import { checkOptions, functionOption, intOption } from '../options.js';
import { coordinateSearch, type SearchDim } from './search.js';

/** Largest `maxEvaluations` / `randomSamples` of {@link fitPoseNms}: each evaluation is a full COCO evaluation. */
const MAX_FIT_EVALUATIONS = 100_000;
/** Largest `rounds`: the step halves every round, so beyond ~60 rounds it is below double resolution. */
const MAX_FIT_ROUNDS = 1_000;
/** The option names of {@link FitPoseNmsOptions}. */
const FIT_OPTION_KEYS: readonly string[] = ['candidates', 'gt', 'searchSpace', 'initial', 'seed', 'randomSamples', 'rounds', 'maxEvaluations', 'nms', 'evalOptions', 'onEvaluation'];
/** The names of {@link PoseNmsParams}. */
const PARAM_NAMES: readonly string[] = Object.keys(POSE_NMS_DEFAULTS);

/** One image's pose candidates (the input of {@link poseNms}) with the COCO ids its results get. */
export interface PoseNmsImageCandidates extends PoseNmsInput {
  /** COCO `image_id` of the image. */
  imageId: number;
  /** COCO `category_id` of the results. Default 1 (person). */
  categoryId?: number;
}

/** The parameters {@link fitPoseNms} can search. */
export type PoseNmsFitParam = 'delta1' | 'mu' | 'delta2' | 'gamma' | 'matchThreds' | 'scoreThreds';

/** Inclusive [min, max] range per searched parameter; parameters not listed keep their initial value. */
export type PoseNmsSearchSpace = Partial<Record<PoseNmsFitParam, readonly [number, number]>>;

/**
 * The default search space: the four parameters of RMPE's pose distance, each a factor of ~4–8 around
 * AlphaPose's constants: δ1 ∈ [0.25, 4], μ ∈ [0.4, 6], δ2 ∈ [0.5, 20] px, γ ∈ [2, 60]. Add `matchThreds`
 * (e.g. [1, 17]) and `scoreThreds` (e.g. [0, 0.6]) to search those too.
 */
export const POSE_NMS_SEARCH_SPACE: Readonly<PoseNmsSearchSpace> = Object.freeze({
  delta1: [0.25, 4] as const,
  mu: [0.4, 6] as const,
  delta2: [0.5, 20] as const,
  gamma: [2, 60] as const,
});

/** Options of {@link fitPoseNms}. */
export interface FitPoseNmsOptions {
  /** Candidates per validation image (one entry per image; images without candidates may be left out). */
  candidates: readonly PoseNmsImageCandidates[];
  /** Ground truth of the validation images (a loaded {@link CocoDataset}, JSON text or a COCO dict). */
  gt: CocoGtInput;
  /** Ranges to search. Default {@link POSE_NMS_SEARCH_SPACE}. */
  searchSpace?: PoseNmsSearchSpace;
  /** Starting point and the baseline whose AP is reported as `defaultAp`. Default {@link POSE_NMS_DEFAULTS}. */
  initial?: Partial<PoseNmsParams>;
  /** Seed of the random phase (an integer). Default 1. The search is deterministic for a given seed and data. */
  seed?: number;
  /** Random samples before the coordinate search (0 to 100 000). Default 16. */
  randomSamples?: number;
  /** Coordinate-search rounds, the step halves after each (0 to 1 000). Default 4. */
  rounds?: number;
  /** Hard cap on AP evaluations, the baseline included (1 to 100 000). Default 150. */
  maxEvaluations?: number;
  /** Other {@link poseNms} options (quirk switches), applied to every evaluation. */
  nms?: Omit<PoseNmsOptions, 'params' | 'trace'>;
  /** COCO evaluation options (sigmas, area ranges ...). Default: COCO-17 defaults. */
  evalOptions?: CocoEvalOptions;
  /** Called after each evaluation (progress reporting). */
  onEvaluation?: (e: { params: PoseNmsParams; ap: number; evaluation: number }) => void;
}

/**
 * One record of a COCO keypoint results file (the format `loadCocoResults` / {@link evaluateKeypoints} read), as
 * {@link poseNmsResults} writes it.
 */
export interface PoseNmsCocoResult {
  /** COCO image id (the candidates' `imageId`). */
  image_id: number;
  /** COCO category id (the candidates' `categoryId`, default 1 = person). */
  category_id: number;
  /** `[x, y, score] × K`: merged keypoint coordinates in image pixels and merged keypoint scores. */
  keypoints: number[];
  /** Instance score: AlphaPose's proposal score of the kept pose. */
  score: number;
}

/** One step of the {@link fitPoseNms} search, in {@link FitPoseNmsResult.history}. */
export interface PoseNmsFitEvaluation {
  /** The complete pose-NMS constants evaluated. */
  params: PoseNmsParams;
  /** COCO keypoint AP (stats[0]) of the results with `params`. */
  ap: number;
}

/** Output of {@link fitPoseNms}. */
export interface FitPoseNmsResult {
  /** The best parameters found (the initial ones if nothing beat them). */
  bestParams: PoseNmsParams;
  /** COCO AP (stats[0]) with `bestParams`. */
  bestAp: number;
  /** The initial parameters. */
  defaultParams: PoseNmsParams;
  /** COCO AP with the initial parameters. */
  defaultAp: number;
  /** bestAp − defaultAp (≥ 0). */
  apGain: number;
  /** Number of distinct parameter sets evaluated. */
  evaluations: number;
  /** Every evaluation in order. */
  history: PoseNmsFitEvaluation[];
}

/** Whether a search parameter is a positive scale (searched on a log scale). */
const LOG_SCALE: Record<PoseNmsFitParam, boolean> = {
  delta1: true,
  mu: true,
  delta2: true,
  gamma: true,
  matchThreds: false,
  scoreThreds: false,
};
const ORDER: readonly PoseNmsFitParam[] = ['delta1', 'mu', 'delta2', 'gamma', 'matchThreds', 'scoreThreds'];

/**
 * COCO keypoint results of running {@link poseNms} on every image with `params`: one result per kept pose,
 * keypoints `x, y, merged score`, score = AlphaPose's proposal score (what its writer stores).
 *
 * @param candidates - per-image candidates
 * @param params - pose-NMS constants
 * @param nms - other poseNms options
 * @returns a COCO results list for {@link evaluateKeypoints}
 * @throws PosekitError E_ARGUMENT when `candidates` is not an array, `params` names an unknown parameter or
 *   `nms` is not an object; whatever {@link poseNms} throws for bad candidates or parameters
 */
export function poseNmsResults(
  candidates: readonly PoseNmsImageCandidates[],
  params: Partial<PoseNmsParams>,
  nms: Omit<PoseNmsOptions, 'params' | 'trace'> = {},
): PoseNmsCocoResult[] {
  const fn = 'poseNmsResults';
  if (!Array.isArray(candidates)) {
    throw new PosekitError('E_ARGUMENT', `${fn}: candidates must be an array of per-image candidates; received ${describeValue(candidates)}`, { received: describeValue(candidates) });
  }
  if (params !== undefined) checkOptions(fn, params, PARAM_NAMES, 'params');
  if (typeof nms !== 'object' || nms === null || Array.isArray(nms)) {
    throw new PosekitError('E_ARGUMENT', `${fn}: nms must be an object of poseNms options; received ${describeValue(nms)}`, { received: describeValue(nms) });
  }
  const out: PoseNmsCocoResult[] = [];
  for (const c of candidates) {
    const r = poseNms(c, { ...nms, params });
    const K = r.k;
    for (let i = 0; i < r.count; i++) {
      const kp = new Array<number>(K * 3);
      for (let k = 0; k < K; k++) {
        kp[k * 3] = r.poses[(i * K + k) * 2]!;
        kp[k * 3 + 1] = r.poses[(i * K + k) * 2 + 1]!;
        kp[k * 3 + 2] = r.scores[i * K + k]!;
      }
      out.push({ image_id: c.imageId, category_id: c.categoryId ?? 1, keypoints: kp, score: r.proposalScores[i]! });
    }
  }
  return out;
}

function checkRange(name: string, r: unknown): readonly [number, number] {
  if (!Array.isArray(r) || r.length !== 2 || !r.every((v) => typeof v === 'number' && Number.isFinite(v)) || !(r[0] <= r[1])) {
    throw new PosekitError('E_RANGE', `fitPoseNms: searchSpace.${name} must be [min, max] with finite min <= max; received ${JSON.stringify(r)}`, {
      field: name,
      expected: '[min, max]',
      received: r,
    });
  }
  if (LOG_SCALE[name as PoseNmsFitParam] && !(r[0] > 0)) {
    throw new PosekitError('E_RANGE', `fitPoseNms: searchSpace.${name} is a positive scale; its range must be > 0; received ${JSON.stringify(r)}`, {
      field: name,
      expected: '> 0',
      received: r,
    });
  }
  return r as [number, number];
}

/**
 * Fit the parametric pose-NMS to a validation set: search δ1, μ, δ2, γ (and optionally matchThreds,
 * scoreThreds) to maximise COCO keypoint AP, `evaluateKeypoints(gt, results).stats[0]`.
 *
 * Search: the initial parameters are evaluated first (the baseline), then `randomSamples` seeded random
 * points of the search space (log-uniform for the scale parameters), then a coordinate search from the best
 * point (steps of a quarter of each range, halved after every round; a move is kept only if it strictly
 * improves AP). Deterministic for a given seed; every distinct parameter set is evaluated once (cached).
 *
 * @param options - candidates, GT, search space and budget (see {@link FitPoseNmsOptions})
 * @returns best and baseline parameters, their AP, the gain, the number of evaluations and the history
 * @throws PosekitError E_EMPTY (no candidates), E_RANGE / E_ARGUMENT (bad search space or budget),
 *   plus whatever {@link poseNms} and {@link evaluateKeypoints} throw for bad candidates or GT
 * @throws PosekitError E_ARGUMENT when `options` names an unknown option or has a `null` value, `initial`
 *   names an unknown parameter, `searchSpace` / `nms` is not an object, `onEvaluation` is not a function,
 *   or `evalOptions` is bad (checked against the GT at entry); E_RANGE when `seed` is not an integer or
 *   `maxEvaluations` / `randomSamples` / `rounds` is outside its range; E_UNKNOWN_ID when a candidate's
 *   `imageId` is not an image of the GT
 */
export function fitPoseNms(options: FitPoseNmsOptions): FitPoseNmsResult {
  const fn = 'fitPoseNms';
  if (options === null || typeof options !== 'object') throw new PosekitError('E_ARGUMENT', `${fn}: options must be an object; received ${describeValue(options)}`);
  checkOptions(fn, options, FIT_OPTION_KEYS);
  const candidates = options.candidates;
  if (!Array.isArray(candidates) || candidates.length === 0) {
    throw new PosekitError('E_EMPTY', `${fn}: candidates must be a non-empty array of per-image candidates; received ${Array.isArray(candidates) ? 'an empty array' : typeof candidates}`);
  }
  const space = options.searchSpace ?? POSE_NMS_SEARCH_SPACE;
  if (typeof space !== 'object' || Array.isArray(space)) {
    throw new PosekitError('E_ARGUMENT', `${fn}: searchSpace must be an object {name: [min, max]}; received ${describeValue(space)}`, { field: 'searchSpace', received: describeValue(space) });
  }
  const dims: SearchDim[] = [];
  for (const name of Object.keys(space)) {
    if (!ORDER.includes(name as PoseNmsFitParam)) {
      throw new PosekitError('E_ARGUMENT', `${fn}: unknown search parameter ${JSON.stringify(name)}; expected one of ${ORDER.join(', ')}`, {
        expected: ORDER,
        received: name,
      });
    }
  }
  for (const name of ORDER) {
    const r = space[name];
    if (r === undefined) continue;
    const [lo, hi] = checkRange(name, r);
    dims.push({ name, lo, hi, log: LOG_SCALE[name] });
  }
  if (dims.length === 0) throw new PosekitError('E_ARGUMENT', `${fn}: searchSpace names no parameter; expected some of ${ORDER.join(', ')}`);
  const budget = intOption(fn, 'maxEvaluations', options.maxEvaluations, 150, 1, MAX_FIT_EVALUATIONS);
  const randomSamples = intOption(fn, 'randomSamples', options.randomSamples, 16, 0, MAX_FIT_EVALUATIONS);
  const rounds = intOption(fn, 'rounds', options.rounds, 4, 0, MAX_FIT_ROUNDS);
  const seed = options.seed ?? 1;
  if (typeof seed !== 'number' || !Number.isInteger(seed)) {
    throw new PosekitError('E_RANGE', `${fn}: seed must be an integer; received ${describeValue(seed)}`, { field: 'seed', received: describeValue(seed) });
  }
  const initial = checkOptions(fn, options.initial, PARAM_NAMES, 'initial') as Partial<PoseNmsParams>;
  if (options.nms !== undefined && (typeof options.nms !== 'object' || Array.isArray(options.nms))) {
    throw new PosekitError('E_ARGUMENT', `${fn}: nms must be an object of poseNms options; received ${describeValue(options.nms)}`, { field: 'nms', received: describeValue(options.nms) });
  }
  const onEvaluation = functionOption<FitPoseNmsOptions['onEvaluation']>(fn, 'onEvaluation', options.onEvaluation);

  const gt: CocoDataset = looksLoadedDataset(options.gt) ? checkCocoDataset(fn, options.gt) : loadCocoDataset(options.gt as string | object);
  // The evaluation options against this GT, at entry (not after the first pose-NMS pass).
  checkOptions(fn, options.evalOptions, EVAL_OPTION_KEYS, 'evalOptions');
  new CocoKeypointsEvaluator(gt, [], options.evalOptions);
  candidates.forEach((c: unknown, i) => {
    if (typeof c !== 'object' || c === null) {
      throw new PosekitError('E_ARGUMENT', `${fn}: candidates[${i}] must be an object {imageId, n, k, boxes, boxScores, poses, scores}; received ${describeValue(c)}`, { item: i, received: describeValue(c) });
    }
    const id = (c as PoseNmsImageCandidates).imageId;
    if (typeof id !== 'number' || !gt.imageIndex.has(id)) {
      throw new PosekitError('E_UNKNOWN_ID', `${fn}: candidates[${i}].imageId ${describeValue(id)} is not an image of the ground truth${gt.file !== undefined ? ` (${gt.file})` : ''}`, {
        item: i,
        field: 'imageId',
        received: describeValue(id),
      });
    }
  });
  const base: PoseNmsParams = { ...POSE_NMS_DEFAULTS, ...initial };
  const history: PoseNmsFitEvaluation[] = [];
  const cache = new Map<string, number>();
  const evaluate = (params: PoseNmsParams): number => {
    const key = ORDER.map((n) => params[n]).join(',');
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    const results = poseNmsResults(candidates, params, options.nms);
    const ap = results.length === 0 ? 0 : evaluateKeypoints(gt, results, options.evalOptions).stats[0]!;
    cache.set(key, ap);
    history.push({ params, ap });
    onEvaluation?.({ params, ap, evaluation: history.length });
    return ap;
  };
  const toParams = (x: readonly number[]): PoseNmsParams => {
    const p = { ...base };
    dims.forEach((d, i) => (p[d.name as PoseNmsFitParam] = x[i]!));
    return p;
  };
  const defaultAp = evaluate(base);
  const start = dims.map((d) => Math.min(d.hi, Math.max(d.lo, base[d.name as PoseNmsFitParam])));
  const startAp = evaluate(toParams(start));
  const { x, value } = coordinateSearch(dims, start, startAp, (xs) => evaluate(toParams(xs)), { seed, randomSamples, rounds, maxEvaluations: budget }, () => budget - history.length);
  let bestParams = toParams(x);
  let bestAp = value;
  if (!(bestAp > defaultAp)) {
    bestParams = base;
    bestAp = defaultAp;
  }
  return { bestParams, bestAp, defaultParams: base, defaultAp, apGain: bestAp - defaultAp, evaluations: history.length, history };
}
