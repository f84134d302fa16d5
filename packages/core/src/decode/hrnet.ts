/**
 * HRNet / SimpleBaseline `get_final_preds`: argmax + quarter offset, back-projected to the image.
 *
 * @module
 */
import { transformPreds } from '../affine/index.js';
import { checkBool, checkOptionKeys } from '../option-keys.js';
import type { TensorLike } from '../tensor.js';
import { checkRows, storeInstance, throwDegenerate, throwImageOverflow, throwTooLarge } from './boxes.js';
import { quarterRefine } from './classic.js';
import { FLT_MAX, checkHeatmaps, checkNumber, exactF64, prepareResult, throwNonFinite } from './internal.js';
import { argmaxRows, scratchI32 } from './scan-rows.js';
import type { HeatmapDecodeResult } from './types.js';

/** Option names {@link decodeHrnetFinalPreds} accepts. */
const HRNET_OPTIONS = ['postProcess', 'pixelStd'] as const;

/** Options of {@link decodeHrnetFinalPreds}. */
export interface HrnetDecodeOptions {
  /** Apply the quarter-offset refinement (`config.TEST.POST_PROCESS`). Default true. */
  postProcess?: boolean;
  /** Pixels per scale unit (`pixel_std`). Default 200. */
  pixelStd?: number;
}

/**
 * Decode `[N, K, H, W]` heatmaps like HRNet `get_final_preds` (leoxiaobin/deep-high-resolution-net.pytorch
 * `lib/core/inference.py`, `transform_preds` in `lib/utils/transforms.py`):
 *
 * 1. First-index argmax; a maximum `<= 0` puts the keypoint at heatmap (0, 0) (`preds *= maxval > 0`).
 * 2. With `postProcess`: both axes move by `0.25 * sign(diff)` of the raw map only if `1 < x < W - 1` and
 *    `1 < y < H - 1`.
 * 3. `transform_preds`: the inverse of `get_affine_transform(center, scale * pixelStd, 0, [W, H])`
 *    (float32 points as the reference): `x = cx + (x_hm - W/2) · w / W`, `y = cy + (y_hm - H/2) · w / W`
 *    (HRNet scales both axes by the box width).
 *
 * @param heatmaps - `[N, K, H, W]` float32 heatmaps (an onnxruntime `Tensor` works as is)
 * @param centers - N box centres `[cx, cy]` in image pixels (flat `N*2` or nested)
 * @param scales - N box scales `[sw, sh]` in units of `pixelStd` (200 px), as HRNet's `_xywh2cs` makes them
 * @param options - see {@link HrnetDecodeOptions}
 * @param out - optional result to reuse
 * @returns keypoints in image pixels, scores = raw maxima (`maxvals`)
 * @throws PosekitError `E_RANK` / `E_SHAPE` / `E_DTYPE` / `E_EMPTY` (heatmaps; centre / scale lengths),
 *   `E_NONFINITE`, `E_RANGE` (degenerate scale, pixelStd), `E_ARGUMENT`
 * @throws PosekitError `E_RANGE` when a centre or scale lies beyond float32 max, `scale · pixelStd` does, or
 *   the image coordinates would (naming the offending value)
 * @throws PosekitError `E_ARGUMENT` when `options` is not an object or names an unknown option,
 *   `postProcess` is not a boolean, or `out` is not an object
 */
export function decodeHrnetFinalPreds(
  heatmaps: TensorLike<Float32Array>,
  centers: ArrayLike<number> | readonly (readonly number[])[],
  scales: ArrayLike<number> | readonly (readonly number[])[],
  options: HrnetDecodeOptions = {},
  out?: HeatmapDecodeResult,
): HeatmapDecodeResult {
  const fn = 'decodeHrnetFinalPreds';
  checkOptionKeys(fn, options, HRNET_OPTIONS);
  const { data, dims } = checkHeatmaps(fn, 'heatmaps', heatmaps);
  const { n, k, h, w } = dims;
  const ctr = checkRows(fn, 'centers', centers, n, 2, '[cx, cy] per instance');
  const scl = checkRows(fn, 'scales', scales, n, 2, '[sw, sh] per instance, pixelStd units');
  const pixelStd = checkNumber(fn, 'options.pixelStd', options.pixelStd, 200, 0);
  const lo = checkBool(fn, 'options.postProcess', options.postProcess, true) ? 1 : Infinity;
  const hw = h * w;
  const res = prepareResult(fn, out, n, k);
  const coords = exactF64('hrnet-coords', 2 * k);
  const img = exactF64('hrnet-img', 2 * k);
  const center = exactF64('hrnet-center', 2);
  const scale = exactF64('hrnet-scale', 2);
  const size = [w, h];
  const idxs = scratchI32('argmax', n * k);
  argmaxRows(data, n * k, hw, idxs);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < k; j++) {
      const c = i * k + j;
      const idx = idxs[c]!;
      if (idx < 0) throwNonFinite(fn, 'heatmaps', data, c * hw, hw, `instance ${i}, keypoint ${j}`);
      const m = data[c * hw + idx]!;
      res.scores[c] = m;
      quarterRefine(data, c * hw + idx, idx % w, (idx / w) | 0, m, w, h, lo, coords, 2 * j);
    }
    center[0] = ctr[2 * i]!;
    center[1] = ctr[2 * i + 1]!;
    scale[0] = scl[2 * i]! * pixelStd;
    scale[1] = scl[2 * i + 1]! * pixelStd;
    if (transformPreds(img, coords, center, scale, size) === null) {
      if (!(scl[2 * i]! > 0 && scl[2 * i + 1]! > 0)) throwDegenerate(fn, 'scales', i, `[${scl[2 * i]}, ${scl[2 * i + 1]}]`);
      if (!(scale[0]! <= FLT_MAX && scale[1]! <= FLT_MAX)) {
        throwTooLarge(fn, 'scales × pixelStd', i, `[${scl[2 * i]}, ${scl[2 * i + 1]}] × ${pixelStd} = [${scale[0]}, ${scale[1]}]`);
      }
      throwTooLarge(fn, 'centers / scales', i, `centre [${center[0]}, ${center[1]}], scale [${scl[2 * i]}, ${scl[2 * i + 1]}] × ${pixelStd}`);
    }
    if (!storeInstance(img, res.keypoints, i, k)) {
      throwImageOverflow(fn, res.keypoints, i, k, `centre [${center[0]}, ${center[1]}] with scale [${scl[2 * i]}, ${scl[2 * i + 1]}] × ${pixelStd}`);
    }
  }
  return res;
}
