/**
 * AlphaPose's parametric pose-NMS (RMPE, Fang et al. ICCV 2017), ported from the released code.
 *
 * Reference: MVIG-SJTU/AlphaPose @ c60106d1, `alphapose/utils/pPose_nms.py` (`pose_nms`, `pose_nms_body`,
 * `pose_nms_fullbody`, `get_parametric_distance`, `PCK_match`, `PCK_match_fullbody`, `p_merge_fast`) and
 * `alphapose/utils/writer.py` (`DataWriter.update`: the proposal score). Restated in
 * shared/spec/metrics-and-nms.md §4.
 *
 * Numerics: the reference runs float32 torch. Every elementwise operation here is rounded to float32 with
 * `Math.fround` (a double op on float32 operands followed by `fround` is exactly the float32 op for
 * + − × ÷ √), so distances, ratios and threshold tests (`d <= 1`, `d / ref <= 1`, `simi > γ`) decide the same
 * way as torch. Sums (means, similarity sums, the merge's weighted sums) follow torch's CPU float32
 * reduction order (see torch-sum.ts), which makes merged poses and scores bit-identical to the reference on
 * the fixtures. `exp` / `tanh` are `Math.exp` / `Math.tanh` rounded to float32; torch uses SLEEF (≤ 1 ulp),
 * so `simi` can differ from the reference in its last bit.
 *
 * @module
 */
import { PosekitError } from '../errors.js';
import type { Pose } from '../types.js';
import { resolvePoseNmsParams, type PoseNmsParams } from './params.js';
import { torchInnerSum, torchOuterSum } from './torch-sum.js';
import { asFloat32, checkArray, checkCount, checkFinite, type NumericArray } from './validate.js';

const f = Math.fround;
/** The value the reference writes into zero keypoint scores (`1e-5` as float32). */
const ZERO_SCORE_FIX = f(1e-5);
/** Relative safety margin of the pruning bounds (float32 rounding is ~6e-8 relative). */
const PRUNE_MARGIN = 1e-5;

/** Candidates for {@link poseNms}: flat typed arrays with explicit sizes. */
export interface PoseNmsInput {
  /** Number of candidates N (0 gives an empty result). */
  n: number;
  /** Keypoints per candidate K (133 and 136 take the full-body path). */
  k: number;
  /** Boxes, N*4 as x1, y1, x2, y2 (pixels). */
  boxes: NumericArray;
  /** Box (detector) scores, N. */
  boxScores: NumericArray;
  /** Keypoint coordinates, N*K*2 as x, y (pixels). */
  poses: NumericArray;
  /** Keypoint scores, N*K. */
  scores: NumericArray;
  /** Box / tracking ids reported in each kept pose's cluster, N. Default: the candidate indices 0..N-1. */
  boxIds?: NumericArray;
}

/** Options of {@link poseNms}. */
export interface PoseNmsOptions {
  /**
   * The constants, merged over {@link POSE_NMS_DEFAULTS}. For 133/136-keypoint models trained without the
   * heatmap loss AlphaPose uses {@link POSE_NMS_FULLBODY_REGRESSION}; pass it explicitly.
   */
  params?: Partial<PoseNmsParams>;
  /** Record the elimination loop (picks, remaining, simi, num_match, merged sets) in `result.trace`. Default false. */
  trace?: boolean;
  /**
   * Reproduce the reference's side effect: write 1e-5 (float32) into the caller's `scores` where they are
   * exactly 0. Default false: posekit never mutates its input (the fix is applied to an internal copy;
   * `result.zeroScoresReplaced` counts the replaced values either way).
   */
  writeZeroScores?: boolean;
  /**
   * Full-body `num_match`. `'reference'` (default): the matched-keypoint count is divided by the number of
   * remaining candidates (a quirk of `PCK_match_fullbody`: `(B+F+H)·K / (4·n_remaining·c)`).
   * `'per-candidate'`: the value the reference gives when one candidate remains, `(B+F+H)·K / (4·c)`,
   * independent of how many candidates are left.
   */
  fullBodyMatch?: 'reference' | 'per-candidate';
  /**
   * Full-body `num_match` slices. `'halpe136'` (default, reference): body [0, 26), face [26, 94), hands
   * [94, K) — hard-coded for Halpe-136 and also applied to COCO-WholeBody-133. `'by-k'`: body [0, K−110),
   * face [K−110, K−42), hands [K−42, K), the slices the similarity already uses (correct for 133 too).
   */
  fullBodySlices?: 'halpe136' | 'by-k';
}

