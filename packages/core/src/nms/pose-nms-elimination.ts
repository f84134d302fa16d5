/**
 * The elimination loop of AlphaPose's parametric NMS (internal): the reference's loop over every remaining
 * candidate (with trace), and the equivalent pruned loop (without trace).
 * @internal
 * @module
 */
import { argsortF32 } from './argsort.js';
import { keypointExtents } from './extents.js';
import type { PoseNmsParams } from './params.js';
import type { PoseNmsTraceStep } from './pose-nms-types.js';
import { PRUNE_MARGIN, decideBody, similarityBody, similarityFullBody, type Ctx } from './pose-nms-similarity.js';

/**
 * The largest keypoint-extent gap at which a candidate can still join a pick's cluster, or Infinity when no
 * such bound exists (γ ≤ 0 or matchThreds ≤ 0: then everything may merge). Beyond the gap every keypoint
 * distance d exceeds 1 (no score term), min(ref, 7)·(largest match factor) (no matched keypoint), and
 * δ2·(largest factor)·ln(weight/γ) (the spatial term stays below γ).
 */
export function pruneReach(c: Ctx, p: PoseNmsParams): number {
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
 * The elimination loop without trace, visiting only each pick's neighbours (the others provably do not
 * merge) and picking in (human score desc, index asc) order, which is torch.argmax's choice among the
 * remaining candidates. Same picks and clusters as {@link eliminateAll}.
 */
export function eliminatePruned(
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
  const ext = keypointExtents(c.poses, N, K, 2);
  const x0s = new Float32Array(N);
  for (let i = 0; i < N; i++) x0s[i] = ext[i * 4]!;
  const byX = argsortF32(x0s, N, false);
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
  const order = argsortF32(human, N, true);
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
export function eliminateAll(
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
