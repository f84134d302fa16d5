/**
 * Keypoint extents, the bounding box of each candidate's keypoints: the pruning bound of both pose-NMS
 * (AlphaPose, x/y pairs) and OKS-NMS (MMPose, x/y/score triples) skips pairs whose extents are too far apart.
 * @internal
 * @module
 */

/**
 * Extents `[x0, y0, x1, y1]` of each of `n` candidates of `k` keypoints stored `stride` numbers apart
 * (x first, y second). NaN coordinates are ignored by the comparisons (a candidate of only NaNs gets ±Infinity).
 * @internal
 */
export function keypointExtents(pts: ArrayLike<number>, n: number, k: number, stride: number): Float64Array {
  const ext = new Float64Array(n * 4);
  for (let i = 0; i < n; i++) {
    let x0 = Infinity;
    let x1 = -Infinity;
    let y0 = Infinity;
    let y1 = -Infinity;
    for (let kk = 0, o = i * k * stride; kk < k; kk++, o += stride) {
      const x = pts[o]!;
      const y = pts[o + 1]!;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
    ext[i * 4] = x0;
    ext[i * 4 + 1] = y0;
    ext[i * 4 + 2] = x1;
    ext[i * 4 + 3] = y1;
  }
  return ext;
}
