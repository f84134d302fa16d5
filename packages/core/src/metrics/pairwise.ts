/**
 * numpy's pairwise summation (`pairwise_sum` in numpy/core/src/umath/loops_utils.h.src), which is what
 * `ndarray.sum()` / `np.mean` use for float arrays. Reproducing its order is what makes means bit-exact
 * (shared/spec/metrics-and-nms.md §1).
 *
 * @module
 */

/** numpy's unroll block: leaves of at most this many elements are summed with 8 running partial sums. */
const PW_BLOCKSIZE = 128;

/**
 * Sum `values[start .. start + n)` in numpy's pairwise order with float64 accumulators
 * (numpy `np.sum` of a contiguous float64 array; a mean is this sum divided by n).
 *
 * - n < 8: left to right, starting from 0;
 * - 8 ≤ n ≤ 128: 8 partial sums r[j] over blocks of 8, combined as ((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7)),
 *   then the leftover elements one at a time;
 * - n > 128: split at n/2 rounded down to a multiple of 8 and recurse.
 *
 * @param values - the numbers
 * @param start - first index (default 0)
 * @param n - how many (default: to the end)
 * @returns the float64 sum (0 for n = 0)
 */
export function numpyPairwiseSum(values: ArrayLike<number>, start = 0, n: number = values.length - start): number {
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
  return numpyPairwiseSum(values, start, n2) + numpyPairwiseSum(values, start + n2, n - n2);
}

/**
 * Like {@link numpyPairwiseSum} but with float32 accumulators (numpy `np.sum` of a float32 array, as in
 * MMPose `keypoint_epe` / `keypoint_nme`): every partial sum is rounded to float32 (`Math.fround`).
 *
 * @param values - the numbers (normally a Float32Array)
 * @param start - first index (default 0)
 * @param n - how many (default: to the end)
 * @returns the float32 sum, as a number (0 for n = 0)
 */
export function numpyPairwiseSumF32(values: ArrayLike<number>, start = 0, n: number = values.length - start): number {
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
  return f(numpyPairwiseSumF32(values, start, n2) + numpyPairwiseSumF32(values, start + n2, n - n2));
}
