/**
 * Bilinear resize (OpenCV `cv2.resize(..., INTER_LINEAR)` fixed-point arithmetic for 8-bit images) and the
 * letterbox preprocessing of one-stage models and detectors.
 *
 * OpenCV's 8-bit `INTER_LINEAR` resize (`resize.cpp`, `HResizeLinear` + `VResizeLinear`), reproduced here:
 * - source coordinate of destination pixel `d`: `f = (float)((d + 0.5) · s - 0.5)` with `s = 1 / (dst / src)`,
 *   `i = floor(f)`, `f -= i`; columns left of 0 / right of `W - 1` clamp to the edge (`f = 0`); rows use the
 *   clamped row indices `i`, `i + 1` with the unclamped weight;
 * - weights `a = cvRound((1 - f) · 2048)`, `cvRound(f · 2048)` (11 bits); horizontal pass `h = S0 a0 + S1 a1`;
 * - vertical pass as OpenCV's SIMD kernel `VResizeLinearVec_32s8u` computes it:
 *   `((((h0 >> 4) · b0) >> 16) + (((h1 >> 4) · b1) >> 16) + 2) >> 2`. (OpenCV's scalar tail, used for the last
 *   `width mod 16` pixels of a row when that is not 0, rounds `(h0 b0 + h1 b1 + 2^21) >> 22` instead, which can
 *   differ by one grey level.)
 *
 * Speed (same integers, same bytes): column / row tables once per call; when destination rows share source
 * rows (upscales, mild downscales) the horizontal pass of each source row is computed once and kept in a
 * two-row cache (OpenCV's own structure), otherwise each row is sampled directly; the letterbox fills only the
 * padding and reads 3-channel pixels with one 32-bit load.
 *
 * @module
 */
import { PosekitError, describeValue } from '../errors.js';
import { LUT, checkSize, checkTensorOut, cvRound, int32Scratch, prepareNormalize } from './fixed.js';
import type { ImageLike, NormalizeOptions } from './types.js';
import { checkImage } from './types.js';

const PLANE_SRC = new Int32Array(3);

/**
 * Fill per-destination-index tables for one axis: `ofs[d]` (first source index), `ofs1[d]` (second source index,
 * clamped), `wa[d]`, `wb[d]` (11-bit weights). `clampWeights` resets the weight at the borders (columns).
 */
function axisTables(dst: number, src: number, ofs: Int32Array, ofs1: Int32Array, wa: Int32Array, wb: Int32Array, clampWeights: boolean): void {
  const scale = 1 / (dst / src);
  for (let d = 0; d < dst; d++) {
    let f = Math.fround((d + 0.5) * scale - 0.5);
    let i = Math.floor(f);
    f = Math.fround(f - i);
    if (clampWeights) {
      if (i < 0) {
        f = 0;
        i = 0;
      }
      if (i >= src - 1) {
        f = 0;
        i = src - 1;
      }
      ofs[d] = i;
      ofs1[d] = Math.min(i + 1, src - 1);
    } else {
      ofs[d] = Math.min(Math.max(i, 0), src - 1);
      ofs1[d] = Math.min(Math.max(i + 1, 0), src - 1);
    }
    wa[d] = cvRound(Math.fround(1 - f) * 2048);
    wb[d] = cvRound(f * 2048);
  }
}

/** Source channels of the three output planes / of the first three output channels, for {@link hpass3}. */
const CH = new Int32Array(3);

/**
 * Horizontal pass of one source row (byte offset `r`): for each destination column `x < n`, `h >> 4` with
 * `h = S0 a0 + S1 a1` for the channels {@link CH}, 3 values per column, into `hs`. `xo` / `xo1` are source pixel
 * byte offsets (column index times channels).
 */
function hpass3(hs: Int32Array, src: Uint8Array | Uint8ClampedArray, r: number, xo: Int32Array, xo1: Int32Array, xa: Int32Array, xb: Int32Array, n: number): void {
  const c0 = CH[0]!, c1 = CH[1]!, c2 = CH[2]!;
  for (let x = 0, k = 0; x < n; x++, k += 3) {
    const p0 = r + xo[x]!, p1 = r + xo1[x]!, a0 = xa[x]!, a1 = xb[x]!;
    hs[k] = (src[p0 + c0]! * a0 + src[p1 + c0]! * a1) >> 4;
    hs[k + 1] = (src[p0 + c1]! * a0 + src[p1 + c1]! * a1) >> 4;
    hs[k + 2] = (src[p0 + c2]! * a0 + src[p1 + c2]! * a1) >> 4;
  }
}

