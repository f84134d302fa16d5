/**
 * Shared internals of the decoders: input validation, the fused argmax / non-finite scan, result
 * allocation and scratch buffers. Not exported from the barrel.
 *
 * @internal
 * @module
 */
import { PosekitError, describeValue } from '../errors.js';
import { checkFloat32Tensor } from '../tensor.js';
import type { TensorLike } from '../tensor.js';
import type { HeatmapDecodeResult } from './types.js';

/** Shape of a validated `[N, K, H, W]` heatmap batch. */
export interface HeatmapDims {
  n: number;
  k: number;
  h: number;
  w: number;
}

/** Validate a `[N, K, H, W]` float32 heatmap batch (rank, shape, dtype, non-empty). */
export function checkHeatmaps(fn: string, name: string, t: unknown): { data: Float32Array; dims: HeatmapDims } {
  const tt = checkFloat32Tensor(fn, name, t, ['N', 'K', 'H', 'W']);
  const d = tt.dims;
  return { data: tt.data, dims: { n: d[0]!, k: d[1]!, h: d[2]!, w: d[3]! } };
}

/**
 * Scan state written by {@link scanChannel}: the channel maximum (float32 value as a double).
 * A module-level slot avoids allocating a tuple per channel.
 */
export const scanResult = { max: 0 };

/**
 * First-index argmax of `data[o .. o+len)` (numpy `argmax` semantics: the first maximum wins), with a
 * NaN / +-Infinity check folded into the same pass (a running sum is finite iff every value is).
 * Returns the index relative to `o` and stores the maximum in {@link scanResult}; returns -1 when the
 * range holds a non-finite value.
 *
 * Unrolled by 4 with one combined comparison per group: the common case (no new maximum in the group)
 * costs four compares and one branch.
 */
export function scanChannel(data: Float32Array, o: number, len: number): number {
  const e = o + len;
  const e4 = o + (len & ~3);
  let m = -Infinity;
  let mi = o;
  let s0 = 0;
  let s1 = 0;
  let i = o;
  for (; i < e4; i += 4) {
    const a = data[i]!;
    const b = data[i + 1]!;
    const c = data[i + 2]!;
    const d = data[i + 3]!;
    s0 += a + b;
    s1 += c + d;
    if (a > m || b > m || c > m || d > m) {
      if (a > m) {
        m = a;
        mi = i;
      }
      if (b > m) {
        m = b;
        mi = i + 1;
      }
      if (c > m) {
        m = c;
        mi = i + 2;
      }
      if (d > m) {
        m = d;
        mi = i + 3;
      }
    }
  }
  for (; i < e; i++) {
    const a = data[i]!;
    s0 += a;
    if (a > m) {
      m = a;
      mi = i;
    }
  }
  const s = s0 + s1;
  if (s - s !== 0) return -1;
  scanResult.max = m;
  return mi - o;
}

/** Throw `E_NONFINITE` naming the first non-finite element of `data[o .. o+len)`. */
export function throwNonFinite(fn: string, name: string, data: Float32Array, o: number, len: number, where: string): never {
  let i = o;
  while (i < o + len && Number.isFinite(data[i]!)) i++;
  throw new PosekitError(
    'E_NONFINITE',
    `${fn}: ${name} must be finite; received ${describeValue(data[i])} at flat index ${i} (${where})`,
    { expected: 'finite float32 values', received: describeValue(data[i]), item: i },
  );
}

/** Scan one heatmap channel, throwing `E_NONFINITE` when it holds NaN / Infinity. */
export function scanChannelChecked(fn: string, name: string, data: Float32Array, o: number, len: number, n: number, k: number): number {
  const idx = scanChannel(data, o, len);
  if (idx < 0) throwNonFinite(fn, name, data, o, len, `instance ${n}, keypoint ${k}`);
  return idx;
}

/** Throw `E_ARGUMENT` unless `out` is `undefined` or a (non-array) object the decoder can write into. */
export function checkOut(fn: string, out: unknown, what: string): void {
  if (out === undefined) return;
  if (typeof out !== 'object' || out === null || Array.isArray(out) || ArrayBuffer.isView(out)) {
    throw new PosekitError('E_ARGUMENT', `${fn}: out must be ${what} to reuse, or undefined; received ${describeValue(out)}`, {
      expected: `${what} or undefined`,
      received: describeValue(out),
    });
  }
}

/**
 * Reuse `out` when its arrays have the right sizes; otherwise allocate (and attach to `out` if given).
 * Throws `E_ARGUMENT` when `out` is neither undefined nor an object.
 */
export function prepareResult(fn: string, out: HeatmapDecodeResult | undefined, n: number, k: number): HeatmapDecodeResult {
  const nk = n * k;
  if (out === undefined) return { keypoints: new Float32Array(nk * 2), scores: new Float32Array(nk), n, k };
  checkOut(fn, out, 'a previous decode result');
  if (!(out.keypoints instanceof Float32Array) || out.keypoints.length !== nk * 2) out.keypoints = new Float32Array(nk * 2);
  if (!(out.scores instanceof Float32Array) || out.scores.length !== nk) out.scores = new Float32Array(nk);
  out.n = n;
  out.k = k;
  return out;
}

