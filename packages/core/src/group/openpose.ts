/**
 * OpenPose PAF grouping, a faithful port of Hzzone/pytorch-openpose @ 5ee71dc1 `src/body.py` (`Body.__call__`
 * after the network), restated in shared/spec/decode-affine-grouping.md §3.
 * @module
 */
import { PosekitError } from '../errors.js';
import { MAX_BLUR_KERNEL_SIZE } from '../decode/internal.js';
import { checkOptionKeys } from '../option-keys.js';
import { createPeakWorkspace, gaussianPeaks } from './gaussian-peaks.js';
import { OPENPOSE_LIMB_SEQ, OPENPOSE_MAP_IDX, poseFromParts } from './layouts.js';
import { linspaceAt, roundHalfEven } from './numeric.js';
import type { GroupingLayout, LimbConnections, MapTensor, OpenPoseGrouping, PeakCandidates } from './types.js';
import { checkInt, checkMaps, checkNumber, checkPairs, checkSameSize, nonFinite } from './validate.js';

/**
 * Options of {@link groupOpenPose}. The following defaults apply (the reference's): `thre1` 0.1, `thre2`
 * 0.05, `midNum` 10, `sigma` 3, `truncate` 4, `limbSeq` {@link OPENPOSE_LIMB_SEQ}, `mapIdx`
 * {@link OPENPOSE_MAP_IDX}, `newPersonLimbs` 17, `minParts` 4, `minMeanScore` 0.4, `stride` 1,
 * `imageHeight` = map height × stride, `layout` `'openpose_coco18'`.
 */
export interface OpenPoseOptions {
  /** Peak threshold on the blurred part map (strict `>`), >= 0. */
  thre1?: number;
  /** PAF threshold per sample (strict `>`); a limb needs more than 80 % of its samples above it. */
  thre2?: number;
  /** Samples per limb (`np.linspace`, endpoints included). */
  midNum?: number;
  /**
   * σ of the peak blur (`scipy.ndimage.gaussian_filter`), in image pixels. Divided by `stride`. The kernel,
   * 2·int(truncate·σ/stride + 0.5) + 1 taps, may have at most 1023 taps.
   */
  sigma?: number;
  /** Blur radius = int(truncate · σ + 0.5), scipy's default 4. */
  truncate?: number;
  /** Limb table, 1-based part pairs. */
  limbSeq?: readonly (readonly [number, number])[];
  /** PAF channel pair of each limb, as channel + 19 (the reference's `mapIdx`). */
  mapIdx?: readonly (readonly [number, number])[];
  /** New person rows are created only for limbs `k < newPersonLimbs` (17 in the reference). */
  newPersonLimbs?: number;
  /** Rows with fewer parts are deleted (`count < 4`). */
  minParts?: number;
  /** Rows with `total / count` below this are deleted. */
  minMeanScore?: number;
  /**
   * Network stride of the maps. 1 (default) = maps already upsampled to the image, the reference path.
   * Greater than 1 = the stride-sized path: the maps stay at network resolution, σ is divided by the stride,
   * the distance prior uses the map height, and pose coordinates are mapped back to image pixels with the
   * pixel-centre convention `x · stride + stride / 2 − 0.5`. Candidates stay in map cells.
   */
  stride?: number;
  /** Image height (pixels) for the distance prior `min(0.5 · H / |v| − 1, 0)`. Default: map height × stride. */
  imageHeight?: number;
  /** Output layout of `poses`: the 18 OpenPose parts, or COCO-17 (neck dropped). */
  layout?: GroupingLayout;
}

const FN = 'groupOpenPose';

const OPTION_KEYS = [
  'thre1',
  'thre2',
  'midNum',
  'sigma',
  'truncate',
  'limbSeq',
  'mapIdx',
  'newPersonLimbs',
  'minParts',
  'minMeanScore',
  'stride',
  'imageHeight',
  'layout',
];

