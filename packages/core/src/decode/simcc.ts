/**
 * SimCC decoding (RTMPose): MMPose `SimCCLabel.decode`, `get_simcc_maximum`, `refine_simcc_dark`,
 * `get_simcc_normalized`.
 *
 * @module
 */
import { PosekitError, describeValue } from '../errors.js';
import { checkBool, checkOptionKeys } from '../option-keys.js';
import { checkFloat32Tensor } from '../tensor.js';
import type { Float32Tensor, TensorLike } from '../tensor.js';
import { pairwiseSumF32 } from '../metrics/pairwise.js';
import { blurRow, kernel32 } from './blur.js';
import { FLT_MAX, MAX_BLUR_KERNEL_SIZE, checkNumber, checkOut, prepareResult, scanChannel, scanResult, scratchF32, throwNonFinite } from './internal.js';
import { argmaxRows, scratchI32 } from './scan-rows.js';
import { npLogF32 } from './npmath.js';
import { UDP_HI, UDP_LO } from './modulate.js';
import type { HeatmapDecodeResult } from './types.js';

/** float32 rounding (a module-local binding: hot loops must not go through an import). */
const f32 = Math.fround;

/** Options of {@link getSimccMaximum}. */
export interface SimccMaximumOptions {
  /**
   * Softmax each row (subtract the row max, exp, normalise; float32 as numpy) before taking the argmax and
   * maximum, so scores become probabilities. Default false.
   */
  applySoftmax?: boolean;
}

/** Options of {@link decodeSimcc}. */
export interface SimccDecodeOptions extends SimccMaximumOptions {
  /** Bins per input pixel (`simcc_split_ratio`), from 1e-6 to 1e6. Default 2.0 (Wx = 2 × input width). */
  splitRatio?: number;
  /**
   * Label sigma `[σx, σy]` (or one number for both), in bins, > 0 and at most float32 max: used by
   * `useDark` (kernel size, see {@link simccDarkKernelSize}, which requires σ below about 154) and
   * `decodeVisibility`. Default 6.0 (MMPose `SimCCLabel` default); RTMPose configs use [4.9, 5.66].
   */
  sigma?: number | readonly [number, number];
  /**
   * 1-D DARK refinement per axis (MMPose `use_dark`): blur with an OpenCV σ=0 kernel of
   * {@link simccDarkKernelSize}(σ) taps, rescale to the row max, clip to [1e-3, 50], log, edge-pad by 2,
   * `x -= ½(L[p+1] − L[p−1]) / (1e-9 + ¼(L[p+2] − 2L[p] + L[p−2]))` with `p = int(x + 2.5)`. Unlike the
   * reference, the input arrays are not modified. Default false.
   */
  useDark?: boolean;
  /**
   * Also return `visibility` = min over the two axes of the max of softmax(simcc · decodeBeta · σ_axis)
   * (MMPose `decode_visibility`). Default false. Where `simcc · β · σ` overflows float32 (logits or β near
   * float32 max), the reference's softmax gives NaN; here that row's softmax is evaluated as
   * `exp((x − max x) · β · σ)` in float64 instead, which is finite (the limit: all mass on the maximum).
   */
  decodeVisibility?: boolean;
  /** β of `decodeVisibility`, > 0 and at most float32 max (≈ 3.4e38). Default 150. */
  decodeBeta?: number;
  /**
   * With `useDark`, what happens to keypoints whose score is `<= 0`: `true` (default, reference) refines
   * them from location -1 (reading the padded row's wrapped ends; an all-zero row gives NaN); `false`
   * leaves them at -1 / splitRatio.
   */
  refineInvalid?: boolean;
}

/** SimCC decode result: {@link HeatmapDecodeResult} plus the optional visibility. */
export interface SimccDecodeResult extends HeatmapDecodeResult {
  /** `n * k` visibilities when `decodeVisibility` was requested. */
  visibility?: Float32Array;
}

/**
 * Kernel size MMPose's SimCC DARK uses for a label sigma: `floor((20σ − 7) / 3)`, minus one if even
 * (σ = 4.9 → 29, σ = 5.66 → 35, σ = 6 → 37).
 *
 * @param sigma - label sigma in bins (> 0)
 * @returns odd kernel size
 * @throws PosekitError `E_RANGE` when the result would be < 1
 * @throws PosekitError `E_RANGE` when `sigma` is missing or not a finite number > 0, or gives a kernel of more
 *   than 1023 taps (sigma of about 154 bins or more)
 */
