/**
 * The argmax + quarter-offset step shared by HRNet `get_final_preds` and AlphaPose
 * `heatmap_to_coord_simple` (and, with other guards, RMPE `getPrediction`).
 *
 * @internal
 * @module
 */

/**
 * Refine the integer argmax `(xi, yi)` of a map (flat index `p` into `data`, maximum `m`) with the
 * HRNet / AlphaPose rules: a maximum `<= 0` puts the point at (0, 0) (`preds *= maxval > 0`), and both axes
 * move by `0.25 * sign(diff)` only if `lo < x < W - 1` and `lo < y < H - 1` (lo = 1 for HRNet / AlphaPose,
 * 0 for RMPE). Writes x, y to `out[o]`, `out[o + 1]`.
 */
export function quarterRefine(data: ArrayLike<number>, p: number, xi: number, yi: number, m: number, w: number, h: number, lo: number, out: Float64Array, o: number): void {
  if (!(m > 0)) {
    xi = 0;
    yi = 0;
  }
  let x = xi;
  let y = yi;
  if (m > 0 && xi > lo && xi < w - 1 && yi > lo && yi < h - 1) {
    const r = data[p + 1]!;
    const l = data[p - 1]!;
    if (r > l) x += 0.25;
    else if (r < l) x -= 0.25;
    const b = data[p + w]!;
    const a = data[p - w]!;
    if (b > a) y += 0.25;
    else if (b < a) y -= 0.25;
  }
  out[o] = x;
  out[o + 1] = y;
}