/** One step of the elimination loop (for conformance checks and debugging). */
export interface PoseNmsTraceStep {
  /** The picked candidate (highest human score among the remaining; first on ties). */
  pick: number;
  /** alpha · max(width, height) of the pick's box (float32). */
  refDist: number;
  /** Candidates still in play, ascending. */
  remaining: Int32Array;
  /** Similarity of each remaining candidate to the pick (float32), aligned with `remaining`. */
  simi: Float32Array;
  /** Matched-keypoint count of each remaining candidate (float32; fractional on the full-body path). */
  numMatch: Float32Array;
  /** The cluster removed in this step (candidate indices, ascending). */
  merged: Int32Array;
}

/** Output of {@link poseNms}: the kept poses in pick order, structure-of-arrays. */
export interface PoseNmsResult {
  /** Number of kept poses M. */
  count: number;
  /** Keypoints per pose K. */
  k: number;
  /** Candidate index of each kept pose's pick, M. */
  pickIds: Int32Array;
  /** The pick's original box, M*4 (x1, y1, x2, y2). */
  boxes: Float32Array;
  /** The pick's original box score, M. */
  boxScores: Float32Array;
  /** Merged keypoint coordinates, M*K*2. */
  poses: Float32Array;
  /** Merged keypoint scores, M*K. */
  scores: Float32Array;
  /**
   * AlphaPose's proposal score (the writer's formula): mean(merged scores) + box score + 1.25·max(merged
   * scores), float32, M.
   */
  proposalScores: Float32Array;
  /** Cluster of kept pose i: `clusterIndices` / `clusterIds` from `clusterOffsets[i]` to `clusterOffsets[i+1]`. M+1. */
  clusterOffsets: Int32Array;
  /** Candidate indices of the clusters, ascending within each cluster. */
  clusterIndices: Int32Array;
  /** `boxIds` of the clusters (the reference's `merged_bbox_ids`). */
  clusterIds: Float64Array;
  /** How many input keypoint scores were exactly 0 and treated as 1e-5 (the reference's in-place write). */
  zeroScoresReplaced: number;
  /** The elimination loop, when `options.trace` was set. */
  trace?: PoseNmsTraceStep[];
}

/** Internal state of one call (plain fields so the hot loops see monomorphic objects). */
interface Ctx {
  n: number;
  k: number;
  poses: Float32Array;
  scores: Float32Array;
  fullBody: boolean;
  // float32 constants
  delta1: number;
  mu: number;
  delta2: number;
  delta2Face: number;
  delta2Hand: number;
  gamma: number;
  scoreThr: number;
  halfScoreThr: number;
  matchThr: number;
  faceFactor: number;
  handFactor: number;
  faceWS: number;
  handWS: number;
  faceWD: number;
  handWD: number;
  // full-body slices
  simBodyEnd: number;
  simFaceEnd: number;
  pckBodyEnd: number;
  pckFaceEnd: number;
  perCandidate: boolean;
  /** Per-keypoint score terms / spatial terms of one candidate (torch sums them positionally). */
  sd: Float32Array;
  pd: Float32Array;
  // outputs of similarity()
  simi: number;
  numMatch: number;
}

/** Float32 Euclidean distance between keypoint k of candidates a and b (torch: sqrt(sum(pow(a - b, 2)))). */
function dist32(poses: Float32Array, a: number, b: number): number {
  const dx = f(poses[a]! - poses[b]!);
  const dy = f(poses[a + 1]! - poses[b + 1]!);
  return f(Math.sqrt(f(f(dx * dx) + f(dy * dy))));
}

/** Body path: `get_parametric_distance` + `PCK_match` of candidate j against pick p. */
function similarityBody(c: Ctx, p: number, j: number, r7: number): void {
  const { k: K, poses, scores, sd, pd } = c;
  const pb = p * K;
  const jb = j * K;
  let match = 0;
  for (let kk = 0; kk < K; kk++) {
    const d = dist32(poses, (pb + kk) * 2, (jb + kk) * 2);
    sd[kk] = d <= 1 ? f(f(Math.tanh(f(scores[pb + kk]! / c.delta1))) * f(Math.tanh(f(scores[jb + kk]! / c.delta1)))) : 0;
    pd[kk] = f(Math.exp(f(-d / c.delta2)));
    if (f(d / r7) <= 1) match++;
  }
  c.simi = f(torchInnerSum(sd, 0, K) + f(c.mu * torchInnerSum(pd, 0, K)));
  c.numMatch = match;
}