export function simccDarkKernelSize(sigma: number): number {
  const fn = 'simccDarkKernelSize';
  if (sigma === undefined) {
    throw new PosekitError('E_RANGE', `${fn}: sigma must be a finite number > 0; received undefined`, { expected: '> 0', received: undefined });
  }
  const s = checkNumber(fn, 'sigma', sigma, NaN, 0);
  let k = Math.floor((s * 20 - 7) / 3);
  if (k % 2 === 0) k -= 1;
  if (k < 1) throw new PosekitError('E_RANGE', `${fn}: sigma ${s} gives kernel size ${k} < 1`, { expected: 'sigma >= 0.5', received: s });
  if (k > MAX_BLUR_KERNEL_SIZE) {
    throw new PosekitError('E_RANGE', `${fn}: sigma ${s} gives kernel size ${k}; at most ${MAX_BLUR_KERNEL_SIZE} taps are supported (sigma < 154.1)`, {
      expected: `kernel size <= ${MAX_BLUR_KERNEL_SIZE}`,
      received: s,
    });
  }
  return k;
}

/** Option names {@link getSimccMaximum} accepts. */
const SIMCC_MAXIMUM_OPTIONS = ['applySoftmax'] as const;
/** Option names {@link decodeSimcc} accepts. */
const SIMCC_DECODE_OPTIONS = ['applySoftmax', 'splitRatio', 'sigma', 'useDark', 'decodeVisibility', 'decodeBeta', 'refineInvalid'] as const;
/** Option names {@link getSimccNormalized} accepts. */
const SIMCC_NORMALIZED_OPTIONS = ['sigma'] as const;
/** Allowed range of `splitRatio`: keypoints (bins / splitRatio) stay finite and non-zero in float32. */
const SPLIT_MIN = 1e-6;
const SPLIT_MAX = 1e6;

/** Validate a SimCC pair: `[N, K, Wx]` and `[N, K, Wy]` with equal N and K. */
function checkPair(fn: string, x: unknown, y: unknown): { xd: Float32Array; yd: Float32Array; n: number; k: number; wx: number; wy: number } {
  const tx = checkFloat32Tensor(fn, 'simccX', x, ['N', 'K', 'Wx']);
  const ty = checkFloat32Tensor(fn, 'simccY', y, ['N', 'K', 'Wy']);
  const [n, k, wx] = tx.dims as [number, number, number];
  const [ny, ky, wy] = ty.dims as [number, number, number];
  if (n !== ny || k !== ky) {
    throw new PosekitError('E_SHAPE', `${fn}: simccX [${n}, ${k}, ${wx}] and simccY [${ny}, ${ky}, ${wy}] must agree on N and K`, {
      expected: `[${n}, ${k}, Wy]`,
      received: [ny, ky, wy],
    });
  }
  return { xd: tx.data, yd: ty.data, n, k, wx, wy };
}

/** Scan a row (first-index argmax, non-finite check), storing the max in scanResult. */
function scanRow(fn: string, name: string, d: Float32Array, o: number, len: number, row: number): number {
  const i = scanChannel(d, o, len);
  if (i < 0) throwNonFinite(fn, name, d, o, len, `row ${row}`);
  return i;
}

/**
 * Softmax of row `src[o .. o+len)` (optionally pre-scaled by float32 factors, as `simcc * beta * sigma`)
 * into `dst[0 .. len)`, float32 as numpy. Returns the first argmax of the probabilities; their maximum is
 * left in scanResult.max.
 */
function softmaxRow(src: Float32Array, o: number, len: number, mul1: number, mul2: number, dst: Float32Array): number {
  let m = -Infinity;
  for (let i = 0; i < len; i++) {
    const v = mul1 === 1 && mul2 === 1 ? src[o + i]! : f32(f32(src[o + i]! * mul1) * mul2);
    dst[i] = v;
    if (v > m) m = v;
  }
  // The scaled row overflowed float32 (the reference gets inf - inf = NaN): evaluate it in float64.
  if (m === Infinity || m === -Infinity) return softmaxRowWide(src, o, len, mul1, mul2, dst);
  for (let i = 0; i < len; i++) dst[i] = Math.exp(f32(dst[i]! - m));
  // numpy's float32 pairwise order (np.sum of a float32 row), so the normaliser rounds as in the reference.
  const sum = pairwiseSumF32(dst, 0, len);
  return normaliseArgmax(dst, len, sum);
}

