/**
 * The COCOeval keypoint engine on flat typed arrays: `evaluate` (computeOks + evaluateImg for every
 * image × category × area range) and `accumulate` (precision / recall tables), reproducing pycocotools
 * (cocodataset/cocoapi @ 8c9bcc3c `PythonAPI/pycocotools/cocoeval.py`) bit for bit; see
 * shared/spec/metrics-and-nms.md §2–§3 for every rule followed here.
 *
 * Speed: OKS is computed once per (image, category) cell and reused by every area range; all per-detection
 * and per-GT state lives in typed arrays indexed by cell offsets (no per-detection objects).
 *
 * @module
 */
import { cocoOksMatrix } from '@posekit/core';
import { stableArgsortDesc } from './argsort.js';
import type { CocoEvalParams } from './params.js';

/** `np.spacing(1)`. */
const EPS = 2.220446049250313e-16;

/** GT columns the engine needs (a {@link CocoGtAnnotations} or a per-keypoint slice of one). @internal */
export interface EngineGt {
  count: number;
  id: Float64Array;
  imageId: Float64Array;
  categoryId: Float64Array;
  keypoints: Float64Array;
  numKeypoints: Float64Array;
  area: Float64Array;
  bbox: Float64Array;
  iscrowd: Uint8Array;
}

/** Detection columns the engine needs. @internal */
export interface EngineDt {
  count: number;
  id: Float64Array;
  imageId: Float64Array;
  categoryId: Float64Array;
  score: Float64Array;
  keypoints: Float64Array;
  area: Float64Array;
}

/**
 * Output of {@link runEvaluate}: cells are (category slot k, image i) pairs, `cell = k·I + i` (one slot
 * when useCats is off). Per-cell GT / detection ranges index the `*S` (sorted) arrays.
 * @internal
 */
export interface EvaluateState {
  params: CocoEvalParams;
  /** Images, category slots (K or 1), area ranges, thresholds. */
  I: number;
  K: number;
  A: number;
  T: number;
  nCells: number;
  /** GT range of each cell in the cell-ordered arrays (annotation order within the cell). */
  gtStart: Int32Array;
  /** Annotation index (into the input GT) of each cell-ordered GT. */
  gtIdx: Int32Array;
  /** Kept detections (score order, cut to maxDets[-1]) of each cell. */
  dtStart: Int32Array;
  /** Detection index (into the input results) of each kept detection. */
  dtIdx: Int32Array;
  /** Detections of the cell before the cut (a cell with no GT and no detection is `None`). */
  dtRaw: Int32Array;
  gtIdS: Float64Array;
  dtIdS: Float64Array;
  dtScoreS: Float64Array;
  /** OKS matrices: cell c holds D×G values from oksStart[c] (rows = kept detections, columns = GTs). */
  oks: Float64Array;
  oksStart: Int32Array;
  /** False when pycocotools' useCats=0 quirk leaves every OKS matrix empty. */
  hasOks: boolean;
  /** Per area range a (blocks of totalG / T·totalG / T·totalD): */
  totalG: number;
  totalD: number;
  /** Column (annotation-order index within the cell) of the p-th GT after the ignore-last reorder. */
  gtPerm: Int32Array;
  gtIgnore: Uint8Array;
  /**
   * `gtMatches[a·T·totalG + T·gs + t·G + p]`: 1 + cell-ordered index of the matched detection, or 0
   * (pycocotools stores the detection id; `dtIdS[v − 1]` gives it).
   */
  gtMatches: Int32Array;
  /**
   * `dtMatches[a·T·totalD + T·ds + t·D + d]`: 1 + cell-ordered index of the matched GT, or 0. A match to a
   * GT whose id is 0 is stored as 0, as pycocotools' `dtm` (= GT id) is then 0 and counts as unmatched.
   */
  dtMatches: Int32Array;
  dtIgnore: Uint8Array;
}

/** Output of {@link runAccumulate}: pycocotools' `eval` dict. @internal */
export interface AccumulateState {
  /** [T, R, K, A, M], −1 where absent. */
  precision: Float64Array;
  /** [T, K, A, M]. */
  recall: Float64Array;
  /** [T, R, K, A, M]: the detection score at each recall threshold. */
  scores: Float64Array;
  dims: { T: number; R: number; K: number; A: number; M: number };
}

