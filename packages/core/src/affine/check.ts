/**
 * Entry checks shared by the affine functions. All are O(1) (or O(n) over a box array, which the caller reads anyway)
 * and allocate nothing on success: they only build a message when they throw.
 *
 * Conventions: a missing / non-array argument is `E_ARGUMENT`, a too-short one `E_SHAPE`, a non-finite entry of a
 * scalar / point / size / matrix / box parameter `E_NONFINITE`. Bulk point arrays are not scanned (a NaN point is
 * passed through: callers use it for "missing").
 *
 * @internal
 * @module
 */
import { PosekitError, describeValue } from '../errors.js';

/** Whether `v` is an object with a numeric `length` (array, typed array, array-like). @internal */
export function isArrayLike(v: unknown): v is ArrayLike<unknown> {
  return typeof v === 'object' && v !== null && typeof (v as { length?: unknown }).length === 'number';
}

/**
 * Check that `v` is array-like with at least `min` entries. `what` describes the expected value for the message,
 * e.g. `'[x, y]'`.
 * @internal
 */
export function checkArray(fn: string, name: string, v: unknown, min: number, what: string): void {
  if (!isArrayLike(v)) {
    throw new PosekitError('E_ARGUMENT', `${fn}: ${name} must be an array of ${min} numbers ${what}; received ${describeValue(v)}`, {
      expected: `${min} numbers ${what}`,
      received: describeValue(v),
    });
  }
  if (v.length < min) {
    throw new PosekitError('E_SHAPE', `${fn}: ${name} must hold ${min} numbers ${what}; received length ${v.length}`, { expected: min, received: v.length });
  }
}

/** Throw `E_NONFINITE` for `name[i] = v`. @internal */
export function throwNonFinite(fn: string, name: string, i: number | null, v: unknown): never {
  const at = i === null ? name : `${name}[${i}]`;
  throw new PosekitError('E_NONFINITE', `${fn}: ${at} must be a finite number; received ${describeValue(v)}`, {
    expected: 'finite number',
    received: describeValue(v),
    ...(i === null ? {} : { item: i }),
  });
}

/** Check that the first `n` entries of the array-like `v` are finite numbers. @internal */
export function checkFiniteEntries(fn: string, name: string, v: ArrayLike<unknown>, n: number): void {
  for (let i = 0; i < n; i++) {
    const x = v[i];
    if (typeof x !== 'number' || !Number.isFinite(x)) throwNonFinite(fn, name, i, x);
  }
}

/** A 2-vector parameter (point, size, shift): array-like, 2+ entries, the first two finite. @internal */
export function checkVec2(fn: string, name: string, v: unknown, what = '[x, y]'): void {
  checkArray(fn, name, v, 2, what);
  checkFiniteEntries(fn, name, v as ArrayLike<unknown>, 2);
}

/** A 2x3 matrix parameter: array-like, 6+ entries, the first six finite. @internal */
export function checkMatrix(fn: string, name: string, m: unknown): void {
  checkArray(fn, name, m, 6, '(2x3 affine matrix [a, b, tx, c, d, ty])');
  checkFiniteEntries(fn, name, m as ArrayLike<unknown>, 6);
}

/** A scalar parameter that must be a finite number. @internal */
export function checkFinite(fn: string, name: string, v: unknown): void {
  if (typeof v !== 'number' || !Number.isFinite(v)) throwNonFinite(fn, name, null, v);
}

/** An output array: array-like with at least `need` entries. @internal */
export function checkOut(fn: string, name: string, out: unknown, need: number): void {
  if (!isArrayLike(out)) {
    throw new PosekitError('E_ARGUMENT', `${fn}: ${name} must be a writable array of ${need} numbers; received ${describeValue(out)}`, {
      expected: `array of ${need} numbers`,
      received: describeValue(out),
    });
  }
  if (out.length < need) {
    throw new PosekitError('E_SHAPE', `${fn}: ${name} must hold ${need} numbers; received length ${out.length}`, { expected: need, received: out.length });
  }
}

/** A flat numeric array argument (array-like; its entries are not scanned). @internal */
export function checkFlat(fn: string, name: string, v: unknown, what: string): asserts v is ArrayLike<number> {
  if (!isArrayLike(v)) {
    throw new PosekitError('E_ARGUMENT', `${fn}: ${name} must be a flat array of numbers (${what}); received ${describeValue(v)}`, {
      expected: `flat array of numbers (${what})`,
      received: describeValue(v),
    });
  }
}

/** `stride` (numbers per point): an integer >= 2, x and y first. @internal */
export function checkStride(fn: string, stride: number): void {
  if (!Number.isInteger(stride) || stride < 2) {
    throw new PosekitError('E_RANGE', `${fn}: stride must be an integer >= 2 (x, y, then extra values per point); received ${describeValue(stride)}`, {
      expected: '>= 2',
      received: stride,
    });
  }
}

/**
 * Checks shared by the flat point transforms: `pts` array-like, `stride` an integer >= 2 dividing its length, `out`
 * array-like and long enough. Returns the number of points. The points themselves are not scanned.
 * @internal
 */
export function checkPoints(fn: string, name: string, out: unknown, pts: unknown, stride: number): number {
  checkFlat(fn, name, pts, `${stride} per point`);
  checkStride(fn, stride);
  if (pts.length % stride !== 0) {
    throw new PosekitError('E_SHAPE', `${fn}: ${name} must hold ${stride} numbers per point; received length ${pts.length}`, {
      expected: `length % ${stride} == 0`,
      received: pts.length,
    });
  }
  checkOut(fn, 'out', out, pts.length);
  return pts.length / stride;
}

/**
 * Whether two arrays share storage: the same object, or typed-array views whose byte ranges in one buffer overlap.
 * @internal
 */
export function sharesStorage(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (!ArrayBuffer.isView(a) || !ArrayBuffer.isView(b) || a.buffer !== b.buffer) return false;
  return a.byteOffset < b.byteOffset + b.byteLength && b.byteOffset < a.byteOffset + a.byteLength;
}

/**
 * Throw `E_ARGUMENT` when `out` shares storage with `input`: the function writes `out` while it still reads `input`
 * (`why` says how; default: the values are reordered). @internal
 */
export function checkNoAlias(fn: string, outName: string, out: unknown, inName: string, input: unknown, why = 'the values are reordered'): void {
  if (sharesStorage(out, input)) {
    throw new PosekitError('E_ARGUMENT', `${fn}: ${outName} must not share memory with ${inName} (${why}); received overlapping arrays`, {
      field: outName,
      expected: `an array separate from ${inName}`,
      received: 'overlapping arrays',
    });
  }
}
