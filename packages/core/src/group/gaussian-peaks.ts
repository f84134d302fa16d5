/**
 * OpenPose peak finding (Hzzone/pytorch-openpose `src/body.py`, `Body.__call__`): blur each part map with
 * `scipy.ndimage.gaussian_filter(map, sigma)` (float64, truncate 4, mode `reflect`), then keep the pixels
 * whose blurred value is ≥ its four neighbours (outside the map counts as 0) and > `thre1`.
 *
 * The blur is the expensive part (a 25-tap separable filter over every pixel of 18 maps). The decisions only
 * need blurred values where they can exceed `thre1`, so the map is cut into 8 × 8 tiles and a rigorous upper
 * bound of the blurred values of each tile is computed from the tiles' maxima and the Gaussian mass that can
 * reach it: tiles whose bound stays ≤ `thre1` hold no peak and cannot beat a neighbouring peak, and are
 * skipped. Where it is computed, the blur follows scipy's `correlate1d` order (rows first, then columns;
 * centre tap, then symmetric pairs from the outermost in) in float64, so the values — and hence ties and
 * threshold decisions — are bit-identical to the reference.
 * @internal
 * @module
 */
import { pairwiseSumF64 } from '../metrics/pairwise.js';
import { reflectIndex } from './numeric.js';
import { nonFinite } from './validate.js';

const T = 8; // tile size (pixels)
const SHIFT = 3; // log2(T)

/**
 * Half of scipy's `_gaussian_kernel1d(sigma, 0, radius)` with `radius = int(truncate * sigma + 0.5)`:
 * `w[k]` is the weight of offset ±k. Normalised by numpy's pairwise sum like the reference.
 * @internal
 */
export function scipyGaussianHalfKernel(sigma: number, truncate = 4): Float64Array {
  const radius = Math.trunc(truncate * sigma + 0.5);
  const n = 2 * radius + 1;
  const phi = new Float64Array(n);
  const a = -0.5 / (sigma * sigma);
  for (let i = 0; i < n; i++) {
    const x = i - radius;
    phi[i] = Math.exp(a * (x * x));
  }
  const s = pairwiseSumF64(phi, 0, n);
  const w = new Float64Array(radius + 1);
  for (let k = 0; k <= radius; k++) w[k] = phi[radius + k]! / s;
  return w;
}

/** Per-size tables, built once per call of the peak finder (cheap: O((H + W) · radius)). */
interface AxisTables {
  /** reflect(i - r) for i in [0, n + 2r): source index of padded position i. */
  refl: Int32Array;
  /** Number of tiles. */
  tiles: number;
  /** Tile reach D: a source within `radius` of a pixel lies at most D tiles away. */
  reach: number;
  /** mass[b * (2D + 1) + (a - b + D)]: max over pixels p of tile b of the kernel weight landing in tile a. */
  mass: Float64Array;
}

function axisTables(n: number, w: Float64Array): AxisTables {
  const r = w.length - 1;
  const refl = new Int32Array(n + 2 * r);
  for (let i = 0; i < refl.length; i++) refl[i] = reflectIndex(i - r, n);
  const tiles = (n + T - 1) >> SHIFT;
  // How many tiles away a source sample can land (reflection only folds samples closer, but measure it).
  let reach = 0;
  for (let p = 0; p < n; p++) {
    for (let k = -r; k <= r; k++) reach = Math.max(reach, Math.abs((refl[p + k + r]! >> SHIFT) - (p >> SHIFT)));
  }
  const span = 2 * reach + 1;
  const mass = new Float64Array(tiles * span);
  const acc = new Float64Array(span);
  for (let b = 0; b < tiles; b++) {
    const p1 = Math.min(n, (b + 1) * T);
    for (let p = b * T; p < p1; p++) {
      acc.fill(0);
      for (let k = -r; k <= r; k++) {
        const a = refl[p + k + r]! >> SHIFT;
        acc[a - b + reach] += w[k < 0 ? -k : k]!;
      }
      for (let d = 0; d < span; d++) if (acc[d]! > mass[b * span + d]!) mass[b * span + d] = acc[d]!;
    }
  }
  return { refl, tiles, reach, mass };
}

