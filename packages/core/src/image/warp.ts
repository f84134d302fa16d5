/**
 * Affine warps of 8-bit images, bit-exact with OpenCV `cv2.warpAffine(src, M, dsize, flags=INTER_LINEAR,
 * borderMode=BORDER_CONSTANT, borderValue)`, and the fused crop -> normalized NCHW tensor kernel the top-down
 * estimators use.
 *
 * What OpenCV does for 8-bit images (`imgwarp.cpp`, `WarpAffineInvoker` + `remapBilinear`), reproduced here:
 * 1. invert `M` in double (`D = 1 / (a d - b c)`);
 * 2. per destination row `y`: `X0 = cvRound((M1 y + M2) · 1024) + 16` (likewise `Y0`); per column
 *    `adelta[x] = cvRound(M0 x · 1024)`; `X = (X0 + adelta[x]) >> 5` is the source x in 1/32 px
 *    (`INTER_BITS = 5`), `sx = X >> 5`, `fx = X & 31`;
 * 3. bilinear weights from the fixed-point table (`INTER_REMAP_COEF_SCALE = 32768`):
 *    `w00 = (32 - fx)(32 - fy) · 32`, `w01 = fx (32 - fy) · 32`, `w10 = (32 - fx) fy · 32`, `w11 = fx fy · 32`;
 *    result `(Σ w · p + 16384) >> 15`;
 * 4. border: a sample whose 2x2 neighbourhood is entirely outside gets the border value; a partly outside one
 *    blends the border value in for the missing neighbours.
 * `cvRound` is round-half-to-even. The sample grid is therefore quantized to 1/32 px, exactly like OpenCV.
 *
 * @module
 */
import { PosekitError, describeValue } from '../errors.js';
import type { Affine2x3Like } from '../affine/matrix.js';
import { LUT, borderBytes, checkSize, checkTensorOut, cvRound, int32Scratch, prepareNormalize } from './fixed.js';
import type { ImageLike, NormalizeOptions } from './types.js';
import { checkImage } from './types.js';

/** Inverse matrix of the current call (reused). */
const INV = new Float64Array(6);
const CVAL = new Int32Array(4);
const PLANE_SRC = new Int32Array(3);

/**
 * OpenCV's inverse of `M` (destination -> source) into {@link INV}, then the per-column fixed-point deltas.
 * Returns the delta arrays.
 */
function prepareWarp(fn: string, m: Affine2x3Like, outW: number): [Int32Array, Int32Array] {
  if (m === null || m === undefined || typeof (m as ArrayLike<number>).length !== 'number' || m.length < 6) {
    throw new PosekitError('E_ARGUMENT', `${fn}: m must be a 2x3 affine matrix (6 numbers); received ${describeValue(m)}`, { expected: '6 numbers', received: describeValue(m) });
  }
  for (let i = 0; i < 6; i++) {
    if (!Number.isFinite(m[i]!)) throw new PosekitError('E_NONFINITE', `${fn}: m[${i}] must be finite; received ${describeValue(m[i])}`, { item: i });
  }
  const a = m[0]!, b = m[1]!, c = m[3]!, d = m[4]!;
  let D = a * d - b * c;
  if (D === 0) {
    // OpenCV would silently sample pixel (0, 0) everywhere; an explicit error is more useful.
    throw new PosekitError('E_RANGE', `${fn}: m is singular (determinant 0): [${Array.from({ length: 6 }, (_, i) => m[i]).join(', ')}]`, { received: Array.from({ length: 6 }, (_, i) => m[i]) });
  }
  D = 1 / D;
  const A11 = d * D, A22 = a * D;
  INV[0] = A11;
  INV[1] = b * -D;
  INV[3] = c * -D;
  INV[4] = A22;
  INV[2] = -INV[0] * m[2]! - INV[1] * m[5]!;
  INV[5] = -INV[3] * m[2]! - INV[4] * m[5]!;
  const adelta = int32Scratch(0, outW);
  const bdelta = int32Scratch(1, outW);
  for (let x = 0; x < outW; x++) {
    adelta[x] = cvRound(INV[0] * x * 1024);
    bdelta[x] = cvRound(INV[3] * x * 1024);
  }
  return [adelta, bdelta];
}

