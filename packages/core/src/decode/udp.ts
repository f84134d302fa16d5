/**
 * UDP (unbiased data processing) decoding, MMPose `UDPHeatmap(heatmap_type='gaussian').decode`.
 *
 * @module
 */
import { PosekitError } from '../errors.js';
import { checkBool, checkOneOf, checkOptionKeys } from '../option-keys.js';
import type { TensorLike } from '../tensor.js';
import { kernel32 } from './blur.js';
import { checkHeatmaps, checkKernelSize, checkNumber, checkSize, prepareResult, scratchF32, scratchF64, throwNonFinite } from './internal.js';
import { argmaxRows, scratchI32 } from './scan-rows.js';
import { npLogF32 } from './npmath.js';
import { UDP_HI, UDP_LO, colFromBlock, exactLogMap, rowBlock } from './modulate.js';
import type { HeatmapDecodeResult, OutputSpace } from './types.js';

/** float32 rounding (a module-local binding: hot loops must not go through an import). */
const f32 = Math.fround;

/** Options of {@link decodeUdp}. */
export interface UdpDecodeOptions {
  /** Model input size `[width, height]` in pixels. Default `[4 * W, 4 * H]`. */
  inputSize?: readonly [number, number];
  /** `'input'` (default): refined / (W - 1, H - 1) × inputSize; `'heatmap'`: the refined heatmap cells. */
  outputSpace?: OutputSpace;
  /** Gaussian modulation kernel size (odd, 1 to 1023). Default 11 (σ = 2 targets; 17 for σ = 3). */
  blurKernelSize?: number;
  /**
   * What to do with keypoints whose map maximum is `<= 0` (all-zero / all-negative maps):
   * - `true` (default, reference behaviour): refine them anyway, as MMPose does: the (-1, -1) location's
   *   flat-index arithmetic reads the first cells of this map and the last cells of the previous channel
   *   (the last channel for keypoint 0), and an all-zero map (or an all-zero previous map) yields NaN, as
   *   does any map whose maximum and blurred maximum are both 0 (the reference's 0 / 0).
   * - `false`: leave them unrefined at (-1, -1) (then scaled like any keypoint) — never NaN. Recommended
   *   for applications; test `score > 0` either way.
   */
  refineInvalid?: boolean;
  /** Opt-in per-axis clamp of the Newton step, in heatmap cells. Default: none (reference). */
  maxStep?: number;
  /**
   * Blur the whole map for every refined keypoint, exactly as the reference does, instead of the windowed
   * fast path (same results up to float32 rounding; much slower). Default false. Meant for verification.
   */
  exactModulation?: boolean;
}

/** Option names {@link decodeUdp} accepts. */
const UDP_OPTIONS = ['inputSize', 'outputSpace', 'blurKernelSize', 'refineInvalid', 'maxStep', 'exactModulation'] as const;

/** float32 machine epsilon, added to the Hessian's diagonal (`np.finfo(np.float32).eps * np.eye(2)`). */
const EPS32 = 1.1920928955078125e-7;
const SENSITIVITY = 64;

/**
 * Decode `[N, K, H, W]` heatmaps like MMPose `UDPHeatmap.decode` for `heatmap_type='gaussian'`
 * (open-mmlab/mmpose `mmpose/codecs/udp_heatmap.py`; `refine_keypoints_dark_udp` in
 * `mmpose/codecs/utils/refinement.py`).
 *
 * 1. First-index argmax (maximum `<= 0` → (-1, -1)).
 * 2. Modulation as DARK (zero-padded OpenCV σ=0 blur, rescale to the original maximum), then
 *    `clip(·, 1e-3, 50)`, `log`, and edge-replicated padding by one cell.
 * 3. Every keypoint (no border guard) takes one Newton step from the one-sided differences at its integer
 *    location: g = (½(L[x+1] − L[x−1]), ½(L[y+1] − L[y−1])), Dxx = L[x+1] − 2L + L[x−1] (Dyy likewise),
 *    Dxy = ½(L[x+1,y+1] − L[x+1] − L[y+1] + 2L − L[x−1] − L[y−1] + L[x−1,y−1]); (x, y) −= (H + εI)⁻¹ g with
 *    ε = float32 epsilon. Float32 arithmetic as in the reference.
 * 4. keypoints = refined / (W − 1, H − 1) × inputSize (UDP's pixel-centre-aligned scaling); score = raw maximum.
 *
 * Invalid keypoints: see {@link UdpDecodeOptions.refineInvalid}. The fast path blurs only the 3×3 cells the
 * step reads (as {@link decodeDark}); keypoints where a clip could cut some of those cells, invalid
 * keypoints (reference mode) and numerically sensitive steps take the exact whole-map path.
 *
 * Heatmap values near float32 max (≈ 3.4e38) can overflow the float32 modulation, where the reference
 * returns NaN: a keypoint whose refinement is not finite for that reason throws `E_RANGE` instead (checked
 * once per keypoint, only on the exact path).
 *
 * @param heatmaps - `[N, K, H, W]` float32 heatmaps, H and W ≥ 2 (an onnxruntime `Tensor` works as is)
 * @param options - see {@link UdpDecodeOptions}
 * @param out - optional result to reuse
 * @returns keypoints in model-input pixels (or heatmap cells), scores = raw maxima
 * @throws PosekitError `E_RANK` / `E_SHAPE` (also H or W < 2) / `E_DTYPE` / `E_EMPTY`, `E_NONFINITE`,
 *   `E_RANGE`, `E_ARGUMENT`
 * @throws PosekitError `E_RANGE` when `blurKernelSize` is not an odd integer from 1 to 1023, or a map's
 *   values overflow the float32 modulation so that its keypoint would be NaN / Infinity
 * @throws PosekitError `E_ARGUMENT` when `options` is not an object or names an unknown option, a boolean
 *   option is not a boolean, or `out` is not an object
 */
