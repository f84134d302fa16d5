/**
 * Bicubic resize of CHW float32 map stacks, as `cv2.resize(..., interpolation=cv2.INTER_CUBIC)` does it for
 * float32 images (OpenCV 4.x `imgproc/src/resize.cpp`): pixel-centre mapping
 * `src = (dst + 0.5) · (in / out) − 0.5`, Keys cubic with a = −0.75, taps outside the image clamped to the edge
 * (replicate), a horizontal then a vertical pass, float32 storage. The OpenPose and Improved-Body-Parts
 * references upsample the network's stride-sized maps this way before grouping. Speed: cached tap tables, shared
 * loads for outputs with the same taps, and WebAssembly SIMD kernels when the engine has them (same results).
 * @module
 */
import { PosekitError, describeValue } from '../errors.js';
import type { Float32Tensor } from '../tensor.js';
import type { MapTensor } from './types.js';
import { type ResizeKernels, resizeKernels } from './resize-simd.js';
import { checkMaps, nonFinite } from './validate.js';

const f = Math.fround;

/** OpenCV `interpolateCubic` (float32): the 4 weights of taps −1, 0, 1, 2 at fractional offset `x`. */
function cubicWeights(out: Float32Array, o: number, x: number): void {
  const A = -0.75;
  const x1 = f(x + 1);
  out[o] = f(f(f(f(f(f(A * x1) - f(5 * A)) * x1) + f(8 * A)) * x1) - f(4 * A));
  out[o + 1] = f(f(f(f(f(f(A + 2) * x) - f(A + 3)) * x) * x) + 1);
  const y = f(1 - x);
  out[o + 2] = f(f(f(f(f(f(A + 2) * y) - f(A + 3)) * y) * y) + 1);
  out[o + 3] = f(f(f(1 - out[o]!) - out[o + 1]!) - out[o + 2]!);
}

/** Tap tables of one axis for one (input size, output size) pair. */
interface AxisTaps {
  /** Source index of each of the 4 taps of every output position, clamped to `[0, in − 1]` (replicate). */
  readonly ofs: Int32Array;
  /** OpenCV's float32 cubic weights of those taps, widened to double once. */
  readonly alpha: Float64Array;
  /**
   * Runs of consecutive output positions that read the same 4 source taps, as (start, length) pairs with
   * length 4, 2 or 1: upsampling by s gives runs of s, so one set of loads feeds up to 4 outputs.
   */
  readonly blocks: Int32Array;
  /**
   * The weights again, interleaved per pair of outputs in a block of 2 or 4 (`w0(d) w0(d+1) w1(d) w1(d+1) …`):
   * the layout the SIMD horizontal kernels load as f64x2 lanes.
   */
  readonly pairAlpha: Float64Array;
}

/** Tap indices (clamped) and weights of each output position along one axis. */
function axisTaps(inSize: number, outSize: number): AxisTaps {
  const scale = 1 / (outSize / inSize); // OpenCV: scale_x = 1. / inv_scale_x, inv_scale_x = dsize / ssize
  const ofs = new Int32Array(outSize * 4);
  const w32 = new Float32Array(outSize * 4);
  for (let d = 0; d < outSize; d++) {
    let fx = f((d + 0.5) * scale - 0.5);
    const sx = Math.floor(fx);
    fx = f(fx - sx);
    cubicWeights(w32, d * 4, fx);
    for (let k = 0; k < 4; k++) ofs[d * 4 + k] = Math.min(inSize - 1, Math.max(0, sx - 1 + k));
  }
  const sameTaps = (a: number, b: number): boolean =>
    ofs[a * 4] === ofs[b * 4] && ofs[a * 4 + 1] === ofs[b * 4 + 1] && ofs[a * 4 + 2] === ofs[b * 4 + 2] && ofs[a * 4 + 3] === ofs[b * 4 + 3];
  const blocks: number[] = [];
  for (let d = 0; d < outSize; ) {
    let run = 1;
    while (run < 4 && d + run < outSize && sameTaps(d, d + run)) run++;
    const n = run === 3 ? 2 : run;
    blocks.push(d, n);
    d += n;
  }
  const pairAlpha = new Float64Array(outSize * 4);
  for (let b = 0; b < blocks.length; b += 2) {
    for (let p = 0; p + 1 < blocks[b + 1]!; p += 2) {
      const d = blocks[b]! + p;
      for (let k = 0; k < 4; k++) {
        pairAlpha[d * 4 + 2 * k] = w32[d * 4 + k]!;
        pairAlpha[d * 4 + 2 * k + 1] = w32[(d + 1) * 4 + k]!;
      }
    }
  }
  return { ofs, alpha: Float64Array.from(w32), blocks: Int32Array.from(blocks), pairAlpha };
}

