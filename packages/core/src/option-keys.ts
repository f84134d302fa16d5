/**
 * Option checks shared by every entry point (decoders, NMS, grouping, rendering, tracker, smoothers, affine
 * conventions): misspelt or foreign option names, booleans and enum-like strings. Not exported from the barrel.
 *
 * @internal
 * @module
 */
import { PosekitError, describeValue } from './errors.js';

/**
 * Option names users bring from other libraries whose unit differs from ours, for the helpers that have the posekit
 * name (tracker, pose smoother): the message points at it so that a tfjs `maxAge: 1000` (milliseconds) is not
 * silently read as 1000 seconds.
 */
export const MAX_AGE_HINT: Readonly<Record<string, string>> = { maxAge: 'maxAgeSec (seconds, not milliseconds)' };

/**
 * Reject a non-object `options` and keys outside `allowed` (a misspelt option must not be ignored). `renamed` maps
 * foreign names to a hint naming the posekit option (see {@link MAX_AGE_HINT}).
 */
export function checkOptionKeys(fn: string, options: unknown, allowed: readonly string[], renamed?: Readonly<Record<string, string>>): void {
  if (options === undefined) return;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new PosekitError('E_ARGUMENT', `${fn}: options must be an object; received ${describeValue(options)}`, {
      expected: 'object',
      received: describeValue(options),
    });
  }
  for (const key of Object.keys(options)) {
    if (!allowed.includes(key)) {
      const hint = renamed !== undefined && Object.hasOwn(renamed, key) ? ` (did you mean ${renamed[key]}?)` : '';
      throw new PosekitError('E_ARGUMENT', `${fn}: unknown option ${JSON.stringify(key)}${hint}; allowed: ${allowed.join(', ')}`, {
        field: key,
        expected: allowed,
        received: key,
      });
    }
  }
}

/** Validate an optional boolean option (`E_ARGUMENT` for anything but true / false / undefined). */
export function checkBool(fn: string, name: string, v: unknown, dflt: boolean): boolean {
  if (v === undefined) return dflt;
  if (typeof v !== 'boolean') {
    throw new PosekitError('E_ARGUMENT', `${fn}: ${name} must be true or false; received ${describeValue(v)}`, {
      expected: 'boolean',
      received: describeValue(v),
    });
  }
  return v;
}

/** Validate an enum-like option. */
export function checkOneOf<T extends string>(fn: string, name: string, v: unknown, allowed: readonly T[], dflt: T): T {
  if (v === undefined) return dflt;
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) {
    throw new PosekitError('E_ARGUMENT', `${fn}: ${name} must be one of ${allowed.map((a) => `'${a}'`).join(', ')}; received ${describeValue(v)}`, {
      expected: allowed,
      received: v,
    });
  }
  return v as T;
}
