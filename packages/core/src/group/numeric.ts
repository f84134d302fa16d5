/**
 * Small numeric helpers that reproduce Python / numpy / scipy arithmetic exactly (rounding, summation order,
 * `np.linspace`, scipy's `reflect` boundary). The groupings' decisions (which cell a sample lands in, which
 * pixel is a peak) depend on these details, so they are restated here rather than approximated.
 * @internal
 * @module
 */

/**
 * Python's `round(x)` on a float (and numpy's `np.round`): nearest integer, ties to even.
 * @internal
 */
export function roundHalfEven(x: number): number {
  const r = Math.round(x); // ties toward +Infinity
  // Math.round(2.5) = 3 but Python gives 2; Math.round(-2.5) = -2 and Python gives -2 as well.
  if (r - x === 0.5 && r % 2 !== 0) return r - 1;
  return r;
}

/**
 * numpy's pairwise summation (`pairwise_sum` in numpy/core/src/umath/loops_utils.h.src) in double precision,
 * the order `np.sum` uses on a contiguous float64 array: n < 8 left to right from 0; n ≤ 128 eight running
 * sums combined as ((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7)) then the leftovers; larger n split in halves rounded
 * down to a multiple of 8.
 * @internal
 */
export function pairwiseSum(a: ArrayLike<number>, off: number, n: number): number {
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
  return pairwiseSum(a, off, n2) + pairwiseSum(a, off + n2, n - n2);
}

/**
 * Sample `i` of `np.linspace(start, stop, num)` (endpoint included), computed the way numpy 1.24 does:
 * `i * step + start` with `step = (stop - start) / (num - 1)`, `(i / div) * delta + start` when the step
 * underflows to 0, and the last sample set to `stop` exactly.
 * @internal
 */
export function linspaceAt(start: number, stop: number, num: number, i: number): number {
  const div = num - 1;
  if (div <= 0) return 0 * (stop - start) + start;
  if (i === div) return stop;
  const delta = stop - start;
  const step = delta / div;
  if (step === 0) return (i / div) * delta + start;
  return i * step + start;
}

/**
 * scipy.ndimage `reflect` (half-sample symmetric, `dcba|abcd|dcba`, period 2n) index of `i` on an axis of
 * length `n`.
 * @internal
 */
export function reflectIndex(i: number, n: number): number {
  const p = 2 * n;
  const m = ((i % p) + p) % p;
  return m >= n ? p - 1 - m : m;
}