/** Tap tables keyed by `in:out`; a handful of sizes recur (one per model), so the cache stays tiny. */
const tapCache = new Map<string, AxisTaps>();
const TAP_CACHE_LIMIT = 32;

function cachedTaps(inSize: number, outSize: number): AxisTaps {
  const key = `${inSize}:${outSize}`;
  let t = tapCache.get(key);
  if (t === undefined) {
    if (tapCache.size >= TAP_CACHE_LIMIT) tapCache.clear();
    t = axisTaps(inSize, outSize);
    tapCache.set(key, t);
  }
  return t;
}

/**
 * Horizontal-pass rows of one channel (`H × outWidth`), reused across calls. Values are rounded to float32 like
 * OpenCV's float buffer rows, but kept in a Float64Array: the vertical pass then reads doubles directly, which
 * measured ~15 % faster than widening float32 loads.
 */
let scratch = new Float64Array(0);

/** One buffer column `d` of the horizontal pass (a block of 1: its taps are shared with no neighbour). */
function horizontalColumn(data: Float32Array | Float64Array, src: number, H: number, W: number, tx: AxisTaps, d: number, tmp: Float64Array, outW: number): void {
  const { ofs, alpha } = tx;
  const k = d * 4;
  const s0 = src + ofs[k]!;
  const s1 = src + ofs[k + 1]!;
  const s2 = src + ofs[k + 2]!;
  const s3 = src + ofs[k + 3]!;
  const a0 = alpha[k]!;
  const a1 = alpha[k + 1]!;
  const a2 = alpha[k + 2]!;
  const a3 = alpha[k + 3]!;
  for (let y = 0, r = 0, o = d; y < H; y++, r += W, o += outW) {
    tmp[o] = f(data[s0 + r]! * a0 + data[s1 + r]! * a1 + data[s2 + r]! * a2 + data[s3 + r]! * a3);
  }
}

/**
 * Horizontal pass of one channel: `tmp[y, d] = Σ_k src[y, ofs[d, k]] · alpha[d, k]`, the sum formed in double
 * (left to right) and rounded to float32. Loops block-outer, row-inner so that a block's weights stay in registers.
 */
function horizontalPass(data: Float32Array | Float64Array, src: number, H: number, W: number, tx: AxisTaps, tmp: Float64Array, outW: number): void {
  const { ofs, alpha, blocks } = tx;
  for (let b = 0; b < blocks.length; b += 2) {
    const d = blocks[b]!;
    const n = blocks[b + 1]!;
    const k = d * 4;
    const s0 = src + ofs[k]!;
    const s1 = src + ofs[k + 1]!;
    const s2 = src + ofs[k + 2]!;
    const s3 = src + ofs[k + 3]!;
    const a0 = alpha[k]!;
    const a1 = alpha[k + 1]!;
    const a2 = alpha[k + 2]!;
    const a3 = alpha[k + 3]!;
    if (n === 1) {
      horizontalColumn(data, src, H, W, tx, d, tmp, outW);
      continue;
    }
    const c0 = alpha[k + 4]!;
    const c1 = alpha[k + 5]!;
    const c2 = alpha[k + 6]!;
    const c3 = alpha[k + 7]!;
    if (n === 2) {
      for (let y = 0, r = 0, o = d; y < H; y++, r += W, o += outW) {
        const v0 = data[s0 + r]!;
        const v1 = data[s1 + r]!;
        const v2 = data[s2 + r]!;
        const v3 = data[s3 + r]!;
        tmp[o] = f(v0 * a0 + v1 * a1 + v2 * a2 + v3 * a3);
        tmp[o + 1] = f(v0 * c0 + v1 * c1 + v2 * c2 + v3 * c3);
      }
      continue;
    }
    const e0 = alpha[k + 8]!;
    const e1 = alpha[k + 9]!;
    const e2 = alpha[k + 10]!;
    const e3 = alpha[k + 11]!;
    const g0 = alpha[k + 12]!;
    const g1 = alpha[k + 13]!;
    const g2 = alpha[k + 14]!;
    const g3 = alpha[k + 15]!;
    for (let y = 0, r = 0, o = d; y < H; y++, r += W, o += outW) {
      const v0 = data[s0 + r]!;
      const v1 = data[s1 + r]!;
      const v2 = data[s2 + r]!;
      const v3 = data[s3 + r]!;
      tmp[o] = f(v0 * a0 + v1 * a1 + v2 * a2 + v3 * a3);
      tmp[o + 1] = f(v0 * c0 + v1 * c1 + v2 * c2 + v3 * c3);
      tmp[o + 2] = f(v0 * e0 + v1 * e1 + v2 * e2 + v3 * e3);
      tmp[o + 3] = f(v0 * g0 + v1 * g1 + v2 * g2 + v3 * g3);
    }
  }
}