/** `saturate_cast<short>` of the integer pixel coordinate. */
function sat16(v: number): number {
  return v < -32768 ? -32768 : v > 32767 ? 32767 : v;
}

/** Largest `|X0|` + `|delta|` that cannot wrap int32 in `(X0 + delta) >> 5`. */
const NO_WRAP = 2147483647;

/** Interior span of the current row, see {@link interiorSpan}. */
const SPAN = new Int32Array(2);

/**
 * The destination columns `[SPAN[0], SPAN[1])` of one row whose whole 2x2 source neighbourhood lies inside the
 * image: those take the fast path (no border logic, no saturation). The source x and y are monotonic along a row
 * (the floor of `X0 + cvRound(k x)`), so the interior is one contiguous run: scan in from both ends, costing only
 * the border columns. The caller guarantees that `X0 + adelta` / `Y0 + bdelta` do not wrap int32 (monotonicity)
 * and that `W, H <= 32767` (so `sat16` is the identity on interior samples).
 */
function interiorSpan(X0: number, Y0: number, adelta: Int32Array, bdelta: Int32Array, outW: number, W1: number, H1: number): void {
  let xs = 0;
  for (; xs < outW; xs++) {
    const sx = (X0 + adelta[xs]!) >> 10, sy = (Y0 + bdelta[xs]!) >> 10;
    if (sx >= 0 && sx < W1 && sy >= 0 && sy < H1) break;
  }
  let xe = outW;
  for (; xe > xs; xe--) {
    const sx = (X0 + adelta[xe - 1]!) >> 10, sy = (Y0 + bdelta[xe - 1]!) >> 10;
    if (sx >= 0 && sx < W1 && sy >= 0 && sy < H1) break;
  }
  SPAN[0] = xs;
  SPAN[1] = xe;
}

/** Whether row `(X0, Y0)` may use the fast interior path (see {@link interiorSpan}). */
function rowFastOk(X0: number, Y0: number, amax: number, bmax: number): boolean {
  return Math.abs(X0) + amax <= NO_WRAP && Math.abs(Y0) + bmax <= NO_WRAP;
}

/**
 * Bytes of destination columns `[x0, x1)` of one row, per pixel with OpenCV's border handling (the general path,
 * used for the columns outside the interior span, or for whole rows when the fast path does not apply).
 */
function warpRowGeneral(
  out: Uint8Array | Uint8ClampedArray, o: number, x0: number, x1: number, X0: number, Y0: number, adelta: Int32Array, bdelta: Int32Array,
  src: Uint8Array | Uint8ClampedArray, W: number, H: number, C: number,
): void {
  const rowStride = W * C;
  for (let x = x0; x < x1; x++, o += C) {
    const X = (X0 + adelta[x]!) >> 5;
    const Y = (Y0 + bdelta[x]!) >> 5;
    const sx = sat16(X >> 5), sy = sat16(Y >> 5);
    const fx = X & 31, fy = Y & 31;
    const w00 = (32 - fx) * (32 - fy) * 32, w01 = fx * (32 - fy) * 32, w10 = (32 - fx) * fy * 32, w11 = fx * fy * 32;
    if (sx >= 0 && sx < W - 1 && sy >= 0 && sy < H - 1) {
      const p = sy * rowStride + sx * C;
      for (let c = 0; c < C; c++) {
        const q = p + c;
        out[o + c] = (src[q]! * w00 + src[q + C]! * w01 + src[q + rowStride]! * w10 + src[q + rowStride + C]! * w11 + 16384) >> 15;
      }
    } else if (sx >= W || sx + 1 < 0 || sy >= H || sy + 1 < 0) {
      for (let c = 0; c < C; c++) out[o + c] = CVAL[c]!;
    } else {
      const x0in = sx >= 0 && sx < W, x1in = sx + 1 >= 0 && sx + 1 < W;
      const y0in = sy >= 0 && sy < H, y1in = sy + 1 >= 0 && sy + 1 < H;
      const p = sy * rowStride + sx * C;
      for (let c = 0; c < C; c++) {
        const cv = CVAL[c]!;
        const q = p + c;
        const v00 = x0in && y0in ? src[q]! : cv;
        const v01 = x1in && y0in ? src[q + C]! : cv;
        const v10 = x0in && y1in ? src[q + rowStride]! : cv;
        const v11 = x1in && y1in ? src[q + rowStride + C]! : cv;
        out[o + c] = (v00 * w00 + v01 * w01 + v10 * w10 + v11 * w11 + 16384) >> 15;
      }
    }
  }
}

