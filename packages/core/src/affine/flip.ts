/**
 * Flip-test helpers: mirror keypoints, boxes, coordinates, heatmaps and SimCC vectors and swap left / right
 * channels, as MMPose, HRNet and AlphaPose do.
 *
 * @module
 */
import { PosekitError, describeValue } from '../errors.js';
import { checkFloat32Tensor } from '../tensor.js';
import type { TensorLike } from '../tensor.js';
import { checkFinite, checkFiniteEntries, checkFlat, checkNoAlias, checkOut, checkPoints, checkStride, isArrayLike } from './check.js';
import { checkOneOf } from '../option-keys.js';
import { stepRounding } from './rounding.js';
import type { NumArray } from './matrix.js';

/** Check that `flipIndices` is an array of `k` indices in `[0, k)`. */
function checkFlipIndices(fn: string, flipIndices: unknown, k: number): asserts flipIndices is ArrayLike<number> {
  if (!isArrayLike(flipIndices)) {
    throw new PosekitError('E_ARGUMENT', `${fn}: flipIndices must be an array of ${k} keypoint indices; received ${describeValue(flipIndices)}`, {
      expected: `${k} indices`,
      received: describeValue(flipIndices),
    });
  }
  if (flipIndices.length !== k) {
    throw new PosekitError('E_LAYOUT_MISMATCH', `${fn}: flipIndices has ${flipIndices.length} entries but the data has ${k} keypoints`, {
      expected: k,
      received: flipIndices.length,
    });
  }
  for (let i = 0; i < k; i++) {
    const v = flipIndices[i];
    if (!Number.isInteger(v) || (v as number) < 0 || (v as number) >= k) {
      throw new PosekitError('E_RANGE', `${fn}: flipIndices[${i}] = ${describeValue(v)} is not an index in [0, ${k})`, { item: i, received: v });
    }
  }
}

/** `flipIndices` present (an array) before its length is used as K. */
function flipCount(fn: string, flipIndices: unknown): number {
  if (!isArrayLike(flipIndices)) {
    throw new PosekitError('E_ARGUMENT', `${fn}: flipIndices must be an array of keypoint indices (the flip permutation); received ${describeValue(flipIndices)}`, {
      expected: 'array of indices',
      received: describeValue(flipIndices),
    });
  }
  return flipIndices.length;
}

/** A float32 output buffer of exactly `n` elements. */
function checkF32Out(fn: string, name: string, out: unknown, n: number): asserts out is Float32Array {
  if (!(out instanceof Float32Array)) {
    throw new PosekitError('E_DTYPE', `${fn}: ${name} must be a Float32Array of ${n} elements; received ${describeValue(out)}`, {
      expected: `Float32Array(${n})`,
      received: describeValue(out),
    });
  }
  if (out.length !== n) throw new PosekitError('E_SHAPE', `${fn}: ${name} must have ${n} elements; received ${out.length}`, { expected: n, received: out.length });
}

/**
 * Flip indices from 0-based left/right pairs (HRNet `flip_pairs`, AlphaPose `joint_pairs`): identity, then
 * `a <-> b` for each pair. The pairs must be disjoint (each index in at most one pair): the references swap pair by
 * pair, so overlapping pairs would compose into a different permutation than a table lookup.
 *
 * @param pairs - `[a, b]` pairs
 * @param numKeypoints - K (an integer >= 0)
 * @returns `flipIndices` of length K (a permutation, its own inverse)
 * @throws PosekitError `E_ARGUMENT` (`pairs` not an array of `[a, b]` pairs; an index in two pairs), `E_NONFINITE`
 *   (`numKeypoints` not finite), `E_RANGE` (`numKeypoints` not an integer >= 0; an index outside `[0, K)`)
 */