/**
 * Vertical pass of one channel: `out[d, x] = Σ_k tmp[ofs[d, k], x] · alpha[d, k]` (double sum, left to right,
 * stored as float32). Output rows that share their 4 source rows are written together from one set of loads.
 */
function verticalPass(tmp: Float64Array, ty: AxisTaps, out: Float32Array, dst: number, outW: number): void {
  const { ofs, alpha, blocks } = ty;
  for (let b = 0; b < blocks.length; b += 2) {
    const d = blocks[b]!;
    const n = blocks[b + 1]!;
    const k = d * 4;
    const r0 = ofs[k]! * outW;
    const r1 = ofs[k + 1]! * outW;
    const r2 = ofs[k + 2]! * outW;
    const r3 = ofs[k + 3]! * outW;
    const a0 = alpha[k]!;
    const a1 = alpha[k + 1]!;
    const a2 = alpha[k + 2]!;
    const a3 = alpha[k + 3]!;
    const o = dst + d * outW;
    if (n === 1) {
      for (let x = 0; x < outW; x++) out[o + x] = tmp[r0 + x]! * a0 + tmp[r1 + x]! * a1 + tmp[r2 + x]! * a2 + tmp[r3 + x]! * a3;
      continue;
    }
    const c0 = alpha[k + 4]!;
    const c1 = alpha[k + 5]!;
    const c2 = alpha[k + 6]!;
    const c3 = alpha[k + 7]!;
    const p = o + outW;
    if (n === 2) {
      for (let x = 0; x < outW; x++) {
        const v0 = tmp[r0 + x]!;
        const v1 = tmp[r1 + x]!;
        const v2 = tmp[r2 + x]!;
        const v3 = tmp[r3 + x]!;
        out[o + x] = v0 * a0 + v1 * a1 + v2 * a2 + v3 * a3;
        out[p + x] = v0 * c0 + v1 * c1 + v2 * c2 + v3 * c3;
      }
      continue;
    }
    const e0 = alpha[k + 8]!;
    const e1 = alpha[k + 9]!;
    const e2 = alpha[k + 10]!;
    const e3 = alpha[k + 11]!;
    const g0 = alpha[k + 12]!;
    const g1 = alpha[k + 13]!;
    const g2 = alpha[k + 14]!;
    const g3 = alpha[k + 15]!;
    const q = p + outW;
    const s = q + outW;
    for (let x = 0; x < outW; x++) {
      const v0 = tmp[r0 + x]!;
      const v1 = tmp[r1 + x]!;
      const v2 = tmp[r2 + x]!;
      const v3 = tmp[r3 + x]!;
      out[o + x] = v0 * a0 + v1 * a1 + v2 * a2 + v3 * a3;
      out[p + x] = v0 * c0 + v1 * c1 + v2 * c2 + v3 * c3;
      out[q + x] = v0 * e0 + v1 * e1 + v2 * e2 + v3 * e3;
      out[s + x] = v0 * g0 + v1 * g1 + v2 * g2 + v3 * g3;
    }
  }
}