/** Full-body path: `get_parametric_distance(use_dist_mask=True)` + `PCK_match_fullbody`. */
function similarityFullBody(c: Ctx, p: number, j: number, r7: number, nRemaining: number, confident: number): void {
  const { k: K, poses, scores, sd, pd } = c;
  const pb = p * K;
  const jb = j * K;
  let mB = 0;
  let mF = 0;
  let mH = 0;
  const { simBodyEnd, simFaceEnd, pckBodyEnd, pckFaceEnd, scoreThr } = c;
  for (let kk = 0; kk < K; kk++) {
    const d = dist32(poses, (pb + kk) * 2, (jb + kk) * 2);
    const sj = scores[jb + kk]!;
    const low = sj < scoreThr;
    // score term: d <= 1 and the candidate's keypoint score below scoreThreds (the reference's dist_mask)
    sd[kk] = d <= 1 && low ? f(f(Math.tanh(f(scores[pb + kk]! / c.delta1))) * f(Math.tanh(f(sj / c.delta1)))) : 0;
    // spatial term, zeroed where the candidate's score is below scoreThreds
    const div = kk < simBodyEnd ? c.delta2 : kk < simFaceEnd ? c.delta2Face : c.delta2Hand;
    pd[kk] = low ? 0 : f(Math.exp(f(-d / div)));
    const ratio = f(d / r7);
    if (kk < pckBodyEnd) {
      if (ratio <= 1) mB++;
    } else if (kk < pckFaceEnd) {
      if (ratio <= c.faceFactor) mF++;
    } else if (ratio <= c.handFactor) mH++;
  }
  const nB = simBodyEnd;
  const nF = simFaceEnd - simBodyEnd;
  const nH = K - simFaceEnd;
  const mean = (a: Float32Array, off: number, cnt: number): number => f(torchInnerSum(a, off, cnt) / cnt);
  let scoreTerm = f(mean(sd, 0, nB) + f(mean(sd, nB, nF) * c.faceWS));
  scoreTerm = f(scoreTerm + f(mean(sd, simFaceEnd, nH) * c.handWS));
  let distTerm = f(mean(pd, 0, nB) + f(mean(pd, nB, nF) * c.faceWD));
  distTerm = f(distTerm + f(mean(pd, simFaceEnd, nH) * c.handWD));
  c.simi = f(scoreTerm + f(c.mu * distTerm));
  // mask.sum() of the reference: the pick's confident keypoints, repeated over 2 coordinates and n candidates
  const maskSum = 2 * (c.perCandidate ? 1 : nRemaining) * confident;
  if (maskSum < 2) c.numMatch = 0;
  else c.numMatch = f(f(f((mB + mF + mH) / maskSum) / 2) * K);
}

/** Empty result for N = 0 (or after validation of an empty candidate list). */
function emptyResult(k: number, zeroScoresReplaced: number, trace: boolean): PoseNmsResult {
  const r: PoseNmsResult = {
    count: 0,
    k,
    pickIds: new Int32Array(0),
    boxes: new Float32Array(0),
    boxScores: new Float32Array(0),
    poses: new Float32Array(0),
    scores: new Float32Array(0),
    proposalScores: new Float32Array(0),
    clusterOffsets: new Int32Array(1),
    clusterIndices: new Int32Array(0),
    clusterIds: new Float64Array(0),
    zeroScoresReplaced,
  };
  if (trace) r.trace = [];
  return r;
}

/**
 * AlphaPose parametric pose-NMS: greedily pick the candidate with the highest mean keypoint score, remove
 * every remaining candidate that is similar to it (`simi > γ` or `num_match >= matchThreds`), then merge each
 * cluster into one pose by score-weighted averaging of the keypoints within min(ref, 15) px of the pick's.
 *
 * Follows MVIG-SJTU/AlphaPose @ c60106d1 `alphapose/utils/pPose_nms.py` `pose_nms`: the body path for any K
 * except 133 and 136, the full-body path for those two (with its quirks by default; see
 * {@link PoseNmsOptions}). Ties of the human score go to the lowest candidate index (torch.argmax). Picks are
 * then dropped if their max keypoint score, or the merged pose's, is `< scoreThreds`, or if
 * `2.25·(x extent)·(y extent)` of the merged pose is `< areaThres`.
 *
 * Differences from the reference, all documented choices:
 * - the input is never mutated unless `writeZeroScores` is set (the reference writes 1e-5 into zero scores
 *   of the caller's tensor);
 * - constants are passed in, never global (see {@link POSE_NMS_FULLBODY_REGRESSION});
 * - with parameters for which the pick is not in its own cluster (γ ≥ μ·K and matchThreds > K), the
 *   reference divides 0 by 0 for keypoints no cluster member has near the pick; posekit keeps the pick's own
 *   keypoint and score there instead of producing NaN.
 *
 * An empty candidate list (n = 0) gives an empty result (count 0).
 *
 * @param input - candidates as flat arrays (values are used as float32, like the reference's tensors)
 * @param options - constants, trace, and the documented quirk switches
 * @returns the kept poses in pick order
 * @throws PosekitError E_RANGE (bad n / k / params), E_ARGUMENT (not an array), E_SHAPE (array lengths
 * disagree with n and k, e.g. mismatched keypoint counts), E_NONFINITE (NaN / Infinity in any input)
 */