/**
 * Divide `dst[0 .. len)` by `sum` in float32 (the probabilities) and return the first index of the largest, its
 * value left in `scanResult.max`.
 */
function normaliseArgmax(dst: Float32Array, len: number, sum: number): number {
  let best = -Infinity;
  let bi = 0;
  for (let i = 0; i < len; i++) {
    const p = f32(dst[i]! / sum);
    dst[i] = p;
    if (p > best) {
      best = p;
      bi = i;
    }
  }
  scanResult.max = best;
  return bi;
}

/**
 * Softmax of `src[o .. o+len) · mul1 · mul2` as `exp((x − max x) · mul1 · mul2)` in float64, for rows whose
 * float32 scaling overflows. Finite for finite positive factors: the exponent is 0 at the maximum and ≤ 0
 * (possibly −Infinity, giving 0) elsewhere, never NaN. Writes the same outputs as {@link softmaxRow}.
 */
function softmaxRowWide(src: Float32Array, o: number, len: number, mul1: number, mul2: number, dst: Float32Array): number {
  let xm = -Infinity;
  for (let i = 0; i < len; i++) if (src[o + i]! > xm) xm = src[o + i]!;
  let sum = 0;
  for (let i = 0; i < len; i++) {
    const e = Math.exp((src[o + i]! - xm) * mul1 * mul2);
    dst[i] = e;
    sum += e;
  }
  return normaliseArgmax(dst, len, sum);
}

/** Argmax + max of both axes into `locs` (x, y interleaved, −1 when the score ≤ 0) and `vals`. */
function simccMaximum(
  fn: string,
  xd: Float32Array,
  yd: Float32Array,
  nk: number,
  wx: number,
  wy: number,
  softmax: boolean,
  locs: Float32Array,
  vals: Float32Array,
): void {
  const buf = scratchF32('simcc-row', Math.max(wx, wy));
  const ixs = scratchI32('simcc-x', nk);
  const iys = scratchI32('simcc-y', nk);
  argmaxRows(xd, nk, wx, ixs);
  argmaxRows(yd, nk, wy, iys);
  for (let c = 0; c < nk; c++) {
    // Validate both rows first (softmax of a NaN row would silently give NaN scores); x before y, row by
    // row, so the error names the same element as a row-by-row scan would.
    const ix0 = ixs[c]!;
    if (ix0 < 0) throwNonFinite(fn, 'simccX', xd, c * wx, wx, `row ${c}`);
    const iy0 = iys[c]!;
    if (iy0 < 0) throwNonFinite(fn, 'simccY', yd, c * wy, wy, `row ${c}`);
    const mx0 = xd[c * wx + ix0]!;
    const my0 = yd[c * wy + iy0]!;
    let ix = ix0;
    let iy = iy0;
    let mx = mx0;
    let my = my0;
    if (softmax) {
      ix = softmaxRow(xd, c * wx, wx, 1, 1, buf);
      mx = scanResult.max;
      iy = softmaxRow(yd, c * wy, wy, 1, 1, buf);
      my = scanResult.max;
    }
    const v = mx > my ? my : mx;
    vals[c] = v;
    if (v > 0) {
      locs[2 * c] = ix;
      locs[2 * c + 1] = iy;
    } else {
      locs[2 * c] = -1;
      locs[2 * c + 1] = -1;
    }
  }
}

/**
 * Location and value of the maxima of SimCC outputs, MMPose `get_simcc_maximum`
 * (open-mmlab/mmpose `mmpose/codecs/utils/post_processing.py`): per keypoint, the first argmax of each axis;
 * score = min(max_x, max_y); location (-1, -1) where the score is `<= 0`. With `applySoftmax` each row is
 * softmaxed first (float32, numpy's pairwise sums).
 *
 * @param simccX - `[N, K, Wx]` float32 x-axis classification vectors
 * @param simccY - `[N, K, Wy]` float32 y-axis vectors (same N, K)
 * @param options - see {@link SimccMaximumOptions}
 * @param out - optional result to reuse
 * @returns `keypoints` = (x bin, y bin) locations, `scores` = values
 * @throws PosekitError `E_RANK` / `E_SHAPE` (also N/K mismatch) / `E_DTYPE` / `E_EMPTY`, `E_NONFINITE`
 * @throws PosekitError `E_ARGUMENT` when `options` is not an object or names an unknown option,
 *   `applySoftmax` is not a boolean, or `out` is not an object
 */
