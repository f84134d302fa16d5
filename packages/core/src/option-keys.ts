/**
 * Rejection of misspelt or foreign option names, shared by the stateful helpers (tracker, smoothers).
 * Not exported from the barrel.
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
