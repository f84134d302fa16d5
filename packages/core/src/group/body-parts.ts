/**
 * Improved-Body-Parts ("Simple Pose") keypoint assignment, a faithful port of jialee93/Improved-Body-Parts
 * @ df0a8ced `evaluate.py` (`find_peaks`, `find_connections`, `find_people`), restated in
 * shared/spec/decode-affine-grouping.md §4.
 * @module
 */
import { PosekitError } from '../errors.js';
import { checkBool, checkOptionKeys } from '../option-keys.js';
import { bodyPartPeaks } from './body-part-peaks.js';
import { BODY_PARTS_LIMBS, poseFromParts } from './layouts.js';
import { linspaceAt, roundHalfEven } from './numeric.js';
import { greedyConnections } from './openpose.js';
import type { BodyPartsGrouping, GroupingLayout, LimbConnections, MapTensor, PeakCandidates } from './types.js';
import { checkInt, checkMaps, checkNumber, checkPairs, checkSameSize, nonFinite } from './validate.js';

/**
 * Options of {@link groupBodyParts}. The following defaults apply (Improved-Body-Parts `utils/config`):
 * `thre1` 0.1, `nmsKernel` 3, `thre2` 0.1, `connectRatio` 0.8, `midNum` 20, `lenRate` 16, `connectionTole` 0.7,
 * `offsetRadius` 2 (at stride 1), `removeRecon` 0, `minParts` 2, `minMeanScore` 0.45, `limbs`
 * {@link BODY_PARTS_LIMBS}, `fixCentroidAxes` false, `stride` 1, `imageHeight` = map height × stride,
 * `layout` `'coco17'`.
 */
export interface BodyPartsOptions {
  /** Peak threshold (`≥`, on the float32 map), > 0. */
  thre1?: number;
  /** Limb-map threshold per sample (strict `>`). */
  thre2?: number;
  /** A limb needs `count(samples > thre2) ≥ connectRatio · samples`. */
  connectRatio?: number;
  /** Most samples per limb: `min(round(|v| + 1), midNum)`. */
  midNum?: number;
  /** A part joins a person only if `lenRate · longest limb so far > this limb's length`. */
  lenRate?: number;
  /** Two partial persons merge only if the link scores ≥ `connectionTole` · their weakest link. */
  connectionTole?: number;
  /** Max-pool NMS kernel of the peak finder (odd; the reference's `keypoint_heatmap_nms(kernel=3)`). */
  nmsKernel?: number;
  /** Centroid window radius of the peak refinement. Default 2 at stride 1, max(1, round(2 / stride)) otherwise. */
  offsetRadius?: number;
  /** `remove_recon`: > 0 removes the weaker of two competing links (the reference's default 0 keeps both). */
  removeRecon?: number;
  /** Rows with fewer parts are deleted (`count < 2`). */
  minParts?: number;
  /** Rows with `total / count` below this are deleted. */
  minMeanScore?: number;
  /** Limb table (0-based part pairs); limb k reads channel k of the limb maps. */
  limbs?: readonly (readonly [number, number])[];
  /**
   * The reference's `refine_centroid` builds its offset grids with `np.mgrid` in (row, column) order, so x
   * receives the row (y) offset and y the column offset. `false` (default) keeps that swap for parity; `true`
   * applies each offset to its own axis.
   */
  fixCentroidAxes?: boolean;
  /**
   * Network stride of the maps (1 = maps already upsampled to the image, the reference path). Greater than 1
   * = the stride-sized path: sample counts use the limb length in image pixels (`|v| · stride`), the distance
   * prior uses the map height, the centroid radius shrinks (see `offsetRadius`), and pose coordinates map back
   * to image pixels with `x · stride + stride / 2 − 0.5`.
   */
  stride?: number;
  /** Image height for the distance prior (the reference passes `oriImg.shape[0]` as "image_width"). */
  imageHeight?: number;
  /** Output layout of `poses`: COCO-17 (the reference's output) or the 18 parts. */
  layout?: GroupingLayout;
}

const FN = 'groupBodyParts';

const OPTION_KEYS = [
  'thre1',
  'thre2',
  'connectRatio',
  'midNum',
  'lenRate',
  'connectionTole',
  'nmsKernel',
  'offsetRadius',
  'removeRecon',
  'minParts',
  'minMeanScore',
  'limbs',
  'fixCentroidAxes',
  'stride',
  'imageHeight',
  'layout',
];