export function poseNms(input: PoseNmsInput, options: PoseNmsOptions = {}): PoseNmsResult {
  const fn = 'poseNms';
  if (input === null || typeof input !== 'object') {
    throw new PosekitError('E_ARGUMENT', `${fn}: input must be an object {n, k, boxes, boxScores, poses, scores}; received ${typeof input}`);
  }
  const N = checkCount(fn, 'n', input.n);
  const K = checkCount(fn, 'k', input.k, 1);
  const p = resolvePoseNmsParams(fn, options.params);
  const fullBodyMatch = options.fullBodyMatch ?? 'reference';
  const fullBodySlices = options.fullBodySlices ?? 'halpe136';
  if (fullBodyMatch !== 'reference' && fullBodyMatch !== 'per-candidate') {
    throw new PosekitError('E_ARGUMENT', `${fn}: fullBodyMatch must be 'reference' or 'per-candidate'; received ${String(fullBodyMatch)}`);
  }
  if (fullBodySlices !== 'halpe136' && fullBodySlices !== 'by-k') {
    throw new PosekitError('E_ARGUMENT', `${fn}: fullBodySlices must be 'halpe136' or 'by-k'; received ${String(fullBodySlices)}`);
  }
  const boxesIn = checkArray(fn, 'boxes', input.boxes, N * 4, `[N*4] = ${N}*4 (x1, y1, x2, y2)`);
  const boxScoresIn = checkArray(fn, 'boxScores', input.boxScores, N, `[N] = ${N}`);
  const scoresIn = checkArray(fn, 'scores', input.scores, N * K, `[N*K] = ${N}*${K}`);
  const posesIn = checkArray(fn, 'poses', input.poses, N * K * 2, `[N*K*2] = ${N}*${K}*2 (x, y); keypoint count must match scores`);
  const idsIn = input.boxIds === undefined ? undefined : checkArray(fn, 'boxIds', input.boxIds, N, `[N] = ${N}`);
  checkFinite(fn, 'boxes', boxesIn);
  checkFinite(fn, 'boxScores', boxScoresIn);
  checkFinite(fn, 'scores', scoresIn);
  checkFinite(fn, 'poses', posesIn);
  if (idsIn !== undefined) checkFinite(fn, 'boxIds', idsIn);
  const trace = options.trace === true;

  // Zero-score fix on a private copy (the reference does it in place in the caller's tensor).
  const scores = Float32Array.from(scoresIn);
  let zeros = 0;
  for (let i = 0; i < scores.length; i++) {
    if (scores[i] === 0) {
      scores[i] = ZERO_SCORE_FIX;
      zeros++;
      if (options.writeZeroScores === true) (scoresIn as unknown as { [i: number]: number })[i] = ZERO_SCORE_FIX;
    }
  }
  if (N === 0) return emptyResult(K, zeros, trace);

  const poses = asFloat32(posesIn);
  const boxes = asFloat32(boxesIn);
  const fullBody = K === 133 || K === 136;
  const c: Ctx = {
    n: N,
    k: K,
    poses,
    scores,
    fullBody,
    delta1: f(p.delta1),
    mu: f(p.mu),
    delta2: f(p.delta2),
    delta2Face: f(p.delta2 * p.faceFactor),
    delta2Hand: f(p.delta2 * p.handFactor),
    gamma: f(p.gamma),
    scoreThr: f(p.scoreThreds),
    halfScoreThr: f(p.scoreThreds / 2),
    matchThr: f(p.matchThreds),
    faceFactor: f(p.faceFactor),
    handFactor: f(p.handFactor),
    faceWS: f(p.faceWeightScore),
    handWS: f(p.handWeightScore),
    faceWD: f(p.faceWeightDist),
    handWD: f(p.handWeightDist),
    simBodyEnd: K - 110,
    simFaceEnd: K - 42,
    pckBodyEnd: fullBodySlices === 'by-k' ? K - 110 : 26,
    pckFaceEnd: fullBodySlices === 'by-k' ? K - 42 : 94,
    perCandidate: fullBodyMatch === 'per-candidate',
    sd: new Float32Array(K),
    pd: new Float32Array(K),
    simi: 0,
    numMatch: 0,
  };

  // ref_dist = alpha * max(w, h) in float32; human score = float32 mean of the keypoint scores.
  const alpha32 = f(p.alpha);
  const refDist = new Float32Array(N);
  const human = new Float32Array(N);
  for (let i = 0; i < N; i++) {
    const w = f(boxes[i * 4 + 2]! - boxes[i * 4]!);
    const h = f(boxes[i * 4 + 3]! - boxes[i * 4 + 1]!);
    refDist[i] = f(alpha32 * (w >= h ? w : h));
    human[i] = f(torchInnerSum(scores, i * K, K) / K);
  }

  const picks = new Int32Array(N);
  const clusterStart = new Int32Array(N + 1);
  const clusterMembers = new Int32Array(N);
  let nPicks: number;
  let steps: PoseNmsTraceStep[] | undefined;
  const reach = trace ? Infinity : pruneReach(c, p);
  if (Number.isFinite(reach)) {
    nPicks = eliminatePruned(c, human, refDist, reach, picks, clusterStart, clusterMembers);
  } else {
    steps = trace ? [] : undefined;
    nPicks = eliminateAll(c, human, refDist, picks, clusterStart, clusterMembers, steps);
  }

  return mergeClusters(c, p, boxes, boxScoresIn, idsIn, refDist, picks, nPicks, clusterStart, clusterMembers, zeros, steps);
}

