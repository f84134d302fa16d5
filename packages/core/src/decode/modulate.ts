/**
 * Log-modulated maps for DARK and UDP: the exact (whole-map) path and the windowed fast path.
 *
 * Both refinements only read the blurred, rescaled, log-taken map L at a few cells around the argmax, and
 * only through differences of L values of the same map. With `L = log(b · ratio)`, `ratio = max(h) /
 * max(b)` cancels from every difference, so the global blurred maximum only matters (a) through float32
 * rounding and (b) when a clamp (DARK: `max(·, 1e-10)`, UDP: `clip(·, 1e-3, 50)`) cuts some of the
 * cells. The fast path therefore blurs only the cells it needs, takes the largest of them as the blurred
 * maximum (the blurred peak sits at or next to the raw peak for a unimodal map, so this is usually the
 * exact value), and hands the keypoint to the exact path whenever a clamp could cut one of the cells or
 * the Newton step is sensitive enough that rounding-level differences could show (see the decoders).
 *
 * @internal
 * @module
 */
import { blurMap, rowValue } from './blur.js';
import { f32, scratchF32 } from './internal.js';
import { npLogF32 } from './npmath.js';

/** float32(1e-10): DARK's lower clamp (`np.maximum(heatmaps, 1e-10)`). */
export const DARK_FLOOR = f32(1e-10);
/** float32(1e-3) and 50: UDP's clip range (`np.clip(heatmaps, 1e-3, 50.)`). */
export const UDP_LO = f32(1e-3);
export const UDP_HI = 50;

/** Which clamp to apply after the blur. */
export type ClampMode = 'dark' | 'udp';

/**
 * Exact path: blur the whole map `data[o .. o + h*w)`, rescale by float32(om / blurred max), clamp, log
 * (float32), into `outL[0 .. h*w)`. Faithful to NaN for an all-zero map.
 */
export function exactLogMap(data: Float32Array, o: number, h: number, w: number, kern: Float32Array, om: number, mode: ClampMode, outL: Float32Array): void {
  const hw = h * w;
  const tmp = scratchF32('mod-tmp', hw);
  const blurred = scratchF32('mod-blur', hw);
  const bm = blurMap(data, o, h, w, kern, blurred, tmp);
  const ratio = f32(om / bm);
  if (mode === 'dark') {
    for (let i = 0; i < hw; i++) {
      const v = f32(blurred[i]! * ratio);
      // np.maximum propagates NaN: compare so that NaN falls through.
      outL[i] = npLogF32(v < DARK_FLOOR ? DARK_FLOOR : v);
    }
  } else {
    for (let i = 0; i < hw; i++) {
      const v = f32(blurred[i]! * ratio);
      outL[i] = npLogF32(v < UDP_LO ? UDP_LO : v > UDP_HI ? UDP_HI : v);
    }
  }
}

/**
 * Row-pass values of the rows `y0 .. y0 + nRows` (rows outside the map are zero) at the columns `x0 .. x0 +
 * nCols` (inside the map), into `R[(row - y0) * nCols + (col - x0)]`. When `needed` is given, only the
 * entries with `|row - yc| <= needed(col - x0)` are computed (the others are never read).
 */
export function rowBlock(
  data: Float32Array,
  o: number,
  h: number,
  w: number,
  kern: Float32Array,
  y0: number,
  nRows: number,
  x0: number,
  nCols: number,
  R: Float64Array,
  yc: number,
  reach: Int32Array | null,
): void {
  for (let i = 0; i < nRows; i++) {
    const yy = y0 + i;
    const inside = yy >= 0 && yy < h;
    const dy = Math.abs(yy - yc);
    for (let j = 0; j < nCols; j++) {
      if (reach !== null && dy > reach[j]!) continue;
      R[i * nCols + j] = inside ? rowValue(data, o, w, yy, x0 + j, kern) : 0;
    }
  }
}

/** Column-pass value at row `yy`, block column `j` from a {@link rowBlock} (symmetric FMA chain). */
export function colFromBlock(R: Float64Array, nCols: number, y0: number, kern: Float32Array, yy: number, j: number): number {
  const r = (kern.length - 1) >> 1;
  const c = (yy - y0) * nCols + j;
  let s = f32(R[c]! * kern[r]!);
  for (let m = 1; m <= r; m++) s = f32(f32(R[c - m * nCols]! + R[c + m * nCols]!) * kern[r + m]! + s);
  return s;
}
