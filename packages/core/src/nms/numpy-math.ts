/**
 * numpy arithmetic that is not plain IEEE: the pairwise summation of `np.sum` / `np.mean`
 * (`@TYPE@_pairwise_sum`, numpy/core/src/umath/loops_utils.h.src; restated in
 * shared/spec/metrics-and-nms.md §1) and the SIMD float32 `np.exp` (numpy/core/src/umath/
 * loops_exponent_log.dispatch.c.src, AVX2/AVX512F `simd_exp_FLOAT`), which is not correctly rounded
 * (≤ 2.52 ulp) and so must be ported to reproduce MMPose's float32 rescoring bit for bit.
 * @internal
 * @module
 */

const f = Math.fround;
const bits = new Uint32Array(1);
const asF32 = new Float32Array(bits.buffer);
function fromBits(b: number): number {
  bits[0] = b;
  return asF32[0]!;
}
// numpy's constants (npy_simd_data.h / loops_exponent_log), as float32 bit patterns
const LOG2E = fromBits(0x3fb8aa3b);
const CODY_HI = f(-6.93145752e-1);
const CODY_LO = f(-1.42860677e-6);
const P0 = fromBits(0x3f800000);
const P1 = fromBits(0x3f39cbd5);
const P2 = fromBits(0x3e7d4c58);
const P3 = fromBits(0x3d517d8c);
const P4 = fromBits(0x3bdd7159);
const P5 = fromBits(0x3a053dd8);
const Q0 = fromBits(0x3f800000);
const Q1 = fromBits(0xbe8c6857);
const Q2 = fromBits(0x3cb0e832);
const XMAX = fromBits(0x42b17218);
const XMIN = fromBits(0xc2cff1b5);
const RINT_MAGIC = 12582912; // 0x1.8p+23f

/** float32 fused multiply-add a*b + c (the product is exact in double; one rounding to float32). */
function fma32(a: number, b: number, c: number): number {
  return f(a * b + c);
}

/**
 * `np.exp` on a float32 value, as numpy's SIMD kernel computes it: k = rint(x·log2e), Cody–Waite reduction
 * y = x − k·ln2 (two FMAs), exp(y) ≈ P5(y)/Q2(y), times 2^k; x ≥ 88.7228 gives +Inf, x ≤ −103.972 gives 0.
 * @internal
 */
export function npExpF32(xIn: number): number {
  const x = f(xIn);
  if (x !== x) return NaN;
  if (x >= XMAX) return Infinity;
  if (x <= XMIN) return 0;
  const k = f(f(f(x * LOG2E) + RINT_MAGIC) - RINT_MAGIC);
  let y = fma32(k, CODY_HI, x);
  y = fma32(k, CODY_LO, y);
  let num = fma32(P5, y, P4);
  num = fma32(num, y, P3);
  num = fma32(num, y, P2);
  num = fma32(num, y, P1);
  num = fma32(num, y, P0);
  let den = fma32(Q2, y, Q1);
  den = fma32(den, y, Q0);
  const poly = f(num / den);
  return f(poly * 2 ** k);
}

/**
 * Pairwise sum of `a[off .. off+n)` in double precision, numpy's order: n < 8 left to right from 0;
 * n ≤ 128 eight running partial sums combined as ((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7)) plus the leftovers;
 * larger n split at n/2 rounded down to a multiple of 8.
 * @internal
 */
export function pairwiseSum64(a: ArrayLike<number>, off: number, n: number): number {
  if (n < 8) {
    let res = 0;
    for (let i = 0; i < n; i++) res += a[off + i]!;
    return res;
  }
  if (n <= 128) {
    let r0 = a[off]!;
    let r1 = a[off + 1]!;
    let r2 = a[off + 2]!;
    let r3 = a[off + 3]!;
    let r4 = a[off + 4]!;
    let r5 = a[off + 5]!;
    let r6 = a[off + 6]!;
    let r7 = a[off + 7]!;
    const end = n - (n % 8);
    let i = 8;
    for (; i < end; i += 8) {
      r0 += a[off + i]!;
      r1 += a[off + i + 1]!;
      r2 += a[off + i + 2]!;
      r3 += a[off + i + 3]!;
      r4 += a[off + i + 4]!;
      r5 += a[off + i + 5]!;
      r6 += a[off + i + 6]!;
      r7 += a[off + i + 7]!;
    }
    let res = r0 + r1 + (r2 + r3) + (r4 + r5 + (r6 + r7));
    for (; i < n; i++) res += a[off + i]!;
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return pairwiseSum64(a, off, n2) + pairwiseSum64(a, off + n2, n - n2);
}

/** The same order with float32 accumulators (numpy on float32 arrays). @internal */
export function pairwiseSum32(a: ArrayLike<number>, off: number, n: number): number {
  const f = Math.fround;
  if (n < 8) {
    let res = 0;
    for (let i = 0; i < n; i++) res = f(res + a[off + i]!);
    return res;
  }
  if (n <= 128) {
    let r0 = f(a[off]!);
    let r1 = f(a[off + 1]!);
    let r2 = f(a[off + 2]!);
    let r3 = f(a[off + 3]!);
    let r4 = f(a[off + 4]!);
    let r5 = f(a[off + 5]!);
    let r6 = f(a[off + 6]!);
    let r7 = f(a[off + 7]!);
    const end = n - (n % 8);
    let i = 8;
    for (; i < end; i += 8) {
      r0 = f(r0 + a[off + i]!);
      r1 = f(r1 + a[off + i + 1]!);
      r2 = f(r2 + a[off + i + 2]!);
      r3 = f(r3 + a[off + i + 3]!);
      r4 = f(r4 + a[off + i + 4]!);
      r5 = f(r5 + a[off + i + 5]!);
      r6 = f(r6 + a[off + i + 6]!);
      r7 = f(r7 + a[off + i + 7]!);
    }
    let res = f(f(f(r0 + r1) + f(r2 + r3)) + f(f(r4 + r5) + f(r6 + r7)));
    for (; i < n; i++) res = f(res + a[off + i]!);
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return f(pairwiseSum32(a, off, n2) + pairwiseSum32(a, off + n2, n - n2));
}
