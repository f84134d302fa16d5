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
import { scratchF32 } from './internal.js';
import { npLogF32 } from './npmath.js';

/** float32 rounding (a module-local binding: hot loops must not go through an import). */
const f32 = Math.fround;

/** float32(1e-10): DARK's lower clamp (`np.maximum(heatmaps, 1e-10)`). */
export const DARK_FLOOR = f32(1e-10);
/** float32(1e-3) and 50: UDP's clip range (`np.clip(heatmaps, 1e-3, 50.)`). */
export const UDP_LO = f32(1e-3);
export const UDP_HI = 50;

/** Which clamp to apply after the blur. */
export type ClampMode = 'dark' | 'udp';

/**
 * Exact path: blur the whole map `data[o .. o + h*w)`, rescale by float32(om / blurred max), clamp, log
 * (float32), into `outL[0 .. h*w)`. Faithful to NaN for an all-zero map. Returns the blurred maximum (NaN
 * when the float32 blur overflowed into NaN), so that callers can tell the reference's 0 / 0 from overflow.
 */
export function exactLogMap(data: Float32Array, o: number, h: number, w: number, kern: Float32Array, om: number, mode: ClampMode, outL: Float32Array): number {
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
  return bm;
}

/**
 * Row-pass values of the rows `y0 .. y0 + nRows` (rows outside the map are zero) at the columns `x0 .. x0 +
 * nCols` (inside the map), into `R[(row - y0) * nCols + (col - x0)]`, exactly as {@link rowValue} computes
 * them. For kernels of more than 5 taps the 3 or 5 columns' FMA chains run interleaved over a zero-padded
 * copy of the row segment: each chain is latency-bound (multiply, add, two float32 roundings per tap), so
 * running them side by side is what makes the windowed path cheap. A zero tap adds exactly nothing to a
 * chain, so the padded copy gives the same values as skipping the padding.
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
): void {
  const n = kern.length;
  if (n <= 5) {
    for (let i = 0; i < nRows; i++) {
      const yy = y0 + i;
      const inside = yy >= 0 && yy < h;
      for (let j = 0; j < nCols; j++) R[i * nCols + j] = inside ? rowValue(data, o, w, yy, x0 + j, kern) : 0;
    }
    return;
  }
  for (let i = 0; i < nRows; i += 2) {
    const two = i + 1 < nRows;
    rowPair(data, o, h, w, kern, y0 + i, two ? y0 + i + 1 : -1, x0, nCols, R, i * nCols, two ? (i + 1) * nCols : -1);
  }
}

/**
 * Row-pass values of two map rows `ya`, `yb` (`yb` / `ib` = -1 for one row; rows outside the map give 0) at
 * the 3 or 5 columns `x0 ..`, written to `R[ia ..]` and `R[ib ..]`: 2 × nCols independent FMA chains per
 * tap (each chain is latency-bound, so running them side by side is what makes the windowed path cheap).
 * A zero-padding tap adds exactly nothing to a chain, so the padded copy gives the same values as
 * {@link rowValue}. Kernels of more than 5 taps only.
 */
