/**
 * Loading a COCO keypoint ground-truth dataset (the dict pycocotools' `COCO()` indexes:
 * cocodataset/cocoapi @ 8c9bcc3c `PythonAPI/pycocotools/coco.py` `COCO.createIndex`) into flat typed arrays,
 * with validation.
 *
 * @module
 */
import { PosekitError } from '@posekit/core';
import { checkOptions, stringOption } from '../options.js';
import { markLoaded } from './loaded.js';
import { arrayField, asRecord, fieldError, numArrayField, numField, parseJson, precheckKeypointLengths, prefix, type Where } from './validate.js';

/** One category of a COCO dataset. */
export interface CocoCategory {
  /** Category id. */
  readonly id: number;
  /** Name (e.g. `person`); '' when absent. */
  readonly name: string;
  /** Keypoint names, when the file lists them. */
  readonly keypoints?: readonly string[];
  /** Skeleton edges (1-based keypoint indices, as COCO stores them), when present. */
  readonly skeleton?: readonly (readonly number[])[];
}

/**
 * GT annotations as structure-of-arrays, in file order. Keypoints are `[x, y, v] × K` per annotation.
 */
export interface CocoGtAnnotations {
  /** Number of annotations. */
  readonly count: number;
  /** Annotation ids (unique). */
  readonly id: Float64Array;
  /** `image_id` of each annotation. */
  readonly imageId: Float64Array;
  /** `category_id` of each annotation. */
  readonly categoryId: Float64Array;
  /** Flat keypoints, `count × 3K`. */
  readonly keypoints: Float64Array;
  /** `num_keypoints` (the stored field: COCOeval ignores a GT with num_keypoints == 0). */
  readonly numKeypoints: Float64Array;
  /** `area`, pixels² (the OKS scale and the area-range test). */
  readonly area: Float64Array;
  /** `bbox` `[x, y, w, h] × count`, pixels. */
  readonly bbox: Float64Array;
  /** `iscrowd` as 0/1 (missing = 0). */
  readonly iscrowd: Uint8Array;
}

/** A loaded, validated COCO keypoint ground truth. Build it with {@link loadCocoDataset}. */
export interface CocoDataset {
  /** File name given to the loader (for messages), if any. */
  readonly file?: string;
  /** Keypoints per instance K (0 when neither annotations nor categories say). */
  readonly numKeypoints: number;
  /** Image ids in file order (unique). */
  readonly imageIds: Float64Array;
  /** Image id → position in {@link CocoDataset.imageIds}. */
  readonly imageIndex: ReadonlyMap<number, number>;
  /** Categories in file order (unique ids). */
  readonly categories: readonly CocoCategory[];
  /** GT annotations. */
  readonly annotations: CocoGtAnnotations;
}

/** Options of {@link loadCocoDataset}. */
export interface LoadCocoDatasetOptions {
  /** File name used in error messages. */
  file?: string;
}

/** The optional metadata of a category: `name` a string, `keypoints` strings, `skeleton` pairs of numbers. */
function categoryMeta(where: Where, item: string, rec: Record<string, unknown>, cat: { name: string; keypoints?: string[]; skeleton?: number[][] }): void {
  const name = rec['name'];
  if (name !== undefined) {
    if (typeof name !== 'string') fieldError(where, 'E_FIELD', item, 'name', 'a string', name);
    cat.name = name;
  }
  const kn = rec['keypoints'];
  if (kn !== undefined) {
    if (!Array.isArray(kn)) fieldError(where, 'E_FIELD', item, 'keypoints', 'an array of keypoint names', kn);
    kn.forEach((s: unknown, j) => {
      if (typeof s !== 'string') fieldError(where, 'E_FIELD', item, `keypoints[${j}]`, 'a string', s);
    });
    cat.keypoints = kn as string[];
  }
  const sk = rec['skeleton'];
  if (sk !== undefined) {
    if (!Array.isArray(sk)) fieldError(where, 'E_FIELD', item, 'skeleton', 'an array of [a, b] keypoint index pairs', sk);
    sk.forEach((e: unknown, j) => {
      if (!Array.isArray(e) || !e.every((x) => typeof x === 'number' && Number.isFinite(x))) {
        fieldError(where, 'E_FIELD', item, `skeleton[${j}]`, 'an array of keypoint indices', e);
      }
    });
    cat.skeleton = sk as number[][];
  }
}