/**
 * Resize every channel of a `[C, H, W]` (or `[1, C, H, W]`) map stack to `outHeight × outWidth` with OpenCV's
 * bicubic interpolation (`cv2.INTER_CUBIC`, a = −0.75, pixel-centre mapping, replicated border). OpenCV's float32
 * weights are reproduced exactly; each 4-tap sum is formed in double and stored as float32 (OpenCV sums in float,
 * so results can differ from it in the last bit). Upsampling a
 * stride-s network output by s reproduces the reference's `cv2.resize(map, (0, 0), fx=s, fy=s,
 * interpolation=cv2.INTER_CUBIC)`.
 *
 * Separable like OpenCV's `resizeGeneric_` (horizontal pass of every source row into a float32 buffer, then
 * the vertical pass); the per-axis tap tables are cached per (input, output) size and the row buffer is reused,
 * so a call allocates nothing but the output (and not even that when `out` is given). Outputs that share their
 * 4 taps (runs of s when upsampling by s) are computed from one set of loads. Where WebAssembly SIMD is available
 * both passes run in small generated f64x2 kernels (`resize-simd.ts`), otherwise in JS; the two paths do the same
 * IEEE operations in the same order and give bit-identical results.
 *
 * Properties (tested): a constant map stays constant; a linear ramp is reproduced away from the border; values
 * past the last pixel centre repeat the edge.
 *
 * @param maps - the maps, CHW, float32 (float64 is accepted and interpolated as is)
 * @param outHeight - output height, pixels (1 to 65536)
 * @param outWidth - output width, pixels (1 to 65536)
 * @param out - optional destination, a Float32Array of exactly `C · outHeight · outWidth` elements that does not
 *   overlap `maps.data`; it is returned as the result's `data` (lets a caller reuse one buffer per frame)
 * @returns a float32 tensor `[C, outHeight, outWidth]` (its data is `out` when given, else a new array)
 * @throws PosekitError E_ARGUMENT / E_DTYPE / E_RANK / E_SHAPE for a malformed tensor, E_EMPTY for an empty
 *   input plane, E_NONFINITE for NaN / ±Infinity in the maps, E_RANGE for output sizes that are not integers from 1
 *   to 65536 or whose output C · outHeight · outWidth exceeds 2^29 values (2 GiB of float32), E_DTYPE / E_SHAPE /
 *   E_ARGUMENT for an `out` that is not a Float32Array, has the wrong length or overlaps the input
 */
export function resizeBicubic(maps: MapTensor, outHeight: number, outWidth: number, out?: Float32Array): Float32Tensor {
  const fn = 'resizeBicubic';
  const m = checkMaps(fn, 'maps', maps, 0);
  for (const [name, v] of [['outHeight', outHeight], ['outWidth', outWidth]] as const) {
    if (!Number.isInteger(v) || v < 1 || v > MAX_RESIZE_SIDE) {
      throw new PosekitError('E_RANGE', `${fn}: ${name} must be an integer from 1 to ${MAX_RESIZE_SIDE}; received ${describeValue(v)}`, {
        field: name,
        expected: `[1, ${MAX_RESIZE_SIDE}]`,
        received: v,
      });
    }
  }
  if (m.channels * outHeight * outWidth > MAX_RESIZE_ELEMENTS) {
    throw new PosekitError(
      'E_RANGE',
      `${fn}: the output C · outHeight · outWidth = ${m.channels} · ${outHeight} · ${outWidth} must be at most ${MAX_RESIZE_ELEMENTS} values (2 GiB of float32); received ${m.channels * outHeight * outWidth}`,
      { expected: `<= ${MAX_RESIZE_ELEMENTS}`, received: m.channels * outHeight * outWidth },
    );
  }
  if (m.height === 0 || m.width === 0) {
    throw new PosekitError('E_EMPTY', `${fn}: maps must have a non-empty H x W; received ${m.height} x ${m.width}`, {
      expected: 'H >= 1 and W >= 1',
      received: [m.channels, m.height, m.width],
    });
  }
  const { channels: C, height: H, width: W, data } = m;
  checkFiniteMaps(fn, data, H, W);
  const n = C * outHeight * outWidth;
  const dest = out === undefined ? new Float32Array(n) : checkOut(fn, out, n, data);
  const tx = cachedTaps(W, outWidth);
  const ty = cachedTaps(H, outHeight);
  // In the kernels' memory (16-byte aligned): vertical weights at 0, pair-interleaved horizontal weights at X,
  // one input plane (as f64) at I, the row buffer at A, one output plane at B.
  const X = align16(outHeight * 32);
  const I = align16(X + outWidth * 32);
  const A = align16(I + H * W * 8);
  const B = align16(A + H * outWidth * 8);
  const kern = simdEnabled && B + outHeight * outWidth * 4 <= SIMD_MAX_BYTES ? resizeKernels() : null;
  const v = kern === null ? null : wasmViews(kern, B + outHeight * outWidth * 4);
  if (kern !== null && v !== null) {
    v.f64.set(ty.alpha, 0);
    v.f64.set(tx.pairAlpha, X / 8);
    const tmp = v.f64.subarray(A / 8, A / 8 + H * outWidth);
    const plane = v.f32.subarray(B / 4, B / 4 + outHeight * outWidth);
    for (let c = 0; c < C; c++) {
      v.f64.set(data.subarray(c * H * W, (c + 1) * H * W), I / 8);
      horizontalPassSimd(kern, data, c * H * W, H, W, tx, I, X, tmp, A, outWidth);
      verticalPassSimd(kern, tmp, A, ty, plane, B, outWidth);
      dest.set(plane, c * outHeight * outWidth); // the one write of the output: memory-bound
    }
  } else {
    if (scratch.length < H * outWidth) scratch = new Float64Array(H * outWidth);
    const tmp = scratch;
    for (let c = 0; c < C; c++) {
      horizontalPass(data, c * H * W, H, W, tx, tmp, outWidth);
      verticalPass(tmp, ty, dest, c * outHeight * outWidth, outWidth);
    }
  }
  return { data: dest, dims: [C, outHeight, outWidth] };
}