/** Work buffers for one map size. @internal */
export interface PeakWorkspace {
  height: number;
  width: number;
  w: Float64Array;
  ty: AxisTables;
  tx: AxisTables;
  /** Vertical-pass values (float64), valid only where computed for the current channel. */
  v: Float64Array;
  /** Blurred values, valid only in active tiles. */
  b: Float64Array;
  tmax: Float64Array;
  tnz: Uint8Array;
  hx: Float64Array;
  active: Uint8Array;
  /** Per column of the current band: 0 not needed, 1 computed, 2 zero. */
  colNeed: Uint8Array;
  /** Per column tile: max of V on the current row. */
  segMax: Float64Array;
  /** Per (row, column tile): the blurred values were computed. */
  rowSeg: Uint8Array;
  peaks: Int32Array;
}

/** @internal */
export function createPeakWorkspace(height: number, width: number, sigma: number, truncate = 4): PeakWorkspace {
  const w = scipyGaussianHalfKernel(sigma, truncate);
  const ty = axisTables(height, w);
  const tx = axisTables(width, w);
  const nt = ty.tiles * tx.tiles;
  return {
    height,
    width,
    w,
    ty,
    tx,
    v: new Float64Array(height * width),
    b: new Float64Array(height * width),
    tmax: new Float64Array(nt),
    tnz: new Uint8Array(nt),
    hx: new Float64Array(nt),
    active: new Uint8Array(nt),
    colNeed: new Uint8Array(width),
    segMax: new Float64Array(tx.tiles),
    rowSeg: new Uint8Array(height * tx.tiles),
    peaks: new Int32Array(64),
  };
}

/**
 * Peaks of channel `c` of `src` (`[C, H, W]`), as flat indices `y * W + x` in row-major order, written to
 * `ws.peaks`; returns how many. Throws E_NONFINITE on NaN / ±Infinity in the channel.
 * @internal
 */