/**
 * pycocotools `evaluate()` (with `_prepare`, `computeOks`, `evaluateImg`).
 * @internal
 */
export function runEvaluate(gt: EngineGt, dt: EngineDt, p: CocoEvalParams): EvaluateState {
  const I = p.imgIds.length;
  const C = p.catIds.length;
  const useCats = p.useCats;
  const K = useCats ? C : 1;
  const A = p.areaRng.length;
  const T = p.iouThrs.length;
  const nCells = K * I;
  const maxDetLast = p.maxDets[p.maxDets.length - 1]!;
  const imgIdx = new Map<number, number>();
  p.imgIds.forEach((id, i) => imgIdx.set(id, i));
  const catIdx = new Map<number, number>();
  p.catIds.forEach((id, i) => catIdx.set(id, i));

  // --- GT: counting sort by a fine key so that a cell lists its GTs in (category, file) order.
  const nFine = C * I;
  const gtFine = new Int32Array(gt.count);
  const fineCount = new Int32Array(nFine + 1);
  for (let g = 0; g < gt.count; g++) {
    const ii = imgIdx.get(gt.imageId[g]!);
    const kk = catIdx.get(gt.categoryId[g]!);
    if (ii === undefined || kk === undefined) {
      gtFine[g] = -1;
      continue;
    }
    const f = useCats ? kk * I + ii : ii * C + kk;
    gtFine[g] = f;
    fineCount[f + 1]!++;
  }
  for (let f = 0; f < nFine; f++) fineCount[f + 1]! += fineCount[f]!;
  const totalG = fineCount[nFine]!;
  const gtIdx = new Int32Array(totalG);
  {
    const pos = fineCount.slice(0, nFine);
    for (let g = 0; g < gt.count; g++) {
      const f = gtFine[g]!;
      if (f >= 0) gtIdx[pos[f]!++] = g;
    }
  }
  const gtStart = new Int32Array(nCells + 1);
  if (useCats) gtStart.set(fineCount);
  else for (let i = 0; i <= I; i++) gtStart[i] = fineCount[i * C]!;

  // --- Detections: one global stable order (score desc; then category slot, then list position, which is
  // the order pycocotools' per-cell mergesort leaves ties in), then a stable counting sort by cell.
  const dtCell = new Int32Array(dt.count);
  const dtCat = new Int32Array(dt.count);
  let nCand = 0;
  for (let d = 0; d < dt.count; d++) {
    const ii = imgIdx.get(dt.imageId[d]!);
    const kk = catIdx.get(dt.categoryId[d]!);
    if (ii === undefined || kk === undefined) {
      dtCell[d] = -1;
      continue;
    }
    dtCell[d] = useCats ? kk * I + ii : ii;
    dtCat[d] = kk;
    nCand++;
  }
  const order = new Int32Array(nCand);
  if (useCats || C === 1) {
    let j = 0;
    for (let d = 0; d < dt.count; d++) if (dtCell[d]! >= 0) order[j++] = d;
  } else {
    // Pooled categories: ties are ordered by category, then list position (a stable counting sort first).
    const pos = new Int32Array(C + 1);
    for (let d = 0; d < dt.count; d++) if (dtCell[d]! >= 0) pos[dtCat[d]! + 1]!++;
    for (let c = 0; c < C; c++) pos[c + 1]! += pos[c]!;
    for (let d = 0; d < dt.count; d++) if (dtCell[d]! >= 0) order[pos[dtCat[d]!]!++] = d;
  }
  stableArgsortDesc(order, nCand, dt.score);
  const dtRaw = new Int32Array(nCells);
  for (let j = 0; j < nCand; j++) dtRaw[dtCell[order[j]!]!]!++;
  const dtStart = new Int32Array(nCells + 1);
  for (let c = 0; c < nCells; c++) dtStart[c + 1] = dtStart[c]! + Math.min(dtRaw[c]!, maxDetLast);
  const totalD = dtStart[nCells]!;
  const dtIdx = new Int32Array(totalD);
  {
    const pos = dtStart.slice(0, nCells);
    for (let j = 0; j < nCand; j++) {
      const d = order[j]!;
      const c = dtCell[d]!;
      if (pos[c]! < dtStart[c + 1]!) dtIdx[pos[c]!++] = d;
    }
  }

  // --- Cell-ordered copies of what the hot loops read.
  const gtAreaS = new Float64Array(totalG);
  const gtIdS = new Float64Array(totalG);
  const gtBaseIgn = new Uint8Array(totalG);
  const gtCrowdS = new Uint8Array(totalG);
  {
    // Local references keep these loops monomorphic (the inputs are plain typed arrays).
    const ar = gt.area;
    const ids = gt.id;
    const crowd = gt.iscrowd;
    const nk = gt.numKeypoints;
    for (let s = 0; s < totalG; s++) {
      const g = gtIdx[s]!;
      gtAreaS[s] = ar[g]!;
      gtIdS[s] = ids[g]!;
      gtCrowdS[s] = crowd[g]!;
      // _prepare: ignore = iscrowd; for keypoints also num_keypoints == 0.
      gtBaseIgn[s] = crowd[g]! !== 0 || nk[g]! === 0 ? 1 : 0;
    }
  }
  const dtAreaS = new Float64Array(totalD);
  const dtIdS = new Float64Array(totalD);
  const dtScoreS = new Float64Array(totalD);
  {
    const ar = dt.area;
    const ids = dt.id;
    const sc = dt.score;
    for (let s = 0; s < totalD; s++) {
      const d = dtIdx[s]!;
      dtAreaS[s] = ar[d]!;
      dtIdS[s] = ids[d]!;
      dtScoreS[s] = sc[d]!;
    }
  }

  // --- computeOks, once per cell. pycocotools' computeOks ignores useCats and looks up (image, -1), which
  // is always empty: with useCats=0 nothing can match (reproduced unless useCats0Oks).
  const hasOks = useCats || p.useCats0Oks;
  const oksStart = new Int32Array(nCells + 1);
  for (let c = 0; c < nCells; c++) {
    const D = dtStart[c + 1]! - dtStart[c]!;
    const G = gtStart[c + 1]! - gtStart[c]!;
    oksStart[c + 1] = oksStart[c]! + (hasOks ? D * G : 0);
  }
  const oks = new Float64Array(oksStart[nCells]!);
  if (hasOks) {
    for (let c = 0; c < nCells; c++) {
      const ds = dtStart[c]!;
      const gs = gtStart[c]!;
      const D = dtStart[c + 1]! - ds;
      const G = gtStart[c + 1]! - gs;
      if (D === 0 || G === 0) continue;
      // Gather through the index lists: no copy of the keypoints.
      cocoOksMatrix(oks, { keypoints: dt.keypoints, indices: dtIdx, start: ds, count: D }, { keypoints: gt.keypoints, areas: gt.area, bboxes: gt.bbox, indices: gtIdx, start: gs, count: G }, p.sigmas, oksStart[c]!);
    }
  }

  // --- evaluateImg for every (cell, area range).
  const gtPerm = new Int32Array(A * totalG);
  const gtIgnore = new Uint8Array(A * totalG);
  const gtMatches = new Int32Array(A * T * totalG);
  const dtMatches = new Int32Array(A * T * totalD);
  const dtIgnore = new Uint8Array(A * T * totalD);
  const thr = new Float64Array(T);
  for (let t = 0; t < T; t++) thr[t] = Math.min(p.iouThrs[t]!, 1 - 1e-10);
  let crowdP = new Uint8Array(16);
  let ignP = new Uint8Array(16);
  let permP = new Int32Array(16);
  for (let a = 0; a < A; a++) {
    const lo = p.areaRng[a]![0];
    const hi = p.areaRng[a]![1];
    const aG = a * totalG;
    const aGM = a * T * totalG;
    const aDM = a * T * totalD;
    for (let c = 0; c < nCells; c++) {
      const gs = gtStart[c]!;
      const ds = dtStart[c]!;
      const G = gtStart[c + 1]! - gs;
      const D = dtStart[c + 1]! - ds;
      if (G > permP.length) {
        permP = new Int32Array(2 * G);
        ignP = new Uint8Array(2 * G);
        crowdP = new Uint8Array(2 * G);
      }
      // _ignore flags and the stable "non-ignored first" reorder.
      let np = 0;
      for (let j = 0; j < G; j++) {
        const ar = gtAreaS[gs + j]!;
        if (!(gtBaseIgn[gs + j]! || ar < lo || ar > hi)) permP[np++] = j;
      }
      const nNonIgn = np;
      for (let j = 0; j < G; j++) {
        const ar = gtAreaS[gs + j]!;
        if (gtBaseIgn[gs + j]! || ar < lo || ar > hi) permP[np++] = j;
      }
      for (let q = 0; q < G; q++) {
        const j = permP[q]!;
        ignP[q] = q < nNonIgn ? 0 : 1;
        crowdP[q] = gtCrowdS[gs + j]!;
        gtPerm[aG + gs + q] = j;
        gtIgnore[aG + gs + q] = ignP[q]!;
      }
      const gmCell = aGM + T * gs;
      const dmCell = aDM + T * ds;
      if (hasOks && D > 0 && G > 0) {
        const ob = oksStart[c]!;
        for (let t = 0; t < T; t++) {
          const gm = gmCell + t * G;
          const dm = dmCell + t * D;
          const th = thr[t]!;
          for (let d = 0; d < D; d++) {
            let iou = th;
            let m = -1;
            const row = ob + d * G;
            for (let q = 0; q < G; q++) {
              // A GT already matched at this threshold is skipped unless it is a crowd region.
              if (gtMatches[gm + q]! > 0 && !crowdP[q]) continue;
              // Once matched to a regular GT, stop at the first ignored one.
              if (m > -1 && ignP[m] === 0 && ignP[q] === 1) break;
              const v = oks[row + permP[q]!]!;
              if (v < iou) continue;
              iou = v;
              m = q;
            }
            if (m === -1) continue;
            dtIgnore[dm + d] = ignP[m]!;
            const gsm = gs + permP[m]!;
            dtMatches[dm + d] = gtIdS[gsm] === 0 ? 0 : gsm + 1;
            gtMatches[gm + m] = ds + d + 1;
          }
        }
      }
      // Unmatched detections whose own (loadRes) area is outside the range are ignored. "Unmatched" is
      // dtm == 0, i.e. also a detection matched to a GT whose id is 0 (pycocotools quirk).
      for (let d = 0; d < D; d++) {
        const ar = dtAreaS[ds + d]!;
        if (ar < lo || ar > hi) {
          for (let t = 0; t < T; t++) {
            const x = dmCell + t * D + d;
            if (dtMatches[x] === 0) dtIgnore[x] = 1;
          }
        }
      }
    }
  }
  return {
    params: p, I, K, A, T, nCells, gtStart, gtIdx, dtStart, dtIdx, dtRaw, gtIdS, dtIdS, dtScoreS, oks, oksStart, hasOks,
    totalG, totalD, gtPerm, gtIgnore, gtMatches, dtMatches, dtIgnore,
  };
}