/**
 * Largest output side of {@link resizeBicubic}: 65536 pixels. The per-axis tap tables take 64 bytes per output
 * position; without a bound a 1e9 × 1 output asked for tens of gigabytes (the process was killed, not an exception).
 */
const MAX_RESIZE_SIDE = 65536;

/**
 * Largest output of {@link resizeBicubic}, C · outHeight · outWidth = 2^29 values (2 GiB of float32): room for
 * 4K (3840 × 2160) maps of up to 64 channels, as the bottom-up pipeline upsamples them to the image size.
 */
const MAX_RESIZE_ELEMENTS = 2 ** 29;

/**
 * Throw E_NONFINITE at the first NaN / ±Infinity of the maps (a NaN would spread to up to 16 output pixels). One pass
 * with four running sums: a sum is finite iff every value is, except when finite float64 values overflow it, which
 * the exact search that follows a non-finite sum tells apart.
 */
function checkFiniteMaps(fn: string, data: Float32Array | Float64Array, H: number, W: number): void {
  const n = data.length;
  const n4 = n - (n & 3);
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 0;
  for (; i < n4; i += 4) {
    s0 += data[i]!;
    s1 += data[i + 1]!;
    s2 += data[i + 2]!;
    s3 += data[i + 3]!;
  }
  for (; i < n; i++) s0 += data[i]!;
  const s = s0 + s1 + (s2 + s3);
  if (s - s === 0) return;
  for (i = 0; i < n; i++) {
    if (Number.isFinite(data[i]!)) continue;
    const plane = H * W;
    const c = Math.floor(i / plane);
    const y = Math.floor((i - c * plane) / W);
    nonFinite(fn, 'maps', c, y, i - c * plane - y * W, data[i]!);
  }
}

let simdEnabled = true;

/**
 * Largest kernel memory a call may use (64 MiB: a 4096 × 4096 output plane and its buffers); bigger resizes take
 * the JS path rather than leave the grow-only wasm memory that large.
 */
const SIMD_MAX_BYTES = 64 * 1024 * 1024;

/**
 * Turn the WebAssembly SIMD passes on or off (on by default) and report whether they are in use; both paths
 * give bit-identical results, the switch exists so that tests can compare them. @internal
 */
export function useResizeSimd(enabled: boolean): boolean {
  simdEnabled = enabled;
  return enabled && resizeKernels() !== null;
}

const align16 = (n: number): number => (n + 15) & ~15;

let views: { buffer: ArrayBuffer; f64: Float64Array; f32: Float32Array } | undefined;

/**
 * Float64/Float32 views of the kernels' memory, grown to at least `bytes` (views are renewed after a grow);
 * null when the engine refuses to grow it (the caller then uses the JS path).
 */
