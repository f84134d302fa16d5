/**
 * numpy's pairwise summation, the order `np.sum` / `np.mean` use for a contiguous float64 array
 * (numpy `pairwise_sum` in `numpy/core/src/umath/loops_utils.h.src`; shared/spec/metrics-and-nms.md §1).
 * Reproducing it is what makes COCO `stats` means bit-exact with pycocotools.
 *
 * @module
 */

/**
 * Sum `values[start .. start + n)` in numpy's pairwise order with float64 accumulators:
 * - n < 8: left to right, starting from 0;
 * - 8 ≤ n ≤ 128: 8 partial sums r[j] = a[j] + a[j+8] + ..., combined as ((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7)),
 *   then the leftover (n mod 8) elements one at a time;
 * - n > 128: split at n/2 rounded down to a multiple of 8 and sum both halves recursively.
 *
 * A numpy mean is this sum divided by n (true division).
 *
 * @param values - the numbers
 * @param start - first index (default 0)
 * @param n - how many (default: to the end)
 * @returns the sum; 0 for n = 0
 */
export function pairwiseSum(values: ArrayLike<number>, start = 0, n: number = values.length - start): number {
  if (n < 8) {
    let res = 0;
    for (let i = 0; i < n; i++) res += values[start + i]!;
    return res;
  }
  if (n <= 128) {
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
    let res = (r0 + r1 + (r2 + r3)) + (r4 + r5 + (r6 + r7));
    for (; i < n; i++) res += values[start + i]!;
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return pairwiseSum(values, start, n2) + pairwiseSum(values, start + n2, n - n2);
}