interface Resolved {
  thre1: number;
  thre2: number;
  midNum: number;
  sigma: number;
  truncate: number;
  limbs: [number, number][];
  paf: [number, number][];
  newPersonLimbs: number;
  minParts: number;
  minMeanScore: number;
  stride: number;
  imageHeight: number | undefined;
  layout: GroupingLayout;
}

function resolve(o: OpenPoseOptions): Resolved {
  checkOptionKeys(FN, o, OPTION_KEYS);
  const stride = checkNumber(FN, 'stride', o.stride ?? 1, Number.MIN_VALUE);
  const layout = o.layout ?? 'openpose_coco18';
  if (layout !== 'openpose_coco18' && layout !== 'coco17') {
    throw new PosekitError('E_ARGUMENT', `${FN}: option layout must be 'openpose_coco18' or 'coco17'; received ${JSON.stringify(layout)}`, {
      field: 'layout',
      expected: ['openpose_coco18', 'coco17'],
      received: layout,
    });
  }
  const limbs = checkPairs(FN, 'limbSeq', o.limbSeq ?? OPENPOSE_LIMB_SEQ, 1, 18).map(([a, b]) => [a - 1, b - 1] as [number, number]);
  const paf = checkPairs(FN, 'mapIdx', o.mapIdx ?? OPENPOSE_MAP_IDX, 19, Number.MAX_SAFE_INTEGER).map(([a, b]) => [a - 19, b - 19] as [number, number]);
  if (paf.length !== limbs.length) {
    throw new PosekitError('E_SHAPE', `${FN}: mapIdx must have one pair per limb (${limbs.length}); received ${paf.length}`, {
      expected: limbs.length,
      received: paf.length,
    });
  }
  const sigma = checkNumber(FN, 'sigma', o.sigma ?? 3, Number.MIN_VALUE);
  const truncate = checkNumber(FN, 'truncate', o.truncate ?? 4, 0);
  // The blur runs at σ / stride with scipy's radius int(truncate · σ + 0.5): bound it like the decoders' kernels
  // (without a bound σ = 1e9 asked for a 64 GB kernel, truncate = 1e6 took seconds on a 16 × 16 map), and refuse a
  // σ so small that −0.5 / σ² overflows (scipy's kernel is then exp(−∞ · 0) = NaN and no peak is ever found).
  const s = sigma / stride;
  const taps = 2 * Math.trunc(truncate * s + 0.5) + 1;
  if (!(taps <= MAX_BLUR_KERNEL_SIZE && -0.5 / (s * s) > -Infinity)) {
    throw new PosekitError('E_RANGE', `${FN}: the peak blur σ = sigma / stride = ${s} must have 1 to ${MAX_BLUR_KERNEL_SIZE} taps (2·int(truncate·σ + 0.5) + 1) and a finite 0.5 / σ²; received ${taps} taps`, {
      expected: `<= ${MAX_BLUR_KERNEL_SIZE} taps`,
      received: taps,
    });
  }
  return {
    // A peak must beat an empty map: thre1 < 0 made every pixel of a zero map a peak (O(pixels²) limb pairs).
    thre1: checkNumber(FN, 'thre1', o.thre1 ?? 0.1, 0),
    thre2: checkNumber(FN, 'thre2', o.thre2 ?? 0.05),
    midNum: checkInt(FN, 'midNum', o.midNum ?? 10, 1, 1e6),
    sigma,
    truncate,
    limbs,
    paf,
    newPersonLimbs: checkInt(FN, 'newPersonLimbs', o.newPersonLimbs ?? 17, 0),
    minParts: checkNumber(FN, 'minParts', o.minParts ?? 4),
    minMeanScore: checkNumber(FN, 'minMeanScore', o.minMeanScore ?? 0.4),
    stride,
    imageHeight: o.imageHeight === undefined ? undefined : checkNumber(FN, 'imageHeight', o.imageHeight, Number.MIN_VALUE),
    layout,
  };
}