export function gaussianPeaks(
  ws: PeakWorkspace,
  src: Float32Array | Float64Array,
  c: number,
  thre1: number,
  fn: string,
  name: string,
): number {
  const H = ws.height;
  const W = ws.width;
  const base = c * H * W;
  const { w, ty, tx, v, b, tmax, tnz, hx, active } = ws;
  const r = w.length - 1;
  const ntx = tx.tiles;
  const nty = ty.tiles;

  // 1. Tile maxima and non-zero flags. A running sum catches NaN / ±Infinity (an overflow to Infinity only
  //    triggers the exact re-check below).
  tmax.fill(-Infinity);
  tnz.fill(0);
  let total = 0;
  const fullTiles = W >> SHIFT;
  for (let y = 0; y < H; y++) {
    const row = base + y * W;
    const trow = (y >> SHIFT) * ntx;
    for (let t = 0; t < fullTiles; t++) {
      const i = row + (t << SHIFT);
      const a0 = src[i]!, a1 = src[i + 1]!, a2 = src[i + 2]!, a3 = src[i + 3]!;
      const a4 = src[i + 4]!, a5 = src[i + 5]!, a6 = src[i + 6]!, a7 = src[i + 7]!;
      const s8 = a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7;
      total += s8;
      let m = a0 > a1 ? a0 : a1;
      const m2 = a2 > a3 ? a2 : a3;
      const m4 = a4 > a5 ? a4 : a5;
      const m6 = a6 > a7 ? a6 : a7;
      if (m2 > m) m = m2;
      if (m4 > m) m = m4;
      if (m6 > m) m = m6;
      if (m > tmax[trow + t]!) tmax[trow + t] = m;
      // All eight are zero iff none is positive (m ≤ 0) and their sum is 0 (a sum of non-positive numbers
      // is 0 only if every term is); NaN makes the test true, which only costs a column pass.
      if (m !== 0 || s8 !== 0) tnz[trow + t] = 1;
    }
    if (fullTiles < ntx) {
      const t = fullTiles;
      let m = tmax[trow + t]!;
      for (let i = row + (t << SHIFT); i < row + W; i++) {
        const val = src[i]!;
        total += val;
        if (val > m) m = val;
        if (val !== 0) tnz[trow + t] = 1;
      }
      tmax[trow + t] = m;
    }
  }
  if (!Number.isFinite(total)) {
    for (let i = 0; i < H * W; i++) {
      const val = src[base + i]!;
      if (!Number.isFinite(val)) nonFinite(fn, name, c, Math.floor(i / W), i % W, val);
    }
  }

  // 2. Upper bound of the blurred values per tile: sum over source tiles of max(tile max, 0) times the
  //    largest kernel mass that tile can send to any pixel of the target tile (separable: x, then y).
  const sx = 2 * tx.reach + 1;
  const sy = 2 * ty.reach + 1;
  hx.fill(0);
  let anyPositive = false;
  for (let ay = 0; ay < nty; ay++) {
    const trow = ay * ntx;
    for (let bx = 0; bx < ntx; bx++) {
      let s = 0;
      const a0 = Math.max(0, bx - tx.reach);
      const a1 = Math.min(ntx - 1, bx + tx.reach);
      for (let ax = a0; ax <= a1; ax++) {
        const m = tmax[trow + ax]!;
        if (m > 0) s += m * tx.mass[bx * sx + (ax - bx + tx.reach)]!;
      }
      hx[trow + bx] = s;
      if (s > 0) anyPositive = true;
    }
  }
  // Slack for the float rounding of both the bound and the blur (values are O(max |map|)).
  const slack = 1e-9;
  let nActive = 0;
  active.fill(0);
  if (anyPositive || thre1 < 0) {
    for (let by = 0; by < nty; by++) {
      const a0 = Math.max(0, by - ty.reach);
      const a1 = Math.min(nty - 1, by + ty.reach);
      for (let bx = 0; bx < ntx; bx++) {
        let s = 0;
        for (let ay = a0; ay <= a1; ay++) s += hx[ay * ntx + bx]! * ty.mass[by * sy + (ay - by + ty.reach)]!;
        if (s + slack > thre1) {
          active[by * ntx + bx] = 1;
          nActive++;
        }
      }
    }
  }
  if (nActive === 0) return 0;

  // 3. Exact blur on the active tiles, band by band (8 rows):
  //    a. vertical pass on the columns within `radius` of an active tile (zeros where the column's whole
  //       vertical window is zero, which makes V exactly 0 there);
  //    b. a per-row bound from V (row maxima per 8-column segment times the kernel mass), so that the
  //       horizontal pass only runs on the (row, tile) pieces that can exceed thre1;
  //    c. the horizontal pass there. Both passes in scipy's order.
  const reflY = ty.refl;
  const reflX = tx.refl;
  const w0 = w[0]!;
  const { colNeed, segMax, rowSeg } = ws;
  rowSeg.fill(0);
  let nPeaks = 0;
  for (let by = 0; by < nty; by++) {
    let rowActive = false;
    for (let bx = 0; bx < ntx; bx++) if (active[by * ntx + bx]) rowActive = true;
    if (!rowActive) continue;
    const y0 = by * T;
    const y1 = Math.min(H, y0 + T);
    // a. Needed columns: 0 none, 1 compute, 2 zero (dead column tile).
    colNeed.fill(0);
    for (let bx = 0; bx < ntx; bx++) {
      if (!active[by * ntx + bx]) continue;
      const c0 = Math.max(0, bx * T - r);
      const c1 = Math.min(W, Math.min(W, (bx + 1) * T) + r);
      colNeed.fill(1, c0, c1);
    }
    const ya0 = Math.max(0, by - ty.reach);
    const ya1 = Math.min(nty - 1, by + ty.reach);
    for (let ax = 0; ax < ntx; ax++) {
      let live = false;
      for (let ay = ya0; ay <= ya1 && !live; ay++) if (tnz[ay * ntx + ax]) live = true;
      if (live) continue;
      const c1 = Math.min(W, (ax + 1) * T);
      for (let x = ax * T; x < c1; x++) if (colNeed[x]) colNeed[x] = 2;
    }
    for (let x0 = 0; x0 < W; ) {
      const kind = colNeed[x0]!;
      let x1 = x0 + 1;
      while (x1 < W && colNeed[x1] === kind) x1++;
      if (kind === 2) {
        for (let y = y0; y < y1; y++) v.fill(0, y * W + x0, y * W + x1);
      } else if (kind === 1 && r === 12) {
        for (let y = y0; y < y1; y++) verticalR12(v, src, base, W, y, reflY, w, x0, x1);
      } else if (kind === 1) {
        for (let y = y0; y < y1; y++) {
          const o = y * W;
          const cRow = base + reflY[y + r]! * W;
          for (let x = x0; x < x1; x++) v[o + x] = w0 * src[cRow + x]!;
          for (let j = r; j >= 1; j--) {
            const up = base + reflY[y + r - j]! * W;
            const dn = base + reflY[y + r + j]! * W;
            const wj = w[j]!;
            for (let x = x0; x < x1; x++) v[o + x] += (src[up + x]! + src[dn + x]!) * wj;
          }
        }
      }
      x0 = x1;
    }
    for (let y = y0; y < y1; y++) {
      const o = y * W;
      // b. Row maxima of V per column tile (over the computed columns; B of an active tile reads no others).
      for (let ax = 0; ax < ntx; ax++) {
        let m = 0;
        const c1 = Math.min(W, (ax + 1) * T);
        for (let x = ax * T; x < c1; x++) if (colNeed[x] && v[o + x]! > m) m = v[o + x]!;
        segMax[ax] = m;
      }
      for (let bx = 0; bx < ntx; bx++) {
        if (!active[by * ntx + bx]) continue;
        let bound = 0;
        const a0 = Math.max(0, bx - tx.reach);
        const a1 = Math.min(ntx - 1, bx + tx.reach);
        for (let ax = a0; ax <= a1; ax++) bound += segMax[ax]! * tx.mass[bx * sx + (ax - bx + tx.reach)]!;
        if (!(bound + slack > thre1)) continue;
        rowSeg[y * ntx + bx] = 1;
        // c. Horizontal pass on this row piece.
        const x0 = bx * T;
        const x1 = Math.min(W, x0 + T);
        if (r === 12 && x0 >= 12 && x1 <= W - 12) {
          horizontalR12(b, v, o, w, x0, x1);
          continue;
        }
        for (let x = x0; x < x1; x++) {
          let acc = w0 * v[o + x]!;
          if (x >= r && x < W - r) {
            for (let j = r; j >= 1; j--) acc += (v[o + x - j]! + v[o + x + j]!) * w[j]!;
          } else {
            for (let j = r; j >= 1; j--) acc += (v[o + reflX[x + r - j]!]! + v[o + reflX[x + r + j]!]!) * w[j]!;
          }
          b[o + x] = acc;
        }
      }
    }
  }

  // 4. Peak test on the computed row pieces. A neighbour in a piece that was not computed has a blurred
  //    value ≤ its bound ≤ thre1 < B(p), so it cannot beat p.
  let peaks = ws.peaks;
  for (let y = 0; y < H; y++) {
    const o = y * W;
    for (let bx = 0; bx < ntx; bx++) {
      if (!rowSeg[y * ntx + bx]) continue;
      const x0 = bx * T;
      const x1 = Math.min(W, x0 + T);
      for (let x = x0; x < x1; x++) {
        const val = b[o + x]!;
        if (!(val > thre1)) continue;
        if (y === 0 ? !(val >= 0) : rowSeg[(y - 1) * ntx + bx] && !(val >= b[o - W + x]!)) continue;
        if (y === H - 1 ? !(val >= 0) : rowSeg[(y + 1) * ntx + bx] && !(val >= b[o + W + x]!)) continue;
        if (x === 0 ? !(val >= 0) : rowSeg[y * ntx + ((x - 1) >> SHIFT)] && !(val >= b[o + x - 1]!)) continue;
        if (x === W - 1 ? !(val >= 0) : rowSeg[y * ntx + ((x + 1) >> SHIFT)] && !(val >= b[o + x + 1]!)) continue;
        if (nPeaks === peaks.length) {
          const grown = new Int32Array(peaks.length * 2);
          grown.set(peaks);
          peaks = grown;
          ws.peaks = grown;
        }
        peaks[nPeaks++] = o + x;
      }
    }
  }
  return nPeaks;
}

