/**
 * AlphaPose heatmap decoders: `heatmap_to_coord_simple` (argmax + quarter offset) and
 * `heatmap_to_coord_simple_regress` (integral regression / soft-argmax).
 *
 * @module
 */
import { alphaposeBackProject } from '../affine/index.js';
import { PosekitError } from '../errors.js';
import { checkOneOf, checkOptionKeys } from '../option-keys.js';
import type { TensorLike } from '../tensor.js';
import { checkRows, storeInstance, throwDegenerate, throwImageOverflow, throwTooLarge } from './boxes.js';
import { quarterRefine } from './classic.js';
import { checkHeatmaps, exactF64, prepareResult, scanChannel, scanChannelChecked, scanResult, scratchF32, throwNonFinite } from './internal.js';
import { argmaxRows, scratchI32 } from './scan-rows.js';
import type { HeatmapDecodeResult } from './types.js';

/** float32 rounding (a module-local binding: hot loops must not go through an import). */
const f32 = Math.fround;

/** Options of {@link decodeAlphaPoseSimple}. */
export interface AlphaPoseSimpleOptions {
  /**
   * Heatmaps of the horizontally flipped crop, **already flipped back** (mirrored along W and with the
   * left/right channels swapped, e.g. by `flipHeatmapAlphaPose`), same shape as `heatmaps`. When given the
   * two are averaged, `(hms + hmsFlip) / 2` (float32), before decoding.
   */
  hmsFlip?: TensorLike<Float32Array>;
}

/** Check an optional flip tensor against the main one. */
function checkFlip(fn: string, flip: unknown, dims: readonly number[]): Float32Array | null {
  if (flip === undefined) return null;
  const t = checkHeatmaps(fn, 'options.hmsFlip', flip);
  const d = [t.dims.n, t.dims.k, t.dims.h, t.dims.w];
  if (d.some((v, i) => v !== dims[i])) {
    throw new PosekitError('E_SHAPE', `${fn}: options.hmsFlip must have the shape of heatmaps [${dims.join(', ')}]; received [${d.join(', ')}]`, {
      expected: dims,
      received: d,
    });
  }
  return t.data;
}

/** Back-project the K heatmap points of instance `i` through its crop box into `kp`. */
function backProject(fn: string, coords: Float64Array, img: Float64Array, boxes: ArrayLike<number>, i: number, w: number, h: number, kp: Float32Array, k: number): void {
  const box = exactF64('ap-box', 4);
  for (let q = 0; q < 4; q++) box[q] = boxes[4 * i + q]!;
  if (!(box[2]! > box[0]!) || !(box[3]! > box[1]!)) throwDegenerate(fn, 'boxes', i, `[${box[0]}, ${box[1]}, ${box[2]}, ${box[3]}]`);
  if (alphaposeBackProject(img, coords, box, [w, h]) === null) {
    // A positive size that still gives no float32 transform: the width / height (or the corners) overflow.
    throwTooLarge(fn, 'boxes', i, `[${box[0]}, ${box[1]}, ${box[2]}, ${box[3]}], width ${box[2]! - box[0]!}, height ${box[3]! - box[1]!}`);
  }
  if (!storeInstance(img, kp, i, k)) throwImageOverflow(fn, kp, i, k, `box [${box[0]}, ${box[1]}, ${box[2]}, ${box[3]}]`);
}

/** Option names {@link decodeAlphaPoseSimple} accepts. */
const SIMPLE_OPTIONS = ['hmsFlip'] as const;
/** Option names {@link decodeIntegral} accepts. */
const INTEGRAL_OPTIONS = ['normType', 'hmsFlip'] as const;

/**
 * Decode `[N, K, H, W]` heatmaps like AlphaPose `heatmap_to_coord_simple` (MVIG-SJTU/AlphaPose
 * `alphapose/utils/transforms.py`, with `get_max_pred` and `transform_preds`):
 *
 * 1. Optionally average with the flipped-back heatmaps (`options.hmsFlip`).
 * 2. First-index argmax; a maximum `<= 0` gives heatmap (0, 0).
 * 3. Quarter offset on both axes only if `1 < x < W - 1` and `1 < y < H - 1`.
 * 4. Back-projection with centre = box centre and scale = [box w, box h] in pixels (`pixel_std` 1): the
 *    inverse of `get_affine_transform(center, scale, 0, [W, H])`, so only the box width sets the scale.
 *    `boxes` are the padded crop boxes AlphaPose passes as `bbox` (`_center_scale_to_box` output).
 *
 * @param heatmaps - `[N, K, H, W]` float32
 * @param boxes - N crop boxes `[x1, y1, x2, y2]` in image pixels (flat `N*4` or nested)
 * @param options - see {@link AlphaPoseSimpleOptions}
 * @param out - optional result to reuse
 * @returns keypoints in image pixels, scores = maxima of the (averaged) maps
 * @throws PosekitError `E_RANK` / `E_SHAPE` / `E_DTYPE` / `E_EMPTY`, `E_NONFINITE`, `E_RANGE` (degenerate box)
 * @throws PosekitError `E_RANGE` when a box coordinate lies beyond float32 max, or the box is so large that
 *   its float32 transform or the image coordinates overflow (naming the box)
 * @throws PosekitError `E_ARGUMENT` when `options` is not an object or names an unknown option, or `out` is
 *   not an object
 */