export function getSimccMaximum(
  simccX: TensorLike<Float32Array>,
  simccY: TensorLike<Float32Array>,
  options: SimccMaximumOptions = {},
  out?: HeatmapDecodeResult,
): HeatmapDecodeResult {
  const fn = 'getSimccMaximum';
  checkOptionKeys(fn, options, SIMCC_MAXIMUM_OPTIONS);
  const { xd, yd, n, k, wx, wy } = checkPair(fn, simccX, simccY);
  const applySoftmax = checkBool(fn, 'options.applySoftmax', options.applySoftmax, false);
  const res = prepareResult(fn, out, n, k);
  simccMaximum(fn, xd, yd, n * k, wx, wy, applySoftmax, res.keypoints, res.scores);
  return res;
}

/** A finite number in (0, float32 max]: the decoders scale float32 rows by it. */
function checkPositiveF32(fn: string, name: string, v: unknown, dflt: number): number {
  const x = checkNumber(fn, name, v, dflt, 0);
  if (x > FLT_MAX) {
    throw new PosekitError('E_RANGE', `${fn}: ${name} must be at most float32 max (3.4028234663852886e38); received ${x}`, {
      expected: `(0, ${FLT_MAX}]`,
      received: x,
    });
  }
  return x;
}

function sigmaPair(fn: string, s: unknown): [number, number] {
  if (s === undefined) return [6, 6];
  if (typeof s === 'number') {
    const v = checkPositiveF32(fn, 'options.sigma', s, 6);
    return [v, v];
  }
  if ((Array.isArray(s) || ArrayBuffer.isView(s)) && (s as ArrayLike<number>).length === 2) {
    const a = s as ArrayLike<number>;
    return [checkPositiveF32(fn, 'options.sigma[0]', a[0], 6), checkPositiveF32(fn, 'options.sigma[1]', a[1], 6)];
  }
  throw new PosekitError('E_ARGUMENT', `${fn}: options.sigma must be a number or [sigmaX, sigmaY]; received ${describeValue(s)}`);
}

/**
 * Decode SimCC outputs like MMPose `SimCCLabel.decode` (open-mmlab/mmpose `mmpose/codecs/simcc_label.py`,
 * `refine_simcc_dark` in `mmpose/codecs/utils/refinement.py`): {@link getSimccMaximum}, optional 1-D DARK
 * per axis, then `/ splitRatio` into model-input pixels. Invalid keypoints (score ≤ 0) come out at
 * -1 / splitRatio (-0.5 for 2.0): test `score > 0`.
 *
 * @param simccX - `[N, K, Wx]` float32 (an onnxruntime `Tensor` works as is)
 * @param simccY - `[N, K, Wy]` float32, same N and K
 * @param options - see {@link SimccDecodeOptions}
 * @param out - optional result to reuse
 * @returns keypoints in model-input pixels, scores, and `visibility` when requested
 * @throws PosekitError `E_RANK` / `E_SHAPE` / `E_DTYPE` / `E_EMPTY`, `E_NONFINITE`, `E_RANGE` / `E_ARGUMENT` (options)
 * @throws PosekitError `E_RANGE` when `splitRatio` is outside [1e-6, 1e6], `decodeBeta` or a sigma exceeds
 *   float32 max, or (with `useDark`) a sigma gives a kernel of more than 1023 taps
 * @throws PosekitError `E_ARGUMENT` when `options` is not an object or names an unknown option, a boolean
 *   option is not a boolean, or `out` is not an object
 */