export function flipIndicesFromPairs(pairs: readonly (readonly [number, number])[] | readonly (readonly number[])[], numKeypoints: number): number[] {
  const fn = 'flipIndicesFromPairs';
  if (!isArrayLike(pairs)) {
    throw new PosekitError('E_ARGUMENT', `${fn}: pairs must be an array of [a, b] index pairs; received ${describeValue(pairs)}`, {
      expected: 'array of [a, b] pairs',
      received: describeValue(pairs),
    });
  }
  checkFinite(fn, 'numKeypoints', numKeypoints);
  if (!Number.isInteger(numKeypoints) || numKeypoints < 0) {
    throw new PosekitError('E_RANGE', `${fn}: numKeypoints must be an integer >= 0; received ${numKeypoints}`, { expected: 'integer >= 0', received: numKeypoints });
  }
  const out = Array.from({ length: numKeypoints }, (_, i) => i);
  const used = new Int32Array(numKeypoints).fill(-1);
  for (let i = 0; i < pairs.length; i++) {
    const p: unknown = pairs[i];
    if (!isArrayLike(p) || p.length !== 2) {
      throw new PosekitError('E_ARGUMENT', `${fn}: pairs[${i}] must be an [a, b] pair of indices; received ${describeValue(p)}`, { item: i, received: describeValue(p) });
    }
    const a = p[0] as number, b = p[1] as number;
    if (!(Number.isInteger(a) && Number.isInteger(b) && a >= 0 && b >= 0 && a < numKeypoints && b < numKeypoints)) {
      throw new PosekitError('E_RANGE', `${fn}: pair [${a}, ${b}] has an index outside [0, ${numKeypoints})`, { item: i, received: [a, b] });
    }
    for (const v of a === b ? [a] : [a, b]) {
      const j = used[v]!;
      if (j >= 0) {
        throw new PosekitError('E_ARGUMENT', `${fn}: index ${v} is in pair ${i} [${a}, ${b}] and in pair ${j} [${pairs[j]![0]}, ${pairs[j]![1]}]; pairs must be disjoint`, {
          expected: 'disjoint pairs',
          item: i,
          received: [a, b],
        });
      }
      used[v] = i;
    }
    out[a] = b;
    out[b] = a;
  }
  return out;
}

/**
 * MMPose `flip_keypoints` (horizontal): keypoint `k` takes keypoint `flipIndices[k]` (all `stride` numbers, so a
 * visibility / score moves with it) and `x' = imageWidth - 1 - x`.
 * Reference: open-mmlab/mmpose `mmpose/structures/keypoint/transforms.py`.
 *
 * @param out - receiving flat keypoints, same length (must not share memory with `keypoints`)
 * @param keypoints - flat keypoints, `stride` numbers each (x, y, ...), possibly several instances of K each (a
 *   NaN coordinate, "missing", stays NaN)
 * @param flipIndices - layout flip permutation (length K)
 * @param imageWidth - width of the image the keypoints live in (pixels)
 * @param stride - numbers per keypoint: an integer >= 2 (x, y, then values that move with the keypoint: 3 for
 *   x, y, score; default 2)
 * @returns out
 * @throws PosekitError `E_ARGUMENT` (an argument not an array; `out` shares memory with `keypoints`), `E_SHAPE`
 *   (`out` too short), `E_LAYOUT_MISMATCH` (length not a multiple of K · stride), `E_RANGE` (stride, a flip index),
 *   `E_NONFINITE` (`imageWidth`)
 */
export function flipKeypoints<T extends NumArray>(out: T, keypoints: ArrayLike<number>, flipIndices: ArrayLike<number>, imageWidth: number, stride = 2): T {
  const fn = 'flipKeypoints';
  checkFlat(fn, 'keypoints', keypoints, `${stride} per keypoint`);
  checkStride(fn, stride);
  const k = flipCount(fn, flipIndices);
  const per = k * stride;
  if (k === 0 || keypoints.length % per !== 0) {
    throw new PosekitError('E_LAYOUT_MISMATCH', `${fn}: keypoints length ${keypoints.length} is not a multiple of K * stride = ${k} * ${stride}`, {
      expected: `multiple of ${per}`,
      received: keypoints.length,
    });
  }
  checkFlipIndices(fn, flipIndices, k);
  checkOut(fn, 'out', out, keypoints.length);
  checkNoAlias(fn, 'out', out, 'keypoints', keypoints);
  checkFinite(fn, 'imageWidth', imageWidth);
  const m = keypoints.length / per;
  for (let inst = 0; inst < m; inst++) {
    const base = inst * per;
    for (let i = 0; i < k; i++) {
      const src = base + flipIndices[i]! * stride;
      const dst = base + i * stride;
      out[dst] = imageWidth - 1 - keypoints[src]!;
      for (let j = 1; j < stride; j++) out[dst + j] = keypoints[src + j]!;
    }
  }
  return out;
}

