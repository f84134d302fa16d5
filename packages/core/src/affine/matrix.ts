/**
 * 2x3 affine matrices in gl-matrix style: row-major `[a, b, tx, c, d, ty]` mapping `(x, y)` to
 * `(a x + b y + tx, c x + d y + ty)` (the layout of OpenCV's 2x3 `M`). Functions take `out` first and return it;
 * geometrically degenerate input (a singular matrix, collinear points) gives `null` instead of a throw, while invalid
 * input throws a `PosekitError`: a missing / non-array argument `E_ARGUMENT`, a too-short one `E_SHAPE`, a
 * non-finite matrix entry `E_NONFINITE`. Flat point arrays are not scanned: a NaN point (a "missing" keypoint) comes
 * out as NaN.
 *
 * @module
 */

import { checkArray, checkFiniteEntries, checkMatrix, checkOut, checkPoints } from './check.js';

/**
 * A writable flat array of numbers: Float64Array, Float32Array, Int32Array or `number[]`. The `out` parameter
 * of the batch functions takes this type, and they return the same array (typed as what was passed), so the
 * caller picks the precision the results are rounded to.
 */
export interface NumArray {
  /** Element `i`, read and written. */
  [i: number]: number;
  /** Number of elements. */
  readonly length: number;
}

/** A 2x3 row-major affine matrix `[a, b, tx, c, d, ty]` (OpenCV `M` layout), double precision. */
export type Affine2x3 = Float64Array;

/** Anything indexable holding a 2x3 row-major affine matrix (6 numbers). */
export type Affine2x3Like = ArrayLike<number>;

/** A 2-vector (point or size) `[x, y]` / `[w, h]`. */
export type Vec2Like = ArrayLike<number>;

/** A new identity matrix. */
export function createAffine(): Affine2x3 {
  const m = new Float64Array(6);
  m[0] = 1;
  m[4] = 1;
  return m;
}

/**
 * Set `out` to the identity.
 * @param out - receiving matrix
 * @returns out
 * @throws PosekitError `E_ARGUMENT` / `E_SHAPE` (`out` not an array of 6)
 */
export function identityAffine(out: Affine2x3): Affine2x3 {
  checkOut('identityAffine', 'out', out, 6);
  out[0] = 1; out[1] = 0; out[2] = 0;
  out[3] = 0; out[4] = 1; out[5] = 0;
  return out;
}

/**
 * Inverse of an affine matrix (as OpenCV `invertAffineTransform`, in double precision).
 *
 * @param out - receiving matrix (may be `m`)
 * @param m - matrix to invert
 * @returns out, or `null` when `m` is singular (its determinant is 0 or overflows)
 * @throws PosekitError `E_ARGUMENT` / `E_SHAPE` (`out` or `m` not an array of 6), `E_NONFINITE` (an entry of `m`)
 */
export function invertAffine(out: Affine2x3, m: Affine2x3Like): Affine2x3 | null {
  checkOut('invertAffine', 'out', out, 6);
  checkMatrix('invertAffine', 'm', m);
  const a = m[0]!, b = m[1]!, tx = m[2]!, c = m[3]!, d = m[4]!, ty = m[5]!;
  const det = a * d - b * c;
  if (det === 0 || !Number.isFinite(det) || !Number.isFinite(tx) || !Number.isFinite(ty)) return null;
  const r = 1 / det;
  const ia = d * r, ib = -b * r, ic = -c * r, id = a * r;
  out[0] = ia; out[1] = ib; out[2] = -ia * tx - ib * ty;
  out[3] = ic; out[4] = id; out[5] = -ic * tx - id * ty;
  return out;
}

/**
 * Composition `a ∘ b` (apply `b` first, then `a`), like gl-matrix `mat2d.multiply(out, a, b)`.
 *
 * @param out - receiving matrix (may alias `a` or `b`)
 * @param a - outer transform
 * @param b - inner transform
 * @returns out
 * @throws PosekitError `E_ARGUMENT` / `E_SHAPE` (not an array of 6), `E_NONFINITE` (an entry of `a` or `b`)
 */
export function multiplyAffine(out: Affine2x3, a: Affine2x3Like, b: Affine2x3Like): Affine2x3 {
  checkOut('multiplyAffine', 'out', out, 6);
  checkMatrix('multiplyAffine', 'a', a);
  checkMatrix('multiplyAffine', 'b', b);
  const a0 = a[0]!, a1 = a[1]!, a2 = a[2]!, a3 = a[3]!, a4 = a[4]!, a5 = a[5]!;
  const b0 = b[0]!, b1 = b[1]!, b2 = b[2]!, b3 = b[3]!, b4 = b[4]!, b5 = b[5]!;
  out[0] = a0 * b0 + a1 * b3;
  out[1] = a0 * b1 + a1 * b4;
  out[2] = a0 * b2 + a1 * b5 + a2;
  out[3] = a3 * b0 + a4 * b3;
  out[4] = a3 * b1 + a4 * b4;
  out[5] = a3 * b2 + a4 * b5 + a5;
  return out;
}