/*
 * Fast-path arithmetic. OpenCV's sum `w00 s00 + w01 s01 + w10 s10 + w11 s11` with `wij` as in the module notes is
 * `32 ((32 - fy) h0 + fy h1)` with the horizontal lerps `h0 = 32 s00 + fx (s01 - s00)` (likewise `h1`), all exact
 * integers, so `(sum + 16384) >> 15 == ((h0 << 5) + fy (h1 - h0) + 512) >> 10`: the same bytes from 6 multiplies
 * instead of 12 per channel.
 */

/** Source channel of each output plane, for {@link cropHRow}. */
const COLS = new Int32Array(3);

/**
 * Horizontal fixed-point lerps `32 s0 + fx (s1 - s0)` of one source row (byte offset `r`) for destination columns
 * `[x0, x1)`, 3 per column in output plane order (source channels {@link COLS}), into `h[3 x ..]`.
 */
function cropHRow(h: Int32Array, src: Uint8Array | Uint8ClampedArray, r: number, colOff: Int32Array, colFx: Int32Array, x0: number, x1: number, C: number): void {
  const c0 = COLS[0]!, c1 = COLS[1]!, c2 = COLS[2]!;
  for (let x = x0, k = 3 * x0; x < x1; x++, k += 3) {
    const fx = colFx[x]!, p = r + colOff[x]!;
    let a = src[p + c0]!;
    h[k] = (a << 5) + fx * (src[p + C + c0]! - a);
    a = src[p + c1]!;
    h[k + 1] = (a << 5) + fx * (src[p + C + c1]! - a);
    a = src[p + c2]!;
    h[k + 2] = (a << 5) + fx * (src[p + C + c2]! - a);
  }
}

/**
 * Vertical step of the separable crop: destination columns `[x0, x1)` of one row from the horizontal lerps `h0`,
 * `h1` of its two source rows, normalized through {@link LUT} into the three planes at `out[o..]`.
 */
function cropVRow(out: Float32Array, o: number, h0row: Int32Array, h1row: Int32Array, x0: number, x1: number, fy: number, plane: number): void {
  const lut = LUT;
  const o1 = plane, o2 = 2 * plane;
  for (let x = x0, k = 3 * x0; x < x1; x++, o++, k += 3) {
    let h0 = h0row[k]!, h1 = h1row[k]!;
    out[o] = lut[((h0 << 5) + fy * (h1 - h0) + 512) >> 10]!;
    h0 = h0row[k + 1]!;
    h1 = h1row[k + 1]!;
    out[o + o1] = lut[256 + (((h0 << 5) + fy * (h1 - h0) + 512) >> 10)]!;
    h0 = h0row[k + 2]!;
    h1 = h1row[k + 2]!;
    out[o + o2] = lut[512 + (((h0 << 5) + fy * (h1 - h0) + 512) >> 10)]!;
  }
}

/**
 * Normalized planes of destination columns `[x0, x1)` of one row (at `out[o..]`), per pixel with OpenCV's border
 * handling: the general path of {@link affineCropToTensor}.
 */