/**
 * MMPose `flip_coordinates` (normalised coordinates of regression heads): `x' = 1 - x`, minus `1 / inputWidth` when
 * `shift`, then reorder by `flipIndices`.
 * Reference: open-mmlab/mmpose `mmpose/models/utils/tta.py`.
 *
 * @param out - receiving flat `x, y` pairs (must not share memory with `coords`)
 * @param coords - flat normalised `x, y` pairs, K per instance
 * @param flipIndices - flip permutation (length K)
 * @param shift - apply the one-pixel shift (`shift_coords`)
 * @param inputWidth - model input width (pixels), used when `shift`
 * @returns out
 * @throws PosekitError `E_ARGUMENT` (an argument not an array; `out` shares memory with `coords`), `E_SHAPE` (`out`
 *   too short), `E_LAYOUT_MISMATCH` (length not a multiple of 2K), `E_RANGE` (a flip index; `inputWidth` <= 0 with
 *   `shift`), `E_NONFINITE` (`inputWidth` with `shift`)
 */
export function flipCoordinates<T extends NumArray>(out: T, coords: ArrayLike<number>, flipIndices: ArrayLike<number>, shift: boolean, inputWidth: number): T {
  const fn = 'flipCoordinates';
  checkFlat(fn, 'coords', coords, 'x, y per keypoint');
  const k = flipCount(fn, flipIndices);
  if (k === 0 || coords.length % (2 * k) !== 0) {
    throw new PosekitError('E_LAYOUT_MISMATCH', `${fn}: coords length ${coords.length} is not a multiple of 2K = ${2 * k}`, { expected: `multiple of ${2 * k}`, received: coords.length });
  }
  checkFlipIndices(fn, flipIndices, k);
  checkOut(fn, 'out', out, coords.length);
  checkNoAlias(fn, 'out', out, 'coords', coords);
  if (shift) {
    checkFinite(fn, 'inputWidth', inputWidth);
    if (!(inputWidth > 0)) throw new PosekitError('E_RANGE', `${fn}: inputWidth must be > 0 when shift is set; received ${inputWidth}`, { expected: '> 0', received: inputWidth });
  }
  const m = coords.length / (2 * k);
  for (let inst = 0; inst < m; inst++) {
    const base = inst * 2 * k;
    for (let i = 0; i < k; i++) {
      const src = base + 2 * flipIndices[i]!;
      let x = 1.0 - coords[src]!;
      if (shift) x -= 1.0 / inputWidth;
      out[base + 2 * i] = x;
      out[base + 2 * i + 1] = coords[src + 1]!;
    }
  }
  return out;
}

const BBOX_FORMATS: readonly ('xyxy' | 'xywh' | 'center')[] = ['xyxy', 'xywh', 'center'];

/**
 * MMPose `flip_bbox` (horizontal): `xyxy`: `x1' = w - x2 - 1`, `x2' = w - x1 - 1`; `xywh` / `center`:
 * `x' = w - x - 1`. Precision follows `out` (float32 steps into a `Float32Array`, double otherwise).
 * Reference: open-mmlab/mmpose `mmpose/structures/bbox/transforms.py`.
 *
 * @param out - receiving flat boxes (may be `boxes`)
 * @param boxes - flat boxes: 4 numbers each (`xyxy`, `xywh`) or 2 (`center`)
 * @param imageWidth - image width (pixels)
 * @param format - box format (default `'xyxy'`)
 * @returns out
 * @throws PosekitError `E_ARGUMENT` (`boxes` / `out` not an array; `format` not `'xyxy'`, `'xywh'` or `'center'`),
 *   `E_SHAPE` (length not a multiple of the box size, `out` too short), `E_NONFINITE` (`imageWidth`, a box entry)
 */
export function flipBbox<T extends NumArray>(out: T, boxes: ArrayLike<number>, imageWidth: number, format: 'xyxy' | 'xywh' | 'center' = 'xyxy'): T {
  const fn = 'flipBbox';
  format = checkOneOf(fn, 'format', format, BBOX_FORMATS, 'xyxy');
  const per = format === 'center' ? 2 : 4;
  if (!isArrayLike(boxes)) {
    throw new PosekitError('E_ARGUMENT', `${fn}: boxes must be a flat array of numbers, ${per} per box (${format}); received ${describeValue(boxes)}`, {
      expected: `flat array, ${per} numbers per box`,
      received: describeValue(boxes),
    });
  }
  if (boxes.length % per !== 0) {
    throw new PosekitError('E_SHAPE', `${fn}: boxes must hold ${per} numbers per box (${format}); received length ${boxes.length}`, { expected: `length % ${per} == 0`, received: boxes.length });
  }
  checkOut(fn, 'out', out, boxes.length);
  checkFinite(fn, 'imageWidth', imageWidth);
  checkFiniteEntries(fn, 'boxes', boxes, boxes.length);
  // Float32 boxes (numpy float32 arrays in the reference): `w - x` is rounded before the `- 1`.
  const r = stepRounding(out);
  const w = r(imageWidth);
  for (let o = 0; o < boxes.length; o += per) {
    if (format === 'xyxy') {
      const x1 = boxes[o]!, y1 = boxes[o + 1]!, x2 = boxes[o + 2]!, y2 = boxes[o + 3]!;
      out[o] = r(r(w - r(x2)) - 1);
      out[o + 1] = y1;
      out[o + 2] = r(r(w - r(x1)) - 1);
      out[o + 3] = y2;
    } else {
      out[o] = r(r(w - r(boxes[o]!)) - 1);
      for (let j = 1; j < per; j++) out[o + j] = boxes[o + j]!;
    }
  }
  return out;
}

