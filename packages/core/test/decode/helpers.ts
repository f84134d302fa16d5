/** Test helpers for the decoders: synthetic heatmaps with known peaks, seeded noise. */
import { expect } from 'vitest';
import type { TensorLike } from '../../src/index.js';

/** mulberry32 PRNG. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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
  const r = rng(seed);
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

/** Expect `fn` to throw a PosekitError with `code` (and optionally a message matching `msg`). */
export function expectCode(fn: () => unknown, code: string, msg?: RegExp): void {
  let err: unknown;
  try {
    fn();
  } catch (e) {
    err = e;
  }
  expect(err, `expected a PosekitError ${code}`).toBeDefined();
  expect((err as { name?: string }).name).toBe('PosekitError');
  expect((err as { code?: string }).code).toBe(code);
  if (msg) expect((err as Error).message).toMatch(msg);
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
