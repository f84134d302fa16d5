/**
 * DARK (distribution-aware coordinate representation) decoding, MMPose `MSRAHeatmap(unbiased=True)`.
 *
 * @module
 */
import { checkBool, checkOptionKeys } from '../option-keys.js';
import type { TensorLike } from '../tensor.js';
import { kernel32 } from './blur.js';
import { checkHeatmaps, checkKernelSize, checkNumber, prepareResult, scratchF32, scratchF64, throwNonFinite } from './internal.js';
import { argmaxRows, scratchI32 } from './scan-rows.js';
import { npLogF32 } from './npmath.js';
import { DARK_FLOOR, colRow, exactLogMap, rowBlock, rowPair } from './modulate.js';
import { msraScale } from './msra.js';
import type { HeatmapDecodeResult, OutputSpace } from './types.js';

/** float32 rounding (a module-local binding: hot loops must not go through an import). */
const f32 = Math.fround;

/** Options of {@link decodeDark}. */
export interface DarkDecodeOptions {
  /** Model input size `[width, height]` in pixels. Default `[4 * W, 4 * H]`. */
  inputSize?: readonly [number, number];
  /** `'input'` (default) or `'heatmap'` (refined heatmap cells, before × input/heatmap). */
  outputSpace?: OutputSpace;
  /**
   * Gaussian modulation kernel size (odd, 1 to 1023). Default 11 (MMPose `blur_kernel_size`, for σ = 2
   * targets; use 17 for σ = 3).
   */
  blurKernelSize?: number;
  /**
   * Opt-in clamp of the Newton step, per axis, in heatmap cells (e.g. 1). Default: no clamp, as the
   * reference (which can jump several cells on non-Gaussian maps).
   */
  maxStep?: number;
  /**
   * Blur the whole map for every refined keypoint, exactly as the reference does, instead of the windowed
   * fast path (same results up to float32 rounding; much slower). Default false. Meant for verification.
   */
  exactModulation?: boolean;
}

/** Option names {@link decodeDark} accepts. */
const DARK_OPTIONS = ['inputSize', 'outputSpace', 'blurKernelSize', 'maxStep', 'exactModulation'] as const;

/** Cells read by the DARK refinement, as (dy, dx) around the argmax: centre, ±1 and ±2 on each axis, diagonals. */
const DY = [0, 0, 0, 0, 0, -1, 1, -2, 2, -1, -1, 1, 1];
const DX = [0, -1, 1, -2, 2, 0, 0, 0, 0, -1, 1, -1, 1];
/** Fast-path acceptance: ‖H⁻¹‖·(1 + |step|) bound above which rounding-level differences in L could show. */
const SENSITIVITY = 64;

/**
 * Decode `[N, K, H, W]` heatmaps like MMPose `MSRAHeatmap.decode` with `unbiased=True`
 * (open-mmlab/mmpose `mmpose/codecs/msra_heatmap.py`; `refine_keypoints_dark` in
 * `mmpose/codecs/utils/refinement.py`; `gaussian_blur` in `mmpose/codecs/utils/post_processing.py`).
 *
 * 1. First-index argmax (maximum `<= 0` → (-1, -1), see {@link getHeatmapMaximum}).
 * 2. Modulation: zero-pad, OpenCV σ=0 Gaussian blur of `blurKernelSize` taps (float32, OpenCV's tables for
 *    k ≤ 9), rescale to the original maximum, `L = log(max(·, 1e-10))`.
 * 3. Only when `1 < x < W - 2` and `1 < y < H - 2`: one Newton step with the central differences
 *    g = (½(L[y,x+1] − L[y,x−1]), ½(L[y+1,x] − L[y−1,x])), Dxx = ¼(L[y,x+2] − 2L[y,x] + L[y,x−2]) (Dyy
 *    likewise), Dxy = ¼(L[y+1,x+1] − L[y−1,x+1] − L[y+1,x−1] + L[y−1,x−1]); if the Hessian's determinant
 *    is exactly non-zero, (x, y) −= H⁻¹g. The step is not clamped unless `maxStep` is given.
 * 4. Score = raw maximum; × float32(inputSize / heatmapSize).
 *
 * Speed: the blur is evaluated only at the 13 cells the step reads (the log-ratio cancels from every
 * difference; keypoints whose cells a clamp could cut, or whose step is numerically sensitive, take the
 * exact whole-map path), so the cost is one pass over the data plus a few hundred float operations per
 * keypoint. The numerics follow the reference operation by operation (float32 blur with OpenCV's FMA
 * order, float32 log, numpy 1.x scalar promotion rules), so results match it to float32 rounding.
 *
 * @param heatmaps - `[N, K, H, W]` float32 heatmaps (an onnxruntime `Tensor` works as is, no copy)
 * @param options - see {@link DarkDecodeOptions}
 * @param out - optional result to reuse
 * @returns keypoints in model-input pixels (or heatmap cells), scores = raw maxima
 * @throws PosekitError `E_RANK` / `E_SHAPE` / `E_DTYPE` / `E_EMPTY`, `E_NONFINITE`, `E_RANGE` (kernel
 *   size, maxStep), `E_ARGUMENT`
 * @throws PosekitError `E_RANGE` when `blurKernelSize` is not an odd integer from 1 to 1023
 * @throws PosekitError `E_ARGUMENT` when `options` is not an object or names an unknown option, a boolean
 *   option is not a boolean, or `out` is not an object
 */
