/**
 * MMPose `MSRAHeatmap.decode` (unbiased = False): argmax + quarter-pixel offset, scaled to the model input.
 *
 * @module
 */
import { checkOneOf, checkOptionKeys } from '../option-keys.js';
import type { TensorLike } from '../tensor.js';
import { checkHeatmaps, checkSize, prepareResult, throwNonFinite } from './internal.js';
import { argmaxRows, scratchI32 } from './scan-rows.js';
import type { HeatmapDecodeResult, OutputSpace } from './types.js';

/** float32 rounding (a module-local binding: hot loops must not go through an import). */
const f32 = Math.fround;

/** Options of {@link decodeMsra}. */
export interface MsraDecodeOptions {
  /**
   * Model input size `[width, height]` in pixels. Default `[4 * W, 4 * H]` (stride 4, the convention of
   * every MMPose / HRNet top-down heatmap model).
   */
  inputSize?: readonly [number, number];
  /**
   * `'input'` (default): keypoints in model-input pixels (MMPose: × float32(input / heatmap)).
   * `'heatmap'`: the refined heatmap-cell coordinates before scaling.
   */
  outputSpace?: OutputSpace;
}

/** Option names {@link decodeMsra} accepts. */
const MSRA_OPTIONS = ['inputSize', 'outputSpace'] as const;

/** Resolve `inputSize` and `outputSpace` into float32 scale factors (MMPose `scale_factor`, float32). */
export function msraScale(fn: string, options: { inputSize?: readonly [number, number]; outputSpace?: OutputSpace }, w: number, h: number): [number, number] {
  const space = checkOneOf(fn, 'options.outputSpace', options.outputSpace, ['input', 'heatmap'] as const, 'input');
  if (space === 'heatmap') return [1, 1];
  const [iw, ih] = options.inputSize === undefined ? [4 * w, 4 * h] : checkSize(fn, 'options.inputSize', options.inputSize);
  return [f32(iw / w), f32(ih / h)];
}

/**
 * Decode `[N, K, H, W]` heatmaps like MMPose `MSRAHeatmap.decode` with `unbiased=False`
 * (open-mmlab/mmpose `mmpose/codecs/msra_heatmap.py`, `get_heatmap_maximum` + `refine_keypoints` in
 * `mmpose/codecs/utils/{post_processing,refinement}.py`).
 *
 * 1. First-index argmax per map (see {@link getHeatmapMaximum}); a map whose maximum is `<= 0` gives the
 *    location (-1, -1).
 * 2. Quarter offset on the raw map, with MMPose's asymmetric guards (reproduced on purpose): x moves by
 *    `0.25 * sign(right - left)` only if `1 < x < W - 1` and `0 < y < H`; y moves by
 *    `0.25 * sign(below - above)` only if `1 < y < H - 1` and `0 < x < W`. So x = 1 never refines x, and a
 *    peak on row 0 or column 0 is not refined at all.
 * 3. × float32(inputSize / heatmapSize) per axis. Invalid keypoints become (-scale, -scale): test
 *    `score > 0`, not the location.
 *
 * @param heatmaps - `[N, K, H, W]` float32 heatmaps (an onnxruntime `Tensor` works as is, no copy)
 * @param options - see {@link MsraDecodeOptions}
 * @param out - optional result to reuse
 * @returns keypoints in model-input pixels (or heatmap cells), scores = raw maxima
 * @throws PosekitError `E_RANK` / `E_SHAPE` / `E_DTYPE` / `E_EMPTY` (bad tensor), `E_NONFINITE`,
 *   `E_ARGUMENT` (bad option)
 * @throws PosekitError `E_ARGUMENT` when `options` is not an object or names an unknown option, or `out` is
 *   not an object
 */
export function decodeMsra(heatmaps: TensorLike<Float32Array>, options: MsraDecodeOptions = {}, out?: HeatmapDecodeResult): HeatmapDecodeResult {
  const fn = 'decodeMsra';
  checkOptionKeys(fn, options, MSRA_OPTIONS);
  const { data, dims } = checkHeatmaps(fn, 'heatmaps', heatmaps);
  const { n, k, h, w } = dims;
  const [sx, sy] = msraScale(fn, options, w, h);
  const hw = h * w;
  const res = prepareResult(fn, out, n, k);
  const kp = res.keypoints;
  const sc = res.scores;
  const idxs = scratchI32('argmax', n * k);
  argmaxRows(data, n * k, hw, idxs);
  for (let c = 0; c < n * k; c++) {
    const o = c * hw;
    const idx = idxs[c]!;
    if (idx < 0) throwNonFinite(fn, 'heatmaps', data, o, hw, `instance ${(c / k) | 0}, keypoint ${c % k}`);
    const m = data[o + idx]!;
    sc[c] = m;
    let x = -1;
    let y = -1;
    if (m > 0) {
      const xi = idx % w;
      const yi = (idx / w) | 0;
      const p = o + idx;
      x = xi;
      y = yi;
      // MMPose refine_keypoints: note the asymmetric guards (0 < y < H for the x shift, 0 < x < W for y).
      if (xi > 1 && xi < w - 1 && yi > 0) {
        const r = data[p + 1]!;
        const l = data[p - 1]!;
        if (r > l) x += 0.25;
        else if (r < l) x -= 0.25;
      }
      if (yi > 1 && yi < h - 1 && xi > 0) {
        const b = data[p + w]!;
        const a = data[p - w]!;
        if (b > a) y += 0.25;
        else if (b < a) y -= 0.25;
      }
    }
    kp[2 * c] = x * sx;
    kp[2 * c + 1] = y * sy;
  }
  return res;
}
