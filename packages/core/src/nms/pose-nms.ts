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
import type { Pose } from '../types.js';
import { checkBool, checkOneOf, checkOptionKeys } from '../option-keys.js';
import { resolvePoseNmsParams } from './params.js';
import { eliminateAll, eliminatePruned, pruneReach } from './pose-nms-elimination.js';
import { mergeClusters } from './pose-nms-merge.js';
import type { Ctx } from './pose-nms-similarity.js';
import type { PoseNmsInput, PoseNmsOptions, PoseNmsResult, PoseNmsTraceStep } from './pose-nms-types.js';
import { torchInnerSum } from './torch-sum.js';
import { asFloat32, checkArray, checkCount, checkFinite, checkList, fail } from './validate.js';

const f = Math.fround;
/** The value the reference writes into zero keypoint scores (`1e-5` as float32). */
const ZERO_SCORE_FIX = f(1e-5);

/**
 * Throw E_NONFINITE at the first value of `a` that is not finite as float32: NaN, ±Infinity, or a magnitude beyond
 * float32's 3.4e38 (the reference's tensors are float32, and such a value would silently become ±Infinity).
 */
function checkFinite32(fn: string, name: string, a: ArrayLike<number>): void {
  for (let i = 0, n = a.length; i < n; i++) {
    const v = f(a[i]!);
    if (!(v - v === 0)) fail('E_NONFINITE', fn, `${name}[${i}] must be finite as float32 (|v| <= 3.4e38)`, a[i]);
  }
}

const OPTION_KEYS = ['params', 'trace', 'writeZeroScores', 'fullBodyMatch', 'fullBodySlices'];

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
 * @throws PosekitError E_RANGE (bad n / k / params), E_ARGUMENT (not an array; options or params not an object,
 * an unknown option or parameter name, a non-boolean trace / writeZeroScores, an unknown fullBodyMatch /
 * fullBodySlices), E_SHAPE (array lengths disagree with n and k, e.g. mismatched keypoint counts), E_NONFINITE
 * (NaN / Infinity in any input, or a box, score or coordinate beyond float32's range)
 */
export function poseNms(input: PoseNmsInput, options: PoseNmsOptions = {}): PoseNmsResult {
  const fn = 'poseNms';
  if (input === null || typeof input !== 'object') fail('E_ARGUMENT', fn, 'input must be an object {n, k, boxes, boxScores, poses, scores}', input);
  checkOptionKeys(fn, options, OPTION_KEYS);
  const N = checkCount(fn, 'n', input.n);
  const K = checkCount(fn, 'k', input.k, 1);
  const p = resolvePoseNmsParams(fn, options.params);
  const fullBodyMatch = checkOneOf(fn, 'options.fullBodyMatch', options.fullBodyMatch, ['reference', 'per-candidate'], 'reference');
  const fullBodySlices = checkOneOf(fn, 'options.fullBodySlices', options.fullBodySlices, ['halpe136', 'by-k'], 'halpe136');
  const trace = checkBool(fn, 'options.trace', options.trace, false);
  const writeZeroScores = checkBool(fn, 'options.writeZeroScores', options.writeZeroScores, false);
  const boxesIn = checkArray(fn, 'boxes', input.boxes, N * 4, `[N*4] = ${N}*4 (x1, y1, x2, y2)`);
  const boxScoresIn = checkArray(fn, 'boxScores', input.boxScores, N, `[N] = ${N}`);
  const scoresIn = checkArray(fn, 'scores', input.scores, N * K, `[N*K] = ${N}*${K}`);
  const posesIn = checkArray(fn, 'poses', input.poses, N * K * 2, `[N*K*2] = ${N}*${K}*2 (x, y); keypoint count must match scores`);
  const idsIn = input.boxIds === undefined ? undefined : checkArray(fn, 'boxIds', input.boxIds, N, `[N] = ${N}`);
  checkFinite32(fn, 'boxes', boxesIn);
  checkFinite32(fn, 'boxScores', boxScoresIn);
  checkFinite32(fn, 'scores', scoresIn);
  checkFinite32(fn, 'poses', posesIn);
  if (idsIn !== undefined) checkFinite(fn, 'boxIds', idsIn);

  // Zero-score fix on a private copy (the reference does it in place in the caller's tensor).
  const scores = Float32Array.from(scoresIn);
  let zeros = 0;
  for (let i = 0; i < scores.length; i++) {
    if (scores[i] === 0) {
      scores[i] = ZERO_SCORE_FIX;
      zeros++;
      if (writeZeroScores) (scoresIn as unknown as { [i: number]: number })[i] = ZERO_SCORE_FIX;
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
 * The kept poses of a {@link PoseNmsResult} as {@link Pose} objects (keypoints `x, y, score` per keypoint,
 * score = the proposal score, box = the pick's box with its box score). Allocates; for display and export.
 *
 * @param result - output of {@link poseNms}
 * @returns one Pose per kept pose, in pick order
 * @throws PosekitError E_ARGUMENT (not an object, a field not an array), E_RANGE (count / k not integers >= 0 / 1),
 *   E_SHAPE (an array too short for count and k)
 */
export function poseNmsToPoses(result: PoseNmsResult): Pose[] {
  const fn = 'poseNmsToPoses';
  if (result === null || typeof result !== 'object') fail('E_ARGUMENT', fn, 'result must be a PoseNmsResult (the output of poseNms)', result);
  const M = checkCount(fn, 'result.count', result.count);
  const K = checkCount(fn, 'result.k', result.k, 1);
  for (const [name, per] of [['poses', 2 * K], ['scores', K], ['proposalScores', 1], ['boxes', 4], ['boxScores', 1]] as const) {
    const len = checkList(fn, `result.${name}`, result[name], `[count*${per}]`).length;
    if (len < M * per) fail('E_SHAPE', fn, `result.${name} must hold count*${per} = ${M * per} values`, len);
  }
  const out: Pose[] = new Array(M);
  for (let i = 0; i < M; i++) {
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
