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
 * Speed (same integers, same bytes; `test/image/fast-paths.test.ts` checks against the per-pixel kernels):
 * each destination row is split into border spans (the per-pixel code above) and one interior span whose 2x2
 * neighbourhoods are all inside the image (no border tests, no saturation). `(Σ w p + 16384) >> 15` is
 * evaluated as `((32 - fy) h0 + fy h1 + 512) >> 10` with horizontal lerps `h = (32 - fx) p0 + fx p1` (exact
 * integer identities). The crop additionally: detects matrices that are axis-aligned after quantization (every
 * `bdelta` 0, as for `getWarpMatrix` with rotation 0) and then tabulates source columns and weights once, fills
 * rows / columns wholly outside the image with the border value, shares the horizontal lerps of a source row
 * between destination rows when the crop is upscaled vertically, and reads pixels with 32-bit loads, lerping
 * channels 0 and 2 together in two 16-bit lanes (SWAR).
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

/*
 * SWAR sampling for the crop (3- and 4-channel sources alike). One little-endian 32-bit load at a pixel gives
 * channels 0..2 in bytes 0..2; `& 0xff00ff` puts channels 0 and 2 in two 16-bit lanes, so one multiply does the
 * horizontal lerp `s0 (32 - fx) + s1 fx` (at most 255 x 32 = 8160: no carry between lanes) of two channels.
 * The right-hand pixel is read with one load at `p + C - 1` for 3 channels (bytes: b0 r1 g1 b1, shifted by 8)
 * or at `p + 4` for 4, so no load reaches past the right-hand pixel.
 */

/** Output plane offset (`plane index x plane`) and LUT offset (`plane index x 256`) of source channels 0, 1, 2. */
const LANES = new Int32Array(6);

/** Fill {@link LANES} from {@link PLANE_SRC}: which output plane each of source channels 0, 1, 2 feeds. */
function laneTargets(plane: number): void {
  for (let p = 0; p < 3; p++) {
    const ch = PLANE_SRC[p]!;
    LANES[ch] = p * plane;
    LANES[3 + ch] = p * 256;
  }
}

/**
 * Horizontal pass of the separable crop: packed lerps of one source row (byte offset `r`) for destination
 * columns `[x0, x1)`, `h[2x]` = channels 0 | 2 << 16, `h[2x + 1]` = channel 1.
 */
function cropHRow(h: Int32Array, dv: DataView, r: number, colOff: Int32Array, colFx: Int32Array, x0: number, x1: number, d1: number, s1: number): void {
  const s2 = s1 + 8;
  for (let x = x0, k = 2 * x0; x < x1; x++, k += 2) {
    const b = colFx[x]!, a = 32 - b, p = r + colOff[x]!;
    const A = dv.getUint32(p, true), B = dv.getUint32(p + d1, true);
    h[k] = (A & 0xff00ff) * a + ((B >>> s1) & 0xff00ff) * b;
    h[k + 1] = ((A >>> 8) & 0xff) * a + ((B >>> s2) & 0xff) * b;
  }
}

/**
 * Vertical pass of the separable crop: destination columns `[x0, x1)` of one row from the packed lerps of its
 * two source rows, `((32 - fy) h0 + fy h1 + 512) >> 10` per channel (OpenCV's `(Σ 32 w s + 16384) >> 15`),
 * normalized through {@link LUT} into the planes at `out[o..]`.
 */
function cropVRow(out: Float32Array, o: number, h0row: Int32Array, h1row: Int32Array, x0: number, x1: number, fy: number): void {
  const lut = LUT;
  const oLo = LANES[0]!, oG = LANES[1]!, oHi = LANES[2]!, lLo = LANES[3]!, lG = LANES[4]!, lHi = LANES[5]!;
  const gy = 32 - fy;
  for (let x = x0, k = 2 * x0; x < x1; x++, o++, k += 2) {
    const t = h0row[k]!, u = h1row[k]!;
    out[o + oLo] = lut[lLo + (((t & 0xffff) * gy + (u & 0xffff) * fy + 512) >> 10)]!;
    out[o + oG] = lut[lG + ((h0row[k + 1]! * gy + h1row[k + 1]! * fy + 512) >> 10)]!;
    out[o + oHi] = lut[lHi + (((t >>> 16) * gy + (u >>> 16) * fy + 512) >> 10)]!;
  }
}

/**
 * Interior destination columns `[x0, x1)` of an axis-aligned row (source row offset `r0`, y weight `fy`), sampled
 * directly (no row sharing to exploit when the crop is downscaled).
 */
