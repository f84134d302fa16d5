/**
 * numpy's pairwise summation (`pairwise_sum` in numpy/core/src/umath/loops_utils.h.src), which is what
 * `ndarray.sum()` / `np.mean` use for float arrays. Reproducing its order is what makes means bit-exact
 * (shared/spec/metrics-and-nms.md §1). This is the one implementation in posekit: COCO OKS and `stats`
 * means, PCK / EPE / NME means, MMPose OKS and OKS-NMS rescoring all sum through it.
 *
 * @module
 */
import { PosekitError, describeValue } from '../errors.js';

/** numpy's unroll block: leaves of at most this many elements are summed with 8 running partial sums. */
const PW_BLOCKSIZE = 128;

/**
 * The float64 kernel on a Float64Array only. Keeping every element read monomorphic (one typed-array kind)
 * is what keeps the OKS inner loop fast: the same code fed `number[]` and `Float32Array` from other callers
 * runs about 1.5–2× slower once V8's feedback turns polymorphic. {@link numpyPairwiseSum} copies other
 * inputs into a Float64Array first (float32 and number values are exact in float64, so the sum is the same).
 * @internal
 */
export function pairwiseSumF64(values: Float64Array, start: number, n: number): number {
  if (n < 8) {
    let res = 0;
    for (let i = 0; i < n; i++) res += values[start + i]!;
    return res;
  }
  if (n <= PW_BLOCKSIZE) {
    let r0 = values[start]!;
    let r1 = values[start + 1]!;
    let r2 = values[start + 2]!;
    let r3 = values[start + 3]!;
    let r4 = values[start + 4]!;
    let r5 = values[start + 5]!;
    let r6 = values[start + 6]!;
    let r7 = values[start + 7]!;
    const end = n - (n % 8);
    let i = 8;
    for (; i < end; i += 8) {
      const o = start + i;
      r0 += values[o]!;
      r1 += values[o + 1]!;
      r2 += values[o + 2]!;
      r3 += values[o + 3]!;
      r4 += values[o + 4]!;
      r5 += values[o + 5]!;
      r6 += values[o + 6]!;
      r7 += values[o + 7]!;
    }
    let res = r0 + r1 + (r2 + r3) + (r4 + r5 + (r6 + r7));
    for (; i < n; i++) res += values[start + i]!;
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return pairwiseSumF64(values, start, n2) + pairwiseSumF64(values, start + n2, n - n2);
}

// Copy buffer for non-Float64Array inputs of numpyPairwiseSum, grown on demand (no allocation in steady state).
let copyBuf = new Float64Array(0);

/**
 * {@link numpyPairwiseSum} without the argument checks, for core's own callers (which pass valid ranges).
 * @internal
 */
export function pairwiseSum(values: ArrayLike<number>, start: number, n: number): number {
  if (values instanceof Float64Array) return pairwiseSumF64(values, start, n);
  if (n <= 0) return 0;
  if (copyBuf.length < n) copyBuf = new Float64Array(Math.max(n, 2 * copyBuf.length));
  const buf = copyBuf;
  for (let i = 0; i < n; i++) buf[i] = values[start + i]!;
  return pairwiseSumF64(buf, 0, n);
}

/**
 * Check the range of a public pairwise sum: `values` array-like, `start` an integer in [0, length], `n` an integer
 * in [0, length − start] (default: to the end). Returns n. Without it a NaN `n` recursed until the stack overflowed
 * and an `n` past the end read `undefined` (NaN) after growing a copy buffer of n doubles.
 */
function checkRange(fn: string, values: ArrayLike<number>, start: number, n: number | undefined): number {
  if (values === null || typeof values !== 'object' || typeof values.length !== 'number') {
    throw new PosekitError('E_ARGUMENT', `${fn}: values must be an array of numbers; received ${describeValue(values)}`);
  }
  const len = values.length;
  const bad = !Number.isInteger(start) || start < 0 || start > len ? 'start' : n !== undefined && !(Number.isInteger(n) && n >= 0 && n <= len - start) ? 'n' : '';
  if (bad !== '') {
    const hi = bad === 'start' ? len : len - start;
    const v = bad === 'start' ? start : n;
    throw new PosekitError('E_RANGE', `${fn}: ${bad} must be an integer in [0, ${hi}]; received ${describeValue(v)}`, { field: bad, expected: `[0, ${hi}]`, received: v });
  }
  return n ?? len - start;
}

/**
 * Sum `values[start .. start + n)` in numpy's pairwise order with float64 accumulators
 * (numpy `np.sum` of a contiguous float64 array; a mean is this sum divided by n).
 *
 * - n < 8: left to right, starting from 0;
 * - 8 ≤ n ≤ 128: 8 partial sums r[j] = a[j] + a[j+8] + ..., combined as ((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7)),
 *   then the leftover (n mod 8) elements one at a time;
 * - n > 128: split at n/2 rounded down to a multiple of 8 and recurse.
 *
 * A Float64Array is summed in place; any other array-like (`number[]`, Float32Array, ...) is copied into a
 * reused float64 buffer first (exact), which gives the same result as `np.sum(np.asarray(a, np.float64))`.
 *
 * @param values - the numbers
 * @param start - first index, an integer in [0, values.length] (default 0)
 * @param n - how many, an integer in [0, values.length − start] (default: to the end)
 * @returns the float64 sum (0 for n = 0)
 * @throws PosekitError E_ARGUMENT (values not an array), E_RANGE (start or n not an integer or outside the array)
 */
export function numpyPairwiseSum(values: ArrayLike<number>, start = 0, n?: number): number {
  return pairwiseSum(values, start, checkRange('numpyPairwiseSum', values, start, n));
}

/**
 * Like {@link numpyPairwiseSum} but with float32 accumulators (numpy `np.sum` of a float32 array, as in
 * MMPose `keypoint_epe` / `keypoint_nme` and `k['score'].mean()` in MMPose `oks_nms`): every partial sum is
 * rounded to float32 (`Math.fround`).
 *
 * @param values - the numbers (normally a Float32Array)
 * @param start - first index, an integer in [0, values.length] (default 0)
 * @param n - how many, an integer in [0, values.length − start] (default: to the end)
 * @returns the float32 sum, as a number (0 for n = 0)
 * @throws PosekitError E_ARGUMENT (values not an array), E_RANGE (start or n not an integer or outside the array)
 */
export function numpyPairwiseSumF32(values: ArrayLike<number>, start = 0, n?: number): number {
  return pairwiseSumF32(values, start, checkRange('numpyPairwiseSumF32', values, start, n));
}

/**
 * {@link numpyPairwiseSumF32} without the argument checks, for core's own callers (which pass valid ranges).
 * @internal
 */
export function pairwiseSumF32(values: ArrayLike<number>, start: number, n: number): number {
  const f = Math.fround;
  if (n < 8) {
    let res = 0;
    for (let i = 0; i < n; i++) res = f(res + values[start + i]!);
    return res;
  }
  if (n <= PW_BLOCKSIZE) {
    let r0 = f(values[start]!);
    let r1 = f(values[start + 1]!);
    let r2 = f(values[start + 2]!);
    let r3 = f(values[start + 3]!);
    let r4 = f(values[start + 4]!);
    let r5 = f(values[start + 5]!);
    let r6 = f(values[start + 6]!);
    let r7 = f(values[start + 7]!);
    const end = n - (n % 8);
    let i = 8;
    for (; i < end; i += 8) {
      const o = start + i;
      r0 = f(r0 + values[o]!);
      r1 = f(r1 + values[o + 1]!);
      r2 = f(r2 + values[o + 2]!);
      r3 = f(r3 + values[o + 3]!);
      r4 = f(r4 + values[o + 4]!);
      r5 = f(r5 + values[o + 5]!);
      r6 = f(r6 + values[o + 6]!);
      r7 = f(r7 + values[o + 7]!);
    }
    let res = f(f(f(r0 + r1) + f(r2 + r3)) + f(f(r4 + r5) + f(r6 + r7)));
    for (; i < n; i++) res = f(res + values[start + i]!);
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return f(pairwiseSumF32(values, start, n2) + pairwiseSumF32(values, start + n2, n - n2));
}
