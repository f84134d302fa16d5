/**
 * The Gaussian "modulation" of DARK / UDP / SimCC-DARK: OpenCV `GaussianBlur` on a zero-padded float32 map,
 * emulated operation by operation so that the refinements match the references to float32 rounding.
 *
 * OpenCV (4.x, the version the references ran) filters float32 images separably, in float32, with fused
 * multiply-adds (its AVX2 code paths): the row pass of a kernel with more than 5 taps is a left-to-right
 * FMA chain over the taps; 3- and 5-tap row kernels and every symmetric column kernel start from the
 * centre tap and add the mirrored pairs outwards, `s = fma(x[-m] + x[+m], k[m], s)`. The fragile
 * refinements in the fixtures (Newton steps of thousands of cells on nearly flat maps) only come out right
 * with this exact order, so it is reproduced here: `Math.fround(a * b + s)` is a float32 FMA (the product
 * of two float32 values is exact in double).
 *
 * @module
 */
import { PosekitError, describeValue } from '../errors.js';
import type { Float32Tensor, TensorLike } from '../tensor.js';
import { checkHeatmaps, checkKernelSize, checkOut, scanChannelChecked, scanResult, scratchF32 } from './internal.js';

/** float32 rounding (a module-local binding: hot loops must not go through an import). */
const f32 = Math.fround;

/** OpenCV's fixed `sigma <= 0` tables for 3, 5, 7 and 9 taps (`getGaussianKernelBitExact`). */
const SMALL_TABLES: Record<number, readonly number[]> = {
  1: [1],
  3: [0.25, 0.5, 0.25],
  5: [1 / 16, 4 / 16, 6 / 16, 4 / 16, 1 / 16],
  7: [1 / 32, 3.5 / 32, 7 / 32, 9 / 32, 7 / 32, 3.5 / 32, 1 / 32],
  9: [1 / 64, 3.25 / 64, 7.5 / 64, 12.75 / 64, 15 / 64, 12.75 / 64, 7.5 / 64, 3.25 / 64, 1 / 64],
};

/**
 * 1-D Gaussian kernel exactly as OpenCV's `cv2.getGaussianKernel(ksize, sigma)` computes it (double
 * precision). With `sigma <= 0` (what MMPose's `gaussian_blur` passes) kernels of 1/3/5/7/9 taps come from
 * fixed tables (e.g. k = 3 → [1, 2, 1] / 4, k = 7 → [1, 3.5, 7, 9, 7, 3.5, 1] / 32) and larger ones use
 * `sigma = 0.3 * ((ksize - 1) / 2 - 1) + 0.8` with normalised weights.
 *
 * @param ksize - number of taps, odd, from 1 to 1023
 * @param sigma - standard deviation in cells; `<= 0` (default) derives it from `ksize` as OpenCV does
 * @returns the `ksize` weights, summing to 1
 * @throws PosekitError `E_RANGE` for an even or non-positive `ksize`, `E_ARGUMENT` for a non-finite sigma
 * @throws PosekitError `E_RANGE` when `ksize` exceeds 1023 (the largest kernel the decoders support)
 */
export function getGaussianKernel(ksize: number, sigma = 0): Float64Array {
  const n = checkKernelSize('getGaussianKernel', 'ksize', ksize);
  if (typeof sigma !== 'number' || !Number.isFinite(sigma)) {
    throw new PosekitError('E_ARGUMENT', `getGaussianKernel: sigma must be a finite number; received ${describeValue(sigma)}`);
  }
  const table = sigma <= 0 ? SMALL_TABLES[n] : undefined;
  if (table !== undefined) return Float64Array.from(table);
  // OpenCV: sigmaX = n * 0.15 + 0.35 (= 0.3 ((n - 1) / 2 - 1) + 0.8), x runs over doubled offsets.
  const s = sigma > 0 ? sigma : n * 0.15 + 0.35;
  const scale2x = -0.125 / (s * s);
  const half = (n - 1) / 2;
  const out = new Float64Array(n);
  let sum = 0;
  for (let i = 0, x = 1 - n; i < half; i++, x += 2) {
    const t = Math.exp(x * x * scale2x);
    out[i] = t;
    sum += t;
  }
  sum = sum * 2 + 1;
  const mul = 1 / sum;
  for (let i = 0; i < half; i++) {
    const t = out[i]! * mul;
    out[i] = t;
    out[n - 1 - i] = t;
  }
  out[half] = mul;
  return out;
}

