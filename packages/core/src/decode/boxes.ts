/**
 * Validation of the per-instance box / centre / scale arrays the image-space decoders take.
 *
 * @internal
 * @module
 */
import { PosekitError, describeValue } from '../errors.js';

/**
 * Check that `v` holds `n * per` finite numbers (one row of `per` numbers per instance) and return it.
 * Throws `E_ARGUMENT` (not an array), `E_SHAPE` (wrong length) or `E_NONFINITE`.
 */
export function checkRows(fn: string, name: string, v: unknown, n: number, per: number, what: string): ArrayLike<number> {
  if (!(Array.isArray(v) || ArrayBuffer.isView(v))) {
    throw new PosekitError('E_ARGUMENT', `${fn}: ${name} must be an array of ${n} × ${per} numbers (${what}); received ${describeValue(v)}`, {
      expected: `${n * per} numbers`,
      received: describeValue(v),
    });
  }
  const a = (Array.isArray(v) && v.length > 0 && Array.isArray(v[0]) ? (v as unknown[]).flat() : v) as ArrayLike<unknown>;
  if (a.length !== n * per) {
    throw new PosekitError('E_SHAPE', `${fn}: ${name} must hold ${n} × ${per} = ${n * per} numbers (${what}), one row per instance; received ${a.length}`, {
      expected: n * per,
      received: a.length,
    });
  }
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    if (typeof x !== 'number' || !Number.isFinite(x)) {
      throw new PosekitError('E_NONFINITE', `${fn}: ${name}[${i}] must be a finite number; received ${describeValue(x)}`, {
        expected: 'finite number',
        received: describeValue(x),
        item: i,
      });
    }
  }
  return a as ArrayLike<number>;
}

/** Throw `E_RANGE` for a degenerate (zero / negative size) box of instance `i`. */
export function throwDegenerate(fn: string, name: string, i: number, detail: string): never {
  throw new PosekitError('E_RANGE', `${fn}: ${name} of instance ${i} is degenerate (${detail}); expected a positive width and height`, {
    item: i,
    received: detail,
  });
}
