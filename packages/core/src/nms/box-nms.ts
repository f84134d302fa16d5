/**
 * Greedy box non-maximum suppression.
 *
 * Reference: open-mmlab/mmpose @ 759b39c1, `mmpose/evaluation/functional/nms.py` (`nms`): widths, heights and
 * areas use the +1 pixel convention (`x2 − x1 + 1`) and boxes with IoU `<= thr` are kept. With `offset: 0`
 * it follows torchvision's `ops.nms` instead (continuous coordinates, suppress IoU `> thr`), the convention of
 * ultralytics / YOLO pipelines. Restated in shared/spec/metrics-and-nms.md §5.
 *
 * @module
 */
import { checkOptionKeys } from '../option-keys.js';
import { checkArray, checkFinite, checkList, checkNumber, fail } from './validate.js';

/** Options of {@link boxNms}. */
export interface BoxNmsOptions {
  /**
   * Added to widths and heights. `1` (default): MMPose / the classic pixel-inclusive convention, keep IoU
   * `<= thr`. `0`: torchvision / ultralytics (continuous boxes), suppress IoU `> thr` (the two differ only for
   * a NaN IoU of two zero-area boxes: MMPose suppresses, torchvision keeps).
   */
  offset?: 0 | 1;
}

/**
 * Greedy box NMS: visit boxes by score (descending; ties by descending index, numpy's
 * `argsort()[::-1]` for n ≤ 16), keep a box, suppress the later ones overlapping it by more than `iouThr`.
 * Arithmetic in float64 (MMPose's dets are float64). An empty input gives an empty list.
 *
 * @param boxes - N*4 as x1, y1, x2, y2 (pixels)
 * @param scores - N
 * @param iouThr - IoU threshold in [0, 1] (MMPose top-down: 0.9 for OKS, boxes usually 0.5–0.7)
 * @param options - `offset` 1 (MMPose, default) or 0 (torchvision / YOLO)
 * @returns kept indices in pick order
 * @throws PosekitError E_SHAPE (boxes not 4 per score), E_NONFINITE, E_RANGE (iouThr outside [0, 1]), E_ARGUMENT
 *   (not an array, options not an object, unknown option name, offset not 0 or 1)
 */
export function boxNms(boxes: ArrayLike<number>, scores: ArrayLike<number>, iouThr: number, options?: BoxNmsOptions): Int32Array {
  const fn = 'boxNms';
  const n = checkList(fn, 'scores', scores, '[N]').length;
  checkArray(fn, 'boxes', boxes, n * 4, `[N*4] = ${n}*4 (x1, y1, x2, y2; one box per score)`);
  checkNumber(fn, 'iouThr', iouThr, 0, 1);
  checkOptionKeys(fn, options, ['offset']);
  const offset = options?.offset ?? 1;
  if (offset !== 0 && offset !== 1) fail('E_ARGUMENT', fn, 'options.offset must be 0 or 1', offset);
  checkFinite(fn, 'boxes', boxes);
  checkFinite(fn, 'scores', scores);
  if (n === 0) return new Int32Array(0);
  const areas = new Float64Array(n);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    areas[i] = (boxes[i * 4 + 2]! - boxes[i * 4]! + offset) * (boxes[i * 4 + 3]! - boxes[i * 4 + 1]! + offset);
    order[i] = i;
  }
  order.sort((a, b) => scores[b]! - scores[a]! || b - a);
  const suppressed = new Uint8Array(n);
  const keep = new Int32Array(n);
  let nKeep = 0;
  const torchvision = offset === 0;
  for (let t = 0; t < n; t++) {
    const i = order[t]!;
    if (suppressed[i] === 1) continue;
    keep[nKeep++] = i;
    const ix1 = boxes[i * 4]!;
    const iy1 = boxes[i * 4 + 1]!;
    const ix2 = boxes[i * 4 + 2]!;
    const iy2 = boxes[i * 4 + 3]!;
    const ai = areas[i]!;
    for (let u = t + 1; u < n; u++) {
      const j = order[u]!;
      if (suppressed[j] === 1) continue;
      const xx1 = Math.max(ix1, boxes[j * 4]!);
      const yy1 = Math.max(iy1, boxes[j * 4 + 1]!);
      const xx2 = Math.min(ix2, boxes[j * 4 + 2]!);
      const yy2 = Math.min(iy2, boxes[j * 4 + 3]!);
      const w = Math.max(0, xx2 - xx1 + offset);
      const h = Math.max(0, yy2 - yy1 + offset);
      const inter = w * h;
      const ovr = inter / (ai + areas[j]! - inter);
      if (torchvision ? ovr > iouThr : !(ovr <= iouThr)) suppressed[j] = 1;
    }
  }
  return keep.slice(0, nKeep);
}
