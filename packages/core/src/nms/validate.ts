/**
 * Input checks shared by the NMS functions (internal): counts, flat-array lengths, finiteness, ranges.
 * Every failure is a PosekitError naming what was expected and what was received.
 * @internal
 * @module
 */
import { isArrayLike } from '../affine/check.js';
import { PosekitError, describeValue, type PosekitErrorCode } from '../errors.js';

/**
 * Throw `code` with the message `${fn}: ${what}; received ${v}` (one builder keeps the checks small in the
 * browser bundle). @internal
 */
export function fail(code: PosekitErrorCode, fn: string, what: string, v: unknown): never {
  throw new PosekitError(code, `${fn}: ${what}; received ${describeValue(v)}`, { expected: what, received: describeValue(v) });
}

/** Throw E_RANGE unless `v` is an integer >= `min`. @internal */
export function checkCount(fn: string, name: string, v: unknown, min = 0): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) fail('E_RANGE', fn, `${name} must be an integer >= ${min}`, v);
  return v;
}

/** Throw E_ARGUMENT unless `a` is array-like (an object with a numeric length). @internal */
export function checkList(fn: string, name: string, a: unknown, shape: string): ArrayLike<number> {
  if (!isArrayLike(a)) {
    fail('E_ARGUMENT', fn, `${name} must be a numeric array ${shape}`, a);
  }
  return a as ArrayLike<number>;
}

/** Throw E_ARGUMENT unless `a` is array-like, E_SHAPE unless its length is `expected`. @internal */
export function checkArray(fn: string, name: string, a: unknown, expected: number, shape: string): ArrayLike<number> {
  const len = checkList(fn, name, a, shape).length;
  if (len !== expected) fail('E_SHAPE', fn, `${name} must have ${expected} values ${shape}`, len);
  return a as ArrayLike<number>;
}

/** Throw E_NONFINITE at the first NaN / ±Infinity of `a`, E_RANGE at the first value below `min`. @internal */
export function checkFinite(fn: string, name: string, a: ArrayLike<number>, min = -Infinity): void {
  for (let i = 0, n = a.length; i < n; i++) {
    const v = a[i]!;
    if (!(v - v === 0)) fail('E_NONFINITE', fn, `${name}[${i}] must be finite`, v);
    if (v < min) fail('E_RANGE', fn, `${name}[${i}] must be >= ${min}`, v);
  }
}

/** Throw E_RANGE unless `v` is a finite number in [lo, hi]. @internal */
export function checkNumber(fn: string, name: string, v: unknown, lo = -Infinity, hi = Infinity): number {
  if (typeof v !== 'number' || !(v - v === 0 && v >= lo && v <= hi)) {
    fail('E_RANGE', fn, `${name} must be a finite number in [${lo}, ${hi}]`, v);
  }
  return v;
}

/** The array itself when it is a Float32Array, else a float32 copy (the reference consumed float32). @internal */
export function asFloat32(a: ArrayLike<number>): Float32Array {
  return a instanceof Float32Array ? a : Float32Array.from(a);
}