export function decodeSimcc(
  simccX: TensorLike<Float32Array>,
  simccY: TensorLike<Float32Array>,
  options: SimccDecodeOptions = {},
  out?: SimccDecodeResult,
): SimccDecodeResult {
  const fn = 'decodeSimcc';
  checkOptionKeys(fn, options, SIMCC_DECODE_OPTIONS);
  const { xd, yd, n, k, wx, wy } = checkPair(fn, simccX, simccY);
  const split = checkNumber(fn, 'options.splitRatio', options.splitRatio, 2, 0);
  if (split < SPLIT_MIN || split > SPLIT_MAX) {
    // bins / splitRatio in float32: outside this range keypoints overflow to Infinity or collapse to 0.
    throw new PosekitError('E_RANGE', `${fn}: options.splitRatio must be from ${SPLIT_MIN} to ${SPLIT_MAX} (bins per input pixel); received ${split}`, {
      expected: `[${SPLIT_MIN}, ${SPLIT_MAX}]`,
      received: split,
    });
  }
  const [sgx, sgy] = sigmaPair(fn, options.sigma);
  const beta = checkPositiveF32(fn, 'options.decodeBeta', options.decodeBeta, 150);
  const applySoftmax = checkBool(fn, 'options.applySoftmax', options.applySoftmax, false);
  const useDark = checkBool(fn, 'options.useDark', options.useDark, false);
  const decodeVisibility = checkBool(fn, 'options.decodeVisibility', options.decodeVisibility, false);
  const refineInvalid = checkBool(fn, 'options.refineInvalid', options.refineInvalid, true);
  const ksx = useDark ? simccDarkKernelSize(sgx) : 0;
  const ksy = useDark ? simccDarkKernelSize(sgy) : 0;
  const res = prepareResult(fn, out, n, k) as SimccDecodeResult;
  const nk = n * k;
  const kp = res.keypoints;
  simccMaximum(fn, xd, yd, nk, wx, wy, applySoftmax, kp, res.scores);
  if (useDark) {
    const kx = kernel32(ksx);
    const ky = kernel32(ksy);
    for (let c = 0; c < nk; c++) {
      if (!refineInvalid && !(res.scores[c]! > 0)) continue;
      kp[2 * c] = refineSimccDark(kp[2 * c]!, xd, c * wx, wx, kx);
      kp[2 * c + 1] = refineSimccDark(kp[2 * c + 1]!, yd, c * wy, wy, ky);
    }
  }
  const s32 = f32(split);
  for (let i = 0; i < 2 * nk; i++) kp[i] = kp[i]! / s32;
  if (decodeVisibility) {
    const vis = res.visibility instanceof Float32Array && res.visibility.length === nk ? res.visibility : new Float32Array(nk);
    simccVisibility(xd, yd, nk, wx, wy, f32(beta), sgx, sgy, vis);
    res.visibility = vis;
  } else if (res.visibility !== undefined) {
    delete res.visibility;
  }
  return res;
}

/** `get_simcc_maximum(simcc_x * beta * σx, simcc_y * beta * σy, apply_softmax=True)` values. */
function simccVisibility(
  xd: Float32Array,
  yd: Float32Array,
  nk: number,
  wx: number,
  wy: number,
  beta: number,
  sgx: number,
  sgy: number,
  vis: Float32Array,
): void {
  const buf = scratchF32('simcc-row', Math.max(wx, wy));
  for (let c = 0; c < nk; c++) {
    softmaxRow(xd, c * wx, wx, beta, f32(sgx), buf);
    const mx = scanResult.max;
    softmaxRow(yd, c * wy, wy, beta, f32(sgy), buf);
    const my = scanResult.max;
    vis[c] = mx > my ? my : mx;
  }
}

/**
 * `refine_simcc_dark` for one row: exact whole-row modulation (float32, OpenCV FMA order), then the 1-D
 * Newton step from the edge-padded log row. `loc` is the argmax bin (or -1).
 */
function refineSimccDark(loc: number, src: Float32Array, o: number, len: number, kern: Float32Array): number {
  const blurred = scratchF32('simcc-blur', len);
  scanChannel(src, o, len);
  const om = scanResult.max;
  const bm = blurRow(src, o, len, kern, blurred);
  const ratio = f32(om / bm);
  for (let i = 0; i < len; i++) {
    const v = f32(blurred[i]! * ratio);
    blurred[i] = npLogF32(v < UDP_LO ? UDP_LO : v > UDP_HI ? UDP_HI : v);
  }
  // Edge-padded by 2: padded index j ↔ row index clamp(j - 2); numpy wraps the negative index -1 to the end.
  const at = (j: number): number => {
    const jj = j < 0 ? j + len + 4 : j;
    const i = jj - 2;
    return blurred[i < 0 ? 0 : i >= len ? len - 1 : i]!;
  };
  const p = Math.trunc(f32(loc + 2.5));
  const d0 = at(p);
  const d1 = at(p + 1);
  const dm1 = at(p - 1);
  const d2 = at(p + 2);
  const dm2 = at(p - 2);
  const dx = f32(0.5 * f32(d1 - dm1));
  const dxx = f32(f32(1e-9) + f32(0.25 * f32(f32(d2 - 2 * d0) + dm2)));
  return f32(loc - f32(dx / dxx));
}