/**
 * Transform one point: `out = M (x, y, 1)` in double precision.
 *
 * @param out - receiving 2-vector (may alias `p`)
 * @param m - affine matrix
 * @param p - point `[x, y]` (a NaN coordinate comes out as NaN)
 * @returns out
 * @throws PosekitError `E_ARGUMENT` / `E_SHAPE` (`out`, `m` or `p` missing or too short), `E_NONFINITE` (an entry of `m`)
 */
export function transformPoint<T extends { [i: number]: number }>(out: T, m: Affine2x3Like, p: Vec2Like): T {
  // `out` may be any indexable object (the type allows one without a length): only its presence is required.
  if (typeof out !== 'object' || out === null || (out as { length?: unknown }).length !== undefined) checkOut('transformPoint', 'out', out, 2);
  checkMatrix('transformPoint', 'm', m);
  checkArray('transformPoint', 'p', p, 2, '[x, y]');
  const x = p[0]!, y = p[1]!;
  out[0] = m[0]! * x + m[1]! * y + m[2]!;
  out[1] = m[3]! * x + m[4]! * y + m[5]!;
  return out;
}

/**
 * Transform many points stored flat (`[x0, y0, ..., x1, y1, ...]` with `stride` numbers per point; only the first two
 * of each point are transformed, the others are copied when `out !== pts`). Double-precision arithmetic
 * (results are rounded only by the type of `out`). The points are not scanned: a NaN point ("missing") comes out
 * as NaN.
 *
 * @param out - receiving array, at least `pts.length` long (may be `pts`)
 * @param m - affine matrix
 * @param pts - flat points
 * @param stride - numbers per point (default 2; 3 for `x, y, score`)
 * @returns out
 * @throws PosekitError `E_ARGUMENT` (`out`, `m` or `pts` not an array), `E_RANGE` (stride not an integer >= 2),
 *   `E_SHAPE` (length not a multiple of stride, `out` or `m` too short), `E_NONFINITE` (an entry of `m`)
 */
export function transformPoints<T extends NumArray>(out: T, m: Affine2x3Like, pts: ArrayLike<number>, stride = 2): T {
  checkMatrix('transformPoints', 'm', m);
  const n = checkPoints('transformPoints', 'pts', out, pts, stride);
  const a = m[0]!, b = m[1]!, tx = m[2]!, c = m[3]!, d = m[4]!, ty = m[5]!;
  const same = (out as unknown) === pts;
  for (let i = 0, o = 0; i < n; i++, o += stride) {
    const x = pts[o]!, y = pts[o + 1]!;
    out[o] = a * x + b * y + tx;
    out[o + 1] = c * x + d * y + ty;
    if (!same) for (let j = 2; j < stride; j++) out[o + j] = pts[o + j]!;
  }
  return out;
}

const f32 = Math.fround;
/** FLT_EPSILON, OpenCV's threshold for treating a float matrix as diagonal in `cv::transform`. */
const FLT_EPSILON = 1.1920928955078125e-7;

/**
 * `cv2.transform(points_float32, M)` as MMPose `TopdownAffine` applies it to keypoints: the matrix is converted to
 * float32 and the points are float32. Reproduces OpenCV 4.x x86-64 (AVX2/FMA dispatch) arithmetic, pinned by the
 * `affine/mmpose.json` fixture: when both off-diagonal entries are within `FLT_EPSILON` the diagonal kernel computes
 * `fma(x, a, tx)`; otherwise `fma(a, x, b * y) + tx` with float32 roundings. (A plain float32 evaluation differs by up
 * to one float32 ulp of the largest term, which is 0.004 px for boxes magnified 150x; use {@link transformPoints}
 * for exact math.)
 *
 * @param out - receiving float32 array (may be `pts`)
 * @param m - affine matrix (converted to float32 like OpenCV does)
 * @param pts - flat float32 points with `stride` numbers per point
 * @param stride - numbers per point (default 2)
 * @returns out
 * @throws PosekitError `E_ARGUMENT`, `E_RANGE` (stride), `E_SHAPE`, `E_NONFINITE` (an entry of `m`), as
 *   {@link transformPoints}
 */