/**
 * Improved-Body-Parts bottom-up assignment of one image: NMS peaks with centroid refinement, body-part
 * (limb) map scoring, greedy matching, and `find_people` with its length, tolerance and replacement rules.
 *
 * Reference behaviour kept: torch `reflect` max-pool NMS on a float32 copy; the centroid axis swap (see
 * `fixCentroidAxes`); half-to-even rounding; the distance prior with the image height; `≥ 0.8·m` samples;
 * the candidate key `0.5·prior + 0.25·(sA + sB)`; a merge keeps only the first row's longest limb; a third
 * matching row is ignored. Person score = `1 − 1/total` (the reference's COCO score); `subsets` keep the raw
 * totals.
 *
 * @param heatmaps - part maps `[C ≥ 18, H, W]` (extra channels ignored), CHW, float32/float64
 * @param limbs - body-part (limb) maps `[C, H, W]`, channel k = limb k of `limbs` (30 for the default table)
 * @param options - see {@link BodyPartsOptions}
 * @returns poses plus the reference's candidates, connections and rows
 * @throws PosekitError E_ARGUMENT / E_DTYPE / E_RANK / E_SHAPE for malformed maps or sizes that differ,
 *   E_NONFINITE for NaN / ±Infinity in a heatmap or in a limb-map value the scoring reads, E_RANGE for bad
 *   options (thre1 <= 0 included), E_ARGUMENT for options that are not an object, hold an unknown name or a
 *   non-boolean fixCentroidAxes
 */