/** Options of {@link getSimccNormalized}. */
export interface SimccNormalizedOptions {
  /**
   * When given, first divide by σ·√(2π) (undo a normalised Gaussian label). σ > 0 with σ·√(2π) a non-zero
   * finite float32 (about 5.6e-46 to 1.36e38).
   */
  sigma?: number;
}

/**
 * MMPose `get_simcc_normalized` (open-mmlab/mmpose `mmpose/codecs/utils/post_processing.py`), the
 * head-side normalisation used for visualisation: optionally divide by σ√(2π), clamp at 0, and divide a
 * row by its maximum only when that maximum exceeds 1.
 *
 * Where the division by σ√(2π) overflows float32 for a row's maximum (the reference then yields
 * `inf / inf` = NaN), that row is computed as `max(x, 0) / max(row)`, the value the normalisation tends to.
 *
 * @param simcc - `[N, K, W]` float32
 * @param options - see {@link SimccNormalizedOptions}
 * @param out - optional output tensor to reuse
 * @returns the normalised vectors, `[N, K, W]` float32 (the input is not modified)
 * @throws PosekitError `E_RANK` / `E_SHAPE` / `E_DTYPE` / `E_EMPTY`, `E_NONFINITE`, `E_RANGE` (sigma)
 * @throws PosekitError `E_RANGE` when σ·√(2π) rounds to 0 or to Infinity in float32
 * @throws PosekitError `E_ARGUMENT` when `options` is not an object or names an unknown option, or `out` is
 *   not an object
 */
export function getSimccNormalized(simcc: TensorLike<Float32Array>, options: SimccNormalizedOptions = {}, out?: Float32Tensor): Float32Tensor {
  const fn = 'getSimccNormalized';
  checkOptionKeys(fn, options, SIMCC_NORMALIZED_OPTIONS);
  const t = checkFloat32Tensor(fn, 'simcc', simcc, ['N', 'K', 'W']);
  const [n, k, w] = t.dims as [number, number, number];
  const d = t.data;
  const div = options.sigma === undefined ? 1 : f32(checkNumber(fn, 'options.sigma', options.sigma, 1, 0) * Math.sqrt(Math.PI * 2));
  if (!(div > 0 && div < Infinity)) {
    throw new PosekitError('E_RANGE', `${fn}: options.sigma · √(2π) must be a non-zero finite float32; received sigma ${options.sigma} (float32 product ${div})`, {
      expected: 'sigma in about [5.6e-46, 1.36e38]',
      received: options.sigma,
    });
  }
  checkOut(fn, out, 'a { data, dims } tensor');
  const res: Float32Tensor = out !== undefined && out.data instanceof Float32Array && out.data.length === d.length ? out : { data: new Float32Array(d.length), dims: [] };
  res.dims = [n, k, w];
  const o = res.data;
  for (let c = 0; c < n * k; c++) {
    const base = c * w;
    scanRow(fn, 'simcc', d, base, w, c);
    const rowMax = scanResult.max;
    if (rowMax > 0 && f32(rowMax / div) === Infinity) {
      // x / div overflows float32 (the reference: inf / inf = NaN); (x / div) / (max / div) = x / max.
      for (let i = 0; i < w; i++) {
        const v = d[base + i]!;
        o[base + i] = v > 0 ? f32(v / rowMax) : 0;
      }
      continue;
    }
    let m = 0;
    for (let i = 0; i < w; i++) {
      let v = options.sigma === undefined ? d[base + i]! : f32(d[base + i]! / div);
      if (v < 0) v = 0;
      o[base + i] = v;
      if (v > m) m = v;
    }
    if (m > 1) for (let i = 0; i < w; i++) o[base + i] = o[base + i]! / m;
  }
  return res;
}
