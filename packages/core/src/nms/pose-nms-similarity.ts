/**
 * The pose distance of AlphaPose's parametric NMS (internal): `get_parametric_distance` and `PCK_match`
 * (body path), their full-body variants, and the early-exit cluster decision used without trace.
 * Float32 arithmetic and torch's summation order, as described in pose-nms.ts.
 * @internal
 * @module
 */
import { torchInnerSum } from './torch-sum.js';

const f = Math.fround;
/** Relative safety margin of the pruning bounds (float32 rounding is ~6e-8 relative). @internal */
export const PRUNE_MARGIN = 1e-5;

/** Internal state of one call (plain fields so the hot loops see monomorphic objects). @internal */
export interface Ctx {
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
export function dist32(poses: Float32Array, a: number, b: number): number {
  const dx = f(poses[a]! - poses[b]!);
  const dy = f(poses[a + 1]! - poses[b + 1]!);
  return f(Math.sqrt(f(f(dx * dx) + f(dy * dy))));
}

/** Body path: `get_parametric_distance` + `PCK_match` of candidate j against pick p. */
export function similarityBody(c: Ctx, p: number, j: number, r7: number): void {
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
export function similarityFullBody(c: Ctx, p: number, j: number, r7: number, nRemaining: number, confident: number): void {
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

/**
 * Body path without trace: the cluster decision `simi > γ || num_match >= matchThreds`, without computing
 * simi when the answer is certain: num_match reaching matchThreds decides "merged" (and stops the loop); an
 * upper bound of simi below γ (score terms ≤ 1, exp(−x) bounded by a rational function) decides "not
 * merged". Otherwise the exact float32 similarity decides.
 */
export function decideBody(c: Ctx, p: number, j: number, r7: number, muPos: number): boolean {
  const { k: K, poses } = c;
  const pb = p * K * 2;
  const jb = j * K * 2;
  let match = 0;
  let scoreBound = 0;
  let pointBound = 0;
  for (let kk = 0; kk < K; kk++) {
    const d = dist32(poses, pb + kk * 2, jb + kk * 2);
    if (f(d / r7) <= 1) {
      match++;
      if (match >= c.matchThr) return true;
    }
    // |tanh·tanh| < 1; exp(−x) ≤ 1 / (1 + x + x²/2) for x ≥ 0 (no exp needed for the bound)
    if (d <= 1) scoreBound += 1;
    const x = d / c.delta2;
    pointBound += 1 / (1 + x + 0.5 * x * x);
  }
  if ((scoreBound + muPos * pointBound) * (1 + PRUNE_MARGIN) + 1e-6 < c.gamma) return false;
  similarityBody(c, p, j, r7);
  return c.simi > c.gamma || c.numMatch >= c.matchThr;
}
