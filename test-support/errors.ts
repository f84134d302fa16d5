/**
 * Assertions on thrown `PosekitError`s, shared by every package's tests. `PosekitError` is imported from
 * core's source file (not the `@posekit/core` specifier) so that its identity is the one both core's own
 * tests (`../../src/...`) and the other packages' tests (`@posekit/core` aliased to `packages/core/src`) see.
 */
import { expect } from 'vitest';
import { PosekitError } from '../packages/core/src/errors.js';

/**
 * The `code` property of whatever `fn` throws, or `undefined` when it returns normally.
 *
 * @param fn - the call to make
 * @returns the thrown value's `code` (undefined when it has none, or nothing was thrown)
 */
export function thrownCode(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return (e as { code?: string }).code;
  }
  return undefined;
}

/**
 * Assert that `fn` throws a `PosekitError` (by `instanceof`) whose `code` is `code`.
 *
 * @param fn - the call to make
 * @param code - the expected stable error code, e.g. `'E_SHAPE'`
 */
export function expectCode(fn: () => unknown, code: string): void {
  let err: unknown;
  try {
    fn();
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(PosekitError);
  expect((err as PosekitError).code).toBe(code);
}
