/**
 * Loading a COCO keypoint results list as pycocotools' `COCO.loadRes` does (cocodataset/cocoapi @ 8c9bcc3c
 * `PythonAPI/pycocotools/coco.py`; shared/spec/metrics-and-nms.md §3 "loadRes"), with validation.
 *
 * @module
 */
import { PosekitError } from '@posekit/core';
import { checkOptions, stringOption } from '../options.js';
import type { CocoDataset } from './dataset.js';
import { checkCocoDataset, markLoaded } from './loaded.js';
import { asRecord, fieldError, numArrayField, numField, parseJson, precheckKeypointLengths, prefix, type Where } from './validate.js';

/** A loaded results list (detections) as structure-of-arrays, in list order. Build it with {@link loadCocoResults}. */
export interface CocoResults {
  /** File name given to the loader, if any. */
  readonly file?: string;
  /** Number of results. */
  readonly count: number;
  /** Keypoints per result K. */
  readonly numKeypoints: number;
  /**
   * Which loadRes branch was taken, chosen by the **first** result only: `bbox` when it carries a non-empty
   * `bbox` (area = w·h), else `keypoints` (area and box from the extent of all K keypoints).
   */
  readonly branch: 'keypoints' | 'bbox';
  /** Ids assigned by loadRes: 1-based position in the list. */
  readonly id: Float64Array;
  /** `image_id` of each result. */
  readonly imageId: Float64Array;
  /** `category_id` of each result. */
  readonly categoryId: Float64Array;
  /** `score` of each result. */
  readonly score: Float64Array;
  /** Flat keypoints, `count × 3K` (x, y, score). */
  readonly keypoints: Float64Array;
  /** Area derived by loadRes, pixels² (used for the area-range ignore of unmatched detections). */
  readonly area: Float64Array;
  /** Box `[x, y, w, h] × count`: the given bbox (bbox branch) or the keypoint extent. */
  readonly bbox: Float64Array;
}

/** Options of {@link loadCocoResults}. */
export interface LoadCocoResultsOptions {
  /** File name used in error messages. */
  file?: string;
}

/**
 * Load and validate a COCO keypoint results list against its ground truth, with loadRes semantics:
 * - the branch is chosen by the first result: a non-empty `bbox` gives area = w·h (and then every result
 *   needs a 4-number `bbox`); otherwise area = (x1 − x0)·(y1 − y0) over the extent of **all** K keypoints,
 *   including (0, 0) points and zero-score points;
 * - ids are the 1-based positions in the list; any `id`/`area` fields in the input are overwritten;
 * - every `image_id` must be a GT image.
 *
 * Deviation: an empty list means "no detections" (pycocotools raises an IndexError on `anns[0]`). Results
 * whose first entry has a `segmentation` but no `bbox` (pycocotools' mask branch) are rejected (E_FIELD).
 *
 * @param list - the results as JSON text or as an array of objects
 * @param dataset - the GT the results belong to (for image ids and K)
 * @param options - `file` for messages
 * @returns the results as typed arrays
 * @throws PosekitError E_PARSE, E_FIELD (not an array, missing field, wrong type), E_NONFINITE,
 *   E_LAYOUT_MISMATCH (keypoints not 3K numbers), E_UNKNOWN_ID (image id not in the GT)
 * @throws PosekitError E_RANGE for a negative bbox width / height (bbox branch)
 * @throws PosekitError E_ARGUMENT when `dataset` is not a {@link CocoDataset} (e.g. a raw COCO dict: load it
 *   with {@link loadCocoDataset} first), or `options` is not an object, names an unknown option or `file`
 *   is not a string
 */