/**
 * The largest keypoint-extent gap at which a candidate can still join a pick's cluster, or Infinity when no
 * such bound exists (γ ≤ 0 or matchThreds ≤ 0: then everything may merge). Beyond the gap every keypoint
 * distance d exceeds 1 (no score term), min(ref, 7)·(largest match factor) (no matched keypoint), and
 * δ2·(largest factor)·ln(weight/γ) (the spatial term stays below γ).
 */
function pruneReach(c: Ctx, p: PoseNmsParams): number {
  if (!(c.gamma > 0) || !(c.matchThr > 0)) return Infinity;
  const muPos = Math.max(0, p.mu);
  let weight: number;
  let scale: number;
  let matchReach: number;
  if (c.fullBody) {
    weight = muPos * (1 + Math.max(0, p.faceWeightDist) + Math.max(0, p.handWeightDist));
    matchReach = Math.max(1, p.faceFactor, p.handFactor);
    scale = p.delta2 * matchReach;
  } else {
    weight = muPos * c.k;
    matchReach = 1;
    scale = p.delta2;
  }
  // weight·exp(-D/scale) < γ  <=>  D > scale·ln(weight/γ)
  const spatial = weight > 0 ? Math.max(0, scale * Math.log((weight * (1 + PRUNE_MARGIN)) / p.gamma)) : 0;
  // min(ref, 7) <= 7 for every pick
  return Math.max(1, 7 * matchReach, spatial) * (1 + PRUNE_MARGIN) + 1e-6;
}

/**
 * Body path without trace: the cluster decision `simi > γ || num_match >= matchThreds`, stopping as soon
 * as it is certain. num_match reaching matchThreds decides "merged"; an upper bound of simi (every
 * unvisited keypoint contributing at most 1 + max(μ, 0)) below γ with too few keypoints left to reach
 * matchThreds decides "not merged". Otherwise the exact float32 similarity decides.
 */
function decideBody(c: Ctx, p: number, j: number, r7: number, muPos: number): boolean {
  const { k: K, poses } = c;
  const pb = p * K * 2;
  const jb = j * K * 2;
  let match = 0;
  let bound = 0;
  const perKp = 1 + muPos;
  for (let kk = 0; kk < K; kk++) {
    const d = dist32(poses, pb + kk * 2, jb + kk * 2);
    if (f(d / r7) <= 1) {
      match++;
      if (match >= c.matchThr) return true;
    }
    if (d <= 1) bound += 1;
    const e = d / c.delta2;
    // exp(-40) < 5e-18: such terms are bounded by 5e-18 instead of computed
    bound += muPos * (e > 40 ? 5e-18 : Math.exp(-e));
    const left = K - 1 - kk;
    if ((bound + left * perKp) * (1 + PRUNE_MARGIN) + 1e-6 < c.gamma && match + left < c.matchThr) return false;
  }
  similarityBody(c, p, j, r7);
  return c.simi > c.gamma || c.numMatch >= c.matchThr;
}