function cropRowGeneral(
  out: Float32Array, o: number, x0: number, x1: number, X0: number, Y0: number, adelta: Int32Array, bdelta: Int32Array,
  src: Uint8Array | Uint8ClampedArray, W: number, H: number, C: number, plane: number,
): void {
  const rowStride = W * C;
  const c0 = PLANE_SRC[0]!, c1 = PLANE_SRC[1]!, c2 = PLANE_SRC[2]!;
  const b0 = CVAL[c0]!, b1 = CVAL[c1]!, b2 = CVAL[c2]!;
  const o1 = plane, o2 = 2 * plane;
  const lut = LUT;
  for (let x = x0; x < x1; x++, o++) {
    const X = (X0 + adelta[x]!) >> 5;
    const Y = (Y0 + bdelta[x]!) >> 5;
    const sx = sat16(X >> 5), sy = sat16(Y >> 5);
    const fx = X & 31, fy = Y & 31;
    const w00 = (32 - fx) * (32 - fy) * 32, w01 = fx * (32 - fy) * 32, w10 = (32 - fx) * fy * 32, w11 = fx * fy * 32;
    let v0: number, v1: number, v2: number;
    if (sx >= 0 && sx < W - 1 && sy >= 0 && sy < H - 1) {
      const p = sy * rowStride + sx * C;
      const p10 = p + rowStride;
      v0 = (src[p + c0]! * w00 + src[p + C + c0]! * w01 + src[p10 + c0]! * w10 + src[p10 + C + c0]! * w11 + 16384) >> 15;
      v1 = (src[p + c1]! * w00 + src[p + C + c1]! * w01 + src[p10 + c1]! * w10 + src[p10 + C + c1]! * w11 + 16384) >> 15;
      v2 = (src[p + c2]! * w00 + src[p + C + c2]! * w01 + src[p10 + c2]! * w10 + src[p10 + C + c2]! * w11 + 16384) >> 15;
    } else if (sx >= W || sx + 1 < 0 || sy >= H || sy + 1 < 0) {
      v0 = b0;
      v1 = b1;
      v2 = b2;
    } else {
      const x0in = sx >= 0 && sx < W, x1in = sx + 1 >= 0 && sx + 1 < W;
      const y0in = sy >= 0 && sy < H, y1in = sy + 1 >= 0 && sy + 1 < H;
      const p = sy * rowStride + sx * C;
      const p10 = p + rowStride;
      const i00 = x0in && y0in, i01 = x1in && y0in, i10 = x0in && y1in, i11 = x1in && y1in;
      v0 = ((i00 ? src[p + c0]! : b0) * w00 + (i01 ? src[p + C + c0]! : b0) * w01 + (i10 ? src[p10 + c0]! : b0) * w10 + (i11 ? src[p10 + C + c0]! : b0) * w11 + 16384) >> 15;
      v1 = ((i00 ? src[p + c1]! : b1) * w00 + (i01 ? src[p + C + c1]! : b1) * w01 + (i10 ? src[p10 + c1]! : b1) * w10 + (i11 ? src[p10 + C + c1]! : b1) * w11 + 16384) >> 15;
      v2 = ((i00 ? src[p + c2]! : b2) * w00 + (i01 ? src[p + C + c2]! : b2) * w01 + (i10 ? src[p10 + c2]! : b2) * w10 + (i11 ? src[p10 + C + c2]! : b2) * w11 + 16384) >> 15;
    }
    out[o] = lut[v0]!;
    out[o + o1] = lut[256 + v1]!;
    out[o + o2] = lut[512 + v2]!;
  }
}

/**
 * `cv2.warpAffine` with `INTER_LINEAR` and `BORDER_CONSTANT` on an 8-bit image, bit-exact with OpenCV's fixed-point
 * path (see the module notes). `m` maps **source pixels to destination pixels** (OpenCV's `M`, e.g. from
 * {@link getWarpMatrix}); it is inverted internally.
 *
 * @param out - receiving bytes, `outW * outH * image.channels`, same channel order as `image`
 * @param image - source image
 * @param m - 2x3 affine matrix, source -> destination
 * @param outW - destination width
 * @param outH - destination height
 * @param borderValue - value of pixels outside the source, 0..255, one number for all channels or one per channel
 *   (default 0; note cv2 turns a bare number into `(v, 0, 0, 0)`: pass a per-channel array to mimic that)
 * @returns out
 * @throws PosekitError image errors of {@link checkImage}; `E_IMAGE_SIZE` (output size), `E_SHAPE` (out length),
 *   `E_ARGUMENT` / `E_NONFINITE` / `E_RANGE` (matrix missing, non-finite, singular), `E_RANGE` (border value)
 */