/** {@link hpass3} for all `C` channels in image order (`C * n` values). */
function hpassN(hs: Int32Array, src: Uint8Array | Uint8ClampedArray, r: number, xo: Int32Array, xo1: Int32Array, xa: Int32Array, xb: Int32Array, n: number, C: number): void {
  for (let x = 0, k = 0; x < n; x++) {
    const p0 = r + xo[x]!, p1 = r + xo1[x]!, a0 = xa[x]!, a1 = xb[x]!;
    for (let c = 0; c < C; c++, k++) hs[k] = (src[p0 + c]! * a0 + src[p1 + c]! * a1) >> 4;
  }
}

/**
 * Two-row cache of horizontal passes, like OpenCV's resize ring buffer: destination rows that sample the same
 * source row (every upscale, most downscales by less than 2) share its horizontal pass. `rows(r0, r1)` leaves
 * the passes of source rows `r0`, `r1` in `ROW0`, `ROW1`.
 */
class RowCache {
  a: Int32Array = new Int32Array(0);
  b: Int32Array = new Int32Array(0);
  tagA = -1;
  tagB = -1;
  /** Buffers of `n` values each, tags cleared. */
  reset(n: number): void {
    this.a = int32Scratch(12, n);
    this.b = int32Scratch(13, n);
    this.tagA = this.tagB = -1;
  }
}
const CACHE = new RowCache();

/** Row pass selector for {@link fillRows}: 3 channels {@link CH} or all `C`. */
function hrow(hs: Int32Array, src: Uint8Array | Uint8ClampedArray, r: number, xo: Int32Array, xo1: Int32Array, xa: Int32Array, xb: Int32Array, n: number, C: number, three: boolean): void {
  if (three) hpass3(hs, src, r, xo, xo1, xa, xb, n);
  else hpassN(hs, src, r, xo, xo1, xa, xb, n, C);
}

/**
 * Make {@link CACHE} hold the horizontal passes of source rows `y0` and `y1` (byte offsets `y * rs`) and return
 * 0 when `a` holds `y0` (`b` holds `y1`), 1 when swapped.
 */
function fillRows(y0: number, y1: number, rs: number, src: Uint8Array | Uint8ClampedArray, xo: Int32Array, xo1: Int32Array, xa: Int32Array, xb: Int32Array, n: number, C: number, three: boolean): number {
  const c = CACHE;
  // Keep whichever buffer already holds a needed row; recompute the other.
  if (c.tagA === y0) {
    if (c.tagB !== y1 && y1 !== y0) {
      hrow(c.b, src, y1 * rs, xo, xo1, xa, xb, n, C, three);
      c.tagB = y1;
    }
    return 0;
  }
  if (c.tagB === y0) {
    if (c.tagA !== y1 && y1 !== y0) {
      hrow(c.a, src, y1 * rs, xo, xo1, xa, xb, n, C, three);
      c.tagA = y1;
    }
    return 1;
  }
  if (c.tagB === y1) {
    hrow(c.a, src, y0 * rs, xo, xo1, xa, xb, n, C, three);
    c.tagA = y0;
    return 0;
  }
  if (c.tagA === y1) {
    hrow(c.b, src, y0 * rs, xo, xo1, xa, xb, n, C, three);
    c.tagB = y0;
    return 1;
  }
  hrow(c.a, src, y0 * rs, xo, xo1, xa, xb, n, C, three);
  c.tagA = y0;
  if (y1 !== y0) {
    hrow(c.b, src, y1 * rs, xo, xo1, xa, xb, n, C, three);
    c.tagB = y1;
  }
  return 0;
}

