/**
 * The evaluation set the PCK-family metrics consume: N instances of K keypoints as flat typed arrays,
 * the same data MMPose's metric classes collect in `process()` (one entry per instance) before
 * `compute_metrics()`.
 *
 * @module
 */
import { PosekitError, describeValue } from '@posekit/core';
import type { Box } from '@posekit/core';
import { checkOptions, enumOption, isNumberList } from '../options.js';

/**
 * N instances with K keypoints (C order). Float32 data are computed in float32 where MMPose computes in
 * float32 (its datasets load keypoints as float32), float64 data in float64.
 */
export interface PckDataset {
  /** Number of instances N (≥ 1). */
  readonly n: number;
  /** Keypoints per instance K (≥ 1). */
  readonly k: number;
  /** Predicted keypoints `[N, K, 2]` (x, y), pixels. */
  readonly pred: Float32Array | Float64Array;
  /** Ground-truth keypoints `[N, K, 2]`, pixels. */
  readonly gt: Float32Array | Float64Array;
  /**
   * GT visibility `[N, K]` (MMPose `keypoints_visible`). The PCK classes evaluate entries ≠ 0
   * (`astype(bool)`), AUC / EPE / NME entries > 0 — as MMPose does.
   */
  readonly visible: Float32Array | Float64Array | Uint8Array;
  /** GT boxes `[N, 4]` as x1, y1, x2, y2 (needed by bbox normalisation). */
  readonly bboxes?: Float32Array | Float64Array;
  /** Head sizes `[N]` (needed by PCKh; MPII: 0.6 × head-box diagonal, computed by the dataset). */
  readonly headSizes?: Float32Array | Float64Array;
}

/** One instance, as a user collects it (MMPose: one data sample's pred and gt instance). */
export interface PckSample {
  /** Predicted keypoints, K*2 (x, y, …) or K*3 (x, y, score, …; the score is ignored). */
  pred: ArrayLike<number>;
  /** Ground-truth keypoints, K*2 or K*3 (x, y, v: then v is the visibility unless `visible` is given). */
  gt: ArrayLike<number>;
  /** Visibility per keypoint, K values. Optional when `gt` has 3 values per keypoint. */
  visible?: ArrayLike<number>;
  /** GT box: `[x1, y1, x2, y2]` or a {@link Box}. */
  bbox?: ArrayLike<number> | Box;
  /** Head size in pixels (PCKh). */
  headSize?: number;
}

/** Options of {@link pckDatasetFromSamples}. */
export interface PckDatasetOptions {
  /** Storage precision. Default `'float32'` (MMPose's datasets hold float32 keypoints). */
  dtype?: 'float32' | 'float64';
  /** Keypoints per instance; default: inferred from the first sample's `visible` or `gt`. */
  k?: number;
}

function fieldError(i: number, field: string, expected: string, received: unknown, code: 'E_FIELD' | 'E_NONFINITE' = 'E_FIELD'): PosekitError {
  return new PosekitError(code, `pckDatasetFromSamples: sample ${i}.${field} must be ${expected}; received ${describeValue(received)}`, {
    expected,
    received: describeValue(received),
    item: i,
    field,
  });
}

/** Every entry of a plain array is a number (typed arrays always are); `finite` also rejects NaN / ±Infinity. */
function checkEntries(i: number, field: string, a: ArrayLike<number>, finite: boolean, stride = 1, offset = 0): void {
  if (!finite && !Array.isArray(a)) return;
  for (let j = offset; j < a.length; j += stride) {
    const x = a[j] as unknown;
    if (typeof x !== 'number') throw fieldError(i, `${field}[${j}]`, 'a number', x);
    if (finite && !Number.isFinite(x)) throw fieldError(i, `${field}[${j}]`, 'a finite number', x, 'E_NONFINITE');
  }
}

/**
 * Build a {@link PckDataset} from per-instance samples (what MMPose's metric `process()` collects).
 *
 * Keypoint coordinates must be numbers (NaN is allowed for keypoints the metrics mask out, i.e. invisible
 * ones); visibility, boxes and head sizes must be finite. Everything is checked before anything is
 * allocated.
 *
 * @example
 * ```ts
 * const data = pckDatasetFromSamples([{ pred: p.keypoints, gt: ann.keypoints, bbox: [x1, y1, x2, y2] }]);
 * evaluatePck(data, { thr: 0.2 }).PCK?.avgAcc;
 * ```
 * @param samples - one entry per instance (≥ 1)
 * @param options - dtype (default float32) and K
 * @returns the dataset; `bboxes` / `headSizes` present only if every sample has them
 * @throws PosekitError E_EMPTY for no samples, E_FIELD for a sample with missing / mis-sized fields,
 *   E_SHAPE when samples disagree on K
 * @throws PosekitError E_FIELD for a sample that is not an object or a non-numeric entry, E_NONFINITE for a
 *   NaN / infinite visibility, box or head size, E_RANGE for a `k` that is not a positive integer
 * @throws PosekitError E_ARGUMENT when `samples` is not an array, `options` is not an object or names an
 *   unknown option, or `dtype` is not 'float32' / 'float64'
 */
