/**
 * Shared validation of the smoothing filters: option objects, numeric parameters, timestamps and the
 * per-call arrays. Not exported from the barrel.
 *
 * @internal
 * @module
 */
import { PosekitError, describeValue } from '../errors.js';

/** Constraints of {@link checkParam}. */
export interface ParamRule {
  /** Lower bound. */
  min: number;
  /** `true`: value must be > min; `false`: >= min. */
  exclusive: boolean;
  /** Value must be an integer. */
  integer?: boolean;
  /** `+Infinity` is accepted (e.g. "never drop"). */
  allowInfinity?: boolean;
}

/**
 * Validate one numeric parameter (or take its default when `undefined`): `E_ARGUMENT` for a non-number,
 * `E_NONFINITE` for NaN / ±Infinity (unless `allowInfinity`), `E_RANGE` below the bound or not an integer.
 */
export function checkParam(fn: string, name: string, value: unknown, fallback: number, rule: ParamRule): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number') {
    throw new PosekitError('E_ARGUMENT', `${fn}: ${name} must be a number; received ${describeValue(value)}`, {
      field: name,
      received: describeValue(value),
    });
  }
  const bound = `${rule.exclusive ? '>' : '>='} ${rule.min}`;
  if (Number.isNaN(value) || (!Number.isFinite(value) && !(rule.allowInfinity && value === Infinity))) {
    throw new PosekitError('E_NONFINITE', `${fn}: ${name} must be a finite number ${bound}; received ${describeValue(value)}`, {
      field: name,
      received: value,
    });
  }
  if (rule.exclusive ? !(value > rule.min) : !(value >= rule.min)) {
    throw new PosekitError('E_RANGE', `${fn}: ${name} must be ${bound}; received ${value}`, { field: name, expected: bound, received: value });
  }
  if (rule.integer && !Number.isInteger(value)) {
    throw new PosekitError('E_RANGE', `${fn}: ${name} must be an integer ${bound}; received ${value}`, {
      field: name,
      expected: `integer ${bound}`,
      received: value,
    });
  }
  return value;
}

/**
 * Most channels a filter may have: 65536 (x and y of 32768 keypoints). The state is five or more typed arrays per
 * channel; without a bound 1e9 channels allocated 40 GB (about a minute) before any sample was filtered.
 */
export const MAX_CHANNELS = 65536;

/** Validate a channel count: an integer from 1 to {@link MAX_CHANNELS}. */
export function checkChannels(fn: string, channels: unknown): number {
  if (channels === undefined) {
    throw new PosekitError('E_ARGUMENT', `${fn}: channels (an integer >= 1) is required; received undefined`, { field: 'channels' });
  }
  const n = checkParam(fn, 'channels', channels, 0, { min: 1, exclusive: false, integer: true });
  if (n > MAX_CHANNELS) {
    throw new PosekitError('E_RANGE', `${fn}: channels must be at most ${MAX_CHANNELS}; received ${n}`, { field: 'channels', expected: `<= ${MAX_CHANNELS}`, received: n });
  }
  return n;
}

/** Validate a timestamp in seconds: a finite number. */
export function checkTimestamp(fn: string, t: unknown): number {
  if (typeof t !== 'number') {
    throw new PosekitError('E_ARGUMENT', `${fn}: timestampSec must be a number (seconds); received ${describeValue(t)}`, {
      field: 'timestampSec',
      received: describeValue(t),
    });
  }
  if (!Number.isFinite(t)) {
    throw new PosekitError('E_NONFINITE', `${fn}: timestampSec must be finite (seconds); received ${describeValue(t)}`, {
      field: 'timestampSec',
      received: t,
    });
  }
  return t;
}

/** Validate a Float32Array / Float64Array of exactly `length` elements. */
export function checkFloatArray(fn: string, name: string, a: unknown, length: number): Float32Array | Float64Array {
  if (!(a instanceof Float32Array || a instanceof Float64Array)) {
    throw new PosekitError('E_ARGUMENT', `${fn}: ${name} must be a Float32Array or Float64Array; received ${describeValue(a)}`, {
      field: name,
      expected: 'Float32Array | Float64Array',
      received: describeValue(a),
    });
  }
  if (a.length !== length) {
    throw new PosekitError('E_SHAPE', `${fn}: ${name} must hold one value per channel (${length}); received ${describeValue(a)}`, {
      field: name,
      expected: length,
      received: a.length,
    });
  }
  return a;
}

/** Validate that every element of `a` is finite (one pass, before any state changes). */
export function checkFiniteValues(fn: string, name: string, a: Float32Array | Float64Array): void {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * 0;
  // x * 0 is 0 for finite x and NaN for NaN / ±Infinity, so the sum is 0 iff every value is finite.
  if (s === 0) return;
  let i = 0;
  while (Number.isFinite(a[i]!)) i++;
  throw new PosekitError('E_NONFINITE', `${fn}: ${name} must be finite; received ${describeValue(a[i])} at channel ${i}`, {
    field: name,
    item: i,
    received: describeValue(a[i]),
  });
}

/** Validate an optional mask: a Uint8Array with at least `length` elements. */
export function checkMask(fn: string, mask: unknown, length: number): Uint8Array | undefined {
  if (mask === undefined) return undefined;
  if (!(mask instanceof Uint8Array)) {
    throw new PosekitError('E_ARGUMENT', `${fn}: mask must be a Uint8Array (1 = filter the channel, 0 = pass it through); received ${describeValue(mask)}`, {
      field: 'mask',
      received: describeValue(mask),
    });
  }
  if (mask.length !== length) {
    throw new PosekitError('E_SHAPE', `${fn}: mask must hold one flag per channel (${length}); received ${describeValue(mask)}`, {
      field: 'mask',
      expected: length,
      received: mask.length,
    });
  }
  return mask;
}