/**
 * OpenPose bottom-up grouping of one image: part peaks on σ-blurred heatmaps, PAF line integrals, greedy
 * per-limb matching and the reference's row assembly (Hzzone/pytorch-openpose `src/body.py`, `Body.__call__`).
 *
 * Reference behaviour kept (the golden fixtures depend on it): 4-neighbour `≥` peak test with zero outside
 * the map; Python half-to-even rounding of the sample positions; distance prior with the image **height**;
 * stable sort of the candidates by prior; on a one-row match, a part slot that already holds another
 * candidate is overwritten while the count still grows by one and the old score stays in the total.
 * Fixed: the reference raises `IndexError` when a connection matches three or more rows; here the extra rows
 * are ignored (as Improved-Body-Parts does).
 *
 * @param heatmaps - part maps `[C ≥ 18, H, W]` (a 19th background channel is ignored), CHW, float32/float64
 * @param pafs - PAF maps `[C, H, W]` with the channels named by `mapIdx` (38 for COCO-18)
 * @param options - see {@link OpenPoseOptions}
 * @returns poses (score = the row's total score) plus the reference's candidates, connections and rows
 * @throws PosekitError E_ARGUMENT / E_DTYPE / E_RANK / E_SHAPE for malformed maps or sizes that differ,
 *   E_NONFINITE for NaN / ±Infinity in a heatmap or in a PAF value the scoring reads, E_RANGE for bad options
 *   (thre1 < 0; a peak blur of more than 1023 taps, i.e. 2·int(truncate·sigma/stride + 0.5) + 1 > 1023),
 *   E_ARGUMENT for options that are not an object or hold an unknown name
 */
export function groupOpenPose(heatmaps: MapTensor, pafs: MapTensor, options: OpenPoseOptions = {}): OpenPoseGrouping {
  const o = resolve(options);
  let maxPaf = 0;
  for (const [a, b] of o.paf) maxPaf = Math.max(maxPaf, a, b);
  const hm = checkMaps(FN, 'heatmaps', heatmaps, 18);
  const pf = checkMaps(FN, 'pafs', pafs, maxPaf + 1);
  checkSameSize(FN, hm, 'heatmaps', pf, 'pafs');
  const H = hm.height;
  const W = hm.width;
  const nParts = 18;

  // 1. Peaks per part.
  const partStart = new Int32Array(nParts + 1);
  let cx: Float64Array = new Float64Array(64);
  let cy: Float64Array = new Float64Array(64);
  let cs: Float64Array = new Float64Array(64);
  let cp = new Int32Array(64);
  let count = 0;
  if (H > 0 && W > 0) {
    const ws = createPeakWorkspace(H, W, o.sigma / o.stride, o.truncate);
    const hd = hm.data;
    for (let p = 0; p < nParts; p++) {
      partStart[p] = count;
      const n = gaussianPeaks(ws, hd, p, o.thre1, FN, 'heatmaps');
      if (count + n > cx.length) {
        const cap = Math.max(cx.length * 2, count + n);
        cx = grow(cx, cap);
        cy = grow(cy, cap);
        cs = grow(cs, cap);
        const np = new Int32Array(cap);
        np.set(cp);
        cp = np;
      }
      const base = p * H * W;
      for (let i = 0; i < n; i++) {
        const idx = ws.peaks[i]!;
        const y = Math.floor(idx / W);
        cx[count] = idx - y * W;
        cy[count] = y;
        cs[count] = hd[base + idx]!;
        cp[count] = p;
        count++;
      }
    }
  }
  partStart[nParts] = count;
  const candidates: PeakCandidates = {
    count,
    x: cx.slice(0, count),
    y: cy.slice(0, count),
    score: cs.slice(0, count),
    part: cp.slice(0, count),
    partStart,
  };

  // 2-3. PAF scoring and greedy matching per limb.
  const heightForPrior = (o.imageHeight ?? H * o.stride) / o.stride;
  const connections: (LimbConnections | null)[] = [];
  const specialK: number[] = [];
  const pd = pf.data;
  const plane = H * W;
  const mid = o.midNum;
  for (let k = 0; k < o.limbs.length; k++) {
    const [pa, pb] = o.limbs[k]!;
    const [chx, chy] = o.paf[k]!;
    const a0 = partStart[pa]!;
    const nA = partStart[pa + 1]! - a0;
    const b0 = partStart[pb]!;
    const nB = partStart[pb + 1]! - b0;
    if (nA === 0 || nB === 0) {
      specialK.push(k);
      connections.push(null);
      continue;
    }
    const ci: number[] = [];
    const cj: number[] = [];
    const cprior: number[] = [];
    const bx = chx * plane;
    const byy = chy * plane;
    for (let i = 0; i < nA; i++) {
      const xa = cx[a0 + i]!;
      const ya = cy[a0 + i]!;
      for (let j = 0; j < nB; j++) {
        const xb = cx[b0 + j]!;
        const yb = cy[b0 + j]!;
        const vx = xb - xa;
        const vy = yb - ya;
        let norm = Math.sqrt(vx * vx + vy * vy);
        norm = Math.max(0.001, norm);
        const ux = vx / norm;
        const uy = vy / norm;
        let sum = 0;
        let above = 0;
        for (let s = 0; s < mid; s++) {
          const sx = roundHalfEven(linspaceAt(xa, xb, mid, s));
          const sy = roundHalfEven(linspaceAt(ya, yb, mid, s));
          const off = sy * W + sx;
          const px = pd[bx + off]!;
          const py = pd[byy + off]!;
          const v = px * ux + py * uy;
          if (!Number.isFinite(v)) nonFinite(FN, 'pafs', Number.isFinite(px) ? chy : chx, sy, sx, Number.isFinite(px) ? py : px);
          sum += v;
          if (v > o.thre2) above++;
        }
        const prior = sum / mid + Math.min((0.5 * heightForPrior) / norm - 1, 0);
        if (above > 0.8 * mid && prior > 0) {
          ci.push(i);
          cj.push(j);
          cprior.push(prior);
        }
      }
    }
    connections.push(greedyConnections(k, a0, b0, nA, nB, ci, cj, cprior, cprior, null));
  }

  // 4-5. Assembly into rows and the deletion rule.
  const rows = assembleOpenPose(connections, o.limbs, cs, o.newPersonLimbs, o.minParts, o.minMeanScore);
  const poses = rows.map((row) => poseFromParts(row, 1, candidates.x, candidates.y, candidates.score, row[18]!, o.layout, o.stride));
  return { poses, candidates, connections, specialK, subsets: rows };
}