/** Whether evaluateImg returned None for cell c (no GT and no detection). @internal */
export function isNoneCell(s: EvaluateState, c: number): boolean {
  return s.gtStart[c + 1] === s.gtStart[c] && s.dtRaw[c] === 0;
}

/**
 * pycocotools `accumulate()`.
 * @internal
 */
export function runAccumulate(s: EvaluateState): AccumulateState {
  const p = s.params;
  const { I, K, A, T } = s;
  const R = p.recThrs.length;
  const M = p.maxDets.length;
  const precision = new Float64Array(T * R * K * A * M).fill(-1);
  const recall = new Float64Array(T * K * A * M).fill(-1);
  const scores = new Float64Array(T * R * K * A * M).fill(-1);
  const recThrs = Float64Array.from(p.recThrs);
  // Entry buffers sized for the largest possible concatenation.
  const cap = s.totalD;
  const entScore = new Float64Array(cap);
  const entBase = new Int32Array(cap);
  const entD = new Int32Array(cap);
  const idx = new Int32Array(cap);
  const sBase = new Int32Array(cap);
  const sD = new Int32Array(cap);
  const sScore = new Float64Array(cap);
  const tpPos = new Int32Array(cap);
  const status = new Uint8Array(cap * T);
  const prT = new Float64Array(cap);
  const rcT = new Float64Array(cap);
  const q = new Float64Array(R);
  const ss = new Float64Array(R);
  const cells: number[] = [];
  for (let k = 0; k < K; k++) {
    cells.length = 0;
    for (let i = 0; i < I; i++) if (!isNoneCell(s, k * I + i)) cells.push(k * I + i);
    if (cells.length === 0) continue;
    for (let mi = 0; mi < M; mi++) {
      const maxDet = p.maxDets[mi]!;
      // Concatenate each image's first maxDet detections, then a stable sort by -score.
      let n = 0;
      for (const c of cells) {
        const ds = s.dtStart[c]!;
        const D = s.dtStart[c + 1]! - ds;
        const take = Math.min(D, maxDet);
        for (let d = 0; d < take; d++) {
          entScore[n] = s.dtScoreS[ds + d]!;
          entBase[n] = T * ds + d;
          entD[n] = D;
          n++;
        }
      }
      for (let j = 0; j < n; j++) idx[j] = j;
      stableArgsortDesc(idx, n, entScore);
      for (let j = 0; j < n; j++) {
        const e = idx[j]!;
        sBase[j] = entBase[e]!;
        sD[j] = entD[e]!;
        sScore[j] = entScore[e]!;
      }
      for (let a = 0; a < A; a++) {
        let npig = 0;
        const aG = a * s.totalG;
        for (const c of cells) {
          for (let g = s.gtStart[c]!; g < s.gtStart[c + 1]!; g++) if (s.gtIgnore[aG + g] === 0) npig++;
        }
        if (npig === 0) continue;
        const aDM = a * T * s.totalD;
        // One pass in score order reading each detection's T flags together (they are adjacent in memory):
        // status 1 = true positive, 2 = false positive, 0 = ignored.
        const dIg = s.dtIgnore;
        const dM = s.dtMatches;
        for (let j = 0; j < n; j++) {
          const x = aDM + sBase[j]!;
          const D = sD[j]!;
          for (let t = 0; t < T; t++) {
            const y = x + t * D;
            status[t * n + j] = dIg[y] !== 0 ? 0 : dM[y] !== 0 ? 1 : 2;
          }
        }
        for (let t = 0; t < T; t++) {
          // pycocotools builds rc = tp/npig and pr = tp/(tp + fp + eps) at every position, takes the
          // running max of pr from the end, and reads it at searchsorted(rc, recThrs, 'left'). For r > rc[0]
          // that index is always the position of a true positive (rc only grows there), and the running max
          // from a true positive on is attained at true positives (pr only falls elsewhere). So it is enough
          // to evaluate rc and pr at true positives and at index 0: the same doubles, far fewer divisions.
          let tp = 0;
          let fp = 0;
          let nTp = 0;
          const so = t * n;
          for (let j = 0; j < n; j++) {
            const st = status[so + j]!;
            if (st === 1) {
              tp++;
              tpPos[nTp] = j;
              prT[nTp] = tp / (fp + tp + EPS);
              rcT[nTp] = tp / npig;
              nTp++;
            } else if (st === 2) fp++;
          }
          const rIdx = ((t * K + k) * A + a) * M + mi;
          recall[rIdx] = n > 0 ? tp / npig : 0;
          for (let i = nTp - 1; i > 0; i--) if (prT[i]! > prT[i - 1]!) prT[i - 1] = prT[i]!;
          q.fill(0);
          ss.fill(0);
          if (n > 0) {
            const tp0 = status[so] === 1 ? 1 : 0;
            const fp0 = status[so] === 2 ? 1 : 0;
            const rc0 = tp0 / npig;
            let env0 = tp0 / (fp0 + tp0 + EPS);
            if (nTp > 0 && prT[0]! > env0) env0 = prT[0]!;
            for (let r = 0; r < R; r++) {
              const v = recThrs[r]!;
              if (rc0 >= v) {
                q[r] = env0;
                ss[r] = sScore[0]!;
                continue;
              }
              // first true positive with rc ≥ v (searchsorted 'left' over the non-decreasing rc)
              let lo = 0;
              let hi = nTp;
              while (lo < hi) {
                const mid = (lo + hi) >>> 1;
                if (rcT[mid]! < v) lo = mid + 1;
                else hi = mid;
              }
              if (lo >= nTp) break;
              q[r] = prT[lo]!;
              ss[r] = sScore[tpPos[lo]!]!;
            }
          }
          for (let r = 0; r < R; r++) {
            const o = (((t * R + r) * K + k) * A + a) * M + mi;
            precision[o] = q[r]!;
            scores[o] = ss[r]!;
          }
        }
      }
    }
  }
  return { precision, recall, scores, dims: { T, R, K, A, M } };
}