export function decodeDark(heatmaps: TensorLike<Float32Array>, options: DarkDecodeOptions = {}, out?: HeatmapDecodeResult): HeatmapDecodeResult {
  const fn = 'decodeDark';
  checkOptionKeys(fn, options, DARK_OPTIONS);
  const { data, dims } = checkHeatmaps(fn, 'heatmaps', heatmaps);
  const { n, k, h, w } = dims;
  const [sx, sy] = msraScale(fn, options, w, h);
  const ks = checkKernelSize(fn, 'options.blurKernelSize', options.blurKernelSize ?? 11);
  const maxStep = checkNumber(fn, 'options.maxStep', options.maxStep, Infinity, 0);
  const exact = checkBool(fn, 'options.exactModulation', options.exactModulation, false);
  const kern = kernel32(ks);
  const r = (ks - 1) >> 1;
  const hw = h * w;
  const res = prepareResult(fn, out, n, k);
  const kp = res.keypoints;
  const sc = res.scores;

  // Window scratch: row-pass block rows y-2-r .. y+2+r, columns x-2 .. x+2; blurred 5×5 window.
  const nRows = 5 + 2 * r;
  const R = scratchF64('dark-R', nRows * 5);
  const b = scratchF64('dark-b', 13);
  const B = scratchF64('dark-B', 25);
  const L = scratchF64('dark-L', 13);
  let Lmap: Float32Array | null = null;
  const idxs = scratchI32('argmax', n * k);
  argmaxRows(data, n * k, hw, idxs);

  for (let c = 0; c < n * k; c++) {
    const o = c * hw;
    const idx = idxs[c]!;
    if (idx < 0) throwNonFinite(fn, 'heatmaps', data, o, hw, `instance ${(c / k) | 0}, keypoint ${c % k}`);
    const om = data[o + idx]!;
    sc[c] = om;
    let x = -1;
    let y = -1;
    if (om > 0) {
      const xi = idx % w;
      const yi = (idx / w) | 0;
      x = xi;
      y = yi;
      if (xi > 1 && xi < w - 2 && yi > 1 && yi < h - 2) {
        // Fast path: blur only the 5×5 window around the argmax (13 of its cells feed the step).
        let step: typeof stepResult | null = null;
        if (!exact) {
          const y0 = yi - 2 - r;
          if (ks <= 5) {
            rowBlock(data, o, h, w, kern, y0, nRows, xi - 2, 5, R);
          } else {
            // Only the row-pass values the 13 cells read: all 5 columns on rows y-r .. y+r, columns
            // x-1 .. x+1 on rows y±(r+1), column x on rows y±(r+2).
            for (let i = 2; i <= 2 + 2 * r; i += 2) {
              const two = i + 1 <= 2 + 2 * r;
              rowPair(data, o, h, w, kern, y0 + i, two ? y0 + i + 1 : -1, xi - 2, 5, R, i * 5, two ? (i + 1) * 5 : -1);
            }
            rowPair(data, o, h, w, kern, y0 + 1, y0 + 3 + 2 * r, xi - 1, 3, R, 5 + 1, (3 + 2 * r) * 5 + 1);
            rowPair(data, o, h, w, kern, y0, y0 + 4 + 2 * r, xi, 1, R, 2, (4 + 2 * r) * 5 + 2);
          }
          // Blurred cells in a 5×5 layout (row-major, window row 2 = the argmax row).
          colRow(R, 5, r + 2, 0, 5, kern, B, 10);
          colRow(R, 5, r + 1, 1, 3, kern, B, 6);
          colRow(R, 5, r + 3, 1, 3, kern, B, 16);
          colRow(R, 5, r, 2, 1, kern, B, 2);
          colRow(R, 5, r + 4, 2, 1, kern, B, 22);
          let bmax = -Infinity;
          for (let q = 0; q < 13; q++) {
            const v = B[(DY[q]! + 2) * 5 + DX[q]! + 2]!;
            if (v > bmax) bmax = v;
          }
          let ok = true;
          for (let q = 0; q < 13; q++) {
            const v = B[(DY[q]! + 2) * 5 + DX[q]! + 2]!;
            b[q] = v;
            // Cells this small could be cut by max(·, 1e-10) depending on the exact ratio.
            if (!(v >= 2 * DARK_FLOOR)) ok = false;
          }
          step = ok ? darkStep(b, L, f32(om / bmax)) : null;
        }
        if (step === null || step.sens > SENSITIVITY) {
          // Exact path: the whole modulated map, as the reference computes it.
          if (Lmap === null) Lmap = scratchF32('dark-Lmap', hw);
          exactLogMap(data, o, h, w, kern, om, 'dark', Lmap);
          for (let q = 0; q < 13; q++) L[q] = Lmap[(yi + DY[q]!) * w + xi + DX[q]!]!;
          step = darkStepFromLog(L);
        }
        if (step.valid) {
          const ox = step.ox > maxStep ? maxStep : step.ox < -maxStep ? -maxStep : step.ox;
          const oy = step.oy > maxStep ? maxStep : step.oy < -maxStep ? -maxStep : step.oy;
          // keypoints[n, k, :2] += offset: float32 array updated with a float64 offset.
          x = f32(xi + ox);
          y = f32(yi + oy);
        }
      }
    }
    kp[2 * c] = x * sx;
    kp[2 * c + 1] = y * sy;
  }
  return res;
}