/**
 * The reference's person assembly (`subset` rows of 20: 18 candidate ids, total score, part count) over the
 * per-limb connections, followed by the deletion rule. `scores` are the candidates' scores by id.
 * @internal
 */
export function assembleOpenPose(
  connections: readonly (LimbConnections | null)[],
  limbs: readonly (readonly [number, number])[],
  scores: Float64Array,
  newPersonLimbs: number,
  minParts: number,
  minMeanScore: number,
): Float64Array[] {
  const cs = scores;
  const rows: Float64Array[] = [];
  for (let k = 0; k < limbs.length; k++) {
    const conn = connections[k];
    if (!conn) continue;
    const [ia, ib] = limbs[k]!;
    for (let c = 0; c < conn.count; c++) {
      const idA = conn.idA[c]!;
      const idB = conn.idB[c]!;
      const s = conn.score[c]!;
      let found = 0;
      let j1 = -1;
      let j2 = -1;
      for (let r = 0; r < rows.length; r++) {
        const row = rows[r]!;
        if (row[ia] === idA || row[ib] === idB) {
          // The reference stores a third match into a 2-slot list and raises IndexError; ignore extras.
          if (found === 0) j1 = r;
          else if (found === 1) j2 = r;
          if (found < 2) found++;
        }
      }
      if (found === 1) {
        const row = rows[j1]!;
        if (row[ib] !== idB) {
          row[ib] = idB;
          row[19] += 1;
          row[18] += cs[idB]! + s;
        }
      } else if (found === 2) {
        const r1 = rows[j1]!;
        const r2 = rows[j2]!;
        let disjoint = true;
        for (let p = 0; p < 18; p++) if (r1[p]! >= 0 && r2[p]! >= 0) disjoint = false;
        if (disjoint) {
          for (let p = 0; p < 18; p++) r1[p] += r2[p]! + 1;
          r1[18] += r2[18]!;
          r1[19] += r2[19]!;
          r1[18] += s;
          rows.splice(j2, 1);
        } else {
          r1[ib] = idB;
          r1[19] += 1;
          r1[18] += cs[idB]! + s;
        }
      } else if (k < newPersonLimbs) {
        const row = new Float64Array(20).fill(-1);
        row[ia] = idA;
        row[ib] = idB;
        row[19] = 2;
        row[18] = cs[idA]! + cs[idB]! + s;
        rows.push(row);
      }
    }
  }
  // 5. Deletion rule.
  return rows.filter((row) => !(row[19]! < minParts || row[18]! / row[19]! < minMeanScore));

}

