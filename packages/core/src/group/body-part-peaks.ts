/**
 * Improved-Body-Parts peak finding (jialee93/Improved-Body-Parts @ df0a8ced `evaluate.py` `find_peaks`,
 * `utils/util.py` `keypoint_heatmap_nms`, `refine_centroid`): k × k (default 3 × 3) max-pool NMS with torch `reflect`
 * padding on a float32 copy of the maps, then a centroid refinement in a (2r + 1)² window.
 * @internal
 * @module
 */
import { pairwiseSumF32, pairwiseSumF64 } from '../metrics/pairwise.js';
import { nonFinite } from './validate.js';

/**
 * Candidates of one part appended to the output arrays; returns the new count.
 * `fixCentroidAxes` false reproduces the reference's swap (x receives the row offset, y the column offset).
 * @internal
 */
export function bodyPartPeaks(
  src: Float32Array | Float64Array,
  c: number,
  H: number,
  W: number,
  thre1: number,
  radius: number,
  fixCentroidAxes: boolean,
  out: { x: number[]; y: number[]; score: number[] },
  fn: string,
  scratch: Float32Array,
  nmsKernel = 3,
): void {
  const pr = (nmsKernel - 1) >> 1; // max-pool radius
  const f = Math.fround;
  const thr = f(thre1); // torch compares the float32 map with the threshold in float32
  // The reference casts the maps to float32 first: float32 input is used in place (a view), float64 input is
  // converted once per channel (native rounding), so the loops below always read a Float32Array.
  const plane = H * W;
  let m32: Float32Array;
  if (src instanceof Float32Array) {
    m32 = src.subarray(c * plane, (c + 1) * plane);
  } else {
    m32 = scratch;
    m32.set(src.subarray(c * plane, (c + 1) * plane));
  }
  // NaN / ±Infinity anywhere in the part map is an error (the max-pool would silently drop them); the running
  // sum in the scan below propagates them (an overflow to Infinity only triggers the exact re-check).
  let total = 0;
  const n = 2 * radius + 1;
  const pi = new Float64Array(n * n);
  const pj = new Float64Array(n * n);
  const box32 = new Float32Array(n * n); // float32 values of m32, stored exactly
  for (let y = 0; y < H; y++) {
    // torch reflect padding: row -1 -> 1, row H -> H - 2 (a 1-row map has no vertical neighbours).
    const yu = y > 0 ? y - 1 : H > 1 ? 1 : 0;
    const yd = y < H - 1 ? y + 1 : H > 1 ? H - 2 : y;
    const ro = y * W;
    const ru = yu * W;
    const rd = yd * W;
    for (let x = 0; x < W; x++) {
      const v = m32[ro + x]!;
      total += v;
      if (!(v >= thr) || v === 0) continue; // keep = (pooled == heat) * (heat >= thre); peaks = nonzero(heat * keep)
      if (pr === 1) {
        const xl = x > 0 ? x - 1 : W > 1 ? 1 : 0;
        const xr = x < W - 1 ? x + 1 : W > 1 ? W - 2 : x;
        if (
          m32[ru + xl]! > v || m32[ru + x]! > v || m32[ru + xr]! > v ||
          m32[ro + xl]! > v || m32[ro + xr]! > v ||
          m32[rd + xl]! > v || m32[rd + x]! > v || m32[rd + xr]! > v
        ) continue;
      } else if (!isWindowMax(m32, H, W, y, x, pr, v)) continue;
      // refine_centroid on the float32 map.
      if (y + radius + 1 > H || y - radius < 0 || x + radius + 1 > W || x - radius < 0) {
        out.x.push(x);
        out.y.push(y);
        out.score.push(v);
        continue;
      }
      // (score_box * grid).sum(): a float64 product array summed pairwise (numpy order);
      // score_box.sum() and .mean(): the float32 window summed pairwise in row-major order, float32 accumulators
      // (checked against the fixtures: bit-identical scores and coordinates).
      for (let i = 0; i < n; i++) {
        const rr = (y - radius + i) * W + (x - radius);
        for (let j = 0; j < n; j++) {
          const val = m32[rr + j]!;
          pi[i * n + j] = val * (i - radius);
          pj[i * n + j] = val * (j - radius);
          box32[i * n + j] = val;
        }
      }
      const total32 = pairwiseSumF32(box32, 0, n * n);
      const sRow = pairwiseSumF64(pi, 0, n * n);
      const sCol = pairwiseSumF64(pj, 0, n * n);
      if (total32 === 0) {
        // The reference divides by zero here (inf / nan coordinates); keep the unrefined peak instead.
        out.x.push(x);
        out.y.push(y);
        out.score.push(v);
        continue;
      }
      const offRow = sRow / total32;
      const offCol = sCol / total32;
      if (fixCentroidAxes) {
        out.x.push(x + offCol);
        out.y.push(y + offRow);
      } else {
        out.x.push(x + offRow);
        out.y.push(y + offCol);
      }
      out.score.push(f(total32 / (n * n)));
    }
  }
  if (!Number.isFinite(total)) {
    for (let i = 0; i < plane; i++) if (!Number.isFinite(m32[i]!)) nonFinite(fn, 'heatmaps', c, Math.floor(i / W), i % W, m32[i]!);
  }
}

/** torch reflect (mirror without repeating the edge) index of `i` on an axis of length n ≥ 1. */
function torchReflect(i: number, n: number): number {
  if (n === 1) return 0;
  const p = 2 * (n - 1);
  const m = ((i % p) + p) % p;
  return m < n ? m : p - m;
}

/** Whether `v` at (y, x) is ≥ every value of its (2·pr + 1)² window with torch reflect padding. */
function isWindowMax(m: Float32Array, H: number, W: number, y: number, x: number, pr: number, v: number): boolean {
  for (let dy = -pr; dy <= pr; dy++) {
    const row = torchReflect(y + dy, H) * W;
    for (let dx = -pr; dx <= pr; dx++) if (m[row + torchReflect(x + dx, W)]! > v) return false;
  }
  return true;
}
