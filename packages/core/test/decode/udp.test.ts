import { describe, expect, it } from 'vitest';
import { decodeUdp } from '../../src/index.js';
import { expectCode } from '../../../../test-support/errors.js';
import { gaussian, maxAbsDiff, realistic, zeros } from './helpers.js';

describe('decodeUdp (MMPose UDPHeatmap gaussian)', () => {
  it('recovers a sub-pixel peak and scales by input / (heatmap - 1)', () => {
    const t = zeros(1, 1, 64, 48);
    gaussian(t, 0, 0, 17.35, 40.8);
    const hm = decodeUdp(t, { outputSpace: 'heatmap' });
    expect(Math.abs(hm.keypoints[0]! - 17.35)).toBeLessThan(0.02);
    expect(Math.abs(hm.keypoints[1]! - 40.8)).toBeLessThan(0.02);
    const px = decodeUdp(t, { inputSize: [192, 256] });
    expect(px.keypoints[0]).toBeCloseTo((hm.keypoints[0]! / 47) * 192, 3);
    expect(px.keypoints[1]).toBeCloseTo((hm.keypoints[1]! / 63) * 256, 3);
  });

  it('refines border peaks too (edge-replicated padding, no guard)', () => {
    const t = zeros(1, 1, 16, 16);
    gaussian(t, 0, 0, 0.3, 15.6);
    const r = decodeUdp(t, { outputSpace: 'heatmap' });
    expect(r.keypoints[0]).not.toBe(0);
    expect(r.keypoints[1]).not.toBe(15);
  });

  it('matches the whole-map (reference) modulation on realistic batches', () => {
    for (const seed of [4, 5]) {
      const t = realistic(4, 17, 64, 48, seed, 0);
      for (const ks of [11, 17]) {
        const fast = decodeUdp(t, { blurKernelSize: ks });
        const exact = decodeUdp(t, { blurKernelSize: ks, exactModulation: true });
        expect(maxAbsDiff(fast.keypoints, exact.keypoints)).toBeLessThan(1e-5);
      }
    }
  });

  it('reproduces the reference NaN for empty maps by default, and marks them invalid on request', () => {
    const t = zeros(1, 3, 8, 6);
    gaussian(t, 0, 0, 2.5, 3.2);
    gaussian(t, 0, 2, 4, 5);
    const ref = decodeUdp(t, { inputSize: [24, 32] });
    expect(Number.isNaN(ref.keypoints[2]!)).toBe(true);
    expect(ref.scores[1]).toBe(0);
    const marked = decodeUdp(t, { inputSize: [24, 32], refineInvalid: false });
    expect(Array.from(marked.keypoints.subarray(2, 4))).toEqual([Math.fround((-1 / 5) * 24), Math.fround((-1 / 7) * 32)]);
    expect(marked.keypoints.every((v) => Number.isFinite(v))).toBe(true);
    expect(Array.from(marked.keypoints.subarray(0, 2))).toEqual(Array.from(ref.keypoints.subarray(0, 2)));
  });

  it('rejects maps smaller than 2x2 and bad input', () => {
    expectCode(() => decodeUdp(zeros(1, 1, 1, 5)), 'E_SHAPE', /at least 2x2/);
    expectCode(() => decodeUdp(zeros(1, 1, 4, 4), { blurKernelSize: 2 }), 'E_RANGE');
    expectCode(() => decodeUdp({ data: new Float32Array(0), dims: [0, 1, 4, 4] }), 'E_EMPTY');
    const t = zeros(1, 1, 4, 4);
    t.data[0] = NaN;
    expectCode(() => decodeUdp(t), 'E_NONFINITE');
  });
});
