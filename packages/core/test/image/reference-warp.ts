/**
 * Test oracle: the straightforward per-pixel kernels as first written (before the row-span / separable
 * optimisation of src/image), kept verbatim apart from names so randomized tests can demand bit-identical output
 * from the optimised ones on inputs the OpenCV goldens do not cover. Not a test file.
 */
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
import { PosekitError, describeValue } from '../../src/errors.js';
import type { Affine2x3Like } from '../../src/affine/matrix.js';
import { LUT, borderBytes, checkSize, checkTensorOut, cvRound, int32Scratch, prepareNormalize } from '../../src/image/fixed.js';
import type { ImageLike, NormalizeOptions } from '../../src/image/types.js';
import { checkImage } from '../../src/image/types.js';

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
export function refWarpAffine<T extends Uint8Array | Uint8ClampedArray>(out: T, image: ImageLike, m: Affine2x3Like, outW: number, outH: number, borderValue: number | readonly number[] = 0): T {
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
  const rowStride = W * C;
  let o = 0;
  for (let y = 0; y < outH; y++) {
    const X0 = cvRound((INV[1]! * y + INV[2]!) * 1024) + 16;
    const Y0 = cvRound((INV[4]! * y + INV[5]!) * 1024) + 16;
    for (let x = 0; x < outW; x++, o += C) {
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
export function refAffineCropToTensor(out: Float32Array, outOffset: number, image: ImageLike, m: Affine2x3Like, outW: number, outH: number, opts: AffineCropOptions): Float32Array {
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
  const rowStride = W * C;
  const plane = outW * outH;
  const c0 = PLANE_SRC[0]!, c1 = PLANE_SRC[1]!, c2 = PLANE_SRC[2]!;
  const b0 = CVAL[c0]!, b1 = CVAL[c1]!, b2 = CVAL[c2]!;
  const o1 = plane, o2 = 2 * plane;
  // Locals, not module bindings, in the hot loop (bundlers may turn imported bindings into property loads).
  const lut = LUT;
  const inv = INV;
  let o = outOffset;
  for (let y = 0; y < outH; y++) {
    const X0 = cvRound((inv[1]! * y + inv[2]!) * 1024) + 16;
    const Y0 = cvRound((inv[4]! * y + inv[5]!) * 1024) + 16;
    for (let x = 0; x < outW; x++, o++) {
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
  return out;
}