/**
 * Flip heatmaps back after a flipped forward pass (MMPose `flip_heatmaps` mode `'heatmap'`, HRNet `flip_back`,
 * AlphaPose `flip_heatmap`): reverse each row, channel `k` takes channel `flipIndices[k]`; with `shift`, shift every
 * row one pixel right (`out[..., 1:] = out[..., :-1]`, column 0 keeps its flipped value: MMPose `shift_heatmap`,
 * HRNet `SHIFT_HEATMAP`). Average with the unflipped output afterwards.
 *
 * @param out - receiving float32 data, `N*K*H*W` long (must not share memory with the input's data)
 * @param heatmaps - `[N, K, H, W]` float32 tensor
 * @param flipIndices - flip permutation (length K)
 * @param shift - apply the one-pixel shift (default false)
 * @returns out
 * @throws PosekitError `E_RANK`, `E_SHAPE`, `E_DTYPE` (heatmaps; `out` not a Float32Array), `E_EMPTY`,
 *   `E_LAYOUT_MISMATCH`, `E_RANGE` (a flip index), `E_ARGUMENT` (`flipIndices` not an array; `out` shares memory
 *   with the input)
 */
export function flipHeatmaps(out: Float32Array, heatmaps: TensorLike<Float32Array>, flipIndices: ArrayLike<number>, shift = false): Float32Array {
  const fn = 'flipHeatmaps';
  const t = checkFloat32Tensor(fn, 'heatmaps', heatmaps, ['N', 'K', 'H', 'W']);
  const [n, k, h, w] = t.dims as [number, number, number, number];
  checkFlipIndices(fn, flipIndices, k);
  checkF32Out(fn, 'out', out, t.data.length);
  checkNoAlias(fn, 'out', out, 'heatmaps.data', t.data);
  flipRows(out, t.data, n, k, h, w, flipIndices, shift);
  return out;
}

function flipRows(out: Float32Array, src: Float32Array, n: number, k: number, h: number, w: number, flipIndices: ArrayLike<number>, shift: boolean): void {
  const plane = h * w;
  for (let b = 0; b < n; b++) {
    for (let c = 0; c < k; c++) {
      const so = (b * k + flipIndices[c]!) * plane;
      const doff = (b * k + c) * plane;
      for (let y = 0; y < h; y++) {
        const sr = so + y * w;
        const dr = doff + y * w;
        if (shift) {
          // flipped[x] = src[w-1-x]; shifted[x] = flipped[x-1] = src[w-x] for x >= 1; shifted[0] = flipped[0].
          out[dr] = src[sr + w - 1]!;
          for (let x = 1; x < w; x++) out[dr + x] = src[sr + w - x]!;
        } else {
          for (let x = 0; x < w; x++) out[dr + x] = src[sr + w - 1 - x]!;
        }
      }
    }
  }
}

/**
 * AlphaPose `flip_heatmap` exactly as the reference computes it, for `[K, H, W]` or `[N, K, H, W]` maps. Without
 * `shift` it equals {@link flipHeatmaps}. With `shift=True` the reference runs `out[..., 1:] = out[..., 0:-1]` as an
 * in-place torch copy on overlapping memory, which (observed, `affine/alphapose.json`) smears column 0 over the whole
 * row. That quirk is reproduced here for parity; use {@link flipHeatmaps} with `shift = true` for the intended
 * one-pixel shift. Reference: MVIG-SJTU/AlphaPose `alphapose/utils/transforms.py`.
 *
 * @param out - receiving float32 data (must not share memory with the input's data)
 * @param heatmaps - `[K, H, W]` or `[N, K, H, W]` float32 tensor
 * @param flipIndices - flip permutation (length K)
 * @param shift - the reference's `shift` flag (smears, see above)
 * @returns out
 * @throws PosekitError as {@link flipHeatmaps}
 */