/** Vertical pass into three normalized planes: `n` columns at `out[o..]`, planes `plane` apart. */
function vpassPlanes(out: Float32Array, o: number, h0: Int32Array, h1: Int32Array, n: number, b0: number, b1: number, plane: number): void {
  const lut = LUT;
  const o1 = plane, o2 = 2 * plane;
  for (let x = 0, k = 0; x < n; x++, o++, k += 3) {
    let v = ((((h0[k]! * b0) >> 16) + ((h1[k]! * b1) >> 16) + 2) >> 2);
    out[o] = lut[v < 0 ? 0 : v > 255 ? 255 : v]!;
    v = ((((h0[k + 1]! * b0) >> 16) + ((h1[k + 1]! * b1) >> 16) + 2) >> 2);
    out[o + o1] = lut[256 + (v < 0 ? 0 : v > 255 ? 255 : v)]!;
    v = ((((h0[k + 2]! * b0) >> 16) + ((h1[k + 2]! * b1) >> 16) + 2) >> 2);
    out[o + o2] = lut[512 + (v < 0 ? 0 : v > 255 ? 255 : v)]!;
  }
}

/** Vertical pass into interleaved bytes: `n` values at `out[o..]`. */
function vpassBytes(out: Uint8Array | Uint8ClampedArray, o: number, h0: Int32Array, h1: Int32Array, n: number, b0: number, b1: number): void {
  for (let k = 0; k < n; k++, o++) {
    const v = ((((h0[k]! * b0) >> 16) + ((h1[k]! * b1) >> 16) + 2) >> 2);
    out[o] = v < 0 ? 0 : v > 255 ? 255 : v;
  }
}

/**
 * Whether the two-row cache saves work: the number of horizontal passes it needs is well below the two per
 * destination row of direct sampling.
 */
function sharesRows(yo: Int32Array, yo1: Int32Array, n: number): boolean {
  let passes = 0, p0 = -1, p1 = -1;
  for (let y = 0; y < n; y++) {
    const a = yo[y]!, b = yo1[y]!;
    if (a !== p0 && a !== p1) passes++;
    if (b !== a && b !== p0 && b !== p1) passes++;
    p0 = a;
    p1 = b;
  }
  return passes < 1.25 * n;
}

/**
 * One letterbox row sampled directly: `n` destination columns at `out[o..]` from source rows at byte offsets
 * `r0`, `r1` (weights `b0`, `b1`), channels {@link CH} into the three planes.
 */
function lbDirectRow(
  out: Float32Array, o: number, src: Uint8Array | Uint8ClampedArray, r0: number, r1: number, xo: Int32Array, xo1: Int32Array, xa: Int32Array, xb: Int32Array,
  n: number, b0: number, b1: number, plane: number,
): void {
  const c0 = CH[0]!, c1 = CH[1]!, c2 = CH[2]!;
  const lut = LUT;
  const o1 = plane, o2 = 2 * plane;
  for (let x = 0; x < n; x++, o++) {
    const p0 = xo[x]!, p1 = xo1[x]!, a0 = xa[x]!, a1 = xb[x]!;
    const t0 = r0 + p0, t1 = r0 + p1, u0 = r1 + p0, u1 = r1 + p1;
    let v = ((((((src[t0 + c0]! * a0 + src[t1 + c0]! * a1) >> 4) * b0) >> 16) + ((((src[u0 + c0]! * a0 + src[u1 + c0]! * a1) >> 4) * b1) >> 16) + 2) >> 2);
    out[o] = lut[v < 0 ? 0 : v > 255 ? 255 : v]!;
    v = ((((((src[t0 + c1]! * a0 + src[t1 + c1]! * a1) >> 4) * b0) >> 16) + ((((src[u0 + c1]! * a0 + src[u1 + c1]! * a1) >> 4) * b1) >> 16) + 2) >> 2);
    out[o + o1] = lut[256 + (v < 0 ? 0 : v > 255 ? 255 : v)]!;
    v = ((((((src[t0 + c2]! * a0 + src[t1 + c2]! * a1) >> 4) * b0) >> 16) + ((((src[u0 + c2]! * a0 + src[u1 + c2]! * a1) >> 4) * b1) >> 16) + 2) >> 2);
    out[o + o2] = lut[512 + (v < 0 ? 0 : v > 255 ? 255 : v)]!;
  }
}

