/**
 * "Precision follows `out`": the references run their box and point arithmetic on numpy float32 arrays or torch
 * float32 tensors, where every step is rounded to float32. The helpers that reproduce them round each step the same
 * way when they write into a `Float32Array`, and compute in double otherwise (float64 arrays).
 *
 * @internal
 * @module
 */
import type { NumArray } from './matrix.js';

const identity = (v: number): number => v;

/** The rounding of one arithmetic step for results stored in `out`: `Math.fround` for a Float32Array. @internal */
export function stepRounding(out: NumArray): (v: number) => number {
  return out instanceof Float32Array ? Math.fround : identity;
}