export function pckDatasetFromSamples(samples: readonly PckSample[], options: PckDatasetOptions = {}): PckDataset {
  const fn = 'pckDatasetFromSamples';
  const opts = checkOptions(fn, options, ['dtype', 'k']) as PckDatasetOptions;
  const dtype = enumOption(fn, 'options.dtype', opts.dtype, ['float32', 'float64'] as const, 'float32');
  if (!Array.isArray(samples)) {
    throw new PosekitError('E_ARGUMENT', `${fn}: samples must be an array; received ${describeValue(samples)}`);
  }
  if (samples.length === 0) throw new PosekitError('E_EMPTY', `${fn}: samples must not be empty; received 0 samples`, { expected: '>= 1 sample', received: 0 });
  const n = samples.length;
  for (let i = 0; i < n; i++) {
    const s = samples[i] as unknown;
    if (typeof s !== 'object' || s === null || Array.isArray(s)) {
      throw new PosekitError('E_FIELD', `${fn}: sample ${i} must be an object {pred, gt, visible?, bbox?, headSize?}; received ${describeValue(s)}`, {
        item: i,
        expected: 'object',
        received: describeValue(s),
      });
    }
  }
  const first = samples[0]!;
  const inferK = (): number => {
    if (first.visible !== undefined && isNumberList(first.visible)) return first.visible.length;
    if (isNumberList(first.gt)) return Math.floor(first.gt.length / 3);
    throw fieldError(0, 'gt', 'an array of K*2 or K*3 numbers', first.gt);
  };
  if (opts.k !== undefined && (typeof opts.k !== 'number' || !Number.isInteger(opts.k) || opts.k < 0)) {
    throw new PosekitError('E_RANGE', `${fn}: options.k must be a positive integer; received ${describeValue(opts.k)}`, { field: 'k', received: describeValue(opts.k) });
  }
  const k: number = opts.k ?? inferK();
  if (k < 1) throw new PosekitError('E_EMPTY', `${fn}: K must be >= 1; received ${describeValue(k)}`);
  const hasBox = samples.every((s) => s.bbox !== undefined);
  const hasHead = samples.every((s) => s.headSize !== undefined);

  // Validate every sample before allocating N·K-sized arrays (a wrong K must not allocate gigabytes).
  const strideOf = (i: number, field: 'pred' | 'gt', src: unknown): number => {
    if (!isNumberList(src)) throw fieldError(i, field, `an array of K*2 or K*3 = ${k * 2} or ${k * 3} numbers`, src);
    const stride = src.length === k * 2 ? 2 : src.length === k * 3 ? 3 : 0;
    if (stride === 0) {
      throw new PosekitError('E_SHAPE', `${fn}: sample ${i}.${field} must have K*2 = ${k * 2} or K*3 = ${k * 3} numbers; received ${src.length}`, {
        expected: [k * 2, k * 3],
        received: src.length,
        item: i,
        field,
      });
    }
    checkEntries(i, field, src, false);
    return stride;
  };
  for (let i = 0; i < n; i++) {
    const s = samples[i]!;
    strideOf(i, 'pred', s.pred);
    const gtStride = strideOf(i, 'gt', s.gt);
    if (s.visible !== undefined) {
      if (!isNumberList(s.visible) || s.visible.length !== k) throw fieldError(i, 'visible', `an array of K = ${k} numbers`, s.visible);
      checkEntries(i, 'visible', s.visible, true);
    } else if (gtStride === 3) {
      checkEntries(i, 'gt', s.gt, true, 3, 2);
    } else {
      throw fieldError(i, 'visible', `given (or gt with K*3 = ${k * 3} numbers x, y, v)`, undefined);
    }
    if (hasBox) {
      const b = s.bbox as unknown;
      if (isNumberList(b)) {
        if (b.length !== 4) throw fieldError(i, 'bbox', '[x1, y1, x2, y2]', b);
        checkEntries(i, 'bbox', b, true);
      } else if (typeof b === 'object' && b !== null && 'x1' in b) {
        for (const c of ['x1', 'y1', 'x2', 'y2'] as const) {
          const x = (b as Record<string, unknown>)[c];
          if (typeof x !== 'number') throw fieldError(i, `bbox.${c}`, 'a number', x);
          if (!Number.isFinite(x)) throw fieldError(i, `bbox.${c}`, 'a finite number', x, 'E_NONFINITE');
        }
      } else {
        throw fieldError(i, 'bbox', '[x1, y1, x2, y2] or a Box {x1, y1, x2, y2}', b);
      }
    }
    if (hasHead) {
      if (typeof s.headSize !== 'number') throw fieldError(i, 'headSize', 'a number', s.headSize);
      if (!Number.isFinite(s.headSize)) throw fieldError(i, 'headSize', 'a finite number', s.headSize, 'E_NONFINITE');
    }
  }

  const F = dtype === 'float64' ? Float64Array : Float32Array;
  const pred = new F(n * k * 2);
  const gt = new F(n * k * 2);
  const visible = new F(n * k);
  const bboxes = hasBox ? new F(n * 4) : undefined;
  const headSizes = hasHead ? new F(n) : undefined;
  const copyXY = (i: number, src: ArrayLike<number>, dst: Float32Array | Float64Array): void => {
    const stride = src.length === k * 2 ? 2 : 3;
    for (let j = 0; j < k; j++) {
      dst[(i * k + j) * 2] = src[j * stride]!;
      dst[(i * k + j) * 2 + 1] = src[j * stride + 1]!;
    }
  };
  for (let i = 0; i < n; i++) {
    const s = samples[i]!;
    copyXY(i, s.pred, pred);
    copyXY(i, s.gt, gt);
    if (s.visible !== undefined) {
      for (let j = 0; j < k; j++) visible[i * k + j] = s.visible[j]!;
    } else {
      for (let j = 0; j < k; j++) visible[i * k + j] = s.gt[j * 3 + 2]!;
    }
    if (bboxes) {
      const b = s.bbox!;
      if (isNumberList(b)) {
        for (let j = 0; j < 4; j++) bboxes[i * 4 + j] = b[j]!;
      } else {
        bboxes[i * 4] = b.x1;
        bboxes[i * 4 + 1] = b.y1;
        bboxes[i * 4 + 2] = b.x2;
        bboxes[i * 4 + 3] = b.y2;
      }
    }
    if (headSizes) headSizes[i] = s.headSize!;
  }
  const out: { -readonly [P in keyof PckDataset]: PckDataset[P] } = { n, k, pred, gt, visible };
  if (bboxes) out.bboxes = bboxes;
  if (headSizes) out.headSizes = headSizes;
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// internal helpers shared by the metric modules

/** @internal */
export function isFloat32Data(data: PckDataset): boolean {
  return data.pred instanceof Float32Array && data.gt instanceof Float32Array;
}

function checkFloat(fn: string, name: string, v: unknown, length: number, shape: string): void {
  if (!(v instanceof Float32Array || v instanceof Float64Array || (name === 'visible' && v instanceof Uint8Array))) {
    throw new PosekitError('E_DTYPE', `${fn}: data.${name} must be a ${name === 'visible' ? 'Float32Array, Float64Array or Uint8Array' : 'Float32Array or Float64Array'} ${shape}; received ${describeValue(v)}`, {
      expected: 'typed float array',
      received: describeValue(v),
      field: name,
    });
  }
  const a = v as Float32Array;
  if (a.length !== length) {
    throw new PosekitError('E_SHAPE', `${fn}: data.${name} must have ${length} elements ${shape}; received ${a.length}`, {
      expected: length,
      received: a.length,
      field: name,
    });
  }
  for (let i = 0; i < a.length; i++) {
    if (!Number.isFinite(a[i]!)) {
      throw new PosekitError('E_NONFINITE', `${fn}: data.${name}[${i}] is ${a[i]}; expected a finite number`, {
        expected: 'finite',
        received: a[i],
        field: name,
        item: i,
      });
    }
  }
}

/**
 * Validate a dataset: counts, dtypes, lengths, finiteness (coordinates of masked-out keypoints may be
 * anything; visibility, boxes and head sizes must be finite). `need` lists optional fields required.
 * @internal
 */
export function checkDataset(fn: string, data: PckDataset, need: { bboxes?: boolean; headSizes?: boolean } = {}): void {
  if (typeof data !== 'object' || data === null) {
    throw new PosekitError('E_ARGUMENT', `${fn}: data must be a PckDataset {n, k, pred, gt, visible, ...}; received ${describeValue(data)}`);
  }
  for (const name of ['n', 'k'] as const) {
    const v = data[name];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
      throw new PosekitError('E_ARGUMENT', `${fn}: data.${name} must be a non-negative integer; received ${describeValue(v)}`, { field: name });
    }
    if (v === 0) throw new PosekitError('E_EMPTY', `${fn}: data.${name} must be >= 1; received 0`, { expected: '>= 1', received: 0, field: name });
  }
  const { n, k } = data;
  for (const name of ['pred', 'gt'] as const) {
    const v = data[name];
    if (!(v instanceof Float32Array || v instanceof Float64Array)) {
      throw new PosekitError('E_DTYPE', `${fn}: data.${name} must be a Float32Array or Float64Array [N, K, 2]; received ${describeValue(v)}`, { field: name });
    }
    if (v.length !== n * k * 2) {
      throw new PosekitError('E_SHAPE', `${fn}: data.${name} must have N*K*2 = ${n * k * 2} elements; received ${v.length}`, {
        expected: n * k * 2,
        received: v.length,
        field: name,
      });
    }
  }
  checkFloat(fn, 'visible', data.visible, n * k, `[N, K] = [${n}, ${k}]`);
  if (need.bboxes && data.bboxes === undefined) {
    throw new PosekitError('E_FIELD', `${fn}: bbox normalisation needs data.bboxes [N, 4]; received none`, { field: 'bboxes' });
  }
  if (data.bboxes !== undefined) checkFloat(fn, 'bboxes', data.bboxes, n * 4, `[N, 4] = [${n}, 4]`);
  if (need.headSizes && data.headSizes === undefined) {
    throw new PosekitError('E_FIELD', `${fn}: head normalisation needs data.headSizes [N]; received none`, { field: 'headSizes' });
  }
  if (data.headSizes !== undefined) checkFloat(fn, 'headSizes', data.headSizes, n, `[N] = [${n}]`);
}

