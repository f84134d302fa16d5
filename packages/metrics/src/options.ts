/**
 * Option checks shared by the metrics entry points (a local counterpart of core's internal
 * `checkOptionKeys`, which core does not export): a non-object `options`, a misspelt option name, a `null`
 * option value, a non-boolean flag or an unknown enum string is an `E_ARGUMENT`, never silently ignored.
 * Not exported from the barrel.
 *
 * @internal
 * @module
 */
import { PosekitError, describeValue } from '@posekit/core';

/**
 * Reject a non-object `options`, keys outside `allowed` and `null` values (a misspelt option must not be
 * ignored, and `null` must not silently mean "default"). Returns the options as a record (`{}` for undefined).
 * @internal
 */
export function checkOptions(fn: string, options: unknown, allowed: readonly string[], what = 'options'): Record<string, unknown> {
  if (options === undefined) return {};
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new PosekitError('E_ARGUMENT', `${fn}: ${what} must be an object; received ${describeValue(options)}`, {
      expected: 'object',
      received: describeValue(options),
    });
  }
  for (const key of Object.keys(options)) {
    if (!allowed.includes(key)) {
      throw new PosekitError('E_ARGUMENT', `${fn}: unknown option ${JSON.stringify(key)} in ${what}; allowed: ${allowed.join(', ')}`, {
        field: key,
        expected: allowed,
        received: key,
      });
    }
    if ((options as Record<string, unknown>)[key] === null) {
      throw new PosekitError('E_ARGUMENT', `${fn}: ${what}.${key} must not be null (leave it out for the default)`, {
        field: key,
        received: 'null',
      });
    }
  }
  return options as Record<string, unknown>;
}

/** A boolean option (undefined = `dflt`). @internal */
export function boolOption(fn: string, name: string, v: unknown, dflt: boolean): boolean {
  if (v === undefined) return dflt;
  if (typeof v !== 'boolean') {
    throw new PosekitError('E_ARGUMENT', `${fn}: ${name} must be true or false; received ${describeValue(v)}`, {
      field: name,
      expected: 'boolean',
      received: describeValue(v),
    });
  }
  return v;
}

/** An enum-like string option (undefined = `dflt`). @internal */
export function enumOption<T extends string>(fn: string, name: string, v: unknown, allowed: readonly T[], dflt: T): T {
  if (v === undefined) return dflt;
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) {
    throw new PosekitError('E_ARGUMENT', `${fn}: ${name} must be one of ${allowed.map((a) => `'${a}'`).join(', ')}; received ${describeValue(v)}`, {
      field: name,
      expected: allowed,
      received: describeValue(v),
    });
  }
  return v as T;
}

/** A string option (undefined = `dflt`). @internal */
export function stringOption(fn: string, name: string, v: unknown, dflt: string): string;
/** A string option (undefined stays undefined). @internal */
export function stringOption(fn: string, name: string, v: unknown): string | undefined;
export function stringOption(fn: string, name: string, v: unknown, dflt?: string): string | undefined {
  if (v === undefined) return dflt;
  if (typeof v !== 'string') {
    throw new PosekitError('E_ARGUMENT', `${fn}: ${name} must be a string; received ${describeValue(v)}`, {
      field: name,
      expected: 'string',
      received: describeValue(v),
    });
  }
  return v;
}

/** A callback option (undefined stays undefined). @internal */
export function functionOption<F>(fn: string, name: string, v: unknown): F | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'function') {
    throw new PosekitError('E_ARGUMENT', `${fn}: ${name} must be a function; received ${describeValue(v)}`, {
      field: name,
      expected: 'function',
      received: describeValue(v),
    });
  }
  return v as F;
}

/**
 * An integer count in [min, max] (undefined = `dflt`): E_RANGE otherwise, so that a negative, fractional or
 * absurdly large count can neither crash an allocation nor loop for minutes.
 * @internal
 */
export function intOption(fn: string, name: string, v: unknown, dflt: number, min: number, max: number): number {
  if (v === undefined) return dflt;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    throw new PosekitError('E_RANGE', `${fn}: ${name} must be an integer from ${min} to ${max}; received ${describeValue(v)}`, {
      field: name,
      expected: `integer in [${min}, ${max}]`,
      received: describeValue(v),
    });
  }
  return v;
}

/** A finite number option, optionally `> greaterThan` or `>= atLeast` (undefined = `dflt`). @internal */
export function numberOption(fn: string, name: string, v: unknown, dflt: number, bound: { greaterThan?: number; atLeast?: number } = {}): number {
  if (v === undefined) return dflt;
  const { greaterThan, atLeast } = bound;
  if (typeof v !== 'number' || !Number.isFinite(v) || (greaterThan !== undefined && !(v > greaterThan)) || (atLeast !== undefined && !(v >= atLeast))) {
    const range = greaterThan !== undefined ? ` > ${greaterThan}` : atLeast !== undefined ? ` >= ${atLeast}` : '';
    throw new PosekitError('E_RANGE', `${fn}: ${name} must be a finite number${range}; received ${describeValue(v)}`, {
      field: name,
      expected: `finite number${range}`,
      received: describeValue(v),
    });
  }
  return v;
}

/** An array or a typed array (not a DataView): what the metric entry points accept as a list of numbers. @internal */
export function isNumberList(v: unknown): v is ArrayLike<number> {
  return Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView));
}