/** A number field that must be >= 0 (E_RANGE otherwise). */
function nonNegative(where: Where, item: string, field: string, v: number): number {
  if (v < 0) fieldError(where, 'E_RANGE', item, field, 'a number >= 0', v);
  return v;
}

/**
 * Load and validate a COCO keypoint GT dataset: JSON text or the parsed object with `images`, `annotations`
 * and `categories` arrays (`info`, `licenses` and unknown fields are ignored).
 *
 * Required per annotation: `id`, `image_id`, `category_id` (integers), `keypoints` (3K finite numbers, the
 * same K for all), `num_keypoints`, `area` (a number >= 0), `bbox` (4 numbers, width and height >= 0).
 * `iscrowd` is optional (default 0; pycocotools would raise a KeyError in `evaluateImg`). A stored `ignore`
 * field is ignored, as in COCOeval. A category's optional `name`, `keypoints` (names) and `skeleton` must
 * have the COCO types when present.
 *
 * @param json - the dataset as JSON text or as an object
 * @param options - `file` for messages
 * @returns the dataset as typed arrays
 * @throws PosekitError E_PARSE (malformed JSON), E_FIELD (missing field / wrong type), E_NONFINITE (NaN or
 *   infinite number), E_LAYOUT_MISMATCH (keypoint arrays of different lengths), E_DUPLICATE_ID (image,
 *   category or annotation id twice), E_UNKNOWN_ID (annotation for an image or category not listed)
 * @throws PosekitError E_RANGE for a negative `area` or a negative bbox width / height
 * @throws PosekitError E_ARGUMENT when `options` is not an object, names an unknown option or `file` is not
 *   a string
 */
