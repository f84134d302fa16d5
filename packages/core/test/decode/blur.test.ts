import { describe, expect, it } from 'vitest';
import { gaussianBlurHeatmaps, getGaussianKernel } from '../../src/index.js';
import { expectCode } from '../../../../test-support/errors.js';
import { gaussian, zeros } from './helpers.js';

describe('getGaussianKernel (cv2.getGaussianKernel, sigma <= 0)', () => {
  it('uses OpenCV fixed tables for 3, 5, 7 and 9 taps', () => {
    expect(Array.from(getGaussianKernel(3))).toEqual([0.25, 0.5, 0.25]);
    expect(Array.from(getGaussianKernel(5))).toEqual([1, 4, 6, 4, 1].map((v) => v / 16));
    expect(Array.from(getGaussianKernel(7))).toEqual([1, 3.5, 7, 9, 7, 3.5, 1].map((v) => v / 32));
    expect(Array.from(getGaussianKernel(9))).toEqual([1, 3.25, 7.5, 12.75, 15, 12.75, 7.5, 3.25, 1].map((v) => v / 64));
  });

  it('uses sigma = 0.3((k-1)/2 - 1) + 0.8 from 11 taps on, matching OpenCV to double precision', () => {
    // cv2.getGaussianKernel(11, 0) as stored in the DARK fixture's helpers
    const ref = [0.008812229292562288, 0.027143577143479373, 0.06511405659938269, 0.12164907301380962, 0.1769983568313557, 0.20056541423882085];
    const k = getGaussianKernel(11);
    for (let i = 0; i < 6; i++) {
      expect(Math.abs(k[i]! - ref[i]!)).toBeLessThan(1e-16);
      expect(k[10 - i]).toBe(k[i]);
    }
    expect(k.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 14);
  });

  it('accepts an explicit sigma and rejects bad sizes', () => {
    const k = getGaussianKernel(5, 1);
    expect(k[2]! / k[1]!).toBeCloseTo(Math.exp(0.5), 12);
    expectCode(() => getGaussianKernel(4), 'E_RANGE');
    expectCode(() => getGaussianKernel(0), 'E_RANGE');
    expectCode(() => getGaussianKernel(3, NaN), 'E_ARGUMENT');
  });
});

describe('gaussianBlurHeatmaps (MMPose gaussian_blur)', () => {
  it('rescales every map to its original maximum and leaves the input alone', () => {
    const t = zeros(1, 2, 20, 16);
    gaussian(t, 0, 0, 7.2, 9.6, 2, 0.8);
    gaussian(t, 0, 1, 3, 4, 1.5, 0.3);
    const before = t.data.slice();
    const b = gaussianBlurHeatmaps(t, 11);
    expect(b.dims).toEqual([1, 2, 20, 16]);
    expect(t.data).toEqual(before);
    for (const c of [0, 1]) {
      const orig = Math.max(...t.data.subarray(c * 320, (c + 1) * 320));
      const blurred = Math.max(...b.data.subarray(c * 320, (c + 1) * 320));
      expect(Math.abs(blurred - orig)).toBeLessThan(1e-7);
    }
    // a blur spreads the mass: the blurred map is wider than the input
    expect(b.data[9 * 16 + 2]!).toBeGreaterThan(t.data[9 * 16 + 2]!);
  });

  it('reproduces the reference 0/0 on an all-zero map (NaN), which the decoders never read', () => {
    const b = gaussianBlurHeatmaps(zeros(1, 1, 4, 4), 3);
    expect(b.data.every((v) => Number.isNaN(v))).toBe(true);
  });

  it('rejects even kernels and bad tensors', () => {
    expectCode(() => gaussianBlurHeatmaps(zeros(1, 1, 4, 4), 4), 'E_RANGE');
    expectCode(() => gaussianBlurHeatmaps({ data: new Float32Array(16), dims: [4, 4] }, 3), 'E_RANK');
  });
});