/*
 * Radius-12 kernels (σ = 3, the reference's blur) unrolled: same order as the generic loops (centre tap, then
 * symmetric pairs from the outermost in), so the values are identical; about twice as fast in V8.
 */

/** Vertical pass of row y over columns [x0, x1). */
function verticalR12(
  v: Float64Array,
  src: Float32Array | Float64Array,
  base: number,
  W: number,
  y: number,
  reflY: Int32Array,
  w: Float64Array,
  x0: number,
  x1: number,
): void {
  const o = y * W;
  const c = base + reflY[y + 12]! * W;
  const u1 = base + reflY[y + 11]! * W, d1 = base + reflY[y + 13]! * W;
  const u2 = base + reflY[y + 10]! * W, d2 = base + reflY[y + 14]! * W;
  const u3 = base + reflY[y + 9]! * W, d3 = base + reflY[y + 15]! * W;
  const u4 = base + reflY[y + 8]! * W, d4 = base + reflY[y + 16]! * W;
  const u5 = base + reflY[y + 7]! * W, d5 = base + reflY[y + 17]! * W;
  const u6 = base + reflY[y + 6]! * W, d6 = base + reflY[y + 18]! * W;
  const u7 = base + reflY[y + 5]! * W, d7 = base + reflY[y + 19]! * W;
  const u8 = base + reflY[y + 4]! * W, d8 = base + reflY[y + 20]! * W;
  const u9 = base + reflY[y + 3]! * W, d9 = base + reflY[y + 21]! * W;
  const u10 = base + reflY[y + 2]! * W, d10 = base + reflY[y + 22]! * W;
  const u11 = base + reflY[y + 1]! * W, d11 = base + reflY[y + 23]! * W;
  const u12 = base + reflY[y]! * W, d12 = base + reflY[y + 24]! * W;
  const w0 = w[0]!, w1 = w[1]!, w2 = w[2]!, w3 = w[3]!, w4 = w[4]!, w5 = w[5]!, w6 = w[6]!;
  const w7 = w[7]!, w8 = w[8]!, w9 = w[9]!, w10 = w[10]!, w11 = w[11]!, w12 = w[12]!;
  for (let x = x0; x < x1; x++) {
    let a = w0 * src[c + x]!;
    a += (src[u12 + x]! + src[d12 + x]!) * w12;
    a += (src[u11 + x]! + src[d11 + x]!) * w11;
    a += (src[u10 + x]! + src[d10 + x]!) * w10;
    a += (src[u9 + x]! + src[d9 + x]!) * w9;
    a += (src[u8 + x]! + src[d8 + x]!) * w8;
    a += (src[u7 + x]! + src[d7 + x]!) * w7;
    a += (src[u6 + x]! + src[d6 + x]!) * w6;
    a += (src[u5 + x]! + src[d5 + x]!) * w5;
    a += (src[u4 + x]! + src[d4 + x]!) * w4;
    a += (src[u3 + x]! + src[d3 + x]!) * w3;
    a += (src[u2 + x]! + src[d2 + x]!) * w2;
    a += (src[u1 + x]! + src[d1 + x]!) * w1;
    v[o + x] = a;
  }
}

