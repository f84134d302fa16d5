/**
 * Box similarity of tfjs-models' `BoundingBoxTracker` (pose-detection `src/calculators/bounding_box_tracker.ts`,
 * `iou()`), on boxes stored as `x1, y1, x2, y2` at `off` in a flat array.
 *
 * Continuous coordinates (no +1 pixel, unlike `boxNms`'s default), and 0 when the boxes do not overlap with a
 * positive area (`xMin >= xMax || yMin >= yMax`), which also covers zero-area boxes: no NaN from 0 / 0.
 *
 * @internal
 * @module
 */

/** IoU of box `a` (at `ao`) and box `b` (at `bo`), tfjs `BoundingBoxTracker.iou`. @internal */
export function trackIou(a: ArrayLike<number>, ao: number, b: ArrayLike<number>, bo: number): number {
  const ax1 = a[ao]!;
  const ay1 = a[ao + 1]!;
  const ax2 = a[ao + 2]!;
  const ay2 = a[ao + 3]!;
  const bx1 = b[bo]!;
  const by1 = b[bo + 1]!;
  const bx2 = b[bo + 2]!;
  const by2 = b[bo + 3]!;
  const xMin = ax1 > bx1 ? ax1 : bx1;
  const yMin = ay1 > by1 ? ay1 : by1;
  const xMax = ax2 < bx2 ? ax2 : bx2;
  const yMax = ay2 < by2 ? ay2 : by2;
  if (xMin >= xMax || yMin >= yMax) return 0;
  const inter = (xMax - xMin) * (yMax - yMin);
  const areaA = (ax2 - ax1) * (ay2 - ay1);
  const areaB = (bx2 - bx1) * (by2 - by1);
  return inter / (areaA + areaB - inter);
}

/**
 * The box around the keypoints (`[x, y, score] × k` at `kpOff`) with a score `> thr`, written to `out` at
 * `outOff` as `x1, y1, x2, y2`; what `'box'` mode uses for a pose without `box`. Returns false (and writes
 * nothing) when no keypoint passes.
 *
 * @internal
 */
export function keypointBox(out: Float64Array, outOff: number, kp: ArrayLike<number>, kpOff: number, k: number, thr: number): boolean {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  let n = 0;
  for (let i = 0, o = kpOff; i < k; i++, o += 3) {
    if (kp[o + 2]! > thr) {
      const x = kp[o]!;
      const y = kp[o + 1]!;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
      n++;
    }
  }
  if (n === 0) return false;
  out[outOff] = x0;
  out[outOff + 1] = y0;
  out[outOff + 2] = x1;
  out[outOff + 3] = y1;
  return true;
}
