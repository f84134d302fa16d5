/**
 * Per-channel argmax of heatmaps (the first step of every heatmap decoder).
 *
 * @module
 */
import { checkOneOf, checkOptionKeys } from '../option-keys.js';
import type { TensorLike } from '../tensor.js';
import { checkHeatmaps, prepareResult, throwNonFinite } from './internal.js';
import { argmaxRows, scratchI32 } from './scan-rows.js';
import type { HeatmapDecodeResult, InvalidConvention } from './types.js';

/** Options of {@link getHeatmapMaximum}. */
export interface HeatmapMaximumOptions {
  /**
   * Location written for a channel whose maximum is `<= 0` (all-zero or all-negative map):
   * `'mmpose'` → (-1, -1), `'zero'` → (0, 0). Default `'mmpose'`. The score is the raw maximum either way.
   */
  invalid?: InvalidConvention;
}

/** Option names {@link getHeatmapMaximum} accepts. */
const HEATMAP_MAXIMUM_OPTIONS = ['invalid'] as const;

/**
 * Location and value of the maximum of every `[H, W]` map of a `[N, K, H, W]` float32 batch.
 *
 * Follows MMPose `get_heatmap_maximum` (open-mmlab/mmpose `mmpose/codecs/utils/post_processing.py`) and
 * HRNet `get_max_preds` (leoxiaobin/deep-high-resolution-net.pytorch `lib/core/inference.py`): the map is
 * flattened row-major and the **first** index of the maximum wins (ties resolve to the smallest row, then
 * the smallest column); x = column, y = row, in heatmap cells; score = the raw maximum. Channels whose
 * maximum is `<= 0` get the `invalid` location.
 *
 * The data are read in place (an onnxruntime `Tensor` works as is) in a single pass that also rejects
 * NaN / ±Infinity.
 *
 * @param heatmaps - `[N, K, H, W]` float32 heatmaps
 * @param options - see {@link HeatmapMaximumOptions}
 * @param out - optional result to reuse
 * @returns `keypoints` = integer locations (x, y) in heatmap cells, `scores` = maxima
 * @throws PosekitError `E_RANK` / `E_SHAPE` / `E_DTYPE` / `E_EMPTY` for a bad tensor, `E_NONFINITE` for
 *   NaN / Infinity, `E_ARGUMENT` for an unknown `invalid` value
 * @throws PosekitError `E_ARGUMENT` when `options` is not an object or names an unknown option, or `out` is
 *   not an object
 */
export function getHeatmapMaximum(
  heatmaps: TensorLike<Float32Array>,
  options: HeatmapMaximumOptions = {},
  out?: HeatmapDecodeResult,
): HeatmapDecodeResult {
  const fn = 'getHeatmapMaximum';
  checkOptionKeys(fn, options, HEATMAP_MAXIMUM_OPTIONS);
  const { data, dims } = checkHeatmaps(fn, 'heatmaps', heatmaps);
  const invalid = checkOneOf(fn, 'options.invalid', options.invalid, ['mmpose', 'zero'] as const, 'mmpose');
  const bad = invalid === 'mmpose' ? -1 : 0;
  const { n, k, h, w } = dims;
  const hw = h * w;
  const res = prepareResult(fn, out, n, k);
  const kp = res.keypoints;
  const sc = res.scores;
  const idxs = scratchI32('argmax', n * k);
  argmaxRows(data, n * k, hw, idxs);
  for (let c = 0; c < n * k; c++) {
    const idx = idxs[c]!;
    if (idx < 0) throwNonFinite(fn, 'heatmaps', data, c * hw, hw, `instance ${(c / k) | 0}, keypoint ${c % k}`);
    const m = data[c * hw + idx]!;
    sc[c] = m;
    if (m > 0) {
      kp[2 * c] = idx % w;
      kp[2 * c + 1] = (idx / w) | 0;
    } else {
      kp[2 * c] = bad;
      kp[2 * c + 1] = bad;
    }
  }
  return res;
}