export function cvTransformPoints(out: Float32Array, m: Affine2x3Like, pts: Float32Array, stride = 2): Float32Array {
  checkMatrix('cvTransformPoints', 'm', m);
  const a = f32(m[0]!), b = f32(m[1]!), tx = f32(m[2]!), c = f32(m[3]!), d = f32(m[4]!), ty = f32(m[5]!);
  const diag = Math.abs(b) <= FLT_EPSILON && Math.abs(c) <= FLT_EPSILON;
  const n = checkPoints('cvTransformPoints', 'pts', out, pts, stride);
  const same = out === pts;
  for (let i = 0, o = 0; i < n; i++, o += stride) {
    const x = pts[o]!, y = pts[o + 1]!;
    // float32 x float32 products are exact in double, so `f32(p + q)` is a fused multiply-add rounded once.
    if (diag) {
      out[o] = f32(a * x + tx);
      out[o + 1] = f32(d * y + ty);
    } else {
      out[o] = f32(f32(a * x + f32(b * y)) + tx);
      out[o + 1] = f32(f32(c * x + f32(d * y)) + ty);
    }
    if (!same) for (let j = 2; j < stride; j++) out[o + j] = pts[o + j]!;
  }
  return out;
}

/**
 * `cv2.getAffineTransform(src, dst)`: the affine map taking three source points to three destination points. The
 * points are rounded to float32 first (OpenCV takes `Point2f`), the 3x3 system is solved in double by Gaussian
 * elimination with partial pivoting (OpenCV `solve(..., DECOMP_LU)` on the equivalent 6x6 system).
 *
 * @param out - receiving matrix
 * @param src - `[x0, y0, x1, y1, x2, y2]`
 * @param dst - `[u0, v0, u1, v1, u2, v2]`
 * @returns out, or `null` when the source points are collinear (singular system) or the solution overflows
 * @throws PosekitError `E_ARGUMENT` / `E_SHAPE` (not an array of 6), `E_NONFINITE` (a point coordinate)
 */
export function getAffineTransform(out: Affine2x3, src: ArrayLike<number>, dst: ArrayLike<number>): Affine2x3 | null {
  const fn = 'getAffineTransform';
  checkOut(fn, 'out', out, 6);
  checkArray(fn, 'src', src, 6, '[x0, y0, x1, y1, x2, y2]');
  checkFiniteEntries(fn, 'src', src, 6);
  checkArray(fn, 'dst', dst, 6, '[u0, v0, u1, v1, u2, v2]');
  checkFiniteEntries(fn, 'dst', dst, 6);
  return solveAffine(out, src, dst);
}

/**
 * {@link getAffineTransform} without the entry checks, for the module's own callers (their points are built from
 * checked inputs; a point that overflowed float32 makes the result `null`).
 * @internal
 */
export function solveAffine(out: Affine2x3, src: ArrayLike<number>, dst: ArrayLike<number>): Affine2x3 | null {
  // Augmented 3x5 system [x y 1 | u v], row-major.
  const A = scratch;
  for (let i = 0; i < 3; i++) {
    A[i * 5] = f32(src[2 * i]!);
    A[i * 5 + 1] = f32(src[2 * i + 1]!);
    A[i * 5 + 2] = 1;
    A[i * 5 + 3] = f32(dst[2 * i]!);
    A[i * 5 + 4] = f32(dst[2 * i + 1]!);
  }
  for (let col = 0; col < 3; col++) {
    let p = col;
    let best = Math.abs(A[col * 5 + col]!);
    for (let r = col + 1; r < 3; r++) {
      const v = Math.abs(A[r * 5 + col]!);
      if (v > best) { best = v; p = r; }
    }
    if (!(best > 0) || !Number.isFinite(best)) return null;
    if (p !== col) {
      for (let j = 0; j < 5; j++) {
        const t = A[col * 5 + j]!;
        A[col * 5 + j] = A[p * 5 + j]!;
        A[p * 5 + j] = t;
      }
    }
    const piv = A[col * 5 + col]!;
    for (let r = col + 1; r < 3; r++) {
      const f = A[r * 5 + col]! / piv;
      if (f === 0) continue;
      for (let j = col; j < 5; j++) A[r * 5 + j] = A[r * 5 + j]! - f * A[col * 5 + j]!;
    }
  }
  // Back substitution for the two right-hand sides (u -> row 0 of M, v -> row 1).
  for (let rhs = 0; rhs < 2; rhs++) {
    const c = 3 + rhs;
    const z = A[2 * 5 + c]! / A[2 * 5 + 2]!;
    const y = (A[1 * 5 + c]! - A[1 * 5 + 2]! * z) / A[1 * 5 + 1]!;
    const x = (A[c]! - A[1]! * y - A[2]! * z) / A[0]!;
    out[rhs * 3] = x;
    out[rhs * 3 + 1] = y;
    out[rhs * 3 + 2] = z;
  }
  for (let i = 0; i < 6; i++) if (!Number.isFinite(out[i]!)) return null;
  return out;
}

// Reused elimination buffer (15 doubles): keeps getAffineTransform allocation-free.
const scratch = new Float64Array(15);