/** Float32 kernels as OpenCV filters with them (`getGaussianKernel(..., CV_32F)`), cached by size. */
const kernelCache = new Map<number, Float32Array>();

/** The float32 taps of the σ=0 kernel of `ksize` (cached). @internal */
export function kernel32(ksize: number): Float32Array {
  let k = kernelCache.get(ksize);
  if (k === undefined) {
    k = Float32Array.from(getGaussianKernel(ksize, 0));
    kernelCache.set(ksize, k);
  }
  return k;
}

/**
 * Row-pass value at (y, x) of the zero-padded map `src[o + y*w + x]` (OpenCV row filter, float32 FMA).
 * `y` must be inside the map. @internal
 */
export function rowValue(src: Float32Array, o: number, w: number, y: number, x: number, k: Float32Array): number {
  const n = k.length;
  const r = (n - 1) >> 1;
  const base = o + y * w;
  if (n <= 5) {
    // SymmRowSmallVec_32f: centre first, then mirrored pairs outwards.
    let s = f32(src[base + x]! * k[r]!);
    for (let m = 1; m <= r; m++) {
      const a = x - m >= 0 ? src[base + x - m]! : 0;
      const b = x + m < w ? src[base + x + m]! : 0;
      s = f32(f32(a + b) * k[r + m]! + s);
    }
    return s;
  }
  // RowVec_32f: left-to-right FMA chain; zero-padding taps add exactly nothing.
  let s = 0;
  const j0 = Math.max(0, r - x);
  const j1 = Math.min(n - 1, w - 1 - x + r);
  for (let j = j0; j <= j1; j++) s = f32(k[j]! * src[base + x - r + j]! + s);
  return s;
}

/**
 * The minimum of the last {@link blurMap} result (its maximum is the return value). Together they tell
 * whether the float32 blur overflowed: finite values near float32 max can sum to ±Infinity (and then NaN)
 * inside OpenCV's float32 arithmetic, exactly as in the reference. @internal
 */
export const blurStats = { min: 0 };

/**
 * Full zero-padded blur of one `h × w` map (OpenCV `GaussianBlur(k×k, σ=0)` on the padded map, cropped
 * back), written to `out[0 .. h*w)`. Uses `tmp` (≥ h*w) for the row pass. Returns the maximum of the
 * blurred map (NaN when some blurred value is NaN) and leaves the minimum in {@link blurStats}. @internal
 */
export function blurMap(src: Float32Array, o: number, h: number, w: number, k: Float32Array, out: Float32Array, tmp: Float32Array): number {
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) tmp[y * w + x] = rowValue(src, o, w, y, x, k);
  const r = (k.length - 1) >> 1;
  const k0 = k[r]!;
  let bm = -Infinity;
  let bmin = Infinity;
  for (let y = 0; y < h; y++) {
    // Beyond this offset both rows of a pair are zero padding and add exactly nothing (wide kernels).
    const mEnd = Math.min(r, Math.max(y, h - 1 - y));
    for (let x = 0; x < w; x++) {
      // SymmColumnVec_32f: centre tap, then (row above + row below) pairs outwards.
      let s = f32(tmp[y * w + x]! * k0);
      for (let m = 1; m <= mEnd; m++) {
        const a = y - m >= 0 ? tmp[(y - m) * w + x]! : 0;
        const b = y + m < h ? tmp[(y + m) * w + x]! : 0;
        s = f32(f32(a + b) * k[r + m]! + s);
      }
      out[y * w + x] = s;
      // np.max propagates NaN (finite inputs only give NaN when the float32 sums overflow).
      if (s > bm || s !== s) bm = s;
      if (s < bmin) bmin = s;
    }
  }
  blurStats.min = bmin;
  return bm;
}

/**
 * Zero-padded 1-D blur of `src[o .. o+len)` with a `k×1` kernel (OpenCV row filter), written to
 * `out[0 .. len)`. Returns the maximum. @internal
 */
export function blurRow(src: Float32Array, o: number, len: number, k: Float32Array, out: Float32Array): number {
  let bm = -Infinity;
  for (let x = 0; x < len; x++) {
    const s = rowValue(src, o, len, 0, x, k);
    out[x] = s;
    if (s > bm) bm = s;
  }
  return bm;
}