export function loadCocoDataset(json: string | object, options: LoadCocoDatasetOptions = {}): CocoDataset {
  const fn = 'loadCocoDataset';
  const opts = checkOptions(fn, options, ['file']);
  const where: Where = { fn, file: stringOption(fn, 'options.file', opts['file']) };
  const root = asRecord(where, 'the dataset', typeof json === 'string' ? parseJson(where, json) : json);
  const images = arrayField(where, root, 'images');
  const anns = arrayField(where, root, 'annotations');
  const cats = arrayField(where, root, 'categories');

  const imageIds = new Float64Array(images.length);
  const imageIndex = new Map<number, number>();
  images.forEach((im, i) => {
    const item = `images[${i}]`;
    const id = numField(where, item, asRecord(where, item, im), 'id', { integer: true });
    if (imageIndex.has(id)) {
      throw new PosekitError('E_DUPLICATE_ID', `${prefix(where)}${item}: image id ${id} occurs twice (first at images[${imageIndex.get(id)}])`, { file: where.file, item, field: 'id', received: id });
    }
    imageIndex.set(id, i);
    imageIds[i] = id;
  });

  const categories: CocoCategory[] = [];
  const catSeen = new Map<number, number>();
  cats.forEach((c, i) => {
    const item = `categories[${i}]`;
    const rec = asRecord(where, item, c);
    const id = numField(where, item, rec, 'id', { integer: true });
    if (catSeen.has(id)) {
      throw new PosekitError('E_DUPLICATE_ID', `${prefix(where)}${item}: category id ${id} occurs twice (first at categories[${catSeen.get(id)}])`, { file: where.file, item, field: 'id', received: id });
    }
    catSeen.set(id, i);
    const cat: { id: number; name: string; keypoints?: string[]; skeleton?: number[][] } = { id, name: '' };
    categoryMeta(where, item, rec, cat);
    categories.push(cat);
  });

  // K: from the first annotation; else from the categories' keypoint names.
  const n = anns.length;
  let k = 0;
  if (n > 0) {
    const item = 'annotations[0]';
    const kp = asRecord(where, item, anns[0])['keypoints'];
    if (!Array.isArray(kp)) numArrayField(where, item, asRecord(where, item, anns[0]), 'keypoints', 0, 'E_FIELD', 'an array of 3·K numbers', null, 0);
    else {
      if (kp.length === 0 || kp.length % 3 !== 0) {
        throw new PosekitError('E_LAYOUT_MISMATCH', `${prefix(where)}${item}: field "keypoints" must hold 3·K numbers (x, y, v per keypoint); received ${kp.length} numbers`, { file: where.file, item, field: 'keypoints', received: kp.length });
      }
      k = kp.length / 3;
    }
  } else {
    const withNames = categories.find((c) => c.keypoints !== undefined && c.keypoints.length > 0);
    if (withNames) k = withNames.keypoints!.length;
  }

  const kpWhat = `3·K = ${3 * k} numbers (K = ${k} keypoints, as in annotations[0])`;
  precheckKeypointLengths(where, anns, 'annotations', 3 * k, kpWhat, 'id');
  const id = new Float64Array(n);
  const imageId = new Float64Array(n);
  const categoryId = new Float64Array(n);
  const keypoints = new Float64Array(n * 3 * k);
  const numKeypoints = new Float64Array(n);
  const area = new Float64Array(n);
  const bbox = new Float64Array(n * 4);
  const iscrowd = new Uint8Array(n);
  const annSeen = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    let item = `annotations[${i}]`;
    const rec = asRecord(where, item, anns[i]);
    const aid = numField(where, item, rec, 'id', { integer: true });
    item = `annotations[${i}] (id ${aid})`;
    if (annSeen.has(aid)) {
      throw new PosekitError('E_DUPLICATE_ID', `${prefix(where)}${item}: annotation id ${aid} occurs twice (first at annotations[${annSeen.get(aid)}])`, { file: where.file, item, field: 'id', received: aid });
    }
    annSeen.set(aid, i);
    id[i] = aid;
    const img = numField(where, item, rec, 'image_id', { integer: true });
    if (!imageIndex.has(img)) {
      throw new PosekitError('E_UNKNOWN_ID', `${prefix(where)}${item}: image_id ${img} is not in "images"`, { file: where.file, item, field: 'image_id', received: img });
    }
    imageId[i] = img;
    const cat = numField(where, item, rec, 'category_id', { integer: true });
    if (!catSeen.has(cat)) {
      throw new PosekitError('E_UNKNOWN_ID', `${prefix(where)}${item}: category_id ${cat} is not in "categories"`, { file: where.file, item, field: 'category_id', received: cat });
    }
    categoryId[i] = cat;
    numArrayField(where, item, rec, 'keypoints', 3 * k, 'E_LAYOUT_MISMATCH', kpWhat, keypoints, i * 3 * k);
    numKeypoints[i] = numField(where, item, rec, 'num_keypoints');
    area[i] = nonNegative(where, item, 'area', numField(where, item, rec, 'area'));
    numArrayField(where, item, rec, 'bbox', 4, 'E_FIELD', '4 numbers [x, y, w, h]', bbox, i * 4);
    nonNegative(where, item, 'bbox[2]', bbox[i * 4 + 2]!);
    nonNegative(where, item, 'bbox[3]', bbox[i * 4 + 3]!);
    iscrowd[i] = numField(where, item, rec, 'iscrowd', { optional: 0, bool: true }) !== 0 ? 1 : 0;
  }

  const ds: { -readonly [P in keyof CocoDataset]: CocoDataset[P] } = {
    numKeypoints: k,
    imageIds,
    imageIndex,
    categories,
    annotations: { count: n, id, imageId, categoryId, keypoints, numKeypoints, area, bbox, iscrowd },
  };
  if (where.file !== undefined) ds.file = where.file;
  return markLoaded(ds);
}