export function rowPair(
  data: Float32Array,
  o: number,
  h: number,
  w: number,
  kern: Float32Array,
  ya: number,
  yb: number,
  x0: number,
  nCols: number,
  R: Float64Array,
  ia: number,
  ib: number,
): void {
  if ((ya < 0 || ya >= h) && (ib < 0 || yb < 0 || yb >= h)) {
    // Both rows lie in the zero padding: every chain stays exactly +0 (only wide kernels get here often).
    for (let c = 0; c < nCols; c++) {
      R[ia + c] = 0;
      if (ib >= 0) R[ib + c] = 0;
    }
    return;
  }
  const n = kern.length;
  const r = (n - 1) >> 1;
  const span = nCols + n - 1;
  if (rowBuf.length < 2 * span) rowBuf = new Float32Array(4 * span);
  const xs = x0 - r;
  // Interior rows are read in place; rows touching the zero padding go through a padded copy.
  let A = data;
  let oa = o + ya * w + xs;
  if (!(ya >= 0 && ya < h && xs >= 0 && xs + span <= w)) {
    fillRow(data, o, h, w, ya, xs, span, rowBuf, 0);
    A = rowBuf;
    oa = 0;
  }
  let Bv = data;
  let ob = o + yb * w + xs;
  if (!(ib >= 0 && yb >= 0 && yb < h && xs >= 0 && xs + span <= w)) {
    fillRow(data, o, h, w, ib >= 0 ? yb : -1, xs, span, rowBuf, span);
    Bv = rowBuf;
    ob = span;
  }
  if (nCols === 5) {
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0;
    let t0 = 0, t1 = 0, t2 = 0, t3 = 0, t4 = 0;
    for (let j = 0; j < n; j++) {
      const kj = kern[j]!;
      const q = ob + j;
      const p = oa + j;
      s0 = f32(kj * A[p]! + s0);
      s1 = f32(kj * A[p + 1]! + s1);
      s2 = f32(kj * A[p + 2]! + s2);
      s3 = f32(kj * A[p + 3]! + s3);
      s4 = f32(kj * A[p + 4]! + s4);
      t0 = f32(kj * Bv[q]! + t0);
      t1 = f32(kj * Bv[q + 1]! + t1);
      t2 = f32(kj * Bv[q + 2]! + t2);
      t3 = f32(kj * Bv[q + 3]! + t3);
      t4 = f32(kj * Bv[q + 4]! + t4);
    }
    R[ia] = s0;
    R[ia + 1] = s1;
    R[ia + 2] = s2;
    R[ia + 3] = s3;
    R[ia + 4] = s4;
    if (ib >= 0) {
      R[ib] = t0;
      R[ib + 1] = t1;
      R[ib + 2] = t2;
      R[ib + 3] = t3;
      R[ib + 4] = t4;
    }
  } else if (nCols === 3) {
    let s0 = 0, s1 = 0, s2 = 0;
    let t0 = 0, t1 = 0, t2 = 0;
    for (let j = 0; j < n; j++) {
      const kj = kern[j]!;
      const q = ob + j;
      const p = oa + j;
      s0 = f32(kj * A[p]! + s0);
      s1 = f32(kj * A[p + 1]! + s1);
      s2 = f32(kj * A[p + 2]! + s2);
      t0 = f32(kj * Bv[q]! + t0);
      t1 = f32(kj * Bv[q + 1]! + t1);
      t2 = f32(kj * Bv[q + 2]! + t2);
    }
    R[ia] = s0;
    R[ia + 1] = s1;
    R[ia + 2] = s2;
    if (ib >= 0) {
      R[ib] = t0;
      R[ib + 1] = t1;
      R[ib + 2] = t2;
    }
  } else {
    for (let c = 0; c < nCols; c++) {
      let s = 0;
      let t = 0;
      for (let j = 0; j < n; j++) {
        s = f32(kern[j]! * A[oa + c + j]! + s);
        t = f32(kern[j]! * Bv[ob + c + j]! + t);
      }
      R[ia + c] = s;
      if (ib >= 0) R[ib + c] = t;
    }
  }
}

/** Copy row `yy` of the map, columns `xs .. xs + span`, into `buf[at ..]` (zero outside the map). */
function fillRow(data: Float32Array, o: number, h: number, w: number, yy: number, xs: number, span: number, buf: Float32Array, at: number): void {
  if (yy < 0 || yy >= h) {
    for (let t = 0; t < span; t++) buf[at + t] = 0;
    return;
  }
  const base = o + yy * w;
  for (let t = 0; t < span; t++) {
    const xx = xs + t;
    buf[at + t] = xx >= 0 && xx < w ? data[base + xx]! : 0;
  }
}

let rowBuf = new Float32Array(128);

/** Column-pass value at row `yy`, block column `j` from a {@link rowBlock} (symmetric FMA chain). */
export function colFromBlock(R: Float64Array, nCols: number, y0: number, kern: Float32Array, yy: number, j: number): number {
  const r = (kern.length - 1) >> 1;
  const c = (yy - y0) * nCols + j;
  let s = f32(R[c]! * kern[r]!);
  for (let m = 1; m <= r; m++) s = f32(f32(R[c - m * nCols]! + R[c + m * nCols]!) * kern[r + m]! + s);
  return s;
}

