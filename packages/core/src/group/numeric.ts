/**
 * Small numeric helpers that reproduce Python / numpy / scipy arithmetic exactly (rounding, `np.linspace`,
 * scipy's `reflect` boundary). The groupings' decisions (which cell a sample lands in, which pixel is a
 * peak) depend on these details, so they are restated here rather than approximated. numpy's pairwise
 * summation is the project's single copy in ../metrics/pairwise.ts.
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