export function flipHeatmapAlphaPose(out: Float32Array, heatmaps: TensorLike<Float32Array>, flipIndices: ArrayLike<number>, shift = false): Float32Array {
  const fn = 'flipHeatmapAlphaPose';
  const rank = heatmaps?.dims?.length;
  const t = checkFloat32Tensor(fn, 'heatmaps', heatmaps, rank === 3 ? ['K', 'H', 'W'] : ['N', 'K', 'H', 'W']);
  const d = t.dims;
  const [n, k, h, w] = (d.length === 3 ? [1, d[0], d[1], d[2]] : d) as [number, number, number, number];
  checkFlipIndices(fn, flipIndices, k);
  checkF32Out(fn, 'out', out, t.data.length);
  checkNoAlias(fn, 'out', out, 'heatmaps.data', t.data);
  flipRows(out, t.data, n, k, h, w, flipIndices, false);
  if (shift) {
    for (let r = 0; r < n * k * h; r++) {
      const o = r * w;
      const v = out[o]!;
      for (let x = 1; x < w; x++) out[o + x] = v;
    }
  }
  return out;
}

/**
 * MMPose `flip_vectors` (SimCC flip test): both label sets are reordered by `flipIndices`, the x labels are also
 * reversed along their bins.
 *
 * @param outX - receiving Float32Array for `[N, K, Wx]` (must not share memory with either input)
 * @param outY - receiving Float32Array for `[N, K, Wy]` (must not share memory with either input or `outX`)
 * @param simccX - `[N, K, Wx]` float32 tensor
 * @param simccY - `[N, K, Wy]` float32 tensor
 * @param flipIndices - flip permutation (length K)
 * @returns `[outX, outY]`
 * @throws PosekitError `E_RANK`, `E_SHAPE` (tensors disagree on N, K; outputs of the wrong size), `E_DTYPE` (inputs;
 *   an output not a Float32Array), `E_EMPTY`, `E_LAYOUT_MISMATCH`, `E_RANGE` (a flip index), `E_ARGUMENT`
 *   (`flipIndices` not an array; overlapping outputs)
 */
export function flipVectors(outX: Float32Array, outY: Float32Array, simccX: TensorLike<Float32Array>, simccY: TensorLike<Float32Array>, flipIndices: ArrayLike<number>): [Float32Array, Float32Array] {
  const fn = 'flipVectors';
  const tx = checkFloat32Tensor(fn, 'simccX', simccX, ['N', 'K', 'Wx']);
  const ty = checkFloat32Tensor(fn, 'simccY', simccY, ['N', 'K', 'Wy']);
  const [n, k, wx] = tx.dims as [number, number, number];
  const wy = ty.dims[2]!;
  if (ty.dims[0] !== n || ty.dims[1] !== k) {
    throw new PosekitError('E_SHAPE', `${fn}: simccX [${tx.dims.join(', ')}] and simccY [${ty.dims.join(', ')}] disagree on N, K`, { expected: [n, k], received: ty.dims.slice(0, 2) });
  }
  checkFlipIndices(fn, flipIndices, k);
  checkF32Out(fn, 'outX', outX, tx.data.length);
  checkF32Out(fn, 'outY', outY, ty.data.length);
  checkNoAlias(fn, 'outX', outX, 'simccX.data', tx.data);
  checkNoAlias(fn, 'outX', outX, 'simccY.data', ty.data);
  checkNoAlias(fn, 'outY', outY, 'simccX.data', tx.data);
  checkNoAlias(fn, 'outY', outY, 'simccY.data', ty.data);
  checkNoAlias(fn, 'outY', outY, 'outX', outX);
  for (let b = 0; b < n; b++) {
    for (let c = 0; c < k; c++) {
      const sx = (b * k + flipIndices[c]!) * wx, dx = (b * k + c) * wx;
      for (let i = 0; i < wx; i++) outX[dx + i] = tx.data[sx + wx - 1 - i]!;
      const sy = (b * k + flipIndices[c]!) * wy, dy = (b * k + c) * wy;
      outY.set(ty.data.subarray(sy, sy + wy), dy);
    }
  }
  return [outX, outY];
}