/**
 * MMPose `gaussian_blur` (open-mmlab/mmpose `mmpose/codecs/utils/post_processing.py`), the modulation step
 * of DARK and UDP, batched: every `[H, W]` map is zero-padded by `(kernelSize - 1) / 2`, blurred with
 * OpenCV's σ=0 Gaussian of `kernelSize` taps (float32, see {@link getGaussianKernel}), cropped back and
 * multiplied by `float32(original max / blurred max)`.
 *
 * Faithful to the reference, an all-zero map becomes all NaN (0 / 0; so does any map whose maximum and
 * blurred maximum are both 0); the decoders never read those maps (DARK skips invalid keypoints; UDP
 * documents its behaviour). The input is not modified.
 *
 * Values near float32 max (≈ 3.4e38) can overflow the float32 blur or the rescaling, where the reference
 * silently returns ±Infinity / NaN; such a map is rejected with `E_RANGE` instead (checked once per map).
 *
 * @param heatmaps - `[N, K, H, W]` float32 heatmaps
 * @param kernelSize - odd number of taps, 1 to 1023 (MMPose default 11: σ = 2 training targets; 17 for σ = 3)
 * @param out - optional output tensor to reuse (its data must hold N*K*H*W values)
 * @returns the modulated heatmaps, `[N, K, H, W]` float32
 * @throws PosekitError `E_RANK` / `E_SHAPE` / `E_DTYPE` / `E_EMPTY`, `E_NONFINITE`, `E_RANGE` (kernel size)
 * @throws PosekitError `E_RANGE` when `kernelSize` exceeds 1023, or a map's blurred or rescaled values
 *   overflow float32 (values near float32 max, or a blurred maximum of 0 under a non-zero maximum)
 * @throws PosekitError `E_ARGUMENT` when `out` is not an object
 */
export function gaussianBlurHeatmaps(heatmaps: TensorLike<Float32Array>, kernelSize = 11, out?: Float32Tensor): Float32Tensor {
  const fn = 'gaussianBlurHeatmaps';
  const { data, dims } = checkHeatmaps(fn, 'heatmaps', heatmaps);
  checkKernelSize(fn, 'kernelSize', kernelSize);
  checkOut(fn, out, 'a { data, dims } tensor');
  const { n, k, h, w } = dims;
  const hw = h * w;
  const total = n * k * hw;
  const res: Float32Tensor =
    out !== undefined && out.data instanceof Float32Array && out.data.length === total ? out : { data: new Float32Array(total), dims: [] };
  res.dims = [n, k, h, w];
  const kern = kernel32(kernelSize);
  const tmp = scratchF32('blur-tmp', hw);
  const blurred = scratchF32('blur-out', hw);
  for (let c = 0; c < n * k; c++) {
    scanChannelChecked(fn, 'heatmaps', data, c * hw, hw, (c / k) | 0, c % k);
    const om = scanResult.max;
    const bm = blurMap(data, c * hw, h, w, kern, blurred, tmp);
    const ratio = f32(om / bm);
    // Extremes of the output are bm·ratio and min·ratio; 0 / 0 (an all-zero map) is the reference's NaN.
    if (!(om === 0 && bm === 0) && !Number.isFinite(f32(bm * ratio) + f32(blurStats.min * ratio))) {
      throwOverflow(fn, c, k, om, bm, blurStats.min);
    }
    const dst = res.data;
    const base = c * hw;
    for (let i = 0; i < hw; i++) dst[base + i] = blurred[i]! * ratio;
  }
  return res;
}

/** `E_RANGE` for a map whose float32 blur or rescaling leaves the finite float32 range. */
function throwOverflow(fn: string, c: number, k: number, om: number, bm: number, bmin: number): never {
  const i = (c / k) | 0;
  const j = c % k;
  throw new PosekitError(
    'E_RANGE',
    `${fn}: heatmaps map of instance ${i}, keypoint ${j} (maximum ${om}) cannot be modulated in float32: ` +
      `the blurred map spans [${bmin}, ${bm}] and rescaling it by maximum / blurred maximum leaves the float32 range; ` +
      `expected values well below float32 max (3.4e38) and a non-zero blurred maximum`,
    { item: i, expected: 'finite float32 results', received: { maximum: om, blurredMin: bmin, blurredMax: bm } },
  );
}