export function loadCocoResults(list: string | readonly unknown[], dataset: CocoDataset, options: LoadCocoResultsOptions = {}): CocoResults {
  const fn = 'loadCocoResults';
  const opts = checkOptions(fn, options, ['file']);
  const where: Where = { fn, file: stringOption(fn, 'options.file', opts['file']) };
  checkCocoDataset(fn, dataset);
  const anns = typeof list === 'string' ? parseJson(where, list) : list;
  if (!Array.isArray(anns)) {
    throw new PosekitError('E_FIELD', `${prefix(where)}results must be a JSON array of result objects; received ${anns === null ? 'null' : typeof anns}`, { file: where.file, received: typeof anns });
  }
  const n = anns.length;
  let k = dataset.numKeypoints;
  let branch: 'keypoints' | 'bbox' = 'keypoints';
  if (n > 0) {
    const first = asRecord(where, 'results[0]', anns[0]);
    const bb = first['bbox'];
    if (bb !== undefined && !(Array.isArray(bb) && bb.length === 0)) branch = 'bbox';
    else if (first['segmentation'] !== undefined && first['keypoints'] === undefined) {
      throw new PosekitError('E_FIELD', `${prefix(where)}results[0]: segmentation results are not supported (keypoint evaluation needs "keypoints")`, { file: where.file, item: 'results[0]', field: 'keypoints' });
    }
    if (k === 0) {
      const kp = first['keypoints'];
      if (Array.isArray(kp) && kp.length > 0 && kp.length % 3 === 0) k = kp.length / 3;
      else {
        throw new PosekitError('E_LAYOUT_MISMATCH', `${prefix(where)}results[0]: field "keypoints" must hold 3·K numbers; received ${Array.isArray(kp) ? `${kp.length} numbers` : typeof kp}`, { file: where.file, item: 'results[0]', field: 'keypoints' });
      }
    }
  }
  const k3 = 3 * k;
  const kpWhat = `3·K = ${k3} numbers (K = ${k} keypoints, as in the ground truth)`;
  precheckKeypointLengths(where, anns, 'results', k3, kpWhat);
  const id = new Float64Array(n);
  const imageId = new Float64Array(n);
  const categoryId = new Float64Array(n);
  const score = new Float64Array(n);
  const keypoints = new Float64Array(n * k3);
  const area = new Float64Array(n);
  const bbox = new Float64Array(n * 4);
  for (let i = 0; i < n; i++) {
    const item = `results[${i}]`;
    const rec = asRecord(where, item, anns[i]);
    const img = numField(where, item, rec, 'image_id', { integer: true });
    if (!dataset.imageIndex.has(img)) {
      throw new PosekitError('E_UNKNOWN_ID', `${prefix(where)}${item}: image_id ${img} is not an image of the ground truth${dataset.file !== undefined ? ` (${dataset.file})` : ''}`, {
        file: where.file, item, field: 'image_id', received: img,
      });
    }
    imageId[i] = img;
    categoryId[i] = numField(where, item, rec, 'category_id', { integer: true });
    score[i] = numField(where, item, rec, 'score');
    const ko = i * k3;
    numArrayField(where, item, rec, 'keypoints', k3, 'E_LAYOUT_MISMATCH', kpWhat, keypoints, ko);
    id[i] = i + 1;
    if (branch === 'bbox') {
      numArrayField(where, item, rec, 'bbox', 4, 'E_FIELD', '4 numbers [x, y, w, h] (results[0] has a bbox, so every result needs one)', bbox, i * 4);
      if (bbox[i * 4 + 2]! < 0) fieldError(where, 'E_RANGE', item, 'bbox[2]', 'a number >= 0 (the width)', bbox[i * 4 + 2]!);
      if (bbox[i * 4 + 3]! < 0) fieldError(where, 'E_RANGE', item, 'bbox[3]', 'a number >= 0 (the height)', bbox[i * 4 + 3]!);
      area[i] = bbox[i * 4 + 2]! * bbox[i * 4 + 3]!;
    } else {
      let x0 = Infinity;
      let x1 = -Infinity;
      let y0 = Infinity;
      let y1 = -Infinity;
      for (let j = 0; j < k; j++) {
        const x = keypoints[ko + 3 * j]!;
        const y = keypoints[ko + 3 * j + 1]!;
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
      area[i] = (x1 - x0) * (y1 - y0);
      bbox[i * 4] = x0;
      bbox[i * 4 + 1] = y0;
      bbox[i * 4 + 2] = x1 - x0;
      bbox[i * 4 + 3] = y1 - y0;
    }
  }
  const res: { -readonly [P in keyof CocoResults]: CocoResults[P] } = { count: n, numKeypoints: k, branch, id, imageId, categoryId, score, keypoints, area, bbox };
  if (where.file !== undefined) res.file = where.file;
  return markLoaded(res);
}