/**
 * Column-pass values for `nOut` consecutive rows and all `nCols` block columns: output row `i` is centred on
 * block row `i + r` (the block must extend r rows beyond the outputs on both sides). The 3 or 5 columns'
 * chains run interleaved. Output `B[i * nCols + j]`.
 */
export function colBlock(R: Float64Array, nCols: number, nOut: number, kern: Float32Array, B: Float64Array): void {
  const r = (kern.length - 1) >> 1;
  const k0 = kern[r]!;
  for (let i = 0; i < nOut; i++) {
    const c = (i + r) * nCols;
    if (nCols === 5) {
      let s0 = f32(R[c]! * k0), s1 = f32(R[c + 1]! * k0), s2 = f32(R[c + 2]! * k0), s3 = f32(R[c + 3]! * k0), s4 = f32(R[c + 4]! * k0);
      for (let m = 1; m <= r; m++) {
        const km = kern[r + m]!;
        const a = c - m * nCols;
        const b = c + m * nCols;
        s0 = f32(f32(R[a]! + R[b]!) * km + s0);
        s1 = f32(f32(R[a + 1]! + R[b + 1]!) * km + s1);
        s2 = f32(f32(R[a + 2]! + R[b + 2]!) * km + s2);
        s3 = f32(f32(R[a + 3]! + R[b + 3]!) * km + s3);
        s4 = f32(f32(R[a + 4]! + R[b + 4]!) * km + s4);
      }
      const o = i * 5;
      B[o] = s0;
      B[o + 1] = s1;
      B[o + 2] = s2;
      B[o + 3] = s3;
      B[o + 4] = s4;
    } else if (nCols === 3) {
      let s0 = f32(R[c]! * k0), s1 = f32(R[c + 1]! * k0), s2 = f32(R[c + 2]! * k0);
      for (let m = 1; m <= r; m++) {
        const km = kern[r + m]!;
        const a = c - m * nCols;
        const b = c + m * nCols;
        s0 = f32(f32(R[a]! + R[b]!) * km + s0);
        s1 = f32(f32(R[a + 1]! + R[b + 1]!) * km + s1);
        s2 = f32(f32(R[a + 2]! + R[b + 2]!) * km + s2);
      }
      const o = i * 3;
      B[o] = s0;
      B[o + 1] = s1;
      B[o + 2] = s2;
    } else {
      for (let j = 0; j < nCols; j++) B[i * nCols + j] = colFromBlock(R, nCols, 0, kern, i + r, j);
    }
  }
}

/**
 * Column-pass values of one output row: block row `ci` (centre), columns `c0 .. c0 + nc` (nc ≤ 5) of a row
 * block with row stride `stride`, chains interleaved; written to `B[bo ..]`.
 */
export function colRow(R: Float64Array, stride: number, ci: number, c0: number, nc: number, kern: Float32Array, B: Float64Array, bo: number): void {
  const r = (kern.length - 1) >> 1;
  const k0 = kern[r]!;
  const c = ci * stride + c0;
  if (nc === 1) {
    let s0 = f32(R[c]! * k0);
    for (let m = 1; m <= r; m++) s0 = f32(f32(R[c - m * stride]! + R[c + m * stride]!) * kern[r + m]! + s0);
    B[bo] = s0;
    return;
  }
  if (nc === 3) {
    let s0 = f32(R[c]! * k0), s1 = f32(R[c + 1]! * k0), s2 = f32(R[c + 2]! * k0);
    for (let m = 1; m <= r; m++) {
      const km = kern[r + m]!;
      const a = c - m * stride;
      const b = c + m * stride;
      s0 = f32(f32(R[a]! + R[b]!) * km + s0);
      s1 = f32(f32(R[a + 1]! + R[b + 1]!) * km + s1);
      s2 = f32(f32(R[a + 2]! + R[b + 2]!) * km + s2);
    }
    B[bo] = s0;
    B[bo + 1] = s1;
    B[bo + 2] = s2;
    return;
  }
  for (let j = 0; j < nc; j++) {
    let s0 = f32(R[c + j]! * k0);
    for (let m = 1; m <= r; m++) s0 = f32(f32(R[c + j - m * stride]! + R[c + j + m * stride]!) * kern[r + m]! + s0);
    B[bo + j] = s0;
  }
}
