import { describe, expect, it } from 'vitest';
import {
  flipBbox,
  flipCoordinates,
  flipHeatmapAlphaPose,
  flipHeatmaps,
  flipIndicesFromPairs,
  flipJoints3d,
  flipKeypoints,
  fliplrJoints,
  flipVectors,
} from '../../src/affine/index.js';

const idx3 = [0, 2, 1];
// [N=1, K=3, H=2, W=3]: value = 100 k + 10 y + x
const hm = { data: Float32Array.from({ length: 18 }, (_, i) => 100 * Math.floor(i / 6) + 10 * Math.floor((i % 6) / 3) + (i % 3)), dims: [1, 3, 2, 3] };

describe('flipHeatmaps', () => {
  it('reverses W and takes channel flipIndices[k]', () => {
    const out = flipHeatmaps(new Float32Array(18), hm, idx3);
    expect(Array.from(out)).toEqual([2, 1, 0, 12, 11, 10, 202, 201, 200, 212, 211, 210, 102, 101, 100, 112, 111, 110]);
  });
  it('shift: out[..., 1:] = out[..., :-1], column 0 keeps its flipped value', () => {
    const out = flipHeatmaps(new Float32Array(18), hm, idx3, true);
    expect(Array.from(out.subarray(0, 6))).toEqual([2, 2, 1, 12, 12, 11]);
  });
  it.each([
    ['flip indices of the wrong length', () => flipHeatmaps(new Float32Array(18), hm, [0, 1]), 'E_LAYOUT_MISMATCH'],
    ['flip index out of range', () => flipHeatmaps(new Float32Array(18), hm, [0, 1, 3]), 'E_RANGE'],
    ['rank 3', () => flipHeatmaps(new Float32Array(18), { data: hm.data, dims: [3, 2, 3] }, idx3), 'E_RANK'],
    ['out aliasing the input', () => flipHeatmaps(hm.data, hm, idx3), 'E_ARGUMENT'],
    ['out of the wrong size', () => flipHeatmaps(new Float32Array(17), hm, idx3), 'E_SHAPE'],
    ['float64 data', () => flipHeatmaps(new Float32Array(18), { data: new Float64Array(18) as unknown as Float32Array, dims: [1, 3, 2, 3] }, idx3), 'E_DTYPE'],
  ])('rejects %s', (_n, f, code) => {
    expect(f).toThrowError(expect.objectContaining({ code }));
  });
});

describe('flipHeatmapAlphaPose', () => {
  it('equals flipHeatmaps without shift, [K, H, W] input', () => {
    const t = { data: hm.data, dims: [3, 2, 3] };
    expect(Array.from(flipHeatmapAlphaPose(new Float32Array(18), t, idx3))).toEqual(Array.from(flipHeatmaps(new Float32Array(18), hm, idx3)));
  });
  it('reproduces the reference smear of column 0 with shift', () => {
    const out = flipHeatmapAlphaPose(new Float32Array(18), hm, idx3, true);
    expect(Array.from(out.subarray(0, 6))).toEqual([2, 2, 2, 12, 12, 12]);
  });
});

describe('keypoint / coordinate / box flips', () => {
  it('flipKeypoints: x = w - 1 - x, reorder with the score', () => {
    const kp = [10, 1, 0.9, 20, 2, 0.8, 30, 3, 0.7];
    expect(Array.from(flipKeypoints(new Float64Array(9), kp, idx3, 100, 3))).toEqual([89, 1, 0.9, 69, 3, 0.7, 79, 2, 0.8]);
    expect(() => flipKeypoints(new Float64Array(9), kp, [0, 1], 100, 3)).toThrowError(expect.objectContaining({ code: 'E_LAYOUT_MISMATCH' }));
    const same = Float64Array.from(kp);
    expect(() => flipKeypoints(same, same, idx3, 100, 3)).toThrowError(expect.objectContaining({ code: 'E_ARGUMENT' }));
  });
  it('flipCoordinates: 1 - x (- 1/w with shift), reorder', () => {
    const c = [0.1, 0.5, 0.2, 0.6, 0.3, 0.7];
    const out = flipCoordinates(new Float64Array(6), c, idx3, true, 192);
    expect(out[0]).toBeCloseTo(0.9 - 1 / 192, 12);
    expect(out[2]).toBeCloseTo(0.7 - 1 / 192, 12);
    expect(out[3]).toBe(0.7);
  });
  it('flipBbox: xyxy, xywh, center', () => {
    expect(Array.from(flipBbox(new Float64Array(4), [10, 20, 110, 220], 640))).toEqual([529, 20, 629, 220]);
    expect(Array.from(flipBbox(new Float64Array(4), [10, 20, 100, 200], 640, 'xywh'))).toEqual([629, 20, 100, 200]);
    expect(Array.from(flipBbox(new Float64Array(2), [10, 20], 640, 'center'))).toEqual([629, 20]);
    expect(() => flipBbox(new Float64Array(4), [1, 2, 3], 640)).toThrowError(expect.objectContaining({ code: 'E_SHAPE' }));
  });
  it('flipVectors: reorder both, reverse x only', () => {
    const x = { data: Float32Array.from([1, 2, 3, 4, 5, 6]), dims: [1, 3, 2] };
    const y = { data: Float32Array.from([1, 2, 3, 4, 5, 6]), dims: [1, 3, 2] };
    const [ox, oy] = flipVectors(new Float32Array(6), new Float32Array(6), x, y, idx3);
    expect(Array.from(ox)).toEqual([2, 1, 6, 5, 4, 3]);
    expect(Array.from(oy)).toEqual([1, 2, 5, 6, 3, 4]);
    expect(() => flipVectors(new Float32Array(6), new Float32Array(4), x, { data: new Float32Array(4), dims: [1, 2, 2] }, idx3)).toThrowError(expect.objectContaining({ code: 'E_SHAPE' }));
  });
  it('flipIndicesFromPairs builds the permutation and checks indices', () => {
    expect(flipIndicesFromPairs([[1, 2]], 3)).toEqual([0, 2, 1]);
    expect(() => flipIndicesFromPairs([[1, 3]], 3)).toThrowError(expect.objectContaining({ code: 'E_RANGE' }));
  });
  it('HRNet fliplrJoints and AlphaPose flipJoints3d mirror, swap and multiply by visibility', () => {
    const [j, v] = fliplrJoints(new Float64Array(9), new Float64Array(9), [10, 1, 0, 20, 2, 0, 30, 3, 0], [1, 1, 1, 0, 0, 0, 1, 1, 1], 100, [[1, 2]]);
    expect(Array.from(j)).toEqual([89, 1, 0, 69, 3, 0, 0, 0, 0]);
    expect(Array.from(v)).toEqual([1, 1, 1, 1, 1, 1, 0, 0, 0]);
    const j3 = flipJoints3d(new Float64Array(18), [10, 1, 1, 1, 0, 0, 20, 0, 2, 0, 0, 0, 30, 1, 3, 1, 0, 0], 100, [[1, 2]]);
    expect(Array.from(j3)).toEqual([89, 1, 1, 1, 0, 0, 69, 1, 3, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
  });
});
