/**
 * Flip-test helpers: mirror keypoints, boxes, coordinates, heatmaps and SimCC vectors and swap left / right
 * channels, as MMPose, HRNet and AlphaPose do.
 *
 * @module
 */
import { PosekitError } from '../errors.js';
import { checkFloat32Tensor } from '../tensor.js';
import type { TensorLike } from '../tensor.js';
import type { NumArray } from './matrix.js';

function checkFlipIndices(fn: string, flipIndices: ArrayLike<number>, k: number): void {
  if (flipIndices.length !== k) {
    throw new PosekitError('E_LAYOUT_MISMATCH', `${fn}: flipIndices has ${flipIndices.length} entries but the data has ${k} keypoints`, {
      expected: k,
      received: flipIndices.length,
    });
  }
  for (let i = 0; i < k; i++) {
    const v = flipIndices[i]!;
    if (!Number.isInteger(v) || v < 0 || v >= k) {
      throw new PosekitError('E_RANGE', `${fn}: flipIndices[${i}] = ${v} is not an index in [0, ${k})`, { item: i, received: v });
    }
  }
}

function checkDistinct(fn: string, out: unknown, input: unknown): void {
  if (out === input) throw new PosekitError('E_ARGUMENT', `${fn}: out must not be the input array (the keypoints are reordered)`, { expected: 'a separate output array' });
}

/**
 * Flip indices from 0-based left/right pairs (HRNet `flip_pairs`, AlphaPose `joint_pairs`): identity, then
 * `a <-> b` for each pair.
 *
 * @param pairs - `[a, b]` pairs
 * @param numKeypoints - K
 * @returns `flipIndices` of length K
 * @throws PosekitError `E_RANGE` for an index outside `[0, K)`
 */
