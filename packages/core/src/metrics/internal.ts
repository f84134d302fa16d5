/**
 * Shared internals of the metric kernels. Not exported from the barrel.
 *
 * @internal
 * @module
 */
import { PosekitError } from '../errors.js';
import { sharesStorage } from '../affine/check.js';

/**
 * Throw E_ARGUMENT when `out` shares memory with the input `name` (it is written while the input is still read).
 * @internal
 */
export function checkDisjoint(fn: string, out: unknown, name: string, input: unknown): void {
  if (sharesStorage(out, input)) {
    throw new PosekitError('E_ARGUMENT', `${fn}: out must not share memory with ${name} (it is written while ${name} is read); received overlapping arrays`, {
      expected: `an array separate from ${name}`,
      received: 'overlapping arrays',
    });
  }
}
