/**
 * RMPE-era AlphaPose `getPrediction` (pytorch branch): argmax + quarter offset + 0.2, then the spatial
 * de-transformer `transformBoxInvert_batch`.
 *
 * @module
 */
import { transformBoxInvert } from '../affine/index.js';
import { checkOneOf, checkOptionKeys } from '../option-keys.js';
import type { TensorLike } from '../tensor.js';
import { checkRows, storeInstance, throwDegenerate, throwImageOverflow } from './boxes.js';
import { quarterRefine } from './classic.js';
import { checkHeatmaps, checkSize, exactF64, prepareResult, throwNonFinite } from './internal.js';
import { argmaxRows, scratchI32 } from './scan-rows.js';
import type { HeatmapDecodeResult } from './types.js';

/** float32 rounding (a module-local binding: hot loops must not go through an import). */
const f32 = Math.fround;

/** Options of {@link decodeRmpeLegacy}. */
export interface RmpeDecodeOptions {
  /** Network input size `[inpW, inpH]`. Default `[4 * W, 4 * H]` (RMPE: 256×320 input, 64×80 maps). */
  inputSize?: readonly [number, number];
  /** `'image'` (default): through `transformBoxInvert`; `'heatmap'`: the refined heatmap points (+0.2 included). */
  outputSpace?: 'image' | 'heatmap';
}

/** Option names {@link decodeRmpeLegacy} accepts. */
const RMPE_OPTIONS = ['inputSize', 'outputSpace'] as const;

/** The constant offset RMPE adds to every prediction, in heatmap cells (float32 0.2). */
const RMPE_OFFSET = f32(0.2);

/**
 * Decode `[N, K, H, W]` heatmaps like RMPE's `getPrediction` (MVIG-SJTU/AlphaPose branch `pytorch`,
 * `SPPE/src/utils/eval.py`; `transformBoxInvert_batch` in `SPPE/src/utils/img.py`):
 *
 * 1. First-index argmax; a maximum `<= 0` gives heatmap (0, 0).
 * 2. Quarter offset on both axes only if `0 < x < W - 1` and `0 < y < H - 1` (note: 0, not 1).
 * 3. **+0.2 on both axes, always** (also for invalid and border points) — a quirk kept for parity.
 * 4. `transformBoxInvert` with the detection box corners `pt1` (upper-left) and `pt2` (bottom-right):
 *    `lenH = max(br_y − ul_y, (br_x − ul_x)·inpH/inpW)`, `p = pt·lenH/H` minus the centring pad, `+ ul`.
 *
 * @param heatmaps - `[N, K, H, W]` float32
 * @param pt1 - N upper-left corners `[x, y]` (image pixels, flat `N*2` or nested)
 * @param pt2 - N bottom-right corners `[x, y]`
 * @param options - see {@link RmpeDecodeOptions}
 * @param out - optional result to reuse
 * @returns keypoints in image pixels (or heatmap cells), scores = raw maxima
 * @throws PosekitError `E_RANK` / `E_SHAPE` / `E_DTYPE` / `E_EMPTY`, `E_NONFINITE`, `E_RANGE` (degenerate box),
 *   `E_ARGUMENT`
 * @throws PosekitError `E_RANGE` when a corner lies beyond float32 max, or the box (with `inputSize`) is so
 *   large that the image coordinates overflow (naming the box)
 * @throws PosekitError `E_ARGUMENT` when `options` is not an object or names an unknown option, or `out` is
 *   not an object
 */
export function decodeRmpeLegacy(
  heatmaps: TensorLike<Float32Array>,
  pt1: ArrayLike<number> | readonly (readonly number[])[],
  pt2: ArrayLike<number> | readonly (readonly number[])[],
  options: RmpeDecodeOptions = {},
  out?: HeatmapDecodeResult,
): HeatmapDecodeResult {
  const fn = 'decodeRmpeLegacy';
  checkOptionKeys(fn, options, RMPE_OPTIONS);
  const { data, dims } = checkHeatmaps(fn, 'heatmaps', heatmaps);
  const { n, k, h, w } = dims;
  const ul = checkRows(fn, 'pt1', pt1, n, 2, '[x, y] upper-left per instance');
  const br = checkRows(fn, 'pt2', pt2, n, 2, '[x, y] bottom-right per instance');
  const [inpW, inpH] = options.inputSize === undefined ? [4 * w, 4 * h] : checkSize(fn, 'options.inputSize', options.inputSize);
  const space = checkOneOf(fn, 'options.outputSpace', options.outputSpace, ['image', 'heatmap'] as const, 'image');
  const hw = h * w;
  const res = prepareResult(fn, out, n, k);
  const coords = exactF64('rmpe-coords', 2 * k);
  const img = exactF64('rmpe-img', 2 * k);
  const a = exactF64('rmpe-ul', 2);
  const b = exactF64('rmpe-br', 2);
  const kp = res.keypoints;
  const idxs = scratchI32('argmax', n * k);
  argmaxRows(data, n * k, hw, idxs);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < k; j++) {
      const c = i * k + j;
      const idx = idxs[c]!;
      if (idx < 0) throwNonFinite(fn, 'heatmaps', data, c * hw, hw, `instance ${i}, keypoint ${j}`);
      const m = data[c * hw + idx]!;
      res.scores[c] = m;
      quarterRefine(data, c * hw + idx, idx % w, (idx / w) | 0, m, w, h, 0, coords, 2 * j);
      coords[2 * j] = f32(coords[2 * j]! + RMPE_OFFSET);
      coords[2 * j + 1] = f32(coords[2 * j + 1]! + RMPE_OFFSET);
    }
    if (space === 'heatmap') {
      for (let q = 0; q < 2 * k; q++) kp[2 * i * k + q] = coords[q]!;
      continue;
    }
    a[0] = ul[2 * i]!;
    a[1] = ul[2 * i + 1]!;
    b[0] = br[2 * i]!;
    b[1] = br[2 * i + 1]!;
    if (!(b[0]! > a[0]!) || !(b[1]! > a[1]!)) throwDegenerate(fn, 'pt1/pt2 box', i, `ul [${a[0]}, ${a[1]}], br [${b[0]}, ${b[1]}]`);
    transformBoxInvert(img, coords, a, b, inpH, inpW, h);
    if (!storeInstance(img, kp, i, k)) {
      throwImageOverflow(fn, kp, i, k, `pt1/pt2 box ul [${a[0]}, ${a[1]}], br [${b[0]}, ${b[1]}] at input size [${inpW}, ${inpH}]`);
    }
  }
  return res;
}