/**
 * {@link lbDirectRow} reading each source pixel with one little-endian 32-bit load (channel `c` is byte `c`):
 * 4 loads per destination pixel instead of 12. The load reads one byte past a 3-channel pixel, so the caller
 * uses it only when row `r1` is not the image's last.
 */
function lbDirectRow32(
  out: Float32Array, o: number, dv: DataView, r0: number, r1: number, xo: Int32Array, xo1: Int32Array, xa: Int32Array, xb: Int32Array,
  n: number, b0: number, b1: number, plane: number,
): void {
  const s0 = 8 * CH[0]!, s1 = 8 * CH[1]!, s2 = 8 * CH[2]!;
  const lut = LUT;
  const o1 = plane, o2 = 2 * plane;
  for (let x = 0; x < n; x++, o++) {
    const p0 = xo[x]!, p1 = xo1[x]!, a0 = xa[x]!, a1 = xb[x]!;
    const T0 = dv.getUint32(r0 + p0, true), T1 = dv.getUint32(r0 + p1, true), U0 = dv.getUint32(r1 + p0, true), U1 = dv.getUint32(r1 + p1, true);
    let h0 = ((T0 >>> s0) & 255) * a0 + ((T1 >>> s0) & 255) * a1, h1 = ((U0 >>> s0) & 255) * a0 + ((U1 >>> s0) & 255) * a1;
    let v = ((((h0 >> 4) * b0) >> 16) + (((h1 >> 4) * b1) >> 16) + 2) >> 2;
    out[o] = lut[v < 0 ? 0 : v > 255 ? 255 : v]!;
    h0 = ((T0 >>> s1) & 255) * a0 + ((T1 >>> s1) & 255) * a1;
    h1 = ((U0 >>> s1) & 255) * a0 + ((U1 >>> s1) & 255) * a1;
    v = ((((h0 >> 4) * b0) >> 16) + (((h1 >> 4) * b1) >> 16) + 2) >> 2;
    out[o + o1] = lut[256 + (v < 0 ? 0 : v > 255 ? 255 : v)]!;
    h0 = ((T0 >>> s2) & 255) * a0 + ((T1 >>> s2) & 255) * a1;
    h1 = ((U0 >>> s2) & 255) * a0 + ((U1 >>> s2) & 255) * a1;
    v = ((((h0 >> 4) * b0) >> 16) + (((h1 >> 4) * b1) >> 16) + 2) >> 2;
    out[o + o2] = lut[512 + (v < 0 ? 0 : v > 255 ? 255 : v)]!;
  }
}

/** One resized row sampled directly (see {@link lbDirectRow}): `n` pixels of `C` bytes at `out[o..]`. */
function rsDirectRow(
  out: Uint8Array | Uint8ClampedArray, o: number, src: Uint8Array | Uint8ClampedArray, r0: number, r1: number, xo: Int32Array, xo1: Int32Array, xa: Int32Array, xb: Int32Array,
  n: number, C: number, b0: number, b1: number,
): void {
  for (let x = 0; x < n; x++) {
    const t0 = r0 + xo[x]!, t1 = r0 + xo1[x]!, u0 = r1 + xo[x]!, u1 = r1 + xo1[x]!, a0 = xa[x]!, a1 = xb[x]!;
    for (let c = 0; c < C; c++, o++) {
      const v = ((((((src[t0 + c]! * a0 + src[t1 + c]! * a1) >> 4) * b0) >> 16) + ((((src[u0 + c]! * a0 + src[u1 + c]! * a1) >> 4) * b1) >> 16) + 2) >> 2);
      out[o] = v < 0 ? 0 : v > 255 ? 255 : v;
    }
  }
}

/** Fill the padding of a letterbox (everything but the `rw x rh` rectangle at `(padX, padY)`) in all 3 planes. */
function padPlanes(out: Float32Array, base: number, outW: number, outH: number, padX: number, padY: number, rw: number, rh: number, f0: number, f1: number, f2: number): void {
  const plane = outW * outH;
  const fills = [f0, f1, f2];
  for (let p = 0; p < 3; p++) {
    const b = base + p * plane, f = fills[p]!;
    out.fill(f, b, b + padY * outW);
    out.fill(f, b + (padY + rh) * outW, b + plane);
    if (rw < outW) {
      for (let y = padY; y < padY + rh; y++) {
        const r = b + y * outW;
        out.fill(f, r, r + padX);
        out.fill(f, r + padX + rw, r + outW);
      }
    }
  }
}