function cropAxisRow(
  out: Float32Array, o: number, dv: DataView, r0: number, rs: number, colOff: Int32Array, colFx: Int32Array, x0: number, x1: number, fy: number, d1: number, s1: number,
): void {
  const lut = LUT;
  const oLo = LANES[0]!, oG = LANES[1]!, oHi = LANES[2]!, lLo = LANES[3]!, lG = LANES[4]!, lHi = LANES[5]!;
  const gy = 32 - fy, s2 = s1 + 8;
  for (let x = x0; x < x1; x++, o++) {
    const b = colFx[x]!, a = 32 - b, p = r0 + colOff[x]!, q = p + rs;
    let A = dv.getUint32(p, true), B = dv.getUint32(p + d1, true);
    const t = (A & 0xff00ff) * a + ((B >>> s1) & 0xff00ff) * b, tg = ((A >>> 8) & 0xff) * a + ((B >>> s2) & 0xff) * b;
    A = dv.getUint32(q, true);
    B = dv.getUint32(q + d1, true);
    const u = (A & 0xff00ff) * a + ((B >>> s1) & 0xff00ff) * b, ug = ((A >>> 8) & 0xff) * a + ((B >>> s2) & 0xff) * b;
    out[o + oLo] = lut[lLo + (((t & 0xffff) * gy + (u & 0xffff) * fy + 512) >> 10)]!;
    out[o + oG] = lut[lG + ((tg * gy + ug * fy + 512) >> 10)]!;
    out[o + oHi] = lut[lHi + (((t >>> 16) * gy + (u >>> 16) * fy + 512) >> 10)]!;
  }
}

/**
 * Interior destination columns `[x0, x1)` of a general (rotated / sheared) row: per-pixel source position, no
 * border tests or saturation (the caller found the span with {@link interiorSpan}).
 */
function cropInteriorRow(
  out: Float32Array, o: number, dv: DataView, rs: number, X0: number, Y0: number, adelta: Int32Array, bdelta: Int32Array, x0: number, x1: number, C: number, d1: number, s1: number,
): void {
  const lut = LUT;
  const oLo = LANES[0]!, oG = LANES[1]!, oHi = LANES[2]!, lLo = LANES[3]!, lG = LANES[4]!, lHi = LANES[5]!;
  const s2 = s1 + 8;
  for (let x = x0; x < x1; x++, o++) {
    const X = (X0 + adelta[x]!) >> 5, Y = (Y0 + bdelta[x]!) >> 5;
    const b = X & 31, a = 32 - b, fy = Y & 31, gy = 32 - fy;
    const p = (Y >> 5) * rs + (X >> 5) * C, q = p + rs;
    let A = dv.getUint32(p, true), B = dv.getUint32(p + d1, true);
    const t = (A & 0xff00ff) * a + ((B >>> s1) & 0xff00ff) * b, tg = ((A >>> 8) & 0xff) * a + ((B >>> s2) & 0xff) * b;
    A = dv.getUint32(q, true);
    B = dv.getUint32(q + d1, true);
    const u = (A & 0xff00ff) * a + ((B >>> s1) & 0xff00ff) * b, ug = ((A >>> 8) & 0xff) * a + ((B >>> s2) & 0xff) * b;
    out[o + oLo] = lut[lLo + (((t & 0xffff) * gy + (u & 0xffff) * fy + 512) >> 10)]!;
    out[o + oG] = lut[lG + ((tg * gy + ug * fy + 512) >> 10)]!;
    out[o + oHi] = lut[lHi + (((t >>> 16) * gy + (u >>> 16) * fy + 512) >> 10)]!;
  }
}