export function decodeAlphaPoseSimple(
  heatmaps: TensorLike<Float32Array>,
  boxes: ArrayLike<number> | readonly (readonly number[])[],
  options: AlphaPoseSimpleOptions = {},
  out?: HeatmapDecodeResult,
): HeatmapDecodeResult {
  const fn = 'decodeAlphaPoseSimple';
  checkOptionKeys(fn, options, SIMPLE_OPTIONS);
  const { data, dims } = checkHeatmaps(fn, 'heatmaps', heatmaps);
  const { n, k, h, w } = dims;
  const bx = checkRows(fn, 'boxes', boxes, n, 4, '[x1, y1, x2, y2] per instance');
  const flip = checkFlip(fn, options.hmsFlip, [n, k, h, w]);
  const hw = h * w;
  const res = prepareResult(fn, out, n, k);
  const coords = exactF64('ap-coords', 2 * k);
  const img = exactF64('ap-img', 2 * k);
  const avg = flip === null ? null : scratchF32('ap-avg', hw);
  // Without flip the maps are read as they are: one batched argmax (the SIMD kernel when available).
  const idxs = scratchI32('argmax', n * k);
  if (avg === null) argmaxRows(data, n * k, hw, idxs);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < k; j++) {
      const c = i * k + j;
      const o = c * hw;
      if (avg === null) {
        const idx = idxs[c]!;
        if (idx < 0) throwNonFinite(fn, 'heatmaps', data, o, hw, `instance ${i}, keypoint ${j}`);
        const m = data[o + idx]!;
        res.scores[c] = m;
        quarterRefine(data, o + idx, idx % w, (idx / w) | 0, m, w, h, 1, coords, 2 * j);
      } else {
        // (hms + hms_flip) / 2 in float32 (the halving is exact).
        for (let q = 0; q < hw; q++) avg[q] = f32(data[o + q]! + flip![o + q]!) / 2;
        const idx = scanChannel(avg, 0, hw);
        if (idx < 0) {
          scanChannelChecked(fn, 'heatmaps', data, o, hw, i, j);
          throwNonFinite(fn, 'options.hmsFlip', flip!, o, hw, `instance ${i}, keypoint ${j}`);
        }
        const m = scanResult.max;
        res.scores[c] = m;
        quarterRefine(avg, idx, idx % w, (idx / w) | 0, m, w, h, 1, coords, 2 * j);
      }
    }
    backProject(fn, coords, img, bx, i, w, h, res.keypoints, k);
  }
  return res;
}

/** Normalisation of {@link decodeIntegral} (AlphaPose `norm_heatmap`). */
export type IntegralNorm = 'softmax' | 'sigmoid' | 'divide_sum';

/** Options of {@link decodeIntegral}. */
export interface IntegralDecodeOptions {
  /**
   * How each map is turned into a distribution over its H·W cells: `'softmax'` (default, over all cells),
   * `'sigmoid'` (element-wise, then divided by the sum) or `'divide_sum'`.
   */
  normType?: IntegralNorm;
  /**
   * Output of the flipped crop. As in the reference, its integral result is averaged with the unflipped one
   * **as is**: pass maps that are already flipped back (the reference does not re-mirror x inside).
   */
  hmsFlip?: TensorLike<Float32Array>;
}