/**
 * Bilinear resize of an 8-bit image with OpenCV `cv2.resize(src, (outW, outH), interpolation=INTER_LINEAR)`
 * arithmetic (see the module notes). Channel layout is kept.
 *
 * @param out - receiving bytes, `outW * outH * image.channels`
 * @param image - source image
 * @param outW - destination width
 * @param outH - destination height
 * @returns out
 * @throws PosekitError image errors of {@link checkImage}; `E_IMAGE_SIZE`, `E_SHAPE`
 */
export function resizeBilinear<T extends Uint8Array | Uint8ClampedArray>(out: T, image: ImageLike, outW: number, outH: number): T {
  const fn = 'resizeBilinear';
  checkImage(fn, image);
  checkSize(fn, outW, outH);
  const C = image.channels;
  if (!(out instanceof Uint8Array || out instanceof Uint8ClampedArray) || out.length !== outW * outH * C) {
    throw new PosekitError('E_SHAPE', `${fn}: out must be a Uint8Array of ${outW}x${outH}x${C} = ${outW * outH * C} bytes; received ${describeValue(out)}`, {
      expected: outW * outH * C,
      received: describeValue(out),
    });
  }
  const W = image.width, H = image.height;
  const xo = int32Scratch(2, outW), xo1 = int32Scratch(3, outW), xa = int32Scratch(4, outW), xb = int32Scratch(5, outW);
  const yo = int32Scratch(6, outH), yo1 = int32Scratch(7, outH), ya = int32Scratch(8, outH), yb = int32Scratch(9, outH);
  axisTables(outW, W, xo, xo1, xa, xb, true);
  axisTables(outH, H, yo, yo1, ya, yb, false);
  for (let x = 0; x < outW; x++) {
    xo[x] = xo[x]! * C;
    xo1[x] = xo1[x]! * C;
  }
  const src = image.data;
  const rs = W * C;
  const n = outW * C;
  const three = C === 3;
  CH[0] = 0;
  CH[1] = 1;
  CH[2] = 2;
  if (!sharesRows(yo, yo1, outH)) {
    for (let y = 0, o = 0; y < outH; y++, o += n) rsDirectRow(out, o, src, yo[y]! * rs, yo1[y]! * rs, xo, xo1, xa, xb, outW, C, ya[y]!, yb[y]!);
    return out;
  }
  const cache = CACHE;
  cache.reset(n);
  for (let y = 0, o = 0; y < outH; y++, o += n) {
    const y0 = yo[y]!, y1 = yo1[y]!;
    const sel = fillRows(y0, y1, rs, src, xo, xo1, xa, xb, outW, C, three);
    const h0 = sel === 0 ? cache.a : cache.b;
    const h1 = y1 === y0 ? h0 : sel === 0 ? cache.b : cache.a;
    vpassBytes(out, o, h0, h1, n, ya[y]!, yb[y]!);
  }
  return out;
}

/** Where a letterboxed image sits in the model input. */
export interface LetterboxParams {
  /** Resize ratio `r = min(dstW / srcW, dstH / srcH)` (input px per image px). */
  scale: number;
  /** Left padding, input pixels (integer). */
  padX: number;
  /** Top padding, input pixels (integer). */
  padY: number;
  /** Width of the resized image inside the input (integer). */
  width: number;
  /** Height of the resized image inside the input (integer). */
  height: number;
}

/** Python `round` (half to even). */
function roundHalfEven(v: number): number {
  const r = Math.round(v);
  // `+ 0` turns -0 (Math.round(-0.1)) into 0.
  return (r - v === 0.5 && r % 2 !== 0 ? r - 1 : r) + 0;
}

