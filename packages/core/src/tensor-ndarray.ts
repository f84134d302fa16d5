/**
 * The `ndarray` bridge, in a module of its own: ndarray is CommonJS without a `sideEffects` flag, so a bundler keeps
 * it wherever it is imported. Here only apps that call {@link toNdarray} pay for it (6 KB minified).
 *
 * @module
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import type { TensorLike, TypedArray } from './tensor.js';

/**
 * An `ndarray` view over a tensor's data (no copy), for code that prefers strided access.
 *
 * @param t - tensor
 * @returns ndarray sharing `t.data`
 */
export function toNdarray<T extends TypedArray>(t: TensorLike<T>): NdArray<T> {
  return ndarray(t.data, t.dims.slice());
}
