/**
 * Checks of already-loaded {@link CocoDataset} / {@link CocoResults} objects at the entry points that accept
 * them (the evaluator, `loadCocoResults`, `fitPoseNms`). The loaders register what they return, so their own
 * output costs O(1); an object built or edited by hand gets its shapes checked and its numbers scanned once,
 * at entry, instead of crashing or producing NaN deep inside the engine.
 *
 * @internal
 * @module
 */
import { PosekitError, describeValue } from '@posekit/core';
import type { CocoDataset } from './dataset.js';
import type { CocoResults } from './results.js';

/** Objects returned by the loaders (known to be consistent). */
const LOADED = new WeakSet<object>();

/** Register a loader's output. @internal */
export function markLoaded<T extends object>(v: T): T {
  LOADED.add(v);
  return v;
}

type TypedCtor = Float64ArrayConstructor | Uint8ArrayConstructor;

function fail(fn: string, what: string, code: 'E_ARGUMENT' | 'E_FIELD' | 'E_SHAPE' | 'E_NONFINITE', field: string, msg: string, received: unknown): never {
  throw new PosekitError(code, `${fn}: ${what}.${field} ${msg}; received ${describeValue(received)} (build it with ${what === 'dataset' ? 'loadCocoDataset' : 'loadCocoResults'})`, {
    field,
    received: describeValue(received),
  });
}

function count(fn: string, what: string, rec: Record<string, unknown>, field: string): number {
  const v = rec[field];
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) fail(fn, what, 'E_FIELD', field, 'must be an integer >= 0', v);
  return v;
}

function typed(fn: string, what: string, rec: Record<string, unknown>, field: string, ctor: TypedCtor, len: number, scan: boolean): void {
  const v = rec[field];
  if (!(v instanceof ctor)) fail(fn, what, 'E_FIELD', field, `must be a ${ctor.name}`, v);
  if (v.length !== len) {
    throw new PosekitError('E_SHAPE', `${fn}: ${what}.${field} must hold ${len} values; received ${v.length}`, { field, expected: len, received: v.length });
  }
  if (scan && v instanceof Float64Array) {
    for (let i = 0; i < len; i++) {
      if (!Number.isFinite(v[i]!)) {
        throw new PosekitError('E_NONFINITE', `${fn}: ${what}.${field}[${i}] is ${v[i]}; expected a finite number`, { field, item: i, received: v[i] });
      }
    }
  }
}

function record(fn: string, what: string, v: unknown, expected: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    throw new PosekitError('E_ARGUMENT', `${fn}: ${what} must be ${expected}; received ${describeValue(v)}`, { expected, received: describeValue(v) });
  }
  return v as Record<string, unknown>;
}

/**
 * Whether `x` should be treated as a loaded dataset (it has the `imageIndex` a raw COCO dict never has).
 * @internal
 */
export function looksLoadedDataset(x: unknown): boolean {
  return typeof x === 'object' && x !== null && !Array.isArray(x) && 'imageIndex' in x;
}

/**
 * Check that `v` is a consistent {@link CocoDataset}: E_ARGUMENT (not an object), E_FIELD (missing field or
 * wrong type), E_SHAPE (array lengths disagree with the counts), E_NONFINITE (NaN / ±Infinity).
 * @internal
 */
export function checkCocoDataset(fn: string, v: unknown): CocoDataset {
  if (typeof v === 'object' && v !== null && LOADED.has(v)) return v as CocoDataset;
  const what = 'dataset';
  const ds = record(fn, what, v, 'a CocoDataset (from loadCocoDataset)');
  if (Array.isArray(ds['images']) && Array.isArray(ds['annotations'])) {
    throw new PosekitError('E_ARGUMENT', `${fn}: dataset must be a CocoDataset; received a raw COCO dict (load it with loadCocoDataset first)`, {
      expected: 'CocoDataset',
      received: 'COCO dict',
    });
  }
  const k = count(fn, what, ds, 'numKeypoints');
  if (!(ds['imageIds'] instanceof Float64Array)) fail(fn, what, 'E_FIELD', 'imageIds', 'must be a Float64Array', ds['imageIds']);
  const nImg = ds['imageIds'].length;
  typed(fn, what, ds, 'imageIds', Float64Array, nImg, true);
  const index = ds['imageIndex'];
  if (!(index instanceof Map) || index.size !== nImg) fail(fn, what, 'E_FIELD', 'imageIndex', `must be a Map of the ${nImg} image ids`, index);
  const cats = ds['categories'];
  if (!Array.isArray(cats)) fail(fn, what, 'E_FIELD', 'categories', 'must be an array of {id, name}', cats);
  cats.forEach((c: unknown, i) => {
    if (typeof c !== 'object' || c === null || typeof (c as { id?: unknown }).id !== 'number' || !Number.isFinite((c as { id: number }).id)) {
      fail(fn, what, 'E_FIELD', `categories[${i}]`, 'must be an object with a finite numeric id', c);
    }
  });
  const a = record(fn, `${what}.annotations`, ds['annotations'], 'an object of typed arrays (CocoGtAnnotations)');
  const n = count(fn, what, a, 'count');
  const w = `${what}.annotations`;
  for (const f of ['id', 'imageId', 'categoryId', 'numKeypoints', 'area']) typed(fn, w, a, f, Float64Array, n, true);
  typed(fn, w, a, 'keypoints', Float64Array, n * 3 * k, true);
  typed(fn, w, a, 'bbox', Float64Array, n * 4, true);
  typed(fn, w, a, 'iscrowd', Uint8Array, n, false);
  return v as CocoDataset;
}

/**
 * Check that `v` is a consistent {@link CocoResults} (same codes as {@link checkCocoDataset}).
 * @internal
 */
export function checkCocoResults(fn: string, v: unknown): CocoResults {
  if (typeof v === 'object' && v !== null && LOADED.has(v)) return v as CocoResults;
  const what = 'results';
  const r = record(fn, what, v, 'CocoResults (from loadCocoResults), JSON text or an array of result objects');
  const n = count(fn, what, r, 'count');
  const k = count(fn, what, r, 'numKeypoints');
  if (r['branch'] !== 'keypoints' && r['branch'] !== 'bbox') fail(fn, what, 'E_FIELD', 'branch', "must be 'keypoints' or 'bbox'", r['branch']);
  for (const f of ['id', 'imageId', 'categoryId', 'score', 'area']) typed(fn, what, r, f, Float64Array, n, true);
  typed(fn, what, r, 'keypoints', Float64Array, n * 3 * k, true);
  typed(fn, what, r, 'bbox', Float64Array, n * 4, true);
  return v as CocoResults;
}
