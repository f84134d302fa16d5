/**
 * numpy arithmetic that is not plain IEEE: the SIMD float32 `np.exp` (numpy/core/src/umath/
 * loops_exponent_log.dispatch.c.src, AVX2/AVX512F `simd_exp_FLOAT`), which is not correctly rounded
 * (≤ 2.52 ulp) and so must be ported to reproduce MMPose's float32 rescoring bit for bit. numpy's pairwise
 * summation (`np.sum` / `np.mean`) lives in ../metrics/pairwise.ts.
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