/** Keypoint extents (x0, y0, x1, y1) of every candidate. */
function extents(poses: Float32Array, n: number, k: number): Float64Array {
  const ext = new Float64Array(n * 4);
  for (let i = 0; i < n; i++) {
    let x0 = Infinity;
    let x1 = -Infinity;
    let y0 = Infinity;
    let y1 = -Infinity;
    for (let kk = 0, o = i * k * 2; kk < k; kk++, o += 2) {
      const x = poses[o]!;
      const y = poses[o + 1]!;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
    ext[i * 4] = x0;
    ext[i * 4 + 1] = y0;
    ext[i * 4 + 2] = x1;
    ext[i * 4 + 3] = y1;
  }
  return ext;
}

/**
 * The elimination loop without trace, visiting only each pick's neighbours (the others provably do not
 * merge) and picking in (human score desc, index asc) order, which is torch.argmax's choice among the
 * remaining candidates. Same picks and clusters as {@link eliminateAll}.
 */
function eliminatePruned(
  c: Ctx,
  human: Float32Array,
  refDist: Float32Array,
  reach: number,
  picks: Int32Array,
  clusterStart: Int32Array,
  clusterMembers: Int32Array,
): number {
  const { n: N, k: K, scores } = c;
  // candidates sorted by the left edge of their keypoint extent: a pick's possible cluster members lie in
  // the window x0 ∈ [pick.x0 − reach − widest, pick.x1 + reach]
  const ext = extents(c.poses, N, K);
  const byX = new Int32Array(N);
  for (let i = 0; i < N; i++) byX[i] = i;
  byX.sort((a, b) => ext[a * 4]! - ext[b * 4]! || a - b);
  const xs = new Float64Array(N);
  let widest = 0;
  for (let t = 0; t < N; t++) {
    const i = byX[t]!;
    xs[t] = ext[i * 4]!;
    const w = ext[i * 4 + 2]! - ext[i * 4]!;
    if (w > widest) widest = w;
  }
  const reach2 = reach * reach;
  const near = new Int32Array(N);
  const order = new Int32Array(N);
  for (let i = 0; i < N; i++) order[i] = i;
  order.sort((a, b) => human[b]! - human[a]! || a - b);
  const alive = new Uint8Array(N).fill(1);
  let nAlive = N;
  let ptr = 0;
  let nPicks = 0;
  let nMembers = 0;
  const muPos = Math.max(0, c.mu);
  while (nAlive > 0) {
    while (alive[order[ptr]!] === 0) ptr++;
    const pick = order[ptr]!;
    const r = refDist[pick]!;
    const r7 = r < 7 ? r : 7;
    let confident = 0;
    if (c.fullBody) for (let kk = 0; kk < K; kk++) if (scores[pick * K + kk]! > c.halfScoreThr) confident++;
    picks[nPicks] = pick;
    clusterStart[nPicks] = nMembers;
    // alive candidates whose extents come within `reach` of the pick's, in ascending index order
    const px0 = ext[pick * 4]!;
    const py0 = ext[pick * 4 + 1]!;
    const px1 = ext[pick * 4 + 2]!;
    const py1 = ext[pick * 4 + 3]!;
    let lo = 0;
    let hi = N;
    const from = px0 - reach - widest;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (xs[mid]! < from) lo = mid + 1;
      else hi = mid;
    }
    const until = px1 + reach;
    let nNear = 0;
    for (let t = lo; t < N && xs[t]! <= until; t++) {
      const j = byX[t]!;
      if (alive[j] === 0) continue;
      const jx0 = ext[j * 4]!;
      const jy0 = ext[j * 4 + 1]!;
      const jx1 = ext[j * 4 + 2]!;
      const jy1 = ext[j * 4 + 3]!;
      const gx = jx0 > px1 ? jx0 - px1 : px0 > jx1 ? px0 - jx1 : 0;
      const gy = jy0 > py1 ? jy0 - py1 : py0 > jy1 ? py0 - jy1 : 0;
      if (gx * gx + gy * gy > reach2) continue;
      // insertion into the ascending list (a handful of entries)
      let q = nNear++;
      while (q > 0 && near[q - 1]! > j) {
        near[q] = near[q - 1]!;
        q--;
      }
      near[q] = j;
    }
    for (let t = 0; t < nNear; t++) {
      const j = near[t]!;
      let merged: boolean;
      if (c.fullBody) {
        similarityFullBody(c, pick, j, r7, nAlive, confident);
        merged = c.simi > c.gamma || c.numMatch >= c.matchThr;
      } else merged = decideBody(c, pick, j, r7, muPos);
      if (merged) clusterMembers[nMembers++] = j;
    }
    // the reference falls back to deleting the pick alone
    if (nMembers === clusterStart[nPicks]) clusterMembers[nMembers++] = pick;
    for (let t = clusterStart[nPicks]!; t < nMembers; t++) alive[clusterMembers[t]!] = 0;
    nAlive -= nMembers - clusterStart[nPicks]!;
    nPicks++;
  }
  clusterStart[nPicks] = nMembers;
  return nPicks;
}

