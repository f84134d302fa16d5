import { describe, expect, it } from 'vitest';
import { decodeMsra } from '../../src/index.js';
import { expectCode } from '../../../../test-support/errors.js';
import { gaussian, zeros } from './helpers.js';

describe('decodeMsra (MMPose MSRAHeatmap.decode)', () => {
  it('moves a quarter cell towards the higher neighbour and scales by input / heatmap', () => {
    const t = zeros(1, 1, 16, 12);
    gaussian(t, 0, 0, 5.3, 7.8); // argmax (5, 8): right > left, above > below
    const hm = decodeMsra(t, { outputSpace: 'heatmap' });
    expect(Array.from(hm.keypoints)).toEqual([5.25, 7.75]);
    const r = decodeMsra(t, { inputSize: [48, 64] });
    expect(Array.from(r.keypoints)).toEqual([21, 31]);
    expect(r.scores[0]).toBeCloseTo(Math.exp(-(0.3 ** 2 + 0.2 ** 2) / 8), 6);
    // default input size is 4 x the heatmap
    expect(Array.from(decodeMsra(t).keypoints)).toEqual([21, 31]);
  });

  it('does not move on exact ties (sign(0) = 0)', () => {
    const t = zeros(1, 1, 5, 5);
    t.data[2 * 5 + 2] = 1;
    expect(Array.from(decodeMsra(t, { outputSpace: 'heatmap' }).keypoints)).toEqual([2, 2]);
  });

  it('keeps the asymmetric border guards of the reference', () => {
    // peak at x = 1: x never refines (1 < x fails), y refines (0 < x holds)
    const a = zeros(1, 1, 6, 6);
    a.data[3 * 6 + 1] = 1;
    a.data[3 * 6 + 2] = 0.5;
    a.data[4 * 6 + 1] = 0.5;
    expect(Array.from(decodeMsra(a, { outputSpace: 'heatmap' }).keypoints)).toEqual([1, 3.25]);
    // peak on row 0: neither axis refines
    const b = zeros(1, 1, 6, 6);
    b.data[3] = 1;
    b.data[4] = 0.5;
    b.data[6 + 3] = 0.5;
    expect(Array.from(decodeMsra(b, { outputSpace: 'heatmap' }).keypoints)).toEqual([3, 0]);
    // peak on column 0: neither axis refines
    const c = zeros(1, 1, 6, 6);
    c.data[3 * 6] = 1;
    c.data[4 * 6] = 0.5;
    c.data[3 * 6 + 1] = 0.5;
    expect(Array.from(decodeMsra(c, { outputSpace: 'heatmap' }).keypoints)).toEqual([0, 3]);
  });

  it('reports all-zero maps at (-scale, -scale) with score 0', () => {
    const r = decodeMsra(zeros(2, 1, 8, 6), { inputSize: [24, 32] });
    expect(Array.from(r.keypoints)).toEqual([-4, -4, -4, -4]);
    expect(Array.from(r.scores)).toEqual([0, 0]);
  });

  it('decodes a batch independently per instance', () => {
    const t = zeros(3, 2, 10, 10);
    gaussian(t, 2, 1, 6, 4);
    gaussian(t, 0, 0, 3, 3);
    const r = decodeMsra(t, { outputSpace: 'heatmap' });
    expect(Array.from(r.keypoints.subarray(0, 2))).toEqual([3, 3]);
    expect(Array.from(r.keypoints.subarray(10, 12))).toEqual([6, 4]);
    expect(r.keypoints[2]).toBe(-1);
  });

  it('rejects bad input and options', () => {
    expectCode(() => decodeMsra({ data: new Float32Array(4), dims: [2, 2] }), 'E_RANK');
    expectCode(() => decodeMsra(zeros(1, 1, 2, 2), { inputSize: [0, 10] }), 'E_ARGUMENT');
    expectCode(() => decodeMsra(zeros(1, 1, 2, 2), { outputSpace: 'image' as never }), 'E_ARGUMENT');
    const t = zeros(1, 1, 2, 2);
    t.data[3] = NaN;
    expectCode(() => decodeMsra(t), 'E_NONFINITE');
  });
});