export function warpAffine<T extends Uint8Array | Uint8ClampedArray>(out: T, image: ImageLike, m: Affine2x3Like, outW: number, outH: number, borderValue: number | readonly number[] = 0): T {
  const fn = 'warpAffine';
  checkImage(fn, image);
  checkSize(fn, outW, outH);
  const C = image.channels;
  if (!(out instanceof Uint8Array || out instanceof Uint8ClampedArray) || out.length !== outW * outH * C) {
    throw new PosekitError('E_SHAPE', `${fn}: out must be a Uint8Array of ${outW}x${outH}x${C} = ${outW * outH * C} bytes; received ${describeValue(out)}`, {
      expected: outW * outH * C,
      received: describeValue(out),
    });
  }
  borderBytes(fn, borderValue, C, CVAL);
  const [adelta, bdelta] = prepareWarp(fn, m, outW);
  const src = image.data;
  const W = image.width, H = image.height;
  const rs = W * C;
  const inv = INV;
  const fast = W <= 32767 && H <= 32767;
  const amax = Math.abs(adelta[outW - 1]!), bmax = Math.abs(bdelta[outW - 1]!);
  for (let y = 0; y < outH; y++) {
    const X0 = cvRound((inv[1]! * y + inv[2]!) * 1024) + 16;
    const Y0 = cvRound((inv[4]! * y + inv[5]!) * 1024) + 16;
    const oRow = y * outW * C;
    let xs = outW, xe = outW;
    if (fast && rowFastOk(X0, Y0, amax, bmax)) {
      interiorSpan(X0, Y0, adelta, bdelta, outW, W - 1, H - 1);
      xs = SPAN[0]!;
      xe = SPAN[1]!;
    }
    if (xs > 0) warpRowGeneral(out, oRow, 0, xs, X0, Y0, adelta, bdelta, src, W, H, C);
    let o = oRow + xs * C;
    if (C === 3) {
      for (let x = xs; x < xe; x++, o += 3) {
        const X = (X0 + adelta[x]!) >> 5, Y = (Y0 + bdelta[x]!) >> 5;
        const fx = X & 31, fy = Y & 31;
        const p = (Y >> 5) * rs + (X >> 5) * 3, q = p + rs;
        let a = src[p]!, b = src[q]!, h0 = (a << 5) + fx * (src[p + 3]! - a), h1 = (b << 5) + fx * (src[q + 3]! - b);
        out[o] = ((h0 << 5) + fy * (h1 - h0) + 512) >> 10;
        a = src[p + 1]!, b = src[q + 1]!, h0 = (a << 5) + fx * (src[p + 4]! - a), h1 = (b << 5) + fx * (src[q + 4]! - b);
        out[o + 1] = ((h0 << 5) + fy * (h1 - h0) + 512) >> 10;
        a = src[p + 2]!, b = src[q + 2]!, h0 = (a << 5) + fx * (src[p + 5]! - a), h1 = (b << 5) + fx * (src[q + 5]! - b);
        out[o + 2] = ((h0 << 5) + fy * (h1 - h0) + 512) >> 10;
      }
    } else {
      for (let x = xs; x < xe; x++, o += C) {
        const X = (X0 + adelta[x]!) >> 5, Y = (Y0 + bdelta[x]!) >> 5;
        const fx = X & 31, fy = Y & 31;
        const p = (Y >> 5) * rs + (X >> 5) * C, q = p + rs;
        for (let c = 0; c < C; c++) {
          const a = src[p + c]!, b = src[q + c]!;
          const h0 = (a << 5) + fx * (src[p + C + c]! - a), h1 = (b << 5) + fx * (src[q + C + c]! - b);
          out[o + c] = ((h0 << 5) + fy * (h1 - h0) + 512) >> 10;
        }
      }
    }
    if (xe < outW) warpRowGeneral(out, oRow + xe * C, xe, outW, X0, Y0, adelta, bdelta, src, W, H, C);
  }
  return out;
}