/**
 * Letterbox geometry (keep-ratio resize, then pad).
 *
 * - `'center'` (Ultralytics `LetterBox`, YOLOv8/11): resized size `round(src · r)`, padding
 *   `left = round((dstW - w) / 2 - 0.1)`, `top = round((dstH - h) / 2 - 0.1)` (Python `round`, half to even).
 * - `'topleft'` (YOLOX `preproc`, MMDet `Resize(keep_ratio) + Pad`): image at (0, 0), padding right / bottom.
 *   Resized size `int(src · r)` (YOLOX, default) or `int(src · r + 0.5)` (`rounding: 'half-up'`, mmcv `rescale_size`).
 *
 * Image -> input: `x_in = x_img · scale + padX`; input -> image: `x_img = (x_in - padX) / scale`.
 *
 * @param srcW - image width
 * @param srcH - image height
 * @param dstW - model input width
 * @param dstH - model input height
 * @param mode - `'center'` or `'topleft'`
 * @param rounding - how the resized size is rounded: default `'half-even'` for `'center'`, `'floor'` for `'topleft'`
 * @returns the geometry
 * @throws PosekitError `E_IMAGE_SIZE` (non-positive sizes), `E_ARGUMENT` (mode / rounding)
 */
export function letterboxParams(
  srcW: number,
  srcH: number,
  dstW: number,
  dstH: number,
  mode: 'center' | 'topleft',
  rounding?: 'half-even' | 'floor' | 'half-up',
): LetterboxParams {
  const fn = 'letterboxParams';
  checkSize(fn, srcW, srcH, 'source');
  checkSize(fn, dstW, dstH, 'destination');
  if (mode !== 'center' && mode !== 'topleft') {
    throw new PosekitError('E_ARGUMENT', `${fn}: mode must be 'center' or 'topleft'; received ${describeValue(mode)}`, { expected: ['center', 'topleft'], received: mode });
  }
  const rnd = rounding ?? (mode === 'center' ? 'half-even' : 'floor');
  if (rnd !== 'half-even' && rnd !== 'floor' && rnd !== 'half-up') {
    throw new PosekitError('E_ARGUMENT', `${fn}: rounding must be 'half-even', 'floor' or 'half-up'; received ${describeValue(rounding)}`, { received: rounding });
  }
  const r = Math.min(dstH / srcH, dstW / srcW);
  const size = (v: number): number => {
    const s = rnd === 'half-even' ? roundHalfEven(v) : rnd === 'floor' ? Math.floor(v) : Math.floor(v + 0.5);
    return Math.max(1, s);
  };
  const width = Math.min(size(srcW * r), dstW);
  const height = Math.min(size(srcH * r), dstH);
  let padX = 0, padY = 0;
  if (mode === 'center') {
    padX = roundHalfEven((dstW - width) / 2 - 0.1);
    padY = roundHalfEven((dstH - height) / 2 - 0.1);
  }
  return { scale: r, padX, padY, width, height };
}

/** Options of {@link letterboxToTensor}. */
export interface LetterboxOptions extends NormalizeOptions {
  /** Value of the padding, 0..255, before normalization (default 114, Ultralytics / YOLOX). */
  padValue?: number;
}

/**
 * Letterbox an image straight into normalized NCHW planes: bilinear resize to `params.width x params.height`
 * (OpenCV `INTER_LINEAR` arithmetic as {@link resizeBilinear}; no resample when the size is unchanged, like
 * Ultralytics), placed at `(params.padX, params.padY)`, the rest `padValue`; then `(v - mean) / std` in float32.
 * Fused: no intermediate image.
 *
 * @param out - receiving float32 tensor data
 * @param outOffset - element offset of the first plane
 * @param image - source image
 * @param params - geometry from {@link letterboxParams}
 * @param outW - model input width
 * @param outH - model input height
 * @param opts - mean / std (0..255 units, plane order), plane order, pad value
 * @returns out
 * @throws PosekitError image errors; `E_IMAGE_SIZE`, `E_SHAPE`, `E_DTYPE`, `E_RANGE` (params outside the input, pad
 *   value), `E_ARGUMENT`, `E_NONFINITE`
 */