export function decodeUdp(heatmaps: TensorLike<Float32Array>, options: UdpDecodeOptions = {}, out?: HeatmapDecodeResult): HeatmapDecodeResult {
  const fn = 'decodeUdp';
  checkOptionKeys(fn, options, UDP_OPTIONS);
  const { data, dims } = checkHeatmaps(fn, 'heatmaps', heatmaps);
  const { n, k, h, w } = dims;
  if (h < 2 || w < 2) {
    throw new PosekitError('E_SHAPE', `${fn}: heatmaps must be at least 2x2 (UDP divides by W - 1 and H - 1); received [${n}, ${k}, ${h}, ${w}]`, {
      expected: 'H >= 2 and W >= 2',
      received: [n, k, h, w],
    });
  }
  const space = checkOneOf(fn, 'options.outputSpace', options.outputSpace, ['input', 'heatmap'] as const, 'input');
  const [iw, ih] = options.inputSize === undefined ? [4 * w, 4 * h] : checkSize(fn, 'options.inputSize', options.inputSize);
  const ks = checkKernelSize(fn, 'options.blurKernelSize', options.blurKernelSize ?? 11);
  const maxStep = checkNumber(fn, 'options.maxStep', options.maxStep, Infinity, 0);
  const refineInvalid = checkBool(fn, 'options.refineInvalid', options.refineInvalid, true);
  const exact = checkBool(fn, 'options.exactModulation', options.exactModulation, false);
  const kern = kernel32(ks);
  const r = (ks - 1) >> 1;
  const hw = h * w;
  const res = prepareResult(fn, out, n, k);
  const kp = res.keypoints;
  const sc = res.scores;

  const nRows = 3 + 2 * r;
  const R = scratchF64('udp-R', nRows * 3);
  const L = scratchF64('udp-L', 9);
  const b = scratchF64('udp-b', 9);
  const lmapA = scratchF32('udp-LA', hw);
  const lmapB = scratchF32('udp-LB', hw);
  const maxes = scratchF64('udp-max', k);

  const all = scratchI32('argmax', n * k);
  argmaxRows(data, n * k, hw, all);
  for (let i = 0; i < n; i++) {
    // Maxima first: the reference-mode refinement of an invalid keypoint reads the previous channel.
    const idxs = scratchIdx(k);
    for (let j = 0; j < k; j++) {
      const o = (i * k + j) * hw;
      const idx = all[i * k + j]!;
      if (idx < 0) throwNonFinite(fn, 'heatmaps', data, o, hw, `instance ${i}, keypoint ${j}`);
      idxs[j] = idx;
      maxes[j] = data[o + idx]!;
    }
    for (let j = 0; j < k; j++) {
      const c = i * k + j;
      const o = c * hw;
      const om = maxes[j]!;
      const idx = idxs[j]!;
      sc[c] = om;
      let x = -1;
      let y = -1;
      if (om > 0) {
        const xi = idx % w;
        const yi = (idx / w) | 0;
        x = xi;
        y = yi;
        // 3x3 neighbourhood with edge replication: column/row indices clamped into the map.
        const xm = xi > 0 ? xi - 1 : 0;
        const xp = xi < w - 1 ? xi + 1 : w - 1;
        const ym = yi > 0 ? yi - 1 : 0;
        const yp = yi < h - 1 ? yi + 1 : h - 1;
        let done = false;
        if (!exact && om <= UDP_HI) {
          // Fast path: row-pass block over columns xm..xp (≤ 3), rows ym-r .. yp+r.
          const y0 = ym - r;
          const rows = yp - ym + 1 + 2 * r;
          const ncol = xp - xm + 1;
          rowBlock(data, o, h, w, kern, y0, rows, xm, ncol, R);
          // L slots: 0 centre, 1 x+1, 2 x-1, 3 y+1, 4 y-1, 5 (x+1,y+1), 6 (x-1,y-1)
          b[0] = colFromBlock(R, ncol, y0, kern, yi, xi - xm);
          b[1] = colFromBlock(R, ncol, y0, kern, yi, xp - xm);
          b[2] = colFromBlock(R, ncol, y0, kern, yi, 0);
          b[3] = colFromBlock(R, ncol, y0, kern, yp, xi - xm);
          b[4] = colFromBlock(R, ncol, y0, kern, ym, xi - xm);
          b[5] = colFromBlock(R, ncol, y0, kern, yp, xp - xm);
          b[6] = colFromBlock(R, ncol, y0, kern, ym, 0);
          // The other two corners only inform the blurred-maximum estimate.
          b[7] = colFromBlock(R, ncol, y0, kern, ym, xp - xm);
          b[8] = colFromBlock(R, ncol, y0, kern, yp, 0);
          let bmax = -Infinity;
          for (let q = 0; q < 9; q++) if (b[q]! > bmax) bmax = b[q]!;
          const ratio = f32(om / bmax);
          // Clip decisions must not depend on the exact ratio (ratio ∈ [~1, ratio estimate]).
          let above = 0;
          let below = 0;
          for (let q = 0; q < 7; q++) {
            if (b[q]! >= UDP_LO * 1.0001) above++;
            else if (b[q]! * ratio < UDP_LO * 0.9999) below++;
          }
          if (below === 7) {
            // Every cell clipped to 1e-3: L is flat, the step is exactly zero.
            done = true;
          } else if (above === 7) {
            for (let q = 0; q < 7; q++) L[q] = npLogF32(f32(b[q]! * ratio));
            const s = udpStep(L);
            if (s.sens <= SENSITIVITY) {
              x = f32(xi - clampStep(s.ox, maxStep));
              y = f32(yi - clampStep(s.oy, maxStep));
              done = true;
            }
          }
        }
        if (!done) {
          const bm = exactLogMap(data, o, h, w, kern, om, 'udp', lmapA);
          L[0] = lmapA[yi * w + xi]!;
          L[1] = lmapA[yi * w + xp]!;
          L[2] = lmapA[yi * w + xm]!;
          L[3] = lmapA[yp * w + xi]!;
          L[4] = lmapA[ym * w + xi]!;
          L[5] = lmapA[yp * w + xp]!;
          L[6] = lmapA[ym * w + xm]!;
          const s = udpStep(L);
          x = f32(xi - clampStep(s.ox, maxStep));
          y = f32(yi - clampStep(s.oy, maxStep));
          // om > 0, so a non-finite step is not the reference's 0 / 0 quirk: float32 overflow (or a singular
          // Hessian, where the reference's np.linalg.inv raises).
          if (x - x !== 0 || y - y !== 0) throwNotFinite(fn, i, j, om, bm, bm);
        }
      } else if (refineInvalid) {
        // Reference quirk: index = (-1 + 1) + (-1 + 1) * (W + 2) + channel offset → the padded corner of
        // this channel; "x - 1", "y - 1" and "(x - 1, y - 1)" wrap into the previous channel's padded map
        // (the last channel for keypoint 0: numpy's negative indices wrap around).
        const jp = (j + k - 1) % k;
        const op = (i * k + jp) * hw;
        if (allZero(data, o, hw) || allZero(data, op, hw)) {
          // An all-zero map modulates to 0 / 0 = NaN everywhere, and NaN reaches the step.
          x = NaN;
          y = NaN;
        } else {
          const bm = exactLogMap(data, o, h, w, kern, om, 'udp', lmapA);
          const prev = jp === j ? lmapA : lmapB;
          const bmPrev = jp !== j ? exactLogMap(data, op, h, w, kern, maxes[jp]!, 'udp', lmapB) : bm;
          const corner = lmapA[0]!;
          L[0] = corner; // padded (0, 0)
          L[1] = corner; // padded (0, 1)
          L[3] = corner; // padded (1, 0)
          L[5] = corner; // padded (1, 1)
          L[2] = prev[hw - 1]!; // previous padded map's last element (H+1, W+1) → (H-1, W-1)
          L[4] = prev[(h - 1) * w]!; // previous padded (H+1, 0) → (H-1, 0)
          L[6] = prev[hw - 1]!; // previous padded (H, W+1) → (H-1, W-1)
          const s = udpStep(L);
          x = f32(-1 - clampStep(s.ox, maxStep));
          y = f32(-1 - clampStep(s.oy, maxStep));
          // NaN is the reference's answer when either map is 0 / 0 (maximum and blurred maximum both 0).
          if ((x - x !== 0 || y - y !== 0) && !(om === 0 && bm === 0) && !(maxes[jp] === 0 && bmPrev === 0)) {
            throwNotFinite(fn, i, j, om, bm, bmPrev);
          }
        }
      }
      if (space === 'heatmap') {
        kp[2 * c] = x;
        kp[2 * c + 1] = y;
      } else {
        // keypoints / [W - 1, H - 1] * input_size, in float64 as the reference.
        kp[2 * c] = (x / (w - 1)) * iw;
        kp[2 * c + 1] = (y / (h - 1)) * ih;
      }
    }
  }
  return res;
}