/** The elimination loop as the reference runs it: every remaining candidate against every pick. */
function eliminateAll(
  c: Ctx,
  human: Float32Array,
  refDist: Float32Array,
  picks: Int32Array,
  clusterStart: Int32Array,
  clusterMembers: Int32Array,
  steps: PoseNmsTraceStep[] | undefined,
): number {
  const { n: N, k: K, scores } = c;
  const remaining = new Int32Array(N);
  for (let i = 0; i < N; i++) remaining[i] = i;
  let nRem = N;
  const flags = new Uint8Array(N);
  let nPicks = 0;
  let nMembers = 0;
  while (nRem > 0) {
    // torch.argmax over the remaining (ascending) candidates: first maximum
    let pick = remaining[0]!;
    let best = human[pick]!;
    for (let t = 1; t < nRem; t++) {
      const j = remaining[t]!;
      if (human[j]! > best) {
        best = human[j]!;
        pick = j;
      }
    }
    const r = refDist[pick]!;
    const r7 = r < 7 ? r : 7;
    let confident = 0;
    if (c.fullBody) for (let kk = 0; kk < K; kk++) if (scores[pick * K + kk]! > c.halfScoreThr) confident++;
    const stepSimi = steps ? new Float32Array(nRem) : undefined;
    const stepMatch = steps ? new Float32Array(nRem) : undefined;
    let clusterSize = 0;
    for (let t = 0; t < nRem; t++) {
      const j = remaining[t]!;
      if (c.fullBody) similarityFullBody(c, pick, j, r7, nRem, confident);
      else similarityBody(c, pick, j, r7);
      if (stepSimi && stepMatch) {
        stepSimi[t] = c.simi;
        stepMatch[t] = c.numMatch;
      }
      const merged = c.simi > c.gamma || c.numMatch >= c.matchThr;
      flags[j] = merged ? 1 : 0;
      if (merged) clusterSize++;
    }
    picks[nPicks] = pick;
    clusterStart[nPicks] = nMembers;
    // the reference falls back to deleting the pick alone
    if (clusterSize === 0) flags[pick] = 1;
    const snapshot = steps ? remaining.slice(0, nRem) : undefined;
    let w = 0;
    for (let t = 0; t < nRem; t++) {
      const j = remaining[t]!;
      if (flags[j] === 1) {
        clusterMembers[nMembers++] = j;
        flags[j] = 0;
      } else remaining[w++] = j;
    }
    if (steps && stepSimi && stepMatch && snapshot) {
      steps.push({
        pick,
        refDist: r,
        remaining: snapshot,
        simi: stepSimi,
        numMatch: stepMatch,
        merged: clusterMembers.slice(clusterStart[nPicks]!, nMembers),
      });
    }
    nPicks++;
    nRem = w;
  }
  clusterStart[nPicks] = nMembers;
  return nPicks;
}

