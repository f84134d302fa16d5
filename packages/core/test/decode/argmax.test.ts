import { Tensor } from 'onnxruntime-common';
import { describe, expect, it } from 'vitest';
import { getHeatmapMaximum } from '../../src/index.js';
import { expectCode } from '../../../../test-support/errors.js';
import { zeros } from './helpers.js';

describe('getHeatmapMaximum', () => {
  it('finds the first maximum (row-major ties) and reports the raw value', () => {
    const t = zeros(1, 2, 4, 5);
    t.data[2 * 5 + 3] = 0.7; // (x 3, y 2)
    t.data[3 * 5 + 1] = 0.7; // later tie: ignored
    t.data[20 + 1 * 5 + 4] = 0.2;
    t.data[20 + 1 * 5 + 0] = 0.2; // same row, earlier column wins
    const r = getHeatmapMaximum(t);
    expect(Array.from(r.keypoints)).toEqual([3, 2, 0, 1]);
    expect(Array.from(r.scores)).toEqual([Math.fround(0.7), Math.fround(0.2)]);
    expect([r.n, r.k]).toEqual([1, 2]);
  });

  it('puts maps with max <= 0 at (-1, -1) (MMPose) or (0, 0) (HRNet / AlphaPose), keeping the score', () => {
    const t = zeros(1, 2, 3, 3);
    t.data.fill(-0.5, 9, 18);
    t.data[9 + 4] = -0.1;
    expect(Array.from(getHeatmapMaximum(t).keypoints)).toEqual([-1, -1, -1, -1]);
    const z = getHeatmapMaximum(t, { invalid: 'zero' });
    expect(Array.from(z.keypoints)).toEqual([0, 0, 0, 0]);
    expect(Array.from(z.scores)).toEqual([0, Math.fround(-0.1)]);
  });

  it('reads an onnxruntime Tensor in place and reuses an out object', () => {
    const data = new Float32Array(2 * 1 * 2 * 3);
    data[5] = 1;
    data[6 + 1] = 2;
    const t = new Tensor('float32', data, [2, 1, 2, 3]);
    const out = { keypoints: new Float32Array(4), scores: new Float32Array(2), n: 0, k: 0 };
    const kp = out.keypoints;
    const r = getHeatmapMaximum(t, {}, out);
    expect(r).toBe(out);
    expect(r.keypoints).toBe(kp);
    expect(Array.from(r.keypoints)).toEqual([2, 1, 1, 0]);
  });

  it('handles a map whose length is not a multiple of the unroll factor', () => {
    const t = zeros(1, 1, 1, 7);
    t.data[6] = 3;
    expect(Array.from(getHeatmapMaximum(t).keypoints)).toEqual([6, 0]);
  });

  it('rejects bad input with stable codes', () => {
    expectCode(() => getHeatmapMaximum({ data: new Float32Array(6), dims: [1, 2, 3] }), 'E_RANK', /rank 4 \[N, K, H, W\]; received rank 3/);
    expectCode(() => getHeatmapMaximum({ data: new Float32Array(5), dims: [1, 1, 2, 3] }), 'E_SHAPE');
    expectCode(() => getHeatmapMaximum({ data: new Float64Array(6), dims: [1, 1, 2, 3] } as never), 'E_DTYPE');
    expectCode(() => getHeatmapMaximum({ data: new Float32Array(0), dims: [0, 17, 64, 48] }), 'E_EMPTY');
    expectCode(() => getHeatmapMaximum(null as never), 'E_ARGUMENT');
    expectCode(() => getHeatmapMaximum(zeros(1, 1, 2, 2), { invalid: 'nope' as never }), 'E_ARGUMENT');
  });

  it('rejects NaN and Infinity wherever they are, naming the keypoint', () => {
    for (const bad of [NaN, Infinity, -Infinity]) {
      const t = zeros(2, 3, 4, 5);
      t.data[1 * 60 + 2 * 20 + 7] = bad;
      expectCode(() => getHeatmapMaximum(t), 'E_NONFINITE', /instance 1, keypoint 2/);
    }
  });
});
