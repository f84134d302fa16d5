/**
 * Person box -> (center, scale) conversions of MMPose, HRNet and AlphaPose. Batch-friendly: boxes are flat
 * arrays, 4 numbers per box; a "center-scale" array holds `cx, cy, sw, sh` per box.
 *
 * @module
 */
import { PosekitError, describeValue } from '../errors.js';
import { checkFiniteEntries, checkOut, isArrayLike } from './check.js';
import type { NumArray } from './matrix.js';
import { stepRounding } from './rounding.js';

/**
 * Check a flat box array (array-like, 4 finite numbers per box) and `out` (long enough); return the box count.
 * Every entry is checked before anything is written, so a bad box leaves `out` untouched.
 */
function boxCount(fn: string, name: string, boxes: ArrayLike<number>, out: NumArray): number {
  if (!isArrayLike(boxes)) {
    throw new PosekitError('E_ARGUMENT', `${fn}: ${name} must be a flat array of numbers, 4 per box; received ${describeValue(boxes)}`, {
      expected: 'flat array, 4 numbers per box',
      received: describeValue(boxes),
    });
  }
  if (boxes.length % 4 !== 0) {
    throw new PosekitError('E_SHAPE', `${fn}: ${name} must hold 4 numbers per box; received length ${boxes.length}`, {
      expected: 'length % 4 == 0',
      received: boxes.length,
    });
  }
  checkOut(fn, 'out', out, boxes.length);
  checkFiniteEntries(fn, name, boxes, boxes.length);
  return boxes.length / 4;
}

function checkPositive(fn: string, name: string, v: number): void {
  if (!(typeof v === 'number' && Number.isFinite(v) && v > 0)) {
    throw new PosekitError('E_RANGE', `${fn}: ${name} must be a finite number > 0; received ${describeValue(v)}`, { expected: '> 0', received: v });
  }
}

/**
 * MMPose `bbox_xyxy2cs`: `center = (x1 + x2, y1 + y2) / 2`, `scale = (x2 - x1, y2 - y1) * padding` (pixels).
 * Reference: open-mmlab/mmpose `mmpose/structures/bbox/transforms.py`.
 * Precision follows `out`: float32 steps into a `Float32Array` (numpy float32 boxes), double otherwise.
 *
 * @param out - receives `cx, cy, sw, sh` per box (may be `boxes`)
 * @param boxes - flat `x1, y1, x2, y2` per box
 * @param padding - scale multiplier (default 1; top-down configs use 1.25)
 * @returns out
 * @throws PosekitError `E_ARGUMENT` (`boxes` / `out` not an array), `E_SHAPE` (length not a multiple of 4, `out` too
 *   short), `E_NONFINITE` (a box coordinate), `E_RANGE` (padding not a finite number > 0)
 */
export function bboxXyxyToCs<T extends NumArray>(out: T, boxes: ArrayLike<number>, padding = 1): T {
  const n = boxCount('bboxXyxyToCs', 'boxes', boxes, out);
  checkPositive('bboxXyxyToCs', 'padding', padding);
  const r = stepRounding(out);
  const p = r(padding);
  for (let i = 0; i < n; i++) {
    const o = 4 * i;
    const x1 = r(boxes[o]!), y1 = r(boxes[o + 1]!), x2 = r(boxes[o + 2]!), y2 = r(boxes[o + 3]!);
    out[o] = r(r(x2 + x1) * 0.5);
    out[o + 1] = r(r(y2 + y1) * 0.5);
    out[o + 2] = r(r(x2 - x1) * p);
    out[o + 3] = r(r(y2 - y1) * p);
  }
  return out;
}

/**
 * MMPose `bbox_xywh2cs`: `center = (x + w/2, y + h/2)`, `scale = (w, h) * padding`.
 * Precision follows `out`: float32 steps into a `Float32Array` (numpy float32 boxes), double otherwise.
 *
 * @param out - receives `cx, cy, sw, sh` per box (may be `boxes`)
 * @param boxes - flat `x, y, w, h` per box
 * @param padding - scale multiplier (default 1)
 * @returns out
 * @throws PosekitError `E_ARGUMENT`, `E_SHAPE`, `E_NONFINITE` (a box entry), `E_RANGE` (a non-positive factor)
 */