export function groupBodyParts(heatmaps: MapTensor, limbs: MapTensor, options: BodyPartsOptions = {}): BodyPartsGrouping {
  checkOptionKeys(FN, options, OPTION_KEYS);
  const stride = checkNumber(FN, 'stride', options.stride ?? 1, Number.MIN_VALUE);
  const layout = options.layout ?? 'coco17';
  if (layout !== 'openpose_coco18' && layout !== 'coco17') {
    throw new PosekitError('E_ARGUMENT', `${FN}: option layout must be 'openpose_coco18' or 'coco17'; received ${JSON.stringify(layout)}`, {
      field: 'layout',
      expected: ['openpose_coco18', 'coco17'],
      received: layout,
    });
  }
  const thre1 = checkNumber(FN, 'thre1', options.thre1 ?? 0.1);
  // The peak test is `>=`: thre1 <= 0 made every pixel of an empty map a peak (O(pixels²) limb pairs).
  if (!(thre1 > 0)) {
    throw new PosekitError('E_RANGE', `${FN}: option thre1 must be > 0 (peaks are values >= thre1, so 0 admits every empty pixel); received ${thre1}`, {
      field: 'thre1',
      expected: '> 0',
      received: thre1,
    });
  }
  const thre2 = checkNumber(FN, 'thre2', options.thre2 ?? 0.1);
  const connectRatio = checkNumber(FN, 'connectRatio', options.connectRatio ?? 0.8);
  const midNum = checkInt(FN, 'midNum', options.midNum ?? 20, 1, 1e6);
  const lenRate = checkNumber(FN, 'lenRate', options.lenRate ?? 16);
  const connectionTole = checkNumber(FN, 'connectionTole', options.connectionTole ?? 0.7);
  const radius = checkInt(FN, 'offsetRadius', options.offsetRadius ?? (stride === 1 ? 2 : Math.max(1, roundHalfEven(2 / stride))), 0, 1000);
  const removeRecon = checkNumber(FN, 'removeRecon', options.removeRecon ?? 0);
  const minParts = checkNumber(FN, 'minParts', options.minParts ?? 2);
  const minMeanScore = checkNumber(FN, 'minMeanScore', options.minMeanScore ?? 0.45);
  const limbTable = checkPairs(FN, 'limbs', options.limbs ?? BODY_PARTS_LIMBS, 0, 17);
  const fix = checkBool(FN, 'option fixCentroidAxes', options.fixCentroidAxes, false);
  const nmsKernel = checkInt(FN, 'nmsKernel', options.nmsKernel ?? 3, 1, 99);
  if (nmsKernel % 2 === 0) {
    throw new PosekitError('E_RANGE', `${FN}: option nmsKernel must be odd; received ${nmsKernel}`, { field: 'nmsKernel', expected: 'odd integer', received: nmsKernel });
  }
  const hm = checkMaps(FN, 'heatmaps', heatmaps, 18);
  const lm = checkMaps(FN, 'limbs', limbs, limbTable.length);
  checkSameSize(FN, hm, 'heatmaps', lm, 'limbs');
  const H = hm.height;
  const W = hm.width;
  const heightForPrior = (options.imageHeight === undefined ? H * stride : checkNumber(FN, 'imageHeight', options.imageHeight, Number.MIN_VALUE)) / stride;

  // 1. Peaks.
  const partStart = new Int32Array(19);
  const acc = { x: [] as number[], y: [] as number[], score: [] as number[] };
  const partOf: number[] = [];
  const scratch = new Float32Array(H * W);
  for (let p = 0; p < 18; p++) {
    partStart[p] = acc.x.length;
    if (H > 0 && W > 0) bodyPartPeaks(hm.data, p, H, W, thre1, radius, fix, acc, FN, scratch, nmsKernel);
    for (let i = partOf.length; i < acc.x.length; i++) partOf.push(p);
  }
  partStart[18] = acc.x.length;
  const count = acc.x.length;
  const cx = Float64Array.from(acc.x);
  const cy = Float64Array.from(acc.y);
  const cs = Float64Array.from(acc.score);
  const candidates: PeakCandidates = { count, x: cx, y: cy, score: cs, part: Int32Array.from(partOf), partStart };

  // 2. Connections per limb.
  const connections: (LimbConnections | null)[] = [];
  const specialK: number[] = [];
  const ld = lm.data;
  const plane = H * W;
  for (let k = 0; k < limbTable.length; k++) {
    const [pa, pb] = limbTable[k]!;
    const a0 = partStart[pa]!;
    const nA = partStart[pa + 1]! - a0;
    const b0 = partStart[pb]!;
    const nB = partStart[pb + 1]! - b0;
    if (nA === 0 || nB === 0) {
      specialK.push(k);
      connections.push(null);
      continue;
    }
    const base = k * plane;
    const ci: number[] = [];
    const cj: number[] = [];
    const cprior: number[] = [];
    const clen: number[] = [];
    const ckey: number[] = [];
    for (let i = 0; i < nA; i++) {
      const xa = cx[a0 + i]!;
      const ya = cy[a0 + i]!;
      for (let j = 0; j < nB; j++) {
        const xb = cx[b0 + j]!;
        const yb = cy[b0 + j]!;
        const vx = xb - xa;
        const vy = yb - ya;
        const norm = Math.sqrt(vx * vx + vy * vy);
        if (norm === 0) continue;
        const m = Math.min(roundHalfEven(norm * stride + 1), midNum);
        let sum = 0;
        let above = 0;
        for (let s = 0; s < m; s++) {
          const sx = roundHalfEven(linspaceAt(xa, xb, m, s));
          const sy = roundHalfEven(linspaceAt(ya, yb, m, s));
          const v = ld[base + sy * W + sx]!;
          if (!Number.isFinite(v)) nonFinite(FN, 'limbs', k, sy, sx, v);
          sum += v;
          if (v > thre2) above++;
        }
        const prior = sum / m + Math.min((0.5 * heightForPrior) / norm - 1, 0);
        if (above >= connectRatio * m && prior > 0) {
          ci.push(i);
          cj.push(j);
          cprior.push(prior);
          clen.push(norm);
          ckey.push(0.5 * prior + 0.25 * cs[a0 + i]! + 0.25 * cs[b0 + j]!);
        }
      }
    }
    connections.push(greedyConnections(k, a0, b0, nA, nB, ci, cj, ckey, cprior, clen));
  }

  // 3. find_people: rows of 20 x 2 flattened: [2p] id, [2p + 1] attach score, [36] total, [38] count, [39] max len.
  let rows: Float64Array[] = [];
  for (let k = 0; k < limbTable.length; k++) {
    const conn = connections[k];
    if (!conn) continue;
    const [ia, ib] = limbTable[k]!;
    for (let c = 0; c < conn.count; c++) {
      const idA = conn.idA[c]!;
      const idB = conn.idB[c]!;
      const s = conn.score[c]!;
      const len = conn.length[c]!;
      let found = 0;
      let j1 = -1;
      let j2 = -1;
      for (let r = 0; r < rows.length; r++) {
        const row = rows[r]!;
        if (row[2 * ia] === idA || row[2 * ib] === idB) {
          if (found >= 2) continue; // the reference prints an error and ignores the third match
          if (found === 0) j1 = r;
          else j2 = r;
          found++;
        }
      }
      if (found === 1) {
        const row = rows[j1]!;
        const cur = row[2 * ib]!;
        if (cur === -1 && lenRate * row[39]! > len) {
          row[2 * ib] = idB;
          row[2 * ib + 1] = s;
          row[38] += 1;
          row[36] += cs[idB]! + s;
          row[39] = Math.max(len, row[39]!);
        } else if (cur !== idB) {
          if (row[2 * ib + 1]! >= s) {
            // keep the existing, more confident link
          } else {
            if (lenRate * row[39]! <= len) continue;
            row[36] -= cs[cur]! + row[2 * ib + 1]!;
            row[2 * ib] = idB;
            row[2 * ib + 1] = s;
            row[36] += cs[idB]! + s;
            row[39] = Math.max(len, row[39]!);
          }
        } else if (row[2 * ib + 1]! <= s) {
          row[36] -= cs[idB]! + row[2 * ib + 1]!;
          row[2 * ib] = idB;
          row[2 * ib + 1] = s;
          row[36] += cs[idB]! + s;
          row[39] = Math.max(len, row[39]!);
        }
      } else if (found === 2) {
        const r1 = rows[j1]!;
        const r2 = rows[j2]!;
        let disjoint = true;
        let min1 = Infinity;
        let min2 = Infinity;
        for (let p = 0; p < 18; p++) {
          const m1 = r1[2 * p]! >= 0;
          const m2 = r2[2 * p]! >= 0;
          if (m1 && m2) disjoint = false;
          if (m1 && r1[2 * p + 1]! < min1) min1 = r1[2 * p + 1]!;
          if (m2 && r2[2 * p + 1]! < min2) min2 = r2[2 * p + 1]!;
        }
        if (disjoint) {
          const tolerance = Math.min(min1, min2);
          if (s < connectionTole * tolerance || lenRate * r1[39]! <= len) continue;
          for (let q = 0; q < 36; q++) r1[q] += r2[q]! + 1;
          r1[36] += r2[36]!;
          r1[38] += r2[38]!;
          r1[36] += s;
          r1[39] = Math.max(len, r1[39]!);
          rows.splice(j2, 1);
        } else {
          let c1 = -1;
          let c2 = -1;
          let r1HasA = false;
          for (let p = 0; p < 18; p++) if (r1[2 * p] === idA) r1HasA = true;
          for (let p = 0; p < 18; p++) {
            if (r1[2 * p] === (r1HasA ? idA : idB)) c1 = p;
            if (r2[2 * p] === (r1HasA ? idB : idA)) c2 = p;
          }
          if (c1 < 0 || c2 < 0) continue;
          if (s < r1[2 * c1 + 1]! && s < r2[2 * c2 + 1]!) continue;
          let small = r1;
          let removeC = c1;
          if (r1[2 * c1 + 1]! > r2[2 * c2 + 1]!) {
            small = r2;
            removeC = c2;
          }
          if (removeRecon > 0) {
            small[36] -= cs[small[2 * removeC]!]! + small[2 * removeC + 1]!;
            small[2 * removeC] = -1;
            small[2 * removeC + 1] = -1;
            small[38] -= 1;
          }
        }
      } else {
        const row = new Float64Array(40).fill(-1);
        row[2 * ia] = idA;
        row[2 * ia + 1] = s;
        row[2 * ib] = idB;
        row[2 * ib + 1] = s;
        row[38] = 2;
        row[39] = len;
        row[36] = cs[idA]! + cs[idB]! + s;
        rows.push(row);
      }
    }
  }
  rows = rows.filter((row) => !(row[38]! < minParts || row[36]! / row[38]! < minMeanScore));
  const poses = rows.map((row) => poseFromParts(row, 2, cx, cy, cs, 1 - 1 / row[36]!, layout, stride));
  return { poses, candidates, connections, specialK, subsets: rows };
}
