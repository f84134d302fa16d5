import { expect } from 'vitest';
import { PosekitError } from '@posekit/core';
import { pckDatasetFromSamples } from '@posekit/metrics';
import type { PckDataset, PckSample } from '@posekit/metrics';

/** Assert that `fn` throws a PosekitError with `code`. */
export function expectCode(fn: () => unknown, code: string): void {
  let err: unknown;
  try {
    fn();
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(PosekitError);
  expect((err as PosekitError).code).toBe(code);
}

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32). */
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

/**
 * N people of K keypoints on a 100 px grid, GT in a 100x200 box, predictions offset by `offsets[j]` px in x
 * for keypoint j. Visibility 2 everywhere.
 */
export function gridData(n: number, k: number, offsets: readonly number[], extra: Partial<PckSample> = {}): PckDataset {
  const samples: PckSample[] = [];
  for (let i = 0; i < n; i++) {
    const gt: number[] = [];
    const pred: number[] = [];
    for (let j = 0; j < k; j++) {
      const x = 10 + i * 200 + (j % 4) * 20;
      const y = 10 + Math.floor(j / 4) * 30;
      gt.push(x, y, 2);
      pred.push(x + (offsets[j] ?? 0), y, 1);
    }
    samples.push({ gt, pred, bbox: [i * 200, 0, i * 200 + 100, 200], headSize: 20, ...extra });
  }
  return pckDatasetFromSamples(samples);
}
