import { describe, expect, it } from 'vitest';
import { expectCode } from '../../../../test-support/errors.js';
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

describe('flip helpers reject bad input with PosekitError', () => {
  it('flipBbox: unknown format, non-finite width or box', () => {
    expectCode(() => flipBbox(new Float64Array(4), [10, 20, 100, 200], 640, 'cxcywh' as never), 'E_ARGUMENT', /format must be one of 'xyxy', 'xywh', 'center'; received "cxcywh"/);
    expectCode(() => flipBbox(new Float64Array(4), [10, 20, 100, 200], NaN), 'E_NONFINITE', /imageWidth/);
    expectCode(() => flipBbox(new Float64Array(4), [10, NaN, 100, 200], 640), 'E_NONFINITE', /boxes\[1\]/);
    expectCode(() => flipBbox(new Float64Array(4), null as never, 640), 'E_ARGUMENT');
  });
  it('flipIndicesFromPairs: missing pairs, bad K, overlapping pairs', () => {
    expectCode(() => flipIndicesFromPairs(null as never, 3), 'E_ARGUMENT', /pairs must be an array/);
    expectCode(() => flipIndicesFromPairs([[1, 2]], -1), 'E_RANGE', /integer >= 0; received -1/);
    expectCode(() => flipIndicesFromPairs([[1, 2]], NaN), 'E_NONFINITE', /numKeypoints/);
    expectCode(() => flipIndicesFromPairs([[0, 0]], 1.5), 'E_RANGE', /received 1.5/);
    expectCode(() => flipIndicesFromPairs([[0, 1], [1, 2]], 3), 'E_ARGUMENT', /index 1 is in pair 1 \[1, 2\] and in pair 0 \[0, 1\]; pairs must be disjoint/);
    expectCode(() => flipIndicesFromPairs([[0, 1], [0, 1]], 3), 'E_ARGUMENT', /disjoint/);
    expectCode(() => flipIndicesFromPairs([[0, 1, 2]] as never, 3), 'E_ARGUMENT', /pairs\[0\] must be an \[a, b\] pair/);
    expect(flipIndicesFromPairs([], 0)).toEqual([]);
    expect(flipIndicesFromPairs([[1, 1], [0, 2]], 3)).toEqual([2, 1, 0]);
  });
  it('flipKeypoints: stride >= 2, finite width, out sharing the input buffer', () => {
    const kp = Float64Array.from([10, 1, 0.9, 20, 2, 0.8, 30, 3, 0.7]);
    expectCode(() => flipKeypoints(new Float64Array(6), [1, 2, 3], [0, 2, 1], 100, 1), 'E_RANGE', /stride must be an integer >= 2/);
    expectCode(() => flipKeypoints(new Float64Array(9), kp, idx3, NaN, 3), 'E_NONFINITE', /imageWidth/);
    expectCode(() => flipKeypoints(new Float64Array(9), kp, null as never, 100, 3), 'E_ARGUMENT', /flipIndices/);
    // A view of the same memory is the same array in disguise (was silently wrong output).
    expectCode(() => flipKeypoints(kp.subarray(0), kp, idx3, 100, 3), 'E_ARGUMENT', /must not share memory/);
    const big = new Float64Array(18);
    big.set(kp, 3);
    expectCode(() => flipKeypoints(big.subarray(0, 9), big.subarray(3, 12), idx3, 100, 3), 'E_ARGUMENT');
    // Disjoint views of one buffer are fine.
    big.set(kp, 9);
    expect(Array.from(flipKeypoints(big.subarray(0, 9), big.subarray(9, 18), idx3, 100, 3))).toEqual([89, 1, 0.9, 69, 3, 0.7, 79, 2, 0.8]);
  });
  it('flipHeatmaps / flipHeatmapAlphaPose / flipVectors: missing flip indices, non-float32 or aliased outputs', () => {
    expectCode(() => flipHeatmaps(new Float32Array(18), hm, null as never), 'E_ARGUMENT', /flipIndices must be an array of 3/);
    expectCode(() => flipHeatmapAlphaPose(new Float32Array(18), hm, undefined as never), 'E_ARGUMENT');
    expectCode(() => flipHeatmaps(new Float32Array(hm.data.buffer, 4, 17) as never, hm, idx3), 'E_SHAPE');
    expectCode(() => flipHeatmaps(hm.data.subarray(0), hm, idx3), 'E_ARGUMENT', /share memory/);
    expectCode(() => flipHeatmaps(Array.from({ length: 18 }, () => 0) as never, hm, idx3), 'E_DTYPE', /out must be a Float32Array of 18 elements; received Array\(18\)/);
    const x = { data: Float32Array.from([1, 2, 3, 4, 5, 6]), dims: [1, 3, 2] };
    const y = { data: Float32Array.from([1, 2, 3, 4, 5, 6]), dims: [1, 3, 2] };
    expectCode(() => flipVectors(new Float32Array(6), [0, 0, 0, 0, 0, 0] as never, x, y, idx3), 'E_DTYPE', /outY must be a Float32Array/);
    expectCode(() => flipVectors(new Float32Array(6), new Float32Array(6), x, y, null as never), 'E_ARGUMENT', /flipIndices/);
    expectCode(() => flipVectors(new Float32Array(6), y.data.subarray(0), x, y, idx3), 'E_ARGUMENT', /outY must not share memory with simccY.data/);
    const both = new Float32Array(6);
    expectCode(() => flipVectors(both, both, x, y, idx3), 'E_ARGUMENT', /outY must not share memory with outX/);
  });
  it('fliplrJoints / flipJoints3d: short outputs, non-finite width, aliasing', () => {
    const j3 = [10, 1, 1, 1, 0, 0, 20, 0, 2, 0, 0, 0, 30, 1, 3, 1, 0, 0];
    // was: a partial result written silently
    expectCode(() => flipJoints3d(new Float64Array(12), j3, 100, [[1, 2]]), 'E_SHAPE', /out must hold 18 numbers; received length 12/);
    expectCode(() => flipJoints3d(new Float64Array(18), j3, NaN, [[1, 2]]), 'E_NONFINITE', /width/);
    const joints = [10, 1, 0, 20, 2, 0, 30, 3, 0];
    const vis = [1, 1, 1, 0, 0, 0, 1, 1, 1];
    expectCode(() => fliplrJoints(new Float64Array(6), new Float64Array(9), joints, vis, 100, [[1, 2]]), 'E_SHAPE');
    const o = new Float64Array(9);
    expectCode(() => fliplrJoints(o, o, joints, vis, 100, [[1, 2]]), 'E_ARGUMENT', /outVis must not share memory with outJoints/);
    expectCode(() => fliplrJoints(new Float64Array(9), new Float64Array(9), joints, vis, 100, [[0, 1], [1, 2]]), 'E_ARGUMENT', /disjoint/);
  });
  it('flipCoordinates: non-finite input width with shift', () => {
    expectCode(() => flipCoordinates(new Float64Array(6), [0.1, 0.5, 0.2, 0.6, 0.3, 0.7], idx3, true, NaN), 'E_NONFINITE', /inputWidth/);
    expectCode(() => flipCoordinates(new Float64Array(6), [0.1, 0.5, 0.2, 0.6, 0.3, 0.7], idx3, true, 0), 'E_RANGE');
  });
});
