/**
 * Input checks shared by the NMS functions (internal): counts, flat-array lengths, finiteness.
 * Every failure is a PosekitError naming what was expected and what was received.
 * @internal
 * @module
 */
import { PosekitError, describeValue } from '../errors.js';

/** Throw E_RANGE unless `v` is a non-negative integer. @internal */
export function checkCount(fn: string, name: string, v: unknown, min = 0): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) {
    throw new PosekitError('E_RANGE', `${fn}: ${name} must be an integer >= ${min}; received ${describeValue(v)}`, {
      field: name,
      expected: `integer >= ${min}`,
      received: v,
    });
  }
  return v;
}

/** Throw E_ARGUMENT unless `a` is array-like, E_SHAPE unless its length is `expected`. @internal */
export function checkArray(fn: string, name: string, a: unknown, expected: number, shape: string): ArrayLike<number> {
  if (a === null || typeof a !== 'object' || typeof (a as { length?: unknown }).length !== 'number') {
    throw new PosekitError('E_ARGUMENT', `${fn}: ${name} must be a numeric array ${shape}; received ${describeValue(a)}`, {
      field: name,
      expected: shape,
      received: describeValue(a),
    });
  }
  const len = (a as ArrayLike<number>).length;
  if (len !== expected) {
    throw new PosekitError('E_SHAPE', `${fn}: ${name} must have ${expected} values ${shape}; received ${len}`, {
      field: name,
      expected,
      received: len,
    });
  }
  return a as ArrayLike<number>;
}

/** Throw E_NONFINITE at the first NaN / ±Infinity of `a`. @internal */
export function checkFinite(fn: string, name: string, a: ArrayLike<number>): void {
  for (let i = 0, n = a.length; i < n; i++) {
    const v = a[i]!;
    if (!(v - v === 0)) {
      throw new PosekitError('E_NONFINITE', `${fn}: ${name}[${i}] must be finite; received ${typeof v === 'number' ? String(v) : describeValue(v)}`, {
        field: name,
        item: i,
        expected: 'finite number',
        received: v,
      });
    }
  }
}

/** Throw E_RANGE unless `v` is a finite number. @internal */
export function checkNumber(fn: string, name: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    throw new PosekitError('E_RANGE', `${fn}: ${name} must be a finite number; received ${describeValue(v)}`, {
      field: name,
      expected: 'finite number',
      received: v,
    });
  }
  return v;
}

/** The array itself when it is a Float32Array, else a float32 copy (the reference consumed float32). @internal */
export function asFloat32(a: ArrayLike<number>): Float32Array {
  return a instanceof Float32Array ? a : Float32Array.from(a);
}
