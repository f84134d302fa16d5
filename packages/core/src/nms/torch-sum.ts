/**
 * torch's CPU float32 summation order (aten/src/ATen/native/cpu/SumKernel.cpp: `cascade_sum`,
 * `multi_row_sum`, `row_sum`, `vectorized_inner_sum`, `vectorized_outer_sum`, `scalar_*_sum`, with
 * 8-float vectors as on AVX2 builds). AlphaPose's pose-NMS is float32 torch; summing in this order makes
 * its means, similarity sums and merged poses match the reference to the bit instead of to a few ulps.
 * All accumulators are float32 (`Math.fround` after every addition).
 * @internal
 * @module
 */

const f = Math.fround;
/** Lanes of a torch `Vectorized<float>` on AVX2 (and the default 32-byte build). */
const VEC = 8;

/** `utils::CeilLog2`: 1 for x ≤ 2, else ceil(log2 x). */
function ceilLog2(x: number): number {
  if (x <= 2) return 1;
  return 32 - Math.clz32(x - 1);
}

/**
 * One column of `multi_row_sum`: a[off + i*stride] for i < size, summed with torch's 4-level cascade
 * (runs of 2^levelPower elements into level 0, carried upward at block boundaries).
 * @internal
 */
export function levelSum(a: ArrayLike<number>, off: number, stride: number, size: number): number {
  if (size < 16) {
    // shorter than one level block: a plain float32 running sum from 0 (the upper levels stay 0)
    let acc = 0;
    for (let i = 0; i < size; i++) acc = f(acc + a[off + i * stride]!);
    return acc;
  }
  const lp = Math.max(4, Math.floor(ceilLog2(size) / 4));
  const step = 1 << lp;
  const mask = step - 1;
  let a0 = 0;
  let a1 = 0;
  let a2 = 0;
  let a3 = 0;
  let i = 0;
  while (i + step <= size) {
    for (let j = 0; j < step; j++, i++) a0 = f(a0 + a[off + i * stride]!);
    a1 = f(a1 + a0);
    a0 = 0;
    if ((i & (mask << lp)) !== 0) continue;
    a2 = f(a2 + a1);
    a1 = 0;
    if ((i & (mask << (2 * lp))) !== 0) continue;
    a3 = f(a3 + a2);
    a2 = 0;
  }
  for (; i < size; i++) a0 = f(a0 + a[off + i * stride]!);
  a0 = f(a0 + a1);
  a0 = f(a0 + a2);
  return f(a0 + a3);
}

/**
 * `row_sum` (scalar, ILP 4): the row seen as (-1, 4), four cascaded partial sums, the leftover elements
 * added to the first, then partial 0 += 1, += 2, += 3.
 * @internal
 */
export function rowSum(a: ArrayLike<number>, off: number, stride: number, size: number): number {
  if (size < 64) {
    // fewer than 16 rows of 4: each partial is a plain running sum (inlined for speed)
    const ilp = size >> 2;
    let p0 = 0;
    let p1 = 0;
    let p2 = 0;
    let p3 = 0;
    const s4 = 4 * stride;
    for (let i = 0, o = off; i < ilp; i++, o += s4) {
      p0 = f(p0 + a[o]!);
      p1 = f(p1 + a[o + stride]!);
      p2 = f(p2 + a[o + 2 * stride]!);
      p3 = f(p3 + a[o + 3 * stride]!);
    }
    for (let i = ilp * 4; i < size; i++) p0 = f(p0 + a[off + i * stride]!);
    return f(f(f(p0 + p1) + p2) + p3);
  }
  const ilp = Math.floor(size / 4);
  let p0 = levelSum(a, off, 4 * stride, ilp);
  const p1 = levelSum(a, off + stride, 4 * stride, ilp);
  const p2 = levelSum(a, off + 2 * stride, 4 * stride, ilp);
  const p3 = levelSum(a, off + 3 * stride, 4 * stride, ilp);
  for (let i = ilp * 4; i < size; i++) p0 = f(p0 + a[off + i * stride]!);
  p0 = f(p0 + p1);
  p0 = f(p0 + p2);
  return f(p0 + p3);
}

/**
 * Sum of a contiguous run `a[off .. off+n)` as torch reduces a contiguous (inner) dimension:
 * n ≥ 8 → `vectorized_inner_sum` (lane-wise `row_sum` over the n/8 vectors, then the scalar tail from 0,
 * then the 8 lanes in order); n < 8 → `scalar_inner_sum` (`row_sum`).
 * @internal
 */
export function torchInnerSum(a: ArrayLike<number>, off: number, n: number): number {
  if (n < VEC) return rowSum(a, off, 1, n);
  const v = Math.floor(n / VEC);
  let acc = 0;
  for (let k = v * VEC; k < n; k++) acc = f(acc + a[off + k]!);
  for (let l = 0; l < VEC; l++) acc = f(acc + rowSum(a, off + l, VEC, v));
  return acc;
}

/**
 * Column `col` of a sum over the rows of a row-major (rows × ncols) block starting at `off`, as torch
 * reduces an outer dimension: with ncols ≥ 8 (`vectorized_outer_sum`) the columns in whole blocks of 32
 * use the plain cascade, the rest `row_sum`; with ncols < 8 (`scalar_outer_sum`) blocks of 4 columns.
 * @internal
 */
export function torchOuterSum(a: ArrayLike<number>, off: number, rows: number, ncols: number, col: number): number {
  const block = ncols >= VEC ? 4 * VEC : 4;
  const blocked = Math.floor(ncols / block) * block;
  return col < blocked ? levelSum(a, off + col, ncols, rows) : rowSum(a, off + col, ncols, rows);
}