/** The border value's normalized planes for destination columns `[x0, x1)` of the row at `out[oRow..]`. */
function fillBorder(out: Float32Array, oRow: number, x0: number, x1: number, plane: number, v0: number, v1: number, v2: number): void {
  out.fill(v0, oRow + x0, oRow + x1);
  out.fill(v1, oRow + plane + x0, oRow + plane + x1);
  out.fill(v2, oRow + 2 * plane + x0, oRow + 2 * plane + x1);
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
  laneTargets(plane);
  const dv = new DataView(src.buffer, src.byteOffset, src.byteLength);
  const d1 = C === 3 ? 2 : 4, s1 = C === 3 ? 8 : 0;
  const inv = INV;
  const fast = W <= 32767 && H <= 32767;
  const amax = Math.abs(adelta[outW - 1]!), bmax = Math.abs(bdelta[outW - 1]!);
  // Axis-aligned after quantization (the top-down crop: getWarpMatrix leaves ~1e-16 off-diagonals, which round
  // away): when every bdelta is 0, a row's samples share one source row, and every row with the same X0 has the
  // same source columns and x weights, so tabulate those once.
  const X0ref = cvRound((inv[1]! * 0 + inv[2]!) * 1024) + 16;
  let axis = fast && H >= 2 && Math.abs(X0ref) + amax <= NO_WRAP;
  for (let x = 0; axis && x < outW; x++) if (bdelta[x] !== 0) axis = false;
  let colStart = 0, colEnd = 0, constLeft = 0, constRight = outW;
  const colOff = int32Scratch(10, outW), colFx = int32Scratch(11, outW);
  if (axis) {
    // Y0 = 0 is an interior row (H >= 2): this is the interior column span of every interior axis row.
    interiorSpan(X0ref, 0, adelta, bdelta, outW, W - 1, H - 1);
    colStart = SPAN[0]!;
    colEnd = SPAN[1]!;
    for (let x = colStart; x < colEnd; x++) {
      const X = (X0ref + adelta[x]!) >> 5;
      colOff[x] = (X >> 5) * C;
      colFx[x] = X & 31;
    }
    // Columns whose 2x2 neighbourhood is wholly left / right of the image are the border value on every row
    // (a prefix and a suffix, the source x being monotonic).
    const outside = (x: number): boolean => {
      const sx = (X0ref + adelta[x]!) >> 10;
      return sx >= W || sx < -1;
    };
    while (constLeft < outW && outside(constLeft)) constLeft++;
    while (constRight > constLeft && outside(constRight - 1)) constRight--;
    if (colStart >= colEnd) colStart = colEnd = constLeft;
  }
  const bv0 = LUT[CVAL[PLANE_SRC[0]!]!]!, bv1 = LUT[256 + CVAL[PLANE_SRC[1]!]!]!, bv2 = LUT[512 + CVAL[PLANE_SRC[2]!]!]!;
  // Separable when consecutive destination rows share source rows (crop upscaled vertically, the usual case):
  // keep the horizontal pass of the last two source rows. Measured slower than the direct 2x2 sum when rows are
  // not shared (downscale), so that case samples directly.
  const separable = axis && Math.abs(inv[4]!) <= 1;
  let h0row = int32Scratch(12, 2 * outW), h1row = int32Scratch(13, 2 * outW);
  let tag0 = -1, tag1 = -1;
  for (let y = 0; y < outH; y++) {
    const X0 = cvRound((inv[1]! * y + inv[2]!) * 1024) + 16;
    const Y0 = cvRound((inv[4]! * y + inv[5]!) * 1024) + 16;
    const oRow = outOffset + y * outW;
    const rowAxis = axis && X0 === X0ref;
    let xs = outW, xe = outW;
    if (rowAxis) {
      const sy = Y0 >> 10;
      if (sy >= H || sy < -1) {
        // Wholly above / below the image: the border value.
        fillBorder(out, oRow, 0, outW, plane, bv0, bv1, bv2);
        continue;
      }
      if (constLeft > 0) fillBorder(out, oRow, 0, constLeft, plane, bv0, bv1, bv2);
      if (constRight < outW) fillBorder(out, oRow, constRight, outW, plane, bv0, bv1, bv2);
      if (sy >= 0 && sy < H - 1) {
        xs = colStart;
        xe = colEnd;
      } else {
        xs = xe = constRight;
      }
      if (xs > constLeft) cropRowGeneral(out, oRow + constLeft, constLeft, xs, X0, Y0, adelta, bdelta, src, W, H, C, plane);
      if (xe < constRight) cropRowGeneral(out, oRow + xe, xe, constRight, X0, Y0, adelta, bdelta, src, W, H, C, plane);
    } else {
      if (fast && rowFastOk(X0, Y0, amax, bmax)) {
        interiorSpan(X0, Y0, adelta, bdelta, outW, W - 1, H - 1);
        xs = SPAN[0]!;
        xe = SPAN[1]!;
      }
      if (xs > 0) cropRowGeneral(out, oRow, 0, xs, X0, Y0, adelta, bdelta, src, W, H, C, plane);
      if (xe < outW) cropRowGeneral(out, oRow + xe, xe, outW, X0, Y0, adelta, bdelta, src, W, H, C, plane);
    }
    if (xs < xe) {
      if (rowAxis) {
        const Y = Y0 >> 5;
        const fy = Y & 31, sy = Y >> 5;
        if (separable) {
          if (tag0 !== sy) {
            if (tag1 === sy) {
              const t = h0row;
              h0row = h1row;
              h1row = t;
              tag1 = -1;
            } else {
              cropHRow(h0row, dv, sy * rs, colOff, colFx, colStart, colEnd, d1, s1);
            }
            tag0 = sy;
          }
          if (tag1 !== sy + 1) {
            cropHRow(h1row, dv, (sy + 1) * rs, colOff, colFx, colStart, colEnd, d1, s1);
            tag1 = sy + 1;
          }
          cropVRow(out, oRow + xs, h0row, h1row, xs, xe, fy);
        } else {
          cropAxisRow(out, oRow + xs, dv, sy * rs, rs, colOff, colFx, xs, xe, fy, d1, s1);
        }
      } else {
        cropInteriorRow(out, oRow + xs, dv, rs, X0, Y0, adelta, bdelta, xs, xe, C, d1, s1);
      }
    }
  }
  return out;
}