/**
 * HRNet `fliplr_joints` (training-time flip of joints with per-coordinate visibility): `x' = width - x - 1`, swap
 * each pair (joints and visibility), then `joints *= visibility` elementwise.
 * Reference: leoxiaobin/deep-high-resolution-net.pytorch `lib/utils/transforms.py`.
 *
 * @param outJoints - receiving `K*3` joints (must not share memory with the inputs)
 * @param outVis - receiving `K*3` visibility (must not share memory with the inputs or `outJoints`)
 * @param joints - flat `K*3` (x, y, z)
 * @param jointsVis - flat `K*3` visibility per coordinate
 * @param width - image width
 * @param flipPairs - `[a, b]` pairs (0-based, disjoint)
 * @returns `[outJoints, outVis]`
 * @throws PosekitError `E_ARGUMENT` (an argument not an array; overlapping arrays; bad pairs), `E_SHAPE` (lengths,
 *   outputs too short), `E_NONFINITE` (`width`), `E_RANGE` (a pair index), as {@link flipIndicesFromPairs}
 */
export function fliplrJoints<T extends NumArray, V extends NumArray>(
  outJoints: T,
  outVis: V,
  joints: ArrayLike<number>,
  jointsVis: ArrayLike<number>,
  width: number,
  flipPairs: readonly (readonly number[])[],
): [T, V] {
  const fn = 'fliplrJoints';
  const k = checkPoints(fn, 'joints', outJoints, joints, 3);
  checkPoints(fn, 'jointsVis', outVis, jointsVis, 3);
  if (jointsVis.length !== joints.length) {
    throw new PosekitError('E_SHAPE', `${fn}: joints and jointsVis must both be K*3 long; received ${joints.length} and ${jointsVis.length}`, {
      expected: joints.length,
      received: jointsVis.length,
    });
  }
  checkNoAlias(fn, 'outJoints', outJoints, 'joints', joints);
  checkNoAlias(fn, 'outJoints', outJoints, 'jointsVis', jointsVis);
  checkNoAlias(fn, 'outVis', outVis, 'joints', joints);
  checkNoAlias(fn, 'outVis', outVis, 'jointsVis', jointsVis);
  checkNoAlias(fn, 'outVis', outVis, 'outJoints', outJoints);
  checkFinite(fn, 'width', width);
  const idx = flipIndicesFromPairs(flipPairs, k);
  for (let i = 0; i < k; i++) {
    const s = idx[i]! * 3;
    for (let j = 0; j < 3; j++) {
      const v = jointsVis[s + j]!;
      const x = j === 0 ? width - joints[s]! - 1 : joints[s + j]!;
      outJoints[3 * i + j] = x * v;
      outVis[3 * i + j] = v;
    }
  }
  return [outJoints, outVis];
}

/**
 * AlphaPose `flip_joints_3d`: joints `(K, 3, 2)` flat (`[x, vis_x, y, vis_y, z, vis_z]` per joint):
 * `x' = width - x - 1`, swap each pair (values and visibilities), then `value *= visibility`.
 * Reference: MVIG-SJTU/AlphaPose `alphapose/utils/transforms.py`.
 *
 * @param out - receiving `K*6` array (must not share memory with `joints3d`)
 * @param joints3d - flat `K*3*2`
 * @param width - image width
 * @param jointPairs - `[a, b]` pairs (0-based, disjoint)
 * @returns out
 * @throws PosekitError `E_ARGUMENT` (an argument not an array; `out` shares memory with `joints3d`; bad pairs),
 *   `E_SHAPE` (length not a multiple of 6, `out` too short), `E_NONFINITE` (`width`), `E_RANGE` (a pair index), as
 *   {@link flipIndicesFromPairs}
 */
export function flipJoints3d<T extends NumArray>(out: T, joints3d: ArrayLike<number>, width: number, jointPairs: readonly (readonly number[])[]): T {
  const fn = 'flipJoints3d';
  const k = checkPoints(fn, 'joints3d', out, joints3d, 6);
  checkNoAlias(fn, 'out', out, 'joints3d', joints3d);
  checkFinite(fn, 'width', width);
  const idx = flipIndicesFromPairs(jointPairs, k);
  for (let i = 0; i < k; i++) {
    const s = idx[i]! * 6;
    for (let j = 0; j < 3; j++) {
      const v = joints3d[s + 2 * j + 1]!;
      const val = j === 0 ? width - joints3d[s]! - 1 : joints3d[s + 2 * j]!;
      out[6 * i + 2 * j] = val * v;
      out[6 * i + 2 * j + 1] = v;
    }
  }
  return out;
}
