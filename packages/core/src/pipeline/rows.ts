/**
 * Reading detector and one-stage model outputs into candidate rows (boxes in model-input pixels, scores,
 * keypoints), before NMS and before undoing the letterbox. Pure functions over typed arrays.
 *
 * @module
 */
import { PosekitError } from '../errors.js';
import type { TensorLike } from '../tensor.js';
import { checkFloat32Tensor } from '../tensor.js';

/** Candidates read from a model output, in model-input pixels. */
export interface Candidates {
  /** Number of candidates. */
  n: number;
  /** Boxes `x1, y1, x2, y2` per candidate, length `4n`. */
  boxes: Float32Array;
  /** Scores, length `n`. */
  scores: Float32Array;
  /** Class ids, length `n` (detectors; 0 for single-class models). */
  labels: Int32Array;
  /** Keypoints `x, y, score` per candidate (`3Kn`), one-stage pose models only. */
  keypoints?: Float32Array;
  /** Keypoints per candidate (0 for detectors). */
  k: number;
}

/** Options of {@link decodeYoloPoseRows}. */
export interface YoloPoseRowsOptions {
  /** Keep rows whose person score is `> scoreThreshold` (Ultralytics `conf`, default 0.25; strict `>`). */
  scoreThreshold?: number;
}

/**
 * Read Ultralytics YOLO-pose output `[1, 5 + 3K, A]` (channel-major: row `a` is the strided column
 * `data[c * A + a]`, read in place without transposing) into candidates above the score threshold.
 * Row layout: `cx, cy, w, h, score, (x, y, v) × K`, all already decoded to model-input pixels and
 * sigmoid scores. Reference: `ultralytics/utils/nms.py` `non_max_suppression` (`xc = score > conf`,
 * `xywh2xyxy`).
 *
 * @param output - the `output0` tensor `[1, 5 + 3K, A]`
 * @param options - score threshold
 * @returns candidates (boxes xyxy, scores, keypoints) in model-input pixels, in anchor order
 * @throws PosekitError `E_DTYPE` / `E_RANK` / `E_SHAPE` for a tensor of the wrong kind
 */
export function decodeYoloPoseRows(output: TensorLike<Float32Array>, options: YoloPoseRowsOptions = {}): Candidates {
  const fn = 'decodeYoloPoseRows';
  const t = checkFloat32Tensor(fn, 'output', output, ['1', 'C', 'A'], true);
  const [b, c, a] = t.dims as [number, number, number];
  if (b !== 1 || c < 5 || (c - 5) % 3 !== 0) {
    throw new PosekitError('E_SHAPE', `${fn}: output must be [1, 5 + 3K, A]; received [${t.dims.join(', ')}]`, { expected: '[1, 5 + 3K, A]', received: t.dims });
  }
  const thr = options.scoreThreshold ?? 0.25;
  const k = (c - 5) / 3;
  const d = t.data;
  // Pass 1: count, so the outputs are allocated once at their exact size.
  const sOff = 4 * a;
  let n = 0;
  for (let i = 0; i < a; i++) if (d[sOff + i]! > thr) n++;
  const boxes = new Float32Array(4 * n);
  const scores = new Float32Array(n);
  const labels = new Int32Array(n);
  const keypoints = new Float32Array(3 * k * n);
  let j = 0;
  for (let i = 0; i < a; i++) {
    const s = d[sOff + i]!;
    if (!(s > thr)) continue;
    const cx = d[i]!;
    const cy = d[a + i]!;
    const hw = d[2 * a + i]! / 2;
    const hh = d[3 * a + i]! / 2;
    boxes[4 * j] = cx - hw;
    boxes[4 * j + 1] = cy - hh;
    boxes[4 * j + 2] = cx + hw;
    boxes[4 * j + 3] = cy + hh;
    scores[j] = s;
    const ko = 3 * k * j;
    for (let q = 0; q < 3 * k; q++) keypoints[ko + q] = d[(5 + q) * a + i]!;
    j++;
  }
  return { n, boxes, scores, labels, keypoints, k };
}

/** Options of {@link decodeYoloxHead}. */
export interface YoloxHeadOptions {
  /** Model input width, pixels (defines the grid). */
  inputWidth: number;
  /** Model input height, pixels. */
  inputHeight: number;
  /** Strides of the head levels, in output row order (default `[8, 16, 32]`). */
  strides?: readonly number[];
  /** Class to keep (COCO person = 0, default 0). */
  classId?: number;
  /** Keep rows whose `obj × cls` is `>= scoreThreshold` (YOLOX `postprocess` `conf_thre`, default 0.3). */
  scoreThreshold?: number;
}

/**
 * Decode a YOLOX raw head `[1, A, 5 + C]` (`tx, ty, tw, th, obj, cls...`, obj and cls already sigmoided) for one
 * class: `x = (tx + gx)·s`, `y = (ty + gy)·s`, `w = exp(tw)·s`, `h = exp(th)·s`, score = `obj × cls[classId]`.
 * Reference: `Megvii-BaseDetection/YOLOX` `yolox/utils/demo_utils.py` `demo_postprocess` (grid row-major per
 * level, levels in stride order) and `yolox/utils/boxes.py` `postprocess` (`score >= conf_thre`).
 *
 * @param output - the raw head tensor
 * @param options - input size, strides, class and threshold
 * @returns candidates (boxes xyxy in model-input pixels), not yet NMSed
 * @throws PosekitError `E_SHAPE` when the row count does not match the grid of `strides`
 */
