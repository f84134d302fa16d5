/**
 * Assertions on thrown `PosekitError`s, shared by every package's tests. `PosekitError` is imported from
 * core's source file (not the `@posekit/core` specifier) so that its identity is the one both core's own
 * tests (`../../src/...`) and the other packages' tests (`@posekit/core` aliased to `packages/core/src`) see.
 */
import { expect } from 'vitest';
import { PosekitError, isPosekitError } from '../packages/core/src/errors.js';

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
 * Assert that `fn` throws a `PosekitError` (by `instanceof`) whose `code` is `code` (and, when given, whose
 * message matches `message`).
 *
 * @param fn - the call to make
 * @param code - the expected stable error code, e.g. `'E_SHAPE'`
 * @param message - optional pattern the error message must match
 */
export function expectCode(fn: () => unknown, code: string, message?: RegExp): void {
  let err: unknown;
  try {
    fn();
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(PosekitError);
  expect((err as PosekitError).code).toBe(code);
  if (message) expect((err as Error).message).toMatch(message);
}

/**
 * The `code` of the error promise `p` rejects with, asserting it is a PosekitError (`isPosekitError`, which
 * also accepts one rebuilt from a structured clone, e.g. after crossing a worker boundary); `undefined` when
 * `p` resolves.
 *
 * @param p - the promise to settle
 * @returns the rejection's stable error code, or undefined when there was none
 */
export async function rejectedCode(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
  } catch (e) {
    expect(isPosekitError(e)).toBe(true);
    return (e as PosekitError).code;
  }
  return undefined;
}
