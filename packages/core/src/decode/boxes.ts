/**
 * Validation of the per-instance box / centre / scale arrays the image-space decoders take.
 *
 * @internal
 * @module
 */
import { PosekitError, describeValue } from '../errors.js';
import { FLT_MAX } from './internal.js';

/**
 * Check that `v` holds `n * per` finite numbers (one row of `per` numbers per instance) and return it.
 * Throws `E_ARGUMENT` (not an array), `E_SHAPE` (wrong length), `E_NONFINITE`, or `E_RANGE` for a value
 * beyond float32 max (the references compute the back-projection in float32, where it becomes Infinity).
 */
export function checkRows(fn: string, name: string, v: unknown, n: number, per: number, what: string): ArrayLike<number> {
  if (!(Array.isArray(v) || ArrayBuffer.isView(v))) {
    throw new PosekitError('E_ARGUMENT', `${fn}: ${name} must be an array of ${n} × ${per} numbers (${what}); received ${describeValue(v)}`, {
      expected: `${n * per} numbers`,
      received: describeValue(v),
    });
  }
  const a = (Array.isArray(v) && v.length > 0 && Array.isArray(v[0]) ? (v as unknown[]).flat() : v) as ArrayLike<unknown>;
  if (a.length !== n * per) {
    throw new PosekitError('E_SHAPE', `${fn}: ${name} must hold ${n} × ${per} = ${n * per} numbers (${what}), one row per instance; received ${a.length}`, {
      expected: n * per,
      received: a.length,
    });
  }
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    if (typeof x !== 'number' || !Number.isFinite(x)) {
      throw new PosekitError('E_NONFINITE', `${fn}: ${name}[${i}] must be a finite number; received ${describeValue(x)}`, {
        expected: 'finite number',
        received: describeValue(x),
        item: i,
      });
    }
    if (x > FLT_MAX || x < -FLT_MAX) {
      throw new PosekitError(
        'E_RANGE',
        `${fn}: ${name}[${i}] (instance ${Math.floor(i / per)}) must lie within the float32 range (|value| <= ${FLT_MAX}), which the reference computes in; received ${x}`,
        { expected: `|value| <= ${FLT_MAX}`, received: x, item: i },
      );
    }
  }
  return a as ArrayLike<number>;
}

/**
 * Copy the `2k` back-projected coordinates of instance `i` from `img` into `kp` (float32). Returns false
 * when one of them is not finite there (a box / centre / scale so large that the image coordinates leave
 * the float32 range); the caller then throws {@link throwImageOverflow}.
 */
export function storeInstance(img: Float64Array, kp: Float32Array, i: number, k: number): boolean {
  const o = 2 * i * k;
  let acc = 0;
  for (let q = 0; q < 2 * k; q++) {
    kp[o + q] = img[q]!;
    acc += kp[o + q]!;
  }
  return acc - acc === 0;
}

/** `E_RANGE` for instance `i` whose image coordinates (already in `kp`) are not finite; `detail` names the geometry. */
export function throwImageOverflow(fn: string, kp: Float32Array, i: number, k: number, detail: string): never {
  const o = 2 * i * k;
  let q = 0;
  while (q < 2 * k - 1 && Number.isFinite(kp[o + q]!)) q++;
  throw new PosekitError(
    'E_RANGE',
    `${fn}: keypoint ${q >> 1} of instance ${i} comes out as ${kp[o + q]} in image space: ${detail} is too large for the float32 back-projection; expected image coordinates within float32 (3.4e38)`,
    { item: i, expected: 'finite float32 image coordinates', received: detail },
  );
}

/** Throw `E_RANGE` for a box of instance `i` whose positive size still gives no float32 transform. */
export function throwTooLarge(fn: string, name: string, i: number, detail: string): never {
  throw new PosekitError('E_RANGE', `${fn}: ${name} of instance ${i} (${detail}) is too large: its float32 affine transform overflows; expected coordinates and sizes well within float32 (3.4e38)`, {
    item: i,
    received: detail,
  });
}

/** Throw `E_RANGE` for a degenerate (zero / negative size) box of instance `i`. */
export function throwDegenerate(fn: string, name: string, i: number, detail: string): never {
  throw new PosekitError('E_RANGE', `${fn}: ${name} of instance ${i} is degenerate (${detail}); expected a positive width and height`, {
    item: i,
    received: detail,
  });
}