/**
 * Evaluation mask from visibility: `'nonzero'` (MMPose PCK classes: `astype(bool)`) or `'positive'`
 * (AUC / EPE / NME: `> 0`).
 * @internal
 */
export function maskFromVisible(data: PckDataset, mode: 'nonzero' | 'positive'): Uint8Array {
  const v = data.visible;
  const mask = new Uint8Array(v.length);
  if (mode === 'nonzero') for (let i = 0; i < v.length; i++) mask[i] = v[i] !== 0 ? 1 : 0;
  else for (let i = 0; i < v.length; i++) mask[i] = v[i]! > 0 ? 1 : 0;
  return mask;
}

/** A per-instance scalar tiled to `[N, 2]` in the dataset's precision. @internal */
export function tileNorm(values: ArrayLike<number>, f32: boolean): Float32Array | Float64Array {
  const out = f32 ? new Float32Array(values.length * 2) : new Float64Array(values.length * 2);
  for (let i = 0; i < values.length; i++) out[2 * i] = out[2 * i + 1] = values[i]!;
  return out;
}

/** Bbox size max(x2 − x1, y2 − y1) per instance (float32 arithmetic for float32 boxes). @internal */
export function bboxSizes(data: PckDataset): Float32Array | Float64Array {
  const b = data.bboxes!;
  const f32 = b instanceof Float32Array;
  const out = f32 ? new Float32Array(data.n) : new Float64Array(data.n);
  for (let i = 0; i < data.n; i++) {
    const w = b[i * 4 + 2]! - b[i * 4]!;
    const h = b[i * 4 + 3]! - b[i * 4 + 1]!;
    out[i] = Math.max(f32 ? Math.fround(w) : w, f32 ? Math.fround(h) : h);
  }
  return out;
}

/**
 * ‖p[a] − p[b]‖ of instance i in the data's precision (numpy `np.linalg.norm` of a float32 pair is
 * float32: rounded difference, squares and sum).
 * @internal
 */
export function pairDistance(p: Float32Array | Float64Array, k: number, i: number, a: number, b: number): number {
  const pa = (i * k + a) * 2;
  const pb = (i * k + b) * 2;
  if (p instanceof Float32Array) {
    const f = Math.fround;
    const dx = f(p[pa]! - p[pb]!);
    const dy = f(p[pa + 1]! - p[pb + 1]!);
    return f(Math.sqrt(f(f(dx * dx) + f(dy * dy))));
  }
  const dx = p[pa]! - p[pb]!;
  const dy = p[pa + 1]! - p[pb + 1]!;
  return Math.sqrt(dx * dx + dy * dy);
}