function wasmViews(kern: ResizeKernels, bytes: number): { f64: Float64Array; f32: Float32Array } | null {
  const mem = kern.memory;
  if (mem.buffer.byteLength < bytes) {
    try {
      mem.grow(Math.ceil((bytes - mem.buffer.byteLength) / 65536));
    } catch {
      return null; // RangeError: out of memory
    }
  }
  if (views === undefined || views.buffer !== mem.buffer) {
    views = { buffer: mem.buffer, f64: new Float64Array(mem.buffer), f32: new Float32Array(mem.buffer) };
  }
  return views;
}

/**
 * {@link horizontalPass} with the SIMD kernels for blocks of 2 and 4 columns (blocks of 1 in JS). The channel's
 * input plane is at byte `I` as f64, the pair-interleaved weights at byte `X`, `tmp` at byte `A`.
 */
function horizontalPassSimd(kern: ResizeKernels, data: Float32Array | Float64Array, src: number, H: number, W: number, tx: AxisTaps, I: number, X: number, tmp: Float64Array, A: number, outW: number): void {
  const { ofs, blocks } = tx;
  for (let b = 0; b < blocks.length; b += 2) {
    const d = blocks[b]!;
    const n = blocks[b + 1]!;
    if (n === 1) {
      horizontalColumn(data, src, H, W, tx, d, tmp, outW);
      continue;
    }
    const k = d * 4;
    (n === 4 ? kern.h4 : kern.h2)(I, A + d * 8, H, W * 8, outW * 8, ofs[k]! * 8, ofs[k + 1]! * 8, ofs[k + 2]! * 8, ofs[k + 3]! * 8, X + k * 8);
  }
}

/**
 * {@link verticalPass} with the SIMD kernels: column pairs in wasm, an odd last column in JS (same arithmetic).
 * `tmp` lives at byte `A` and `plane` at byte `B` of the kernels' memory, the vertical weights at byte 0. (Copying
 * each block of rows out while still in L1, instead of the whole plane afterwards, measured slower.)
 */
function verticalPassSimd(kern: ResizeKernels, tmp: Float64Array, A: number, ty: AxisTaps, plane: Float32Array, B: number, outW: number): void {
  const { ofs, alpha, blocks } = ty;
  const pairs = outW >> 1;
  const rowBytes = outW * 8;
  const stride = outW * 4;
  if (pairs > 0) {
    for (let b = 0; b < blocks.length; b += 2) {
      const d = blocks[b]!;
      const n = blocks[b + 1]!;
      const k = d * 4;
      const kernel = n === 4 ? kern.k4 : n === 2 ? kern.k2 : kern.k1;
      kernel(A + ofs[k]! * rowBytes, A + ofs[k + 1]! * rowBytes, A + ofs[k + 2]! * rowBytes, A + ofs[k + 3]! * rowBytes, B + d * stride, stride, pairs, k * 8);
    }
  }
  if ((outW & 1) === 1) {
    const x = outW - 1;
    const outH = plane.length / outW;
    for (let d = 0, k = 0; d < outH; d++, k += 4) {
      plane[d * outW + x] =
        tmp[ofs[k]! * outW + x]! * alpha[k]! +
        tmp[ofs[k + 1]! * outW + x]! * alpha[k + 1]! +
        tmp[ofs[k + 2]! * outW + x]! * alpha[k + 2]! +
        tmp[ofs[k + 3]! * outW + x]! * alpha[k + 3]!;
    }
  }
}

/** Validate a caller-supplied destination: Float32Array, exact length, no overlap with the input. */
function checkOut(fn: string, out: unknown, n: number, data: Float32Array | Float64Array): Float32Array {
  if (!(out instanceof Float32Array)) {
    throw new PosekitError('E_DTYPE', `${fn}: out must be a Float32Array; received ${describeValue(out)}`, {
      expected: 'Float32Array',
      received: describeValue(out),
    });
  }
  if (out.length !== n) {
    throw new PosekitError('E_SHAPE', `${fn}: out must have C * outHeight * outWidth = ${n} elements; received ${out.length}`, {
      expected: n,
      received: out.length,
    });
  }
  if (out.buffer === data.buffer && out.byteOffset < data.byteOffset + data.byteLength && data.byteOffset < out.byteOffset + out.byteLength) {
    throw new PosekitError('E_ARGUMENT', `${fn}: out must not overlap maps.data (the passes read the input while writing the output)`, {
      expected: 'disjoint buffers',
      received: 'overlapping out and maps.data',
    });
  }
  return out;
}
