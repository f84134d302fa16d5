/**
 * Shared internals of the image kernels: OpenCV-compatible rounding, option checks, the normalization lookup
 * table, and reusable scratch buffers (so the hot paths do not allocate per call in steady state).
 *
 * @internal
 * @module
 */
import { PosekitError, describeValue } from '../errors.js';
import type { ImageLike, NormalizeOptions } from './types.js';

/** OpenCV `cvRound` / `saturate_cast<int>(double)`: round half to even, clamped to int32. @internal */
export function cvRound(v: number): number {
  if (v >= 2147483647) return 2147483647;
  if (v <= -2147483648) return -2147483648;
  const r = Math.round(v);
  return r - v === 0.5 && (r & 1) !== 0 ? r - 1 : r;
}

/** Scratch Int32Array of at least `n` entries (grown, never shrunk). @internal */
export function int32Scratch(slot: number, n: number): Int32Array {
  let a = INT_SCRATCH[slot];
  if (a === undefined || a.length < n) {
    a = new Int32Array(Math.max(n, 64));
    INT_SCRATCH[slot] = a;
  }
  return a;
}
const INT_SCRATCH: (Int32Array | undefined)[] = [];

/** Reused normalization table: `lut[p * 256 + v]` = plane `p`'s value for byte `v`. @internal */
export const LUT = new Float32Array(3 * 256);

/**
 * Validate {@link NormalizeOptions}, fill {@link LUT} (`fround(fround(v - mean) / std)`, the float32 arithmetic of
 * MMPose's `data_preprocessor`) and return the source channel index of each output plane. mean / std are checked
 * after their float32 rounding (the arithmetic uses those): a mean beyond float32 range, a std that rounds to 0, or
 * one so small that `(v - mean) / std` overflows float32 is `E_RANGE`.
 * @internal
 */
export function prepareNormalize(fn: string, image: ImageLike, opts: NormalizeOptions, planeSrc: Int32Array): void {
  if (typeof opts !== 'object' || opts === null) throw new PosekitError('E_ARGUMENT', `${fn}: options {mean, std, channelOrder} are required; received ${describeValue(opts)}`);
  const { mean, std, channelOrder } = opts;
  if (channelOrder !== 'rgb' && channelOrder !== 'bgr') {
    throw new PosekitError('E_ARGUMENT', `${fn}: channelOrder must be 'rgb' or 'bgr'; received ${describeValue(channelOrder)}`, { expected: ['rgb', 'bgr'], received: channelOrder });
  }
  if (!mean || mean.length !== 3 || !std || std.length !== 3) {
    throw new PosekitError('E_SHAPE', `${fn}: mean and std must have 3 entries; received ${describeValue(mean)} and ${describeValue(std)}`, { expected: 3 });
  }
  for (let p = 0; p < 3; p++) {
    const m = mean[p]!, s = std[p]!;
    if (!Number.isFinite(m)) throw new PosekitError('E_NONFINITE', `${fn}: mean[${p}] must be finite; received ${describeValue(m)}`, { item: p });
    if (!(Number.isFinite(s) && s > 0)) throw new PosekitError('E_RANGE', `${fn}: std[${p}] must be a finite number > 0; received ${describeValue(s)}`, { item: p });
    const fm = Math.fround(m), fs = Math.fround(s);
    if (!Number.isFinite(fm)) {
      throw new PosekitError('E_RANGE', `${fn}: mean[${p}] must be within float32 range (|mean| <= 3.4028235e38); received ${describeValue(m)}`, {
        item: p,
        expected: '|mean| <= 3.4028235e38',
        received: m,
      });
    }
    if (!(fs > 0 && Number.isFinite(fs))) {
      throw new PosekitError('E_RANGE', `${fn}: std[${p}] must be a float32 number > 0 (1.4e-45 .. 3.4028235e38); received ${describeValue(s)}, which rounds to ${fs}`, {
        item: p,
        expected: '1.4e-45 .. 3.4028235e38',
        received: s,
      });
    }
    for (let v = 0; v < 256; v++) LUT[p * 256 + v] = Math.fround(Math.fround(v - fm) / fs);
    // The extremes of (v - mean) / std are at v = 0 and v = 255 (float32 rounding is monotonic).
    if (!(Number.isFinite(LUT[p * 256]!) && Number.isFinite(LUT[p * 256 + 255]!))) {
      throw new PosekitError('E_RANGE', `${fn}: (pixel - mean[${p}]) / std[${p}] overflows float32 for mean ${describeValue(m)}, std ${describeValue(s)}; expected a larger std`, {
        item: p,
        expected: 'normalized values within float32 range',
        received: { mean: m, std: s },
      });
    }
    const colour = channelOrder[p]!;
    planeSrc[p] = image.order.indexOf(colour);
  }
}

/** Check a float32 output region of `3 * w * h` values at `offset`. @internal */
export function checkTensorOut(fn: string, out: Float32Array, offset: number, w: number, h: number): void {
  if (!(out instanceof Float32Array)) throw new PosekitError('E_DTYPE', `${fn}: out must be a Float32Array; received ${describeValue(out)}`, { expected: 'Float32Array' });
  if (!Number.isInteger(offset) || offset < 0) throw new PosekitError('E_RANGE', `${fn}: outOffset must be a non-negative integer; received ${describeValue(offset)}`);
  const need = offset + 3 * w * h;
  if (out.length < need) {
    throw new PosekitError('E_SHAPE', `${fn}: out needs ${need} elements (offset ${offset} + 3x${h}x${w}); received ${out.length}`, { expected: need, received: out.length });
  }
}

/** Check an output size. @internal */
export function checkSize(fn: string, w: number, h: number, what = 'output'): void {
  if (!(Number.isInteger(w) && w > 0 && Number.isInteger(h) && h > 0)) {
    throw new PosekitError('E_IMAGE_SIZE', `${fn}: ${what} width and height must be positive integers; received ${describeValue(w)}x${describeValue(h)}`, {
      expected: 'positive integers',
      received: { width: w, height: h },
    });
  }
}

/** Border value as one byte per channel (OpenCV `saturate_cast<uchar>`), into `out`. @internal */
export function borderBytes(fn: string, border: number | readonly number[] | undefined, channels: number, out: Int32Array): void {
  if (border !== undefined && typeof border !== 'number') {
    if (!(Array.isArray(border) || ArrayBuffer.isView(border))) {
      throw new PosekitError('E_ARGUMENT', `${fn}: border value must be a number in 0..255 or an array of ${channels} (one per channel); received ${describeValue(border)}`, {
        expected: `number or ${channels} numbers`,
        received: describeValue(border),
      });
    }
    if ((border as ArrayLike<number>).length < channels) {
      throw new PosekitError('E_SHAPE', `${fn}: border value must have one entry per channel (${channels}); received ${describeValue(border)}`, {
        expected: channels,
        received: (border as ArrayLike<number>).length,
      });
    }
  }
  for (let c = 0; c < channels; c++) {
    const v = border === undefined ? 0 : typeof border === 'number' ? border : border[c];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 255) {
      throw new PosekitError('E_RANGE', `${fn}: border value must be a number in 0..255 (or one per channel); received ${describeValue(border)}`, {
        expected: '0..255',
        received: border,
      });
    }
    out[c] = cvRound(v);
  }
}