/** Options of {@link affineCropToTensor}. */
export interface AffineCropOptions extends NormalizeOptions {
  /** Value of pixels outside the image, 0..255 (one for all channels, or one per **image** channel). Default 0. */
  borderValue?: number | readonly number[];
}

/**
 * The fused top-down preprocessing kernel: `cv2.warpAffine` (exactly as {@link warpAffine}, 8-bit result) followed
 * by per-channel `(pixel - mean) / std` in float32 (MMPose `data_preprocessor`), written as three `outH x outW`
 * planes (NCHW) at `out[outOffset..]`. One bilinear sample per output pixel and channel, no intermediate image,
 * no allocation per call (scratch buffers are reused).
 *
 * Equivalent to (and tested against) `warpAffine` then normalize; the channel-order swap (`rgb` image to `bgr`
 * tensor or back) is free.
 *
 * @param out - receiving float32 tensor data
 * @param outOffset - element offset of this crop's first plane (e.g. `n * 3 * outH * outW` in a batch)
 * @param image - source image
 * @param m - 2x3 affine matrix mapping source pixels to crop pixels (OpenCV `M`, e.g. {@link getWarpMatrix})
 * @param outW - crop width
 * @param outH - crop height
 * @param opts - mean / std (0..255 units, output plane order), plane order, border value
 * @returns out
 * @throws PosekitError image errors; `E_IMAGE_SIZE`, `E_SHAPE`, `E_DTYPE`, `E_RANGE`, `E_NONFINITE`, `E_ARGUMENT`
 */