export function bboxXywhToCs<T extends NumArray>(out: T, boxes: ArrayLike<number>, padding = 1): T {
  const n = boxCount('bboxXywhToCs', 'boxes', boxes, out);
  checkPositive('bboxXywhToCs', 'padding', padding);
  const r = stepRounding(out);
  const p = r(padding);
  for (let i = 0; i < n; i++) {
    const o = 4 * i;
    const x = r(boxes[o]!), y = r(boxes[o + 1]!), w = r(boxes[o + 2]!), h = r(boxes[o + 3]!);
    out[o] = r(x + w * 0.5);
    out[o + 1] = r(y + h * 0.5);
    out[o + 2] = r(w * p);
    out[o + 3] = r(h * p);
  }
  return out;
}

/**
 * MMPose `bbox_cs2xyxy`: `wh = scale / padding`, `(x1, y1) = center - wh/2`, `(x2, y2) = (x1, y1) + wh`.
 * Precision follows `out`: float32 steps into a `Float32Array` (numpy float32 boxes), double otherwise.
 *
 * @param out - receives `x1, y1, x2, y2` per box (may be `cs`)
 * @param cs - flat `cx, cy, sw, sh` per box
 * @param padding - the padding to divide out (default 1)
 * @returns out
 * @throws PosekitError `E_ARGUMENT`, `E_SHAPE`, `E_NONFINITE` (a box entry), `E_RANGE` (a non-positive factor)
 */
export function bboxCsToXyxy<T extends NumArray>(out: T, cs: ArrayLike<number>, padding = 1): T {
  const n = boxCount('bboxCsToXyxy', 'cs', cs, out);
  checkPositive('bboxCsToXyxy', 'padding', padding);
  const r = stepRounding(out);
  const p = r(padding);
  for (let i = 0; i < n; i++) {
    const o = 4 * i;
    const w = r(r(cs[o + 2]!) / p), h = r(r(cs[o + 3]!) / p);
    const x1 = r(r(cs[o]!) - 0.5 * w), y1 = r(r(cs[o + 1]!) - 0.5 * h);
    out[o] = x1;
    out[o + 1] = y1;
    // The reference adds wh to the rounded corner (not center + wh/2): the far corner carries x1's rounding.
    out[o + 2] = r(x1 + w);
    out[o + 3] = r(y1 + h);
  }
  return out;
}

/**
 * MMPose `TopdownAffine._fix_aspect_ratio`: with `r = aspectRatio` (input width / height), a scale `(w, h)` becomes
 * `(w, w / r)` if `w > h * r` (strict) else `(h * r, h)`. Centers are copied. Precision follows `out` (float32
 * steps, `r` rounded to float32 first, into a `Float32Array`; double otherwise).
 *
 * @param out - receives `cx, cy, sw, sh` per box (may be `cs`)
 * @param cs - flat `cx, cy, sw, sh` per box
 * @param aspectRatio - model input width / height, e.g. `192 / 256`
 * @returns out
 * @throws PosekitError `E_ARGUMENT`, `E_SHAPE`, `E_NONFINITE` (an entry of `cs`), `E_RANGE` (aspect ratio not a
 *   finite number > 0)
 */
export function fixAspectRatio<T extends NumArray>(out: T, cs: ArrayLike<number>, aspectRatio: number): T {
  const n = boxCount('fixAspectRatio', 'cs', cs, out);
  checkPositive('fixAspectRatio', 'aspectRatio', aspectRatio);
  const r = stepRounding(out);
  const ar = r(aspectRatio);
  for (let i = 0; i < n; i++) {
    const o = 4 * i;
    const w = r(cs[o + 2]!), h = r(cs[o + 3]!);
    out[o] = cs[o]!;
    out[o + 1] = cs[o + 1]!;
    const hw = r(h * ar);
    if (w > hw) {
      out[o + 2] = w;
      out[o + 3] = r(w / ar);
    } else {
      out[o + 2] = hw;
      out[o + 3] = h;
    }
  }
  return out;
}

