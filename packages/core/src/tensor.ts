/**
 * Tensors as posekit sees them: a typed array plus dims, structurally compatible with onnxruntime-common's
 * `Tensor` (which has `data`, `dims` and `type`), so a session output is used without a copy.
 *
 * @module
 */
import { PosekitError, describeValue } from './errors.js';

/** Any typed array posekit accepts as tensor data. */
export type TypedArray =
  | Float32Array
  | Float64Array
  | Int8Array
  | Uint8Array
  | Uint8ClampedArray
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array;

/**
 * A dense C-order tensor: `data[i0 * dims[1] * ... + ...]`. An onnxruntime-common `Tensor` of type
 * `float32` satisfies `TensorLike<Float32Array>` as it is (zero-copy).
 */
export interface TensorLike<T extends TypedArray = Float32Array> {
  /** Flat element data in C (row-major) order. */
  readonly data: T;
  /** Shape, outermost first. */
  readonly dims: readonly number[];
}

/** A float32 tensor owned by posekit (mutable dims array for convenience). */
export interface Float32Tensor {
  /** Flat float32 data, C order. */
  data: Float32Array;
  /** Shape, outermost first. */
  dims: number[];
}

/** Number of elements of a shape (product of dims; 1 for a scalar shape `[]`). */
export function sizeOf(dims: readonly number[]): number {
  let n = 1;
  for (let i = 0; i < dims.length; i++) n *= dims[i]!;
  return n;
}

/**
 * Check that `t` is a float32 tensor of the given rank whose data length matches its dims, and return it
 * unchanged (no copy). Throws {@link PosekitError} `E_DTYPE`, `E_RANK`, `E_SHAPE` or `E_EMPTY`.
 *
 * @param fn - calling function, for the message
 * @param name - argument name, for the message
 * @param t - the tensor (onnxruntime `Tensor` or `{data, dims}`)
 * @param dimNames - one name per expected dimension, e.g. `['N', 'K', 'H', 'W']`
 * @param allowEmpty - whether a zero-sized dimension is allowed (default false)
 * @returns the same object typed as `TensorLike<Float32Array>`
 */
export function checkFloat32Tensor(
  fn: string,
  name: string,
  t: unknown,
  dimNames: readonly string[],
  allowEmpty = false,
): TensorLike<Float32Array> {
  const shapeText = `[${dimNames.join(', ')}]`;
  if (typeof t !== 'object' || t === null || !('data' in t) || !('dims' in t)) {
    throw new PosekitError('E_ARGUMENT', `${fn}: ${name} must be a tensor {data, dims} of shape ${shapeText}; received ${describeValue(t)}`, {
      expected: `tensor ${shapeText}`,
      received: describeValue(t),
    });
  }
  const { data, dims } = t as { data: unknown; dims: unknown };
  if (!(data instanceof Float32Array)) {
    throw new PosekitError('E_DTYPE', `${fn}: ${name} must hold float32 data (Float32Array); received ${describeValue(data)}`, {
      expected: 'Float32Array',
      received: describeValue(data),
    });
  }
  if (!Array.isArray(dims) && !(ArrayBuffer.isView(dims))) {
    throw new PosekitError('E_ARGUMENT', `${fn}: ${name}.dims must be an array; received ${describeValue(dims)}`);
  }
  const d = Array.from(dims as ArrayLike<number>, Number);
  if (d.length !== dimNames.length) {
    throw new PosekitError(
      'E_RANK',
      `${fn}: ${name} must have rank ${dimNames.length} ${shapeText}; received rank ${d.length} [${d.join(', ')}]`,
      { expected: shapeText, received: d },
    );
  }
  for (let i = 0; i < d.length; i++) {
    const v = d[i]!;
    if (!Number.isInteger(v) || v < 0) {
      throw new PosekitError('E_SHAPE', `${fn}: ${name} has an invalid dimension ${dimNames[i]} = ${v} in [${d.join(', ')}]`, {
        expected: 'non-negative integers',
        received: d,
      });
    }
    if (v === 0 && !allowEmpty) {
      throw new PosekitError('E_EMPTY', `${fn}: ${name} must not be empty; received ${shapeText} = [${d.join(', ')}]`, {
        expected: `${dimNames[i]} >= 1`,
        received: d,
      });
    }
  }
  const n = sizeOf(d);
  if (data.length !== n) {
    throw new PosekitError('E_SHAPE', `${fn}: ${name} has ${data.length} elements but dims [${d.join(', ')}] need ${n}`, {
      expected: n,
      received: data.length,
    });
  }
  return t as TensorLike<Float32Array>;
}
