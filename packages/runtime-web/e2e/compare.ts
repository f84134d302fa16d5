/**
 * Compare two sets of poses of one image (browser vs Node): match people by box IoU (greedy, best first), then
 * measure keypoint and score differences over the matched pairs.
 */
import type { PoseJson } from './harness-api.js';

/** How two pose sets differ. */
export interface Comparison {
  /** Same number of people. */
  sameCount: boolean;
  /** People of either set without a partner (IoU < 0.5). */
  unmatched: number;
  /** Smallest box IoU over matched pairs (1 when there are none). */
  minBoxIoU: number;
  /** Largest |dx| or |dy| over all keypoints of matched pairs, pixels. */
  maxKeypointPx: number;
  /** Same, only keypoints with score >= 0.5 in both. */
  maxConfidentKeypointPx: number;
  /** Largest keypoint-score or instance-score difference. */
  maxScoreDiff: number;
}

type B = NonNullable<PoseJson['box']>;

function iou(a: B, b: B): number {
  const ix = Math.max(0, Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1));
  const iy = Math.max(0, Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1));
  const inter = ix * iy;
  const u = (a.x2 - a.x1) * (a.y2 - a.y1) + (b.x2 - b.x1) * (b.y2 - b.y1) - inter;
  return u > 0 ? inter / u : 0;
}

/** Compare `got` against the reference `ref`. */
export function comparePoses(ref: readonly PoseJson[], got: readonly PoseJson[]): Comparison {
  const pairs: [number, number, number][] = [];
  for (let i = 0; i < ref.length; i++) {
    for (let j = 0; j < got.length; j++) {
      const a = ref[i]!.box;
      const b = got[j]!.box;
      if (a && b) pairs.push([iou(a, b), i, j]);
    }
  }
  pairs.sort((x, y) => y[0] - x[0]);
  const usedR = new Set<number>();
  const usedG = new Set<number>();
  let minBoxIoU = 1;
  let maxKeypointPx = 0;
  let maxConfidentKeypointPx = 0;
  let maxScoreDiff = 0;
  for (const [v, i, j] of pairs) {
    if (v < 0.5 || usedR.has(i) || usedG.has(j)) continue;
    usedR.add(i);
    usedG.add(j);
    minBoxIoU = Math.min(minBoxIoU, v);
    const a = ref[i]!;
    const b = got[j]!;
    maxScoreDiff = Math.max(maxScoreDiff, Math.abs(a.score - b.score));
    for (let k = 0; k + 2 < a.keypoints.length; k += 3) {
      const d = Math.max(Math.abs(a.keypoints[k]! - b.keypoints[k]!), Math.abs(a.keypoints[k + 1]! - b.keypoints[k + 1]!));
      maxKeypointPx = Math.max(maxKeypointPx, d);
      if (a.keypoints[k + 2]! >= 0.5 && b.keypoints[k + 2]! >= 0.5) maxConfidentKeypointPx = Math.max(maxConfidentKeypointPx, d);
      maxScoreDiff = Math.max(maxScoreDiff, Math.abs(a.keypoints[k + 2]! - b.keypoints[k + 2]!));
    }
  }
  return {
    sameCount: ref.length === got.length,
    unmatched: ref.length - usedR.size + (got.length - usedG.size),
    minBoxIoU,
    maxKeypointPx,
    maxConfidentKeypointPx,
    maxScoreDiff,
  };
}