export function letterboxToTensor(out: Float32Array, outOffset: number, image: ImageLike, params: LetterboxParams, outW: number, outH: number, opts: LetterboxOptions): Float32Array {
  const fn = 'letterboxToTensor';
  checkImage(fn, image);
  checkSize(fn, outW, outH);
  checkTensorOut(fn, out, outOffset, outW, outH);
  prepareNormalize(fn, image, opts, PLANE_SRC);
  const { padX, padY, width: rw, height: rh } = params ?? ({} as LetterboxParams);
  if (![padX, padY, rw, rh].every((v) => Number.isInteger(v)) || padX < 0 || padY < 0 || rw < 1 || rh < 1 || padX + rw > outW || padY + rh > outH) {
    throw new PosekitError('E_RANGE', `${fn}: params must place a ${describeValue(rw)}x${describeValue(rh)} image at (${describeValue(padX)}, ${describeValue(padY)}) inside ${outW}x${outH}`, {
      expected: 'integers with padX + width <= outW, padY + height <= outH',
      received: params,
    });
  }
  const pad = opts.padValue ?? 114;
  if (!(typeof pad === 'number' && pad >= 0 && pad <= 255)) throw new PosekitError('E_RANGE', `${fn}: padValue must be in 0..255; received ${describeValue(pad)}`);
  const padByte = cvRound(pad);
  const plane = outW * outH;
  const f0 = LUT[padByte]!, f1 = LUT[256 + padByte]!, f2 = LUT[512 + padByte]!;
  const base = outOffset;
  padPlanes(out, base, outW, outH, padX, padY, rw, rh, f0, f1, f2);
  const W = image.width, H = image.height, C = image.channels;
  const src = image.data;
  const rs = W * C;
  const c0 = PLANE_SRC[0]!, c1 = PLANE_SRC[1]!, c2 = PLANE_SRC[2]!;
  const lut = LUT;
  const plane2 = 2 * plane;
  if (rw === W && rh === H) {
    // Unchanged size: Ultralytics skips cv2.resize, so copy (the fixed-point identity gives the same bytes).
    for (let y = 0; y < rh; y++) {
      let o = base + (y + padY) * outW + padX;
      let p = y * rs;
      for (let x = 0; x < rw; x++, o++, p += C) {
        out[o] = lut[src[p + c0]!]!;
        out[o + plane] = lut[256 + src[p + c1]!]!;
        out[o + plane2] = lut[512 + src[p + c2]!]!;
      }
    }
    return out;
  }
  const xo = int32Scratch(2, rw), xo1 = int32Scratch(3, rw), xa = int32Scratch(4, rw), xb = int32Scratch(5, rw);
  const yo = int32Scratch(6, rh), yo1 = int32Scratch(7, rh), ya = int32Scratch(8, rh), yb = int32Scratch(9, rh);
  axisTables(rw, W, xo, xo1, xa, xb, true);
  axisTables(rh, H, yo, yo1, ya, yb, false);
  for (let x = 0; x < rw; x++) {
    xo[x] = xo[x]! * C;
    xo1[x] = xo1[x]! * C;
  }
  CH[0] = c0;
  CH[1] = c1;
  CH[2] = c2;
  if (!sharesRows(yo, yo1, rh)) {
    // Every destination row has its own two source rows (downscale by about 2): a row cache would only add a
    // store and a load per value, so sample directly.
    const dv = new DataView(src.buffer, src.byteOffset, src.byteLength);
    for (let y = 0; y < rh; y++) {
      const o = base + (y + padY) * outW + padX;
      if (yo1[y]! < H - 1 || C === 4) lbDirectRow32(out, o, dv, yo[y]! * rs, yo1[y]! * rs, xo, xo1, xa, xb, rw, ya[y]!, yb[y]!, plane);
      else lbDirectRow(out, o, src, yo[y]! * rs, yo1[y]! * rs, xo, xo1, xa, xb, rw, ya[y]!, yb[y]!, plane);
    }
    return out;
  }
  const cache = CACHE;
  cache.reset(3 * rw);
  for (let y = 0; y < rh; y++) {
    const y0 = yo[y]!, y1 = yo1[y]!;
    const sel = fillRows(y0, y1, rs, src, xo, xo1, xa, xb, rw, C, true);
    const h0 = sel === 0 ? cache.a : cache.b;
    const h1 = y1 === y0 ? h0 : sel === 0 ? cache.b : cache.a;
    vpassPlanes(out, base + (y + padY) * outW + padX, h0, h1, rw, ya[y]!, yb[y]!, plane);
  }
  return out;
}