/** Horizontal pass of the row at offset o over interior columns [x0, x1) (12 ≤ x0, x1 ≤ W − 12). */
function horizontalR12(b: Float64Array, v: Float64Array, o: number, w: Float64Array, x0: number, x1: number): void {
  const w0 = w[0]!, w1 = w[1]!, w2 = w[2]!, w3 = w[3]!, w4 = w[4]!, w5 = w[5]!, w6 = w[6]!;
  const w7 = w[7]!, w8 = w[8]!, w9 = w[9]!, w10 = w[10]!, w11 = w[11]!, w12 = w[12]!;
  for (let i = o + x0, e = o + x1; i < e; i++) {
    let a = w0 * v[i]!;
    a += (v[i - 12]! + v[i + 12]!) * w12;
    a += (v[i - 11]! + v[i + 11]!) * w11;
    a += (v[i - 10]! + v[i + 10]!) * w10;
    a += (v[i - 9]! + v[i + 9]!) * w9;
    a += (v[i - 8]! + v[i + 8]!) * w8;
    a += (v[i - 7]! + v[i + 7]!) * w7;
    a += (v[i - 6]! + v[i + 6]!) * w6;
    a += (v[i - 5]! + v[i + 5]!) * w5;
    a += (v[i - 4]! + v[i + 4]!) * w4;
    a += (v[i - 3]! + v[i + 3]!) * w3;
    a += (v[i - 2]! + v[i + 2]!) * w2;
    a += (v[i - 1]! + v[i + 1]!) * w1;
    b[i] = a;
  }
}