/** A grow-only Float32Array / Float64Array cache keyed by name (no allocation once warm). */
const f32Scratch = new Map<string, Float32Array>();
const f64Scratch = new Map<string, Float64Array>();

/** Scratch Float32Array of at least `size` elements (contents undefined). */
export function scratchF32(key: string, size: number): Float32Array {
  let a = f32Scratch.get(key);
  if (a === undefined || a.length < size) {
    a = new Float32Array(Math.max(size, 16));
    f32Scratch.set(key, a);
  }
  return a;
}

/** Scratch Float64Array of at least `size` elements (contents undefined). */
export function scratchF64(key: string, size: number): Float64Array {
  let a = f64Scratch.get(key);
  if (a === undefined || a.length < size) {
    a = new Float64Array(Math.max(size, 16));
    f64Scratch.set(key, a);
  }
  return a;
}

/** Validate a `[w, h]` pair of positive finite numbers (sizes, scales). */
export function checkSize(fn: string, name: string, v: unknown): [number, number] {
  if (
    !(Array.isArray(v) || ArrayBuffer.isView(v)) ||
    (v as ArrayLike<number>).length !== 2 ||
    !Number.isFinite((v as ArrayLike<number>)[0]) ||
    !Number.isFinite((v as ArrayLike<number>)[1]) ||
    !((v as ArrayLike<number>)[0]! > 0) ||
    !((v as ArrayLike<number>)[1]! > 0)
  ) {
    throw new PosekitError('E_ARGUMENT', `${fn}: ${name} must be [width, height] of positive finite numbers; received ${describeValue(v)}${Array.isArray(v) ? ` [${v.join(', ')}]` : ''}`, {
      expected: '[width, height] > 0',
      received: v,
    });
  }
  const a = v as ArrayLike<number>;
  return [a[0]!, a[1]!];
}

/**
 * Largest Gaussian blur kernel (taps) the decoders accept: DARK / UDP `blurKernelSize`, the SimCC-DARK kernel
 * derived from the label sigma, {@link getGaussianKernel}, {@link gaussianBlurHeatmaps}.
 *
 * Realistic kernels are far smaller: MMPose uses 11 (σ = 2 targets) and 17 (σ = 3) for DARK / UDP, and SimCC
 * DARK's `(20σ − 7) // 3` gives 29 / 35 for RTMPose's σ = 4.9 / 5.66 and 197 even for σ = 30 bins; 1023
 * leaves room for σ up to ~154 bins. Without a bound a kernel of 2^31 + 1 taps exhausted memory, and 100001
 * taps on an 8×8 map took about a minute. The cost grows with ksize × the map rows a kernel covers (rows of
 * zero padding are skipped): at this bound a 20 × 17 × 64 × 48 batch takes ~0.3 s with DARK or UDP on a
 * 2-core machine, against ~0.4 ms at the default 11 taps.
 *
 * There is deliberately no bound relative to the map size: the reference zero-pads each map by
 * `(ksize − 1) / 2` before OpenCV's blur, so its border rule never reaches the map and taps beyond the map
 * read zeros, but the kernel's σ (`0.3((ksize − 1) / 2 − 1) + 0.8`) and hence every normalised weight still
 * depends on ksize: a kernel wider than the map gives different, reference-exact results (the golden DARK
 * and UDP fixtures decode 8×6 maps with 17 taps), so rejecting it would break parity.
 */
export const MAX_BLUR_KERNEL_SIZE = 1023;

/** Validate an odd positive blur kernel size, at most {@link MAX_BLUR_KERNEL_SIZE}. */
export function checkKernelSize(fn: string, name: string, k: unknown): number {
  if (typeof k !== 'number' || !Number.isInteger(k) || k < 1 || k % 2 !== 1 || k > MAX_BLUR_KERNEL_SIZE) {
    throw new PosekitError('E_RANGE', `${fn}: ${name} must be an odd integer from 1 to ${MAX_BLUR_KERNEL_SIZE}; received ${describeValue(k)}`, {
      expected: `odd integer in [1, ${MAX_BLUR_KERNEL_SIZE}]`,
      received: k,
    });
  }
  return k;
}

/** Largest finite float32 value (`np.finfo(np.float32).max`). */
export const FLT_MAX = 3.4028234663852886e38;

/** Validate a finite number option (with optional lower bound, exclusive). */
export function checkNumber(fn: string, name: string, v: unknown, dflt: number, greaterThan?: number): number {
  if (v === undefined) return dflt;
  if (typeof v !== 'number' || !Number.isFinite(v) || (greaterThan !== undefined && !(v > greaterThan))) {
    throw new PosekitError(
      'E_RANGE',
      `${fn}: ${name} must be a finite number${greaterThan !== undefined ? ` > ${greaterThan}` : ''}; received ${describeValue(v)}`,
      { expected: greaterThan !== undefined ? `> ${greaterThan}` : 'finite number', received: v },
    );
  }
  return v;
}

/** Re-export for the decoders' signatures. */
export type { TensorLike };

/** Scratch Float64Array of exactly `size` elements (reallocated when the size changes). */
export function exactF64(key: string, size: number): Float64Array {
  let a = f64Scratch.get(key);
  if (a === undefined || a.length !== size) {
    a = new Float64Array(size);
    f64Scratch.set(key, a);
  }
  return a;
}
