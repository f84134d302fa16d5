/**
 * Test helpers for the decoders: synthetic heatmaps with known peaks, seeded noise (the shared mulberry32 of
 * test-support/random.ts; PosekitError assertions are test-support/errors.ts).
 */
import { expect } from 'vitest';
import type { TensorLike } from '../../src/index.js';
import { mulberry32 } from '../../../../test-support/random.js';

/** An all-zero `[n, k, h, w]` tensor. */
export function zeros(n: number, k: number, h: number, w: number): { data: Float32Array; dims: number[] } {
  return { data: new Float32Array(n * k * h * w), dims: [n, k, h, w] };
}

/** Write an isotropic Gaussian blob `amp · exp(-d² / 2σ²)` centred at (cx, cy) into map (i, j). */
export function gaussian(t: { data: Float32Array; dims: readonly number[] }, i: number, j: number, cx: number, cy: number, sigma = 2, amp = 1): void {
  const [, k, h, w] = t.dims as [number, number, number, number];
  const o = (i * k + j) * h * w;
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) t.data[o + y * w + x] = amp * Math.exp(-((x - cx) ** 2 + (y - cy) ** 2) / (2 * sigma * sigma));
}

/** A batch of realistic maps: one blob per keypoint at a random sub-pixel position, small noise, one empty map. */
export function realistic(n: number, k: number, h: number, w: number, seed: number, margin = 3): { data: Float32Array; dims: number[]; centres: Float64Array } {
  const r = mulberry32(seed);
  const t = zeros(n, k, h, w);
  const centres = new Float64Array(n * k * 2);
  for (let c = 0; c < n * k; c++) {
    if (c % k === 3) {
      centres[2 * c] = NaN;
      centres[2 * c + 1] = NaN;
      continue;
    }
    const cx = margin + r() * (w - 1 - 2 * margin);
    const cy = margin + r() * (h - 1 - 2 * margin);
    centres[2 * c] = cx;
    centres[2 * c + 1] = cy;
    const amp = 0.55 + 0.45 * r();
    const o = c * h * w;
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const g = amp * Math.exp(-((x - cx) ** 2 + (y - cy) ** 2) / 8);
        if (g > 1e-3) t.data[o + y * w + x] = g + 0.004 * (r() - 0.5);
      }
    }
  }
  return { ...t, centres };
}

/** Max |a - b| over two arrays (NaN-aware: NaN vs NaN counts as 0, NaN vs number as Infinity). */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    const d = Number.isNaN(x) || Number.isNaN(y) ? (Number.isNaN(x) && Number.isNaN(y) ? 0 : Infinity) : Math.abs(x - y);
    if (d > m) m = d;
  }
  return m;
}

export type { TensorLike };
