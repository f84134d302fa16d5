import { pckDatasetFromSamples } from '@posekit/metrics';
import type { PckDataset, PckSample } from '@posekit/metrics';

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