export function flipIndicesFromPairs(pairs: readonly (readonly [number, number])[] | readonly (readonly number[])[], numKeypoints: number): number[] {
  const out = Array.from({ length: numKeypoints }, (_, i) => i);
  for (const p of pairs) {
    const a = p[0]!, b = p[1]!;
    if (!(Number.isInteger(a) && Number.isInteger(b) && a >= 0 && b >= 0 && a < numKeypoints && b < numKeypoints)) {
      throw new PosekitError('E_RANGE', `flipIndicesFromPairs: pair [${a}, ${b}] has an index outside [0, ${numKeypoints})`, { received: [a, b] });
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
 * @param out - receiving flat keypoints (must not be `keypoints`), same length
 * @param keypoints - flat keypoints, `stride` numbers each (x, y, ...), possibly several instances of K each
 * @param flipIndices - layout flip permutation (length K)
 * @param imageWidth - width of the image the keypoints live in (pixels)
 * @param stride - numbers per keypoint (default 2)
 * @returns out
 * @throws PosekitError `E_SHAPE`, `E_LAYOUT_MISMATCH`, `E_RANGE`, `E_ARGUMENT` (out aliases the input)
 */
export function flipKeypoints<T extends NumArray>(out: T, keypoints: ArrayLike<number>, flipIndices: ArrayLike<number>, imageWidth: number, stride = 2): T {
  const fn = 'flipKeypoints';
  checkDistinct(fn, out, keypoints);
  const k = flipIndices.length;
  const per = k * stride;
  if (k === 0 || keypoints.length % per !== 0) {
    throw new PosekitError('E_LAYOUT_MISMATCH', `${fn}: keypoints length ${keypoints.length} is not a multiple of K * stride = ${k} * ${stride}`, {
      expected: `multiple of ${per}`,
      received: keypoints.length,
    });
  }
  checkFlipIndices(fn, flipIndices, k);
  if (out.length < keypoints.length) throw new PosekitError('E_SHAPE', `${fn}: out must hold ${keypoints.length} numbers; received ${out.length}`);
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
 * @param out - receiving flat `x, y` pairs (must not be `coords`)
 * @param coords - flat normalised `x, y` pairs, K per instance
 * @param flipIndices - flip permutation (length K)
 * @param shift - apply the one-pixel shift (`shift_coords`)
 * @param inputWidth - model input width (pixels), used when `shift`
 * @returns out
 */
export function flipCoordinates<T extends NumArray>(out: T, coords: ArrayLike<number>, flipIndices: ArrayLike<number>, shift: boolean, inputWidth: number): T {
  const fn = 'flipCoordinates';
  checkDistinct(fn, out, coords);
  const k = flipIndices.length;
  if (k === 0 || coords.length % (2 * k) !== 0) {
    throw new PosekitError('E_LAYOUT_MISMATCH', `${fn}: coords length ${coords.length} is not a multiple of 2K = ${2 * k}`, { received: coords.length });
  }
  checkFlipIndices(fn, flipIndices, k);
  if (shift && !(inputWidth > 0)) throw new PosekitError('E_RANGE', `${fn}: inputWidth must be > 0 when shift is set; received ${inputWidth}`);
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

/**
 * MMPose `flip_bbox` (horizontal): `xyxy`: `x1' = w - x2 - 1`, `x2' = w - x1 - 1`; `xywh` / `center`:
 * `x' = w - x - 1`.
 * Reference: open-mmlab/mmpose `mmpose/structures/bbox/transforms.py`.
 *
 * @param out - receiving flat boxes (may be `boxes`)
 * @param boxes - flat boxes: 4 numbers each (`xyxy`, `xywh`) or 2 (`center`)
 * @param imageWidth - image width (pixels)
 * @param format - box format (default `'xyxy'`)
 * @returns out
 */
export function flipBbox<T extends NumArray>(out: T, boxes: ArrayLike<number>, imageWidth: number, format: 'xyxy' | 'xywh' | 'center' = 'xyxy'): T {
  const per = format === 'center' ? 2 : 4;
  if (boxes.length % per !== 0) throw new PosekitError('E_SHAPE', `flipBbox: boxes must hold ${per} numbers per box (${format}); received length ${boxes.length}`);
  if (out.length < boxes.length) throw new PosekitError('E_SHAPE', `flipBbox: out must hold ${boxes.length} numbers; received ${out.length}`);
  for (let o = 0; o < boxes.length; o += per) {
    if (format === 'xyxy') {
      const x1 = boxes[o]!, y1 = boxes[o + 1]!, x2 = boxes[o + 2]!, y2 = boxes[o + 3]!;
      out[o] = imageWidth - x2 - 1;
      out[o + 1] = y1;
      out[o + 2] = imageWidth - x1 - 1;
      out[o + 3] = y2;
    } else {
      out[o] = imageWidth - boxes[o]! - 1;
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
 * @param out - receiving float32 data, `N*K*H*W` long (must not be the input's data)
 * @param heatmaps - `[N, K, H, W]` float32 tensor
 * @param flipIndices - flip permutation (length K)
 * @param shift - apply the one-pixel shift (default false)
 * @returns out
 * @throws PosekitError `E_RANK`, `E_SHAPE`, `E_DTYPE`, `E_EMPTY`, `E_LAYOUT_MISMATCH`, `E_ARGUMENT`
 */
export function flipHeatmaps(out: Float32Array, heatmaps: TensorLike<Float32Array>, flipIndices: ArrayLike<number>, shift = false): Float32Array {
  const fn = 'flipHeatmaps';
  const t = checkFloat32Tensor(fn, 'heatmaps', heatmaps, ['N', 'K', 'H', 'W']);
  const [n, k, h, w] = t.dims as [number, number, number, number];
  checkFlipIndices(fn, flipIndices, k);
  checkDistinct(fn, out, t.data);
  if (out.length !== t.data.length) throw new PosekitError('E_SHAPE', `${fn}: out must have ${t.data.length} elements; received ${out.length}`, { expected: t.data.length, received: out.length });
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
 * @param out - receiving float32 data (must not be the input's data)
 * @param heatmaps - `[K, H, W]` or `[N, K, H, W]` float32 tensor
 * @param flipIndices - flip permutation (length K)
 * @param shift - the reference's `shift` flag (smears, see above)
 * @returns out
 */
export function flipHeatmapAlphaPose(out: Float32Array, heatmaps: TensorLike<Float32Array>, flipIndices: ArrayLike<number>, shift = false): Float32Array {
  const fn = 'flipHeatmapAlphaPose';
  const rank = heatmaps?.dims?.length;
  const t = checkFloat32Tensor(fn, 'heatmaps', heatmaps, rank === 3 ? ['K', 'H', 'W'] : ['N', 'K', 'H', 'W']);
  const d = t.dims;
  const [n, k, h, w] = (d.length === 3 ? [1, d[0], d[1], d[2]] : d) as [number, number, number, number];
  checkFlipIndices(fn, flipIndices, k);
  checkDistinct(fn, out, t.data);
  if (out.length !== t.data.length) throw new PosekitError('E_SHAPE', `${fn}: out must have ${t.data.length} elements; received ${out.length}`);
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
 * @param outX - receiving data for `[N, K, Wx]` (must not be `simccX.data`)
 * @param outY - receiving data for `[N, K, Wy]` (must not be `simccY.data`)
 * @param simccX - `[N, K, Wx]` float32 tensor
 * @param simccY - `[N, K, Wy]` float32 tensor
 * @param flipIndices - flip permutation (length K)
 * @returns `[outX, outY]`
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
  checkDistinct(fn, outX, tx.data);
  checkDistinct(fn, outY, ty.data);
  if (outX.length !== tx.data.length || outY.length !== ty.data.length) throw new PosekitError('E_SHAPE', `${fn}: outX / outY must match the input sizes ${tx.data.length} / ${ty.data.length}`);
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
 * @param outJoints - receiving `K*3` joints (must not be `joints`)
 * @param outVis - receiving `K*3` visibility (must not be `jointsVis`)
 * @param joints - flat `K*3` (x, y, z)
 * @param jointsVis - flat `K*3` visibility per coordinate
 * @param width - image width
 * @param flipPairs - `[a, b]` pairs (0-based)
 * @returns `[outJoints, outVis]`
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
  checkDistinct(fn, outJoints, joints);
  checkDistinct(fn, outVis, jointsVis);
  if (joints.length % 3 !== 0 || jointsVis.length !== joints.length) {
    throw new PosekitError('E_SHAPE', `${fn}: joints and jointsVis must both be K*3 long; received ${joints.length} and ${jointsVis.length}`);
  }
  const k = joints.length / 3;
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
 * @param out - receiving `K*6` array (must not be `joints3d`)
 * @param joints3d - flat `K*3*2`
 * @param width - image width
 * @param jointPairs - `[a, b]` pairs (0-based)
 * @returns out
 */
export function flipJoints3d<T extends NumArray>(out: T, joints3d: ArrayLike<number>, width: number, jointPairs: readonly (readonly number[])[]): T {
  const fn = 'flipJoints3d';
  checkDistinct(fn, out, joints3d);
  if (joints3d.length % 6 !== 0) throw new PosekitError('E_SHAPE', `${fn}: joints3d must be K*3*2 long; received ${joints3d.length}`);
  const k = joints3d.length / 6;
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