function xywhToCsCommon(fn: string, out: NumArray, boxes: ArrayLike<number>, aspectRatio: number, pixelStd: number, scaleMult: number, xyxy: boolean): void {
  const n = boxCount(fn, 'boxes', boxes, out);
  checkPositive(fn, 'aspectRatio', aspectRatio);
  checkPositive(fn, 'pixelStd', pixelStd);
  checkPositive(fn, 'scaleMult', scaleMult);
  for (let i = 0; i < n; i++) {
    const o = 4 * i;
    const x = boxes[o]!, y = boxes[o + 1]!;
    let w = boxes[o + 2]!, h = boxes[o + 3]!;
    if (xyxy) {
      w -= x;
      h -= y;
    }
    // The references store the center in a float32 array (`np.zeros(2, dtype=np.float32)`).
    const cx = Math.fround(x + w * 0.5);
    const cy = Math.fround(y + h * 0.5);
    if (w > aspectRatio * h) h = w / aspectRatio;
    else if (w < aspectRatio * h) w = h * aspectRatio;
    // float32 like the references' `np.array([...], dtype=np.float32)` and the float32 array product after it.
    let sw = Math.fround(w / pixelStd), sh = Math.fround(h / pixelStd);
    // Quirk kept from both references: no scale multiplier when center.x is exactly -1 (their "invalid box" marker).
    if (cx !== -1) {
      sw = Math.fround(sw * scaleMult);
      sh = Math.fround(sh * scaleMult);
    }
    out[o] = cx;
    out[o + 1] = cy;
    out[o + 2] = sw;
    out[o + 3] = sh;
  }
}

/**
 * HRNet / SimpleBaseline `COCODataset._xywh2cs`: center `(x + w/2, y + h/2)`; the box is grown to `aspectRatio`
 * (`w > r h`: `h = w / r`; `w < r h`: `w = h r`), scale = `(w, h) / pixelStd * scaleMult` in units of `pixelStd`
 * (200 px). As in the reference the multiplier is skipped when `cx == -1`.
 * Reference: leoxiaobin/deep-high-resolution-net.pytorch `lib/dataset/coco.py`.
 *
 * @param out - receives `cx, cy, sw, sh` per box (scale in 200-px units by default)
 * @param boxes - flat `x, y, w, h` per box
 * @param aspectRatio - input width / height (`IMAGE_SIZE[0] / IMAGE_SIZE[1]`, e.g. 0.75)
 * @param pixelStd - scale unit in pixels (default 200)
 * @param scaleMult - padding factor (default 1.25)
 * @returns out
 * @throws PosekitError `E_ARGUMENT`, `E_SHAPE`, `E_NONFINITE` (a box entry), `E_RANGE` (a non-positive factor)
 */
export function xywhToCs<T extends NumArray>(out: T, boxes: ArrayLike<number>, aspectRatio: number, pixelStd = 200, scaleMult = 1.25): T {
  xywhToCsCommon('xywhToCs', out, boxes, aspectRatio, pixelStd, scaleMult, false);
  return out;
}

/**
 * AlphaPose `_box_to_center_scale` as `SimpleTransform` calls it (`xmin, ymin, xmax - xmin, ymax - ymin`):
 * the HRNet rule with `pixel_std = 1` (scale in pixels) and `scale_mult = 1.25`.
 * Reference: MVIG-SJTU/AlphaPose `alphapose/utils/bbox.py`.
 *
 * @param out - receives `cx, cy, sw, sh` per box (pixels)
 * @param boxes - flat `x1, y1, x2, y2` per box
 * @param aspectRatio - input width / height (e.g. 192 / 256)
 * @param scaleMult - padding factor (default 1.25)
 * @returns out
 * @throws PosekitError `E_ARGUMENT`, `E_SHAPE`, `E_NONFINITE` (a box entry), `E_RANGE` (a non-positive factor)
 */
export function boxToCenterScale<T extends NumArray>(out: T, boxes: ArrayLike<number>, aspectRatio: number, scaleMult = 1.25): T {
  xywhToCsCommon('boxToCenterScale', out, boxes, aspectRatio, 1, scaleMult, true);
  return out;
}

/**
 * AlphaPose `_center_scale_to_box`: the padded box `(cx - sw/2, cy - sh/2, x1 + sw, y1 + sh)` that AlphaPose
 * passes on as the crop box (and to `heatmap_to_coord_*` as `bbox`).
 *
 * @param out - receives `x1, y1, x2, y2` per box (may be `cs`)
 * @param cs - flat `cx, cy, sw, sh` per box (pixels)
 * @returns out
 * @throws PosekitError `E_ARGUMENT`, `E_SHAPE`, `E_NONFINITE` (an entry of `cs`)
 */
export function centerScaleToBox<T extends NumArray>(out: T, cs: ArrayLike<number>): T {
  const n = boxCount('centerScaleToBox', 'cs', cs, out);
  for (let i = 0; i < n; i++) {
    const o = 4 * i;
    const w = cs[o + 2]!, h = cs[o + 3]!;
    const x1 = cs[o]! - w * 0.5, y1 = cs[o + 1]! - h * 0.5;
    out[o] = x1;
    out[o + 1] = y1;
    out[o + 2] = x1 + w;
    out[o + 3] = y1 + h;
  }
  return out;
}