/** Result of one Newton step (module-level object: no allocation per keypoint). */
const stepResult = { ox: 0, oy: 0, valid: false, sens: 0 };

/** Fast path: L from blurred cells and an estimated ratio, then the step. */
function darkStep(b: Float64Array, L: Float64Array, ratio: number): typeof stepResult {
  for (let q = 0; q < 13; q++) {
    const v = f32(b[q]! * ratio);
    L[q] = npLogF32(v < DARK_FLOOR ? DARK_FLOOR : v);
  }
  return darkStepFromLog(L);
}

/**
 * The Newton step of `refine_keypoints_dark` with numpy 1.x scalar semantics: differences of two float32
 * scalars stay float32, `0.5 * ...`, `2 * ...` and everything after promote to float64.
 */
function darkStepFromLog(L: Float64Array): typeof stepResult {
  // Indices into DY/DX: 0 centre, 1 x-1, 2 x+1, 3 x-2, 4 x+2, 5 y-1, 6 y+1, 7 y-2, 8 y+2,
  // 9 (y-1,x-1), 10 (y-1,x+1), 11 (y+1,x-1), 12 (y+1,x+1).
  const c0 = L[0]!;
  const dx = 0.5 * f32(L[2]! - L[1]!);
  const dy = 0.5 * f32(L[6]! - L[5]!);
  const dxx = 0.25 * (L[4]! - 2 * c0 + L[3]!);
  const dyy = 0.25 * (L[8]! - 2 * c0 + L[7]!);
  const dxy = 0.25 * f32(f32(f32(L[12]! - L[10]!) - L[11]!) + L[9]!);
  const det = dxx * dyy - dxy * dxy;
  const s = stepResult;
  if (det !== 0 && Number.isFinite(det)) {
    // offset = -inv(H) @ g
    s.ox = -(dyy * dx - dxy * dy) / det;
    s.oy = -(dxx * dy - dxy * dx) / det;
    s.valid = Number.isFinite(s.ox) && Number.isFinite(s.oy);
    const normInv = Math.sqrt(dxx * dxx + dyy * dyy + 2 * dxy * dxy) / Math.abs(det);
    s.sens = normInv * (1 + Math.max(Math.abs(s.ox), Math.abs(s.oy)));
  } else {
    s.ox = 0;
    s.oy = 0;
    s.valid = false;
    // A (near-)singular Hessian is a decision the exact path must make.
    s.sens = Infinity;
  }
  return s;
}