/** Whether `data[o .. o+len)` is all zero (stops at the first non-zero value). */
function allZero(data: Float32Array, o: number, len: number): boolean {
  for (let i = o; i < o + len; i++) if (data[i] !== 0) return false;
  return true;
}

function clampStep(v: number, maxStep: number): number {
  return v > maxStep ? maxStep : v < -maxStep ? -maxStep : v;
}

let idxScratch = new Int32Array(32);
function scratchIdx(k: number): Int32Array {
  if (idxScratch.length < k) idxScratch = new Int32Array(k);
  return idxScratch;
}

const udpResult = { ox: 0, oy: 0, sens: 0 };

/**
 * `refine_keypoints_dark_udp`'s step from the seven log values (float32 array arithmetic; the Hessian plus
 * ε·I is inverted in float64). L: 0 centre, 1 x+1, 2 x-1, 3 y+1, 4 y-1, 5 (x+1,y+1), 6 (x-1,y-1).
 * Returns the offset to subtract.
 */
function udpStep(L: Float64Array): typeof udpResult {
  const i0 = L[0]!;
  const ix1 = L[1]!;
  const ix1m = L[2]!;
  const iy1 = L[3]!;
  const iy1m = L[4]!;
  const ix1y1 = L[5]!;
  const ix1my1m = L[6]!;
  const dx = f32(0.5 * f32(ix1 - ix1m));
  const dy = f32(0.5 * f32(iy1 - iy1m));
  const dxx = f32(f32(ix1 - 2 * i0) + ix1m);
  const dyy = f32(f32(iy1 - 2 * i0) + iy1m);
  const sum = f32(f32(f32(f32(f32(f32(f32(ix1y1 - ix1) - iy1) + i0) + i0) - ix1m) - iy1m) + ix1my1m);
  const dxy = f32(0.5 * sum);
  const a = dxx + EPS32;
  const d = dyy + EPS32;
  const det = a * d - dxy * dxy;
  const s = udpResult;
  // inv(H + eps I) @ g
  s.ox = (d * dx - dxy * dy) / det;
  s.oy = (a * dy - dxy * dx) / det;
  const normInv = Math.sqrt(a * a + d * d + 2 * dxy * dxy) / Math.abs(det);
  s.sens = normInv * (1 + Math.max(Math.abs(s.ox), Math.abs(s.oy)));
  return s;
}

/**
 * `E_RANGE` for a keypoint whose UDP refinement is not finite: float32 overflow of the modulation (a blurred
 * maximum `bm` / `bmOther` of the maps read that is not finite), otherwise a singular log-Hessian (where the
 * reference's `np.linalg.inv` raises).
 */
function throwNotFinite(fn: string, i: number, j: number, om: number, bm: number, bmOther: number): never {
  const overflow = !Number.isFinite(bm) || !Number.isFinite(bmOther);
  const why = overflow
    ? `its map (maximum ${om}) overflows the float32 Gaussian modulation (blurred maximum ${Number.isFinite(bm) ? bmOther : bm}); expected heatmap values well below float32 max (3.4e38)`
    : `the log-Hessian at its maximum (${om}) is singular`;
  throw new PosekitError('E_RANGE', `${fn}: the refinement of instance ${i}, keypoint ${j} is not finite: ${why}`, {
    item: i,
    expected: 'a finite refinement',
    received: { maximum: om, blurredMax: bm },
  });
}
