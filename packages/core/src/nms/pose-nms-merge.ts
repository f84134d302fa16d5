/**
 * Merging the clusters of AlphaPose's parametric NMS (internal): `p_merge_fast`, the score and area filters,
 * and the writer's proposal score, in float32 with torch's summation order.
 * @internal
 * @module
 */
import type { PoseNmsParams } from './params.js';
import type { PoseNmsResult, PoseNmsTraceStep } from './pose-nms-types.js';
import { dist32, type Ctx } from './pose-nms-similarity.js';
import { torchInnerSum, torchOuterSum } from './torch-sum.js';

const f = Math.fround;

/** Steps 4–5 of the reference: drop weak picks, merge each cluster (`p_merge_fast`), area filter, outputs. @internal */
export function mergeClusters(
  c: Ctx,
  p: PoseNmsParams,
  boxes: Float32Array,
  boxScoresIn: ArrayLike<number>,
  idsIn: ArrayLike<number> | undefined,
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