export function decodeYoloxHead(output: TensorLike<Float32Array>, options: YoloxHeadOptions): Candidates {
  const fn = 'decodeYoloxHead';
  const t = checkFloat32Tensor(fn, 'output', output, ['1', 'A', '5+C'], true);
  const [b, a, c] = t.dims as [number, number, number];
  const strides = options.strides ?? [8, 16, 32];
  const cls = options.classId ?? 0;
  let grid = 0;
  for (const s of strides) grid += Math.floor(options.inputHeight / s) * Math.floor(options.inputWidth / s);
  if (b !== 1 || a !== grid || c < 6 || cls < 0 || cls >= c - 5) {
    throw new PosekitError(
      'E_SHAPE',
      `${fn}: output must be [1, ${grid}, 5 + C] for a ${options.inputWidth}x${options.inputHeight} input with strides [${strides.join(', ')}] and class ${cls} < C; received [${t.dims.join(', ')}]`,
      { expected: [1, grid, '5 + C'], received: t.dims },
    );
  }
  const thr = options.scoreThreshold ?? 0.3;
  const d = t.data;
  let n = 0;
  for (let i = 0; i < a; i++) if (d[i * c + 4]! * d[i * c + 5 + cls]! >= thr) n++;
  const boxes = new Float32Array(4 * n);
  const scores = new Float32Array(n);
  const labels = new Int32Array(n).fill(cls);
  let j = 0;
  let row = 0;
  for (const s of strides) {
    const gw = Math.floor(options.inputWidth / s);
    const gh = Math.floor(options.inputHeight / s);
    for (let gy = 0; gy < gh; gy++) {
      for (let gx = 0; gx < gw; gx++, row++) {
        const o = row * c;
        const score = d[o + 4]! * d[o + 5 + cls]!;
        if (!(score >= thr)) continue;
        const cx = (d[o]! + gx) * s;
        const cy = (d[o + 1]! + gy) * s;
        const w = Math.exp(d[o + 2]!) * s;
        const h = Math.exp(d[o + 3]!) * s;
        boxes[4 * j] = cx - w / 2;
        boxes[4 * j + 1] = cy - h / 2;
        boxes[4 * j + 2] = cx + w / 2;
        boxes[4 * j + 3] = cy + h / 2;
        scores[j] = score;
        j++;
      }
    }
  }
  return { n, boxes, scores, labels, k: 0 };
}

/** Options of {@link readEnd2EndDetections}. */
export interface End2EndOptions {
  /** Keep detections with score `>= scoreThreshold` (default 0.3). */
  scoreThreshold?: number;
  /** Keep only this label (default 0 = person; `-1` keeps all). */
  classId?: number;
}

/**
 * Read MMDeploy end2end detector outputs `dets [1, D, 5]` (`x1, y1, x2, y2, score` in model-input pixels, NMS
 * already applied) and `labels [1, D]` (int64 or int32) into candidates above the threshold.
 * Reference: `open-mmlab/mmdeploy` `mmdeploy/codebase/mmdet/deploy/object_detection_model.py` (`End2EndModel`).
 *
 * @param dets - `[1, D, 5]` float32
 * @param labels - `[1, D]` class ids (BigInt64Array / Int32Array / Float32Array)
 * @param options - score threshold and class filter
 */
export function readEnd2EndDetections(
  dets: TensorLike<Float32Array>,
  labels: { readonly data: ArrayLike<number | bigint>; readonly dims: readonly number[] } | undefined,
  options: End2EndOptions = {},
): Candidates {
  const fn = 'readEnd2EndDetections';
  const t = checkFloat32Tensor(fn, 'dets', dets, ['1', 'D', '5'], true);
  const [b, dn, five] = t.dims as [number, number, number];
  if (b !== 1 || five !== 5) {
    throw new PosekitError('E_SHAPE', `${fn}: dets must be [1, D, 5]; received [${t.dims.join(', ')}]`, { expected: '[1, D, 5]', received: t.dims });
  }
  const lab = labels?.data;
  if (lab !== undefined && lab.length !== dn) {
    throw new PosekitError('E_SHAPE', `${fn}: labels must have D = ${dn} entries; received ${lab.length}`, { expected: dn, received: lab.length });
  }
  const thr = options.scoreThreshold ?? 0.3;
  const want = options.classId ?? 0;
  const d = t.data;
  const label = (i: number): number => (lab === undefined ? 0 : Number(lab[i]!));
  const keep = (i: number): boolean => d[5 * i + 4]! >= thr && (want < 0 || label(i) === want);
  let n = 0;
  for (let i = 0; i < dn; i++) if (keep(i)) n++;
  const boxes = new Float32Array(4 * n);
  const scores = new Float32Array(n);
  const labels32 = new Int32Array(n);
  let j = 0;
  for (let i = 0; i < dn; i++) {
    if (!keep(i)) continue;
    boxes.set(d.subarray(5 * i, 5 * i + 4), 4 * j);
    scores[j] = d[5 * i + 4]!;
    labels32[j] = label(i);
    j++;
  }
  return { n, boxes, scores, labels: labels32, k: 0 };
}