/** Steps 4–5 of the reference: drop weak picks, merge each cluster (`p_merge_fast`), area filter, outputs. */
function mergeClusters(
  c: Ctx,
  p: PoseNmsParams,
  boxes: Float32Array,
  boxScoresIn: NumericArray,
  idsIn: NumericArray | undefined,
  refDist: Float32Array,
  picks: Int32Array,
  nPicks: number,
  clusterStart: Int32Array,
  clusterMembers: Int32Array,
  zeros: number,
  steps: PoseNmsTraceStep[] | undefined,
): PoseNmsResult {
  const { k: K, poses, scores } = c;
  const scoreThr = c.scoreThr;
  const areaThr = f(p.areaThres);
  const outPoses = new Float32Array(nPicks * K * 2);
  const outScores = new Float32Array(nPicks * K);
  const keptPick = new Int32Array(nPicks);
  // p_merge_fast's intermediate tensors for the largest cluster: masked scores (n, K), their column sums,
  // and the products summed over the cluster (n, K, 2) and (n, K), each reduced in torch's order
  let maxCluster = 0;
  for (let q = 0; q < nPicks; q++) maxCluster = Math.max(maxCluster, clusterStart[q + 1]! - clusterStart[q]!);
  const masked = new Float32Array(maxCluster * K);
  const tot = new Float32Array(K);
  const prodPose = new Float32Array(maxCluster * K * 2);
  const prodScore = new Float32Array(maxCluster * K);
  const mergedPose = new Float32Array(K * 2);
  const mergedScore = new Float32Array(K);
  let m = 0;
  for (let q = 0; q < nPicks; q++) {
    const pick = picks[q]!;
    let maxS = -Infinity;
    for (let kk = 0; kk < K; kk++) if (scores[pick * K + kk]! > maxS) maxS = scores[pick * K + kk]!;
    if (maxS < scoreThr) continue;
    const c0 = clusterStart[q]!;
    const nc = clusterStart[q + 1]! - c0;
    const r = refDist[pick]!;
    const R = r < 15 ? r : 15;
    for (let t = 0; t < nc; t++) {
      const j = clusterMembers[c0 + t]!;
      for (let kk = 0; kk < K; kk++) {
        const d = dist32(poses, (pick * K + kk) * 2, (j * K + kk) * 2);
        masked[t * K + kk] = d <= R ? scores[j * K + kk]! : 0;
      }
    }
    for (let kk = 0; kk < K; kk++) tot[kk] = torchOuterSum(masked, 0, nc, K, kk);
    for (let t = 0; t < nc; t++) {
      const j = clusterMembers[c0 + t]!;
      for (let kk = 0; kk < K; kk++) {
        const wv = masked[t * K + kk]!;
        const normed = f(wv / tot[kk]!);
        const b = (j * K + kk) * 2;
        prodPose[(t * K + kk) * 2] = f(poses[b]! * normed);
        prodPose[(t * K + kk) * 2 + 1] = f(poses[b + 1]! * normed);
        prodScore[t * K + kk] = f(wv * normed);
      }
    }
    for (let kk = 0; kk < K; kk++) {
      if (tot[kk] === 0) {
        // only when the pick is outside its own cluster (degenerate params): the reference yields 0/0 = NaN
        mergedPose[kk * 2] = poses[(pick * K + kk) * 2]!;
        mergedPose[kk * 2 + 1] = poses[(pick * K + kk) * 2 + 1]!;
        mergedScore[kk] = scores[pick * K + kk]!;
        continue;
      }
      mergedPose[kk * 2] = torchOuterSum(prodPose, 0, nc, 2 * K, 2 * kk);
      mergedPose[kk * 2 + 1] = torchOuterSum(prodPose, 0, nc, 2 * K, 2 * kk + 1);
      mergedScore[kk] = torchOuterSum(prodScore, 0, nc, K, kk);
    }
    let maxM = -Infinity;
    let x0 = Infinity;
    let x1 = -Infinity;
    let y0 = Infinity;
    let y1 = -Infinity;
    for (let kk = 0; kk < K; kk++) {
      if (mergedScore[kk]! > maxM) maxM = mergedScore[kk]!;
      const x = mergedPose[kk * 2]!;
      const y = mergedPose[kk * 2 + 1]!;
      if (x > x1) x1 = x;
      if (x < x0) x0 = x;
      if (y > y1) y1 = y;
      if (y < y0) y0 = y;
    }
    if (maxM < scoreThr) continue;
    if (f(f(2.25 * f(x1 - x0)) * f(y1 - y0)) < areaThr) continue;
    outPoses.set(mergedPose, m * K * 2);
    outScores.set(mergedScore, m * K);
    keptPick[m] = q;
    m++;
  }

  const pickIds = new Int32Array(m);
  const outBoxes = new Float32Array(m * 4);
  const outBoxScores = new Float32Array(m);
  const proposal = new Float32Array(m);
  const offsets = new Int32Array(m + 1);
  let total = 0;
  for (let i = 0; i < m; i++) {
    const q = keptPick[i]!;
    total += clusterStart[q + 1]! - clusterStart[q]!;
  }
  const clusterIndices = new Int32Array(total);
  const clusterIds = new Float64Array(total);
  let o = 0;
  for (let i = 0; i < m; i++) {
    const q = keptPick[i]!;
    const pick = picks[q]!;
    pickIds[i] = pick;
    for (let t = 0; t < 4; t++) outBoxes[i * 4 + t] = boxes[pick * 4 + t]!;
    const bs = f(boxScoresIn[pick]!);
    outBoxScores[i] = bs;
    // writer.py: torch.mean(kp_scores) + bbox_score + 1.25 * max(kp_scores), float32
    let mx = -Infinity;
    for (let kk = 0; kk < K; kk++) if (outScores[i * K + kk]! > mx) mx = outScores[i * K + kk]!;
    proposal[i] = f(f(f(torchInnerSum(outScores, i * K, K) / K) + bs) + f(1.25 * mx));
    offsets[i] = o;
    for (let t = clusterStart[q]!; t < clusterStart[q + 1]!; t++) {
      const j = clusterMembers[t]!;
      clusterIndices[o] = j;
      clusterIds[o] = idsIn === undefined ? j : idsIn[j]!;
      o++;
    }
  }
  offsets[m] = o;
  const result: PoseNmsResult = {
    count: m,
    k: K,
    pickIds,
    boxes: outBoxes,
    boxScores: outBoxScores,
    poses: outPoses.slice(0, m * K * 2),
    scores: outScores.slice(0, m * K),
    proposalScores: proposal,
    clusterOffsets: offsets,
    clusterIndices,
    clusterIds,
    zeroScoresReplaced: zeros,
  };
  if (steps) result.trace = steps;
  return result;
}

/**
 * The kept poses of a {@link PoseNmsResult} as {@link Pose} objects (keypoints `x, y, score` per keypoint,
 * score = the proposal score, box = the pick's box with its box score). Allocates; for display and export.
 *
 * @param result - output of {@link poseNms}
 * @returns one Pose per kept pose, in pick order
 */
export function poseNmsToPoses(result: PoseNmsResult): Pose[] {
  const { k: K } = result;
  const out: Pose[] = new Array(result.count);
  for (let i = 0; i < result.count; i++) {
    const kp = new Float32Array(K * 3);
    for (let kk = 0; kk < K; kk++) {
      kp[kk * 3] = result.poses[(i * K + kk) * 2]!;
      kp[kk * 3 + 1] = result.poses[(i * K + kk) * 2 + 1]!;
      kp[kk * 3 + 2] = result.scores[i * K + kk]!;
    }
    out[i] = {
      keypoints: kp,
      score: result.proposalScores[i]!,
      box: { x1: result.boxes[i * 4]!, y1: result.boxes[i * 4 + 1]!, x2: result.boxes[i * 4 + 2]!, y2: result.boxes[i * 4 + 3]!, score: result.boxScores[i]! },
    };
  }
  return out;
}
