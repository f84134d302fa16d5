/**
 * Mapping predictions from model-input / heatmap pixels back to image pixels, per reference.
 *
 * @module
 */
import { PosekitError } from '../errors.js';
import { checkArray, checkFiniteEntries, checkPoints, checkVec2 } from './check.js';
import type { NumArray, Vec2Like } from './matrix.js';
import { transformPoints } from './matrix.js';
import { stepRounding } from './rounding.js';
import { getWarpMatrix } from './warp.js';

/**
 * MMPose top-down back-projection (`TopdownPoseEstimator.add_pred_to_datasample`):
 * `kp_img = kp_input / inputSize * scale + center - scale / 2`. Rotation is not undone (inference uses none).
 * Precision follows `out`: each step rounded to float32 into a `Float32Array` (float32 keypoints and boxes), double
 * otherwise.
 * Decoders that return heatmap coordinates already scaled to the input size (MMPose codecs do) feed this directly.
 * Reference: open-mmlab/mmpose `mmpose/models/pose_estimators/topdown.py`.
 *
 * @param out - receiving flat points (may be `keypoints`)
 * @param keypoints - flat points in model-input pixels, `stride` numbers per point (x, y first)
 * @param center - crop center `[cx, cy]` (image pixels)
 * @param scale - crop size `[w, h]` (image pixels, after padding and aspect fix)
 * @param inputSize - model input `[W, H]`
 * @param stride - numbers per point (default 2; 3 for x, y, score: the rest is copied)
 * @returns out (a NaN keypoint, "missing", comes out as NaN)
 * @throws PosekitError `E_ARGUMENT` (an argument not an array), `E_SHAPE` (lengths), `E_NONFINITE` (`center`,
 *   `scale`, `inputSize`), `E_RANGE` (stride not an integer >= 2, non-positive input size)
 */
export function topdownBackProject<T extends NumArray>(out: T, keypoints: ArrayLike<number>, center: Vec2Like, scale: Vec2Like, inputSize: Vec2Like, stride = 2): T {
  const fn = 'topdownBackProject';
  const n = checkPoints(fn, 'keypoints', out, keypoints, stride);
  checkVec2(fn, 'center', center, '[cx, cy]');
  checkVec2(fn, 'scale', scale, '[w, h]');
  checkVec2(fn, 'inputSize', inputSize, '[W, H]');
  const W = inputSize[0]!, H = inputSize[1]!;
  if (!(W > 0 && H > 0)) throw new PosekitError('E_RANGE', `${fn}: inputSize must be positive; received [${W}, ${H}]`, { expected: '[W > 0, H > 0]', received: [W, H] });
  const same = (out as unknown) === keypoints;
  // Float32 keypoints, centre and scale (MMPose's arrays) round every step like numpy; double otherwise.
  const r = stepRounding(out);
  const sw = r(scale[0]!), sh = r(scale[1]!), cx = r(center[0]!), cy = r(center[1]!);
  const hx = r(0.5 * sw), hy = r(0.5 * sh), fw = r(W), fh = r(H);
  for (let i = 0, o = 0; i < n; i++, o += stride) {
    out[o] = r(r(r(r(keypoints[o]! / fw) * sw) + cx) - hx);
    out[o + 1] = r(r(r(r(keypoints[o + 1]! / fh) * sh) + cy) - hy);
    if (!same) for (let j = 2; j < stride; j++) out[o + j] = keypoints[o + j]!;
  }
  return out;
}

const TMP = new Float64Array(6);
// Reused centre / size of alphaposeBackProject: keeps it allocation-free.
const BOX_C = new Float64Array(2);
const BOX_S = new Float64Array(2);
const NO_SHIFT: readonly [number, number] = Object.freeze([0, 0]) as readonly [number, number];

/**
 * HRNet / AlphaPose `transform_preds`: heatmap coordinates -> image pixels through the inverse crop matrix
 * `get_affine_transform(center, scale, 0, outputSize, inv=1)` (float32 points, as the references). Net effect:
 * `x = cx + (x_hm - W/2) · w / W`, `y = cy + (y_hm - H/2) · w / W` (the width sets both axes' scale; the height is
 * not used, as in the references).
 * References: leoxiaobin/deep-high-resolution-net.pytorch `lib/utils/transforms.py`; MVIG-SJTU/AlphaPose
 * `alphapose/utils/transforms.py`.
 *
 * @param out - receiving flat points (may be `coords`)
 * @param coords - flat heatmap coordinates, `stride` numbers per point
 * @param center - `[cx, cy]` image pixels
 * @param scale - `[w, h]` in **pixels** (HRNet: its 200-px scale × 200; AlphaPose: the padded box size)
 * @param outputSize - heatmap size `[W, H]`
 * @param stride - numbers per point (default 2)
 * @returns out, or `null` when the box is degenerate (width `<= 0`, or a non-positive `outputSize`)
 * @throws PosekitError `E_ARGUMENT` (an argument not an array), `E_SHAPE` (lengths), `E_NONFINITE` (`center`,
 *   `scale`, `outputSize`), `E_RANGE` (stride not an integer >= 2)
 */
export function transformPreds<T extends NumArray>(out: T, coords: ArrayLike<number>, center: Vec2Like, scale: Vec2Like, outputSize: Vec2Like, stride = 2): T | null {
  const fn = 'transformPreds';
  checkPoints(fn, 'coords', out, coords, stride);
  checkVec2(fn, 'center', center, '[cx, cy]');
  checkVec2(fn, 'scale', scale, '[w, h]');
  checkVec2(fn, 'outputSize', outputSize, '[W, H]');
  if (getWarpMatrix(TMP, center, scale, 0, outputSize, NO_SHIFT, true, 'hrnet') === null) return null;
  return transformPoints(out, TMP, coords, stride);
}

/**
 * AlphaPose `heatmap_to_coord_simple` back-projection step: center and size are taken from the (padded) crop box
 * `bbox = [x1, y1, x2, y2]` (`_center_scale_to_box` output) and {@link transformPreds} is applied.
 *
 * @param out - receiving flat points (may be `coords`)
 * @param coords - flat heatmap coordinates, `stride` numbers per point
 * @param bbox - crop box `[x1, y1, x2, y2]` (image pixels)
 * @param heatmapSize - `[W, H]`
 * @param stride - numbers per point (default 2)
 * @returns out, or `null` for a degenerate box (`x2 <= x1`; the height is not used, see {@link transformPreds})
 * @throws PosekitError as {@link transformPreds}; `E_ARGUMENT` / `E_SHAPE` / `E_NONFINITE` for `bbox`
 */
export function alphaposeBackProject<T extends NumArray>(out: T, coords: ArrayLike<number>, bbox: ArrayLike<number>, heatmapSize: Vec2Like, stride = 2): T | null {
  const fn = 'alphaposeBackProject';
  checkArray(fn, 'bbox', bbox, 4, '[x1, y1, x2, y2]');
  checkFiniteEntries(fn, 'bbox', bbox, 4);
  checkVec2(fn, 'heatmapSize', heatmapSize, '[W, H]');
  const w = bbox[2]! - bbox[0]!, h = bbox[3]! - bbox[1]!;
  BOX_C[0] = bbox[0]! + w * 0.5;
  BOX_C[1] = bbox[1]! + h * 0.5;
  BOX_S[0] = w;
  BOX_S[1] = h;
  return transformPreds(out, coords, BOX_C, BOX_S, heatmapSize, stride);
}
