import { describe, expect, it } from 'vitest';
import { decodeDark, decodeMsra } from '../../src/index.js';
import { getHeatmapMaximum } from '../../src/index.js';
import { expectCode } from '../../../../test-support/errors.js';
import { mulberry32 } from '../../../../test-support/random.js';
import { gaussian, maxAbsDiff, realistic, zeros } from './helpers.js';

function getArgmax(t: { data: Float32Array; dims: number[] }): [number, number] {
  const m = getHeatmapMaximum(t);
  return [m.keypoints[0]!, m.keypoints[1]!];
}

describe('decodeDark (MMPose MSRAHeatmap unbiased=True)', () => {
  it('recovers a sub-pixel Gaussian peak', () => {
    const t = zeros(1, 2, 64, 48);
    gaussian(t, 0, 0, 20.3, 30.7);
    gaussian(t, 0, 1, 11.85, 40.45, 2, 0.6);
    for (const ks of [11, 17]) {
      const r = decodeDark(t, { outputSpace: 'heatmap', blurKernelSize: ks });
      expect(Math.abs(r.keypoints[0]! - 20.3)).toBeLessThan(0.01);
      expect(Math.abs(r.keypoints[1]! - 30.7)).toBeLessThan(0.01);
      expect(Math.abs(r.keypoints[2]! - 11.85)).toBeLessThan(0.01);
      expect(Math.abs(r.keypoints[3]! - 40.45)).toBeLessThan(0.01);
    }
    const px = decodeDark(t, { inputSize: [192, 256] });
    expect(px.keypoints[0]).toBeCloseTo(20.3 * 4, 1);
    // scores are the raw maxima, as MSRA
    expect(Array.from(px.scores)).toEqual(Array.from(decodeMsra(t).scores));
  });

  it('matches the whole-map (reference) modulation on realistic batches', () => {
    for (const seed of [1, 2, 3]) {
      const t = realistic(4, 17, 64, 48, seed, 0);
      for (const ks of [3, 7, 11, 17]) {
        const fast = decodeDark(t, { blurKernelSize: ks });
        const exact = decodeDark(t, { blurKernelSize: ks, exactModulation: true });
        expect(maxAbsDiff(fast.keypoints, exact.keypoints)).toBeLessThan(1e-5);
      }
    }
  });

  it('skips refinement outside 1 < x < W-2, 1 < y < H-2 and for empty maps', () => {
    const t = zeros(1, 3, 10, 10);
    gaussian(t, 0, 0, 1.4, 5); // argmax x = 1: not refined
    gaussian(t, 0, 1, 5, 7.6); // argmax y = 8 = H - 2: not refined
    const r = decodeDark(t, { outputSpace: 'heatmap' });
    expect(Array.from(r.keypoints)).toEqual([1, 5, 5, 8, -1, -1]);
    expect(Array.from(decodeDark(t, { inputSize: [40, 40] }).keypoints.subarray(4))).toEqual([-4, -4]);
  });

  it('does not clamp the Newton step by default; maxStep clamps it per axis', () => {
    // Noise maps give non-Gaussian shapes whose Newton step can jump several cells (as the reference).
    const r = mulberry32(7);
    let found = false;
    for (let trial = 0; trial < 200 && !found; trial++) {
      const t = zeros(1, 1, 10, 10);
      for (let i = 0; i < 100; i++) t.data[i] = r();
      const free = decodeDark(t, { outputSpace: 'heatmap', blurKernelSize: 3 });
      const base = getArgmax(t);
      const dx = free.keypoints[0]! - base[0];
      const dy = free.keypoints[1]! - base[1];
      if (Math.max(Math.abs(dx), Math.abs(dy)) <= 1) continue;
      found = true;
      const c = decodeDark(t, { outputSpace: 'heatmap', blurKernelSize: 3, maxStep: 0.5 });
      expect(c.keypoints[0]! - base[0]).toBeCloseTo(Math.max(-0.5, Math.min(0.5, dx)), 5);
      expect(c.keypoints[1]! - base[1]).toBeCloseTo(Math.max(-0.5, Math.min(0.5, dy)), 5);
    }
    expect(found).toBe(true);
  });

  it('rejects bad options and input', () => {
    expectCode(() => decodeDark(zeros(1, 1, 8, 8), { blurKernelSize: 10 }), 'E_RANGE');
    expectCode(() => decodeDark(zeros(1, 1, 8, 8), { maxStep: -1 }), 'E_RANGE');
    expectCode(() => decodeDark({ data: new Float32Array(64), dims: [1, 8, 8] }), 'E_RANK');
    const t = zeros(1, 1, 8, 8);
    t.data[10] = Infinity;
    expectCode(() => decodeDark(t), 'E_NONFINITE');
  });
});