/**
 * Decode `[N, K, H, W]` maps like AlphaPose `heatmap_to_coord_simple_regress` (MVIG-SJTU/AlphaPose
 * `alphapose/utils/transforms.py`, `_integral_tensor`, `norm_heatmap`): normalise each map to a distribution
 * (`normType`), take the expected column and row (soft-argmax, in heatmap cells: `E[x]`, via the float32
 * round trip `coord = E/W − 0.5`, then `(coord + 0.5)·W`), optionally average with the flip result, and
 * back-project through the crop box like {@link decodeAlphaPoseSimple}. Score = 1 for `softmax` /
 * `divide_sum`, the maximum sigmoid probability for `sigmoid` (averaged with the flip's when given).
 *
 * @param heatmaps - `[N, K, H, W]` float32 logits / heatmaps
 * @param boxes - N crop boxes `[x1, y1, x2, y2]` in image pixels
 * @param options - see {@link IntegralDecodeOptions}
 * @param out - optional result to reuse
 * @returns keypoints in image pixels, scores
 * @throws PosekitError `E_RANK` / `E_SHAPE` / `E_DTYPE` / `E_EMPTY`, `E_NONFINITE`, `E_RANGE` (degenerate box,
 *   or a `divide_sum` map summing to 0), `E_ARGUMENT` (unknown normType)
 * @throws PosekitError `E_RANGE` when a box coordinate lies beyond float32 max, or the box is so large that
 *   its float32 transform or the image coordinates overflow (naming the box)
 * @throws PosekitError `E_ARGUMENT` when `options` is not an object or names an unknown option, or `out` is
 *   not an object
 */
export function decodeIntegral(
  heatmaps: TensorLike<Float32Array>,
  boxes: ArrayLike<number> | readonly (readonly number[])[],
  options: IntegralDecodeOptions = {},
  out?: HeatmapDecodeResult,
): HeatmapDecodeResult {
  const fn = 'decodeIntegral';
  checkOptionKeys(fn, options, INTEGRAL_OPTIONS);
  const { data, dims } = checkHeatmaps(fn, 'heatmaps', heatmaps);
  const { n, k, h, w } = dims;
  const bx = checkRows(fn, 'boxes', boxes, n, 4, '[x1, y1, x2, y2] per instance');
  const norm = checkOneOf(fn, 'options.normType', options.normType, ['softmax', 'sigmoid', 'divide_sum'] as const, 'softmax');
  const flip = checkFlip(fn, options.hmsFlip, [n, k, h, w]);
  const hw = h * w;
  const res = prepareResult(fn, out, n, k);
  const coords = exactF64('ap-coords', 2 * k);
  const img = exactF64('ap-img', 2 * k);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < k; j++) {
      const c = i * k + j;
      integral(fn, 'heatmaps', data, c * hw, h, w, norm, i, j);
      let cx = integralOut.x;
      let cy = integralOut.y;
      let score = integralOut.score;
      if (flip !== null) {
        integral(fn, 'options.hmsFlip', flip, c * hw, h, w, norm, i, j);
        cx = f32(f32(cx + integralOut.x) / 2);
        cy = f32(f32(cy + integralOut.y) / 2);
        score = f32(f32(score + integralOut.score) / 2);
      }
      res.scores[c] = score;
      // coords = (coord + 0.5) * hm_size, float32 (numpy).
      coords[2 * j] = f32(f32(cx + 0.5) * w);
      coords[2 * j + 1] = f32(f32(cy + 0.5) * h);
    }
    backProject(fn, coords, img, bx, i, w, h, res.keypoints, k);
  }
  return res;
}

/** Normalised coordinates (E/size − 0.5, float32) and score of one map (module-level: no allocation). */
const integralOut = { x: 0, y: 0, score: 0 };

function integral(fn: string, name: string, d: Float32Array, o: number, h: number, w: number, norm: IntegralNorm, i: number, j: number): void {
  const hw = h * w;
  scanChannelChecked(fn, name, d, o, hw, i, j);
  const m = scanResult.max;
  // Expectations over the normalised map; the final division makes the second `/ sum` of the reference moot.
  let s = 0;
  let sx = 0;
  let sy = 0;
  for (let y = 0, p = o; y < h; y++) {
    let row = 0;
    let rowx = 0;
    for (let x = 0; x < w; x++, p++) {
      const v = d[p]!;
      const q = norm === 'softmax' ? Math.exp(v - m) : norm === 'sigmoid' ? 1 / (1 + Math.exp(-v)) : v;
      row += q;
      rowx += q * x;
    }
    s += row;
    sx += rowx;
    sy += row * y;
  }
  if (!(s !== 0) || !Number.isFinite(s)) {
    throw new PosekitError('E_RANGE', `${fn}: ${name} map of instance ${i}, keypoint ${j} sums to ${s} under '${norm}' normalisation; expected a non-zero sum`, {
      item: i,
      received: s,
    });
  }
  integralOut.x = f32(f32(sx / s / w) - 0.5);
  integralOut.y = f32(f32(sy / s / h) - 0.5);
  integralOut.score = norm === 'sigmoid' ? f32(1 / (1 + Math.exp(-m))) : 1;
}