function grow(a: Float64Array, cap: number): Float64Array<ArrayBuffer> {
  const b = new Float64Array(cap);
  b.set(a);
  return b;
}

/** @internal */
export function emptyConnections(limb: number, cap: number, withLength: boolean): LimbConnections {
  return {
    limb,
    count: 0,
    idA: new Int32Array(cap),
    idB: new Int32Array(cap),
    score: new Float64Array(cap),
    i: new Int32Array(cap),
    j: new Int32Array(cap),
    length: new Float64Array(withLength ? cap : 0),
  };
}

/** @internal */
export function trim(c: LimbConnections): LimbConnections {
  const n = c.count;
  return {
    limb: c.limb,
    count: n,
    idA: c.idA.slice(0, n),
    idB: c.idB.slice(0, n),
    score: c.score.slice(0, n),
    i: c.i.slice(0, n),
    j: c.j.slice(0, n),
    length: c.length.length ? c.length.slice(0, n) : c.length,
  };
}

/**
 * The greedy one-to-one choice both groupings make among a limb's candidate pairs (pytorch-openpose
 * `Body.__call__` and Improved-Body-Parts `find_connections`): candidates in descending `key` order (stable,
 * as Python's `sorted(..., reverse=True)`), each kept unless its part A or part B is already used, stopping
 * at `min(nA, nB)` connections. Candidate `n` joins part `ci[n]` of A with part `cj[n]` of B.
 *
 * @param limb - limb index stored in the result
 * @param a0 - candidate id of part A's first peak (ids are `a0 + i`)
 * @param b0 - candidate id of part B's first peak
 * @param nA - number of A peaks
 * @param nB - number of B peaks
 * @param ci - per candidate pair, the A index
 * @param cj - per candidate pair, the B index
 * @param key - per candidate pair, the sort key (higher first)
 * @param score - per candidate pair, the connection score stored
 * @param len - per candidate pair, the limb length stored, or null for no lengths
 * @returns the trimmed connections
 * @internal
 */
export function greedyConnections(
  limb: number,
  a0: number,
  b0: number,
  nA: number,
  nB: number,
  ci: readonly number[],
  cj: readonly number[],
  key: readonly number[],
  score: readonly number[],
  len: readonly number[] | null,
): LimbConnections {
  const order = ci.map((_, n) => n);
  order.sort((p, q) => key[q]! - key[p]! || p - q);
  const cap = Math.min(nA, nB);
  const usedA = new Uint8Array(nA);
  const usedB = new Uint8Array(nB);
  const conn = emptyConnections(limb, cap, len !== null);
  for (const n of order) {
    const i = ci[n]!;
    const j = cj[n]!;
    if (usedA[i] || usedB[j]) continue;
    usedA[i] = 1;
    usedB[j] = 1;
    const c = conn.count++;
    conn.idA[c] = a0 + i;
    conn.idB[c] = b0 + j;
    conn.score[c] = score[n]!;
    conn.i[c] = i;
    conn.j[c] = j;
    if (len !== null) conn.length[c] = len[n]!;
    if (conn.count >= cap) break;
  }
  return trim(conn);
}