export function affineCropToTensor(out: Float32Array, outOffset: number, image: ImageLike, m: Affine2x3Like, outW: number, outH: number, opts: AffineCropOptions): Float32Array {
  const fn = 'affineCropToTensor';
  checkImage(fn, image);
  checkSize(fn, outW, outH);
  checkTensorOut(fn, out, outOffset, outW, outH);
  prepareNormalize(fn, image, opts, PLANE_SRC);
  const C = image.channels;
  borderBytes(fn, opts.borderValue, C, CVAL);
  const [adelta, bdelta] = prepareWarp(fn, m, outW);
  const src = image.data;
  const W = image.width, H = image.height;
  const rs = W * C;
  const plane = outW * outH;
  const c0 = PLANE_SRC[0]!, c1 = PLANE_SRC[1]!, c2 = PLANE_SRC[2]!;
  const o1 = plane, o2 = 2 * plane;
  // Locals, not module bindings, in the hot loop (bundlers may turn imported bindings into property loads).
  const lut = LUT;
  const inv = INV;
  const fast = W <= 32767 && H <= 32767;
  const amax = Math.abs(adelta[outW - 1]!), bmax = Math.abs(bdelta[outW - 1]!);
  // No rotation / shear (the top-down crop): the source column of each destination column, and its weight, are
  // the same on every row (X0 does not depend on y, bdelta is 0), so tabulate them once.
  const axisAligned = fast && inv[1] === 0 && inv[3] === 0;
  let colStart = 0, colEnd = 0;
  const colOff = int32Scratch(10, outW), colFx = int32Scratch(11, outW);
  // Horizontal lerps of two source rows (`tag0`, `tag1`), 3 per column in output plane order.
  let h0row = int32Scratch(12, 3 * outW), h1row = int32Scratch(13, 3 * outW);
  let tag0 = -1, tag1 = -1;
  if (axisAligned) {
    const X0 = cvRound((inv[1]! * 0 + inv[2]!) * 1024) + 16;
    if (Math.abs(X0) + amax <= NO_WRAP) {
      // Y = 0 is inside for any image of height >= 2, so this is the column span of the interior rows.
      interiorSpan(X0, 0, adelta, bdelta, outW, W - 1, H - 1);
      colStart = SPAN[0]!;
      colEnd = SPAN[1]!;
      for (let x = colStart; x < colEnd; x++) {
        const X = (X0 + adelta[x]!) >> 5;
        colOff[x] = (X >> 5) * C;
        colFx[x] = X & 31;
      }
      COLS[0] = c0;
      COLS[1] = c1;
      COLS[2] = c2;
    }
  }
  for (let y = 0; y < outH; y++) {
    const X0 = cvRound((inv[1]! * y + inv[2]!) * 1024) + 16;
    const Y0 = cvRound((inv[4]! * y + inv[5]!) * 1024) + 16;
    const oRow = outOffset + y * outW;
    let xs = outW, xe = outW;
    if (axisAligned) {
      const sy = Y0 >> 10;
      if (sy >= 0 && sy < H - 1 && Math.abs(X0) + amax <= NO_WRAP) {
        xs = colStart;
        xe = colEnd;
      }
    } else if (fast && rowFastOk(X0, Y0, amax, bmax)) {
      interiorSpan(X0, Y0, adelta, bdelta, outW, W - 1, H - 1);
      xs = SPAN[0]!;
      xe = SPAN[1]!;
    }
    if (xs > 0) cropRowGeneral(out, oRow, 0, xs, X0, Y0, adelta, bdelta, src, W, H, C, plane);
    let o = oRow + xs;
    if (axisAligned && xs < xe) {
      // Separable: the horizontal lerps of a source row are shared by every destination row that samples it
      // (about 1.3 rows per source row for a typical person crop), so keep the last two rows' lerps.
      const Y = Y0 >> 5;
      const fy = Y & 31, sy = Y >> 5;
      if (tag0 !== sy) {
        if (tag1 === sy) {
          const t = h0row;
          h0row = h1row;
          h1row = t;
          tag1 = -1;
        } else {
          cropHRow(h0row, src, sy * rs, colOff, colFx, colStart, colEnd, C);
        }
        tag0 = sy;
      }
      if (tag1 !== sy + 1) {
        cropHRow(h1row, src, (sy + 1) * rs, colOff, colFx, colStart, colEnd, C);
        tag1 = sy + 1;
      }
      cropVRow(out, o, h0row, h1row, xs, xe, fy, plane);
    } else {
      for (let x = xs; x < xe; x++, o++) {
        const X = (X0 + adelta[x]!) >> 5, Y = (Y0 + bdelta[x]!) >> 5;
        const fx = X & 31, fy = Y & 31;
        const p = (Y >> 5) * rs + (X >> 5) * C, q = p + rs;
        let a = src[p + c0]!, b = src[q + c0]!, h0 = (a << 5) + fx * (src[p + C + c0]! - a), h1 = (b << 5) + fx * (src[q + C + c0]! - b);
        out[o] = lut[((h0 << 5) + fy * (h1 - h0) + 512) >> 10]!;
        a = src[p + c1]!, b = src[q + c1]!, h0 = (a << 5) + fx * (src[p + C + c1]! - a), h1 = (b << 5) + fx * (src[q + C + c1]! - b);
        out[o + o1] = lut[256 + (((h0 << 5) + fy * (h1 - h0) + 512) >> 10)]!;
        a = src[p + c2]!, b = src[q + c2]!, h0 = (a << 5) + fx * (src[p + C + c2]! - a), h1 = (b << 5) + fx * (src[q + C + c2]! - b);
        out[o + o2] = lut[512 + (((h0 << 5) + fy * (h1 - h0) + 512) >> 10)]!;
      }
    }
    if (xe < outW) cropRowGeneral(out, oRow + xe, xe, outW, X0, Y0, adelta, bdelta, src, W, H, C, plane);
  }
  return out;
}
