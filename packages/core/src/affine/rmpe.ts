/**
 * The RMPE-era (AlphaPose `pytorch` branch, `SPPE/src/utils/img.py`) spatial transformer / de-transformer as
 * plain functions, and AlphaPose's `cv_cropBox` / `cv_cropBoxInverse` matrices.
 *
 * @module
 */
import { PosekitError } from '../errors.js';
import { checkArray, checkFiniteEntries, checkOut, checkPoints, checkVec2 } from './check.js';
import type { Affine2x3, NumArray } from './matrix.js';
import { solveAffine } from './matrix.js';

const f32 = Math.fround;

/** Python's `round()`: round half to even. */
function roundHalfEven(v: number): number {
  const r = Math.round(v);
  // `+ 0` turns -0 (Math.round(-0.1)) into 0.
  return (r - v === 0.5 && r % 2 !== 0 ? r - 1 : r) + 0;
}

/** Checks of the RMPE point transforms; returns the point count. */
function checkRmpe(fn: string, out: unknown, pts: unknown, ul: unknown, br: unknown, inpH: number, inpW: number, resH: number, stride: number): number {
  const n = checkPoints(fn, 'pts', out, pts, stride);
  checkVec2(fn, 'ul', ul, '[x, y]');
  checkVec2(fn, 'br', br, '[x, y]');
  if (!(Number.isFinite(inpH) && Number.isFinite(inpW) && Number.isFinite(resH) && inpH > 0 && inpW > 0 && resH > 0)) {
    throw new PosekitError('E_RANGE', `${fn}: inpH, inpW, resH must be finite numbers > 0; received ${inpH}, ${inpW}, ${resH}`, {
      expected: '> 0',
      received: [inpH, inpW, resH],
    });
  }
  return n;
}

/** `E_RANGE` for a box without extent (`lenH <= 0`: `br - ul <= 0` on both axes), where the map is singular. */
function checkExtent(fn: string, lenH: number, ul: ArrayLike<number>, br: ArrayLike<number>): void {
  if (!(lenH > 0)) {
    throw new PosekitError('E_RANGE', `${fn}: the box ul [${ul[0]}, ${ul[1]}], br [${br[0]}, ${br[1]}] has no extent (lenH = ${lenH}); expected br - ul > 0 on an axis`, {
      expected: 'lenH > 0',
      received: lenH,
    });
  }
}

/** Geometry of an RMPE box (`ul`, `br` corners) at input aspect `inpH / inpW`. */
interface BoxGeom { cx: number; cy: number; lenH: number; lenW: number }

function boxGeom(ul: ArrayLike<number>, br: ArrayLike<number>, inpH: number, inpW: number, float32: boolean): BoxGeom {
  const r = float32 ? f32 : (v: number): number => v;
  const cx = r((br[0]! - 1 - ul[0]!) / 2);
  const cy = r((br[1]! - 1 - ul[1]!) / 2);
  const lenH = Math.max(r(br[1]! - ul[1]!), r(r(r(br[0]! - ul[0]!) * inpH) / inpW));
  const lenW = r(r(lenH * inpW) / inpH);
  return { cx, cy, lenH, lenW };
}

/**
 * RMPE `transformBoxInvert` (and `transformBoxInvert_batch`): heatmap coordinates of a crop -> image pixels.
 * `lenH = max(br_y - ul_y, (br_x - ul_x) · inpH / inpW)`, `lenW = lenH · inpW / inpH`, `ctr = (br - 1 - ul) / 2`;
 * `p = pt · lenH / resH`, `p_x -= max(0, (lenW - 1)/2 - ctr_x)`, `p_y -= max(0, (lenH - 1)/2 - ctr_y)`, `p += ul`.
 * Precision follows `out`: into a `Float32Array`, `transformBoxInvert_batch`'s float32 tensor arithmetic step by
 * step (the Python ratios `inpH / inpW` rounded to float32 first); otherwise `transformBoxInvert`'s double
 * arithmetic.
 *
 * @param out - receiving flat points (may be `pts`)
 * @param pts - flat heatmap points, `stride` numbers per point
 * @param ul - box upper-left `[x, y]`
 * @param br - box bottom-right `[x, y]`
 * @param inpH - network input height
 * @param inpW - network input width
 * @param resH - heatmap height
 * @param stride - numbers per point (default 2)
 * @returns out (a NaN point comes out as NaN)
 * @throws PosekitError `E_ARGUMENT` (an argument not an array), `E_SHAPE` (lengths), `E_NONFINITE` (`ul`, `br`),
 *   `E_RANGE` (stride; `inpH`, `inpW`, `resH` not > 0; a box without extent, `lenH <= 0`)
 */
export function transformBoxInvert<T extends NumArray>(
  out: T,
  pts: ArrayLike<number>,
  ul: ArrayLike<number>,
  br: ArrayLike<number>,
  inpH: number,
  inpW: number,
  resH: number,
  stride = 2,
): T {
  const n = checkRmpe('transformBoxInvert', out, pts, ul, br, inpH, inpW, resH, stride);
  const same = (out as unknown) === pts;
  if (out instanceof Float32Array) {
    // transformBoxInvert_batch on float32 tensors, step by step: `size[:, 0] *= inpH / inpW` and
    // `lenH * (inpW / inpH)` multiply by the float32 rounding of the Python ratios.
    const ul0 = f32(ul[0]!), ul1 = f32(ul[1]!), br0 = f32(br[0]!), br1 = f32(br[1]!);
    const cx = f32(f32(f32(br0 - 1) - ul0) / 2), cy = f32(f32(f32(br1 - 1) - ul1) / 2);
    const lenH = Math.max(f32(f32(br0 - ul0) * f32(inpH / inpW)), f32(br1 - ul1));
    checkExtent('transformBoxInvert', lenH, ul, br);
    const lenW = f32(lenH * f32(inpW / inpH));
    const ox = Math.max(0, f32(f32(f32(lenW - 1) / 2) - cx));
    const oy = Math.max(0, f32(f32(f32(lenH - 1) / 2) - cy));
    const rh = f32(resH);
    for (let i = 0, o = 0; i < n; i++, o += stride) {
      out[o] = f32(f32(f32(f32(f32(pts[o]!) * lenH) / rh) - ox) + ul0);
      out[o + 1] = f32(f32(f32(f32(f32(pts[o + 1]!) * lenH) / rh) - oy) + ul1);
      if (!same) for (let j = 2; j < stride; j++) out[o + j] = pts[o + j]!;
    }
    return out;
  }
  const g = boxGeom(ul, br, inpH, inpW, false);
  checkExtent('transformBoxInvert', g.lenH, ul, br);
  const ox = Math.max(0, (g.lenW - 1) / 2 - g.cx);
  const oy = Math.max(0, (g.lenH - 1) / 2 - g.cy);
  for (let i = 0, o = 0; i < n; i++, o += stride) {
    // `(pt * lenH) / resH` in the reference's order (not `pt * (lenH / resH)`), then the offset, then `ul`.
    out[o] = (pts[o]! * g.lenH) / resH - ox + ul[0]!;
    out[o + 1] = (pts[o + 1]! * g.lenH) / resH - oy + ul[1]!;
    if (!same) for (let j = 2; j < stride; j++) out[o + j] = pts[o + j]!;
  }
  return out;
}

/**
 * RMPE `transformBox`: image pixels -> heatmap coordinates of the crop, rounded with Python `round` (half to even)
 * to integers. Computed in float32 like the torch reference (`torch.zeros(2)` buffers).
 *
 * @param out - receiving flat integer points (Int32Array or similar), `stride` per point (may be `pts` if writable)
 * @param pts - flat image points, `stride` numbers per point
 * @param ul - box upper-left `[x, y]`
 * @param br - box bottom-right `[x, y]`
 * @param inpH - network input height
 * @param inpW - network input width
 * @param resH - heatmap height
 * @param stride - numbers per point (default 2)
 * @returns out
 * @throws PosekitError `E_ARGUMENT` (an argument not an array), `E_SHAPE` (lengths), `E_NONFINITE` (`ul`, `br`),
 *   `E_RANGE` (stride; `inpH`, `inpW`, `resH` not > 0; a box without extent, `lenH <= 0`, which the reference
 *   divides by)
 */
export function transformBox<T extends NumArray>(
  out: T,
  pts: ArrayLike<number>,
  ul: ArrayLike<number>,
  br: ArrayLike<number>,
  inpH: number,
  inpW: number,
  resH: number,
  stride = 2,
): T {
  const n = checkRmpe('transformBox', out, pts, ul, br, inpH, inpW, resH, stride);
  const g = boxGeom(ul, br, inpH, inpW, true);
  checkExtent('transformBox', g.lenH, ul, br);
  const ox = Math.max(0, f32(f32(f32(g.lenW - 1) / 2) - g.cx));
  const oy = Math.max(0, f32(f32(f32(g.lenH - 1) / 2) - g.cy));
  const same = (out as unknown) === pts;
  for (let i = 0, o = 0; i < n; i++, o += stride) {
    const px = f32(f32(pts[o]! - ul[0]!) + ox);
    const py = f32(f32(pts[o + 1]! - ul[1]!) + oy);
    out[o] = roundHalfEven(f32(f32(px * resH) / g.lenH));
    out[o + 1] = roundHalfEven(f32(f32(py * resH) / g.lenH));
    if (!same) for (let j = 2; j < stride; j++) out[o + j] = pts[o + j]!;
  }
  return out;
}

const SRC = new Float64Array(6);
const DST = new Float64Array(6);

/**
 * AlphaPose `cv_cropBox` / `cv_cropBoxInverse` crop matrix. With `xmax = x2 - 1`, `ymax = y2 - 1`,
 * `lenH = max(ymax - ymin, (xmax - xmin) · H / W)`, `lenW = lenH · W / H` and floor-halved padding
 * `pad = ((lenH - (ymax - ymin)) // 2, (lenW - (xmax - xmin)) // 2)`, the corners `(xmin - pad_x, ymin - pad_y)`
 * and `(xmax + pad_x, ymax + pad_y)` map to `(0, 0)` and `(W - 1, H - 1)` (third point perpendicular, float32).
 *
 * @param out - receiving matrix: image -> crop (or crop -> image when `inverse`)
 * @param bbox - `[x1, y1, x2, y2]` as AlphaPose passes it (integers after its `int()` conversion; used as given)
 * @param outputSize - crop size `[W, H]`
 * @param inverse - build `cv_cropBoxInverse`'s paste-back matrix (default false)
 * @returns out, or `null` for a degenerate box or size: an inverted box (`lenH < 0`, i.e. `x2 - 1 < x1` and
 *   `y2 - 1 < y1`, such as `[5, 5, 5, 5]`: no pixel), in either direction; a 1-pixel box (`lenH = 0`, e.g.
 *   `[5, 5, 6, 6]`) forward, whose system is singular (OpenCV returns an all-zero matrix; with `inverse` the
 *   reference's rank-0 matrix mapping the crop onto the box corner is returned); a non-positive `outputSize`
 * @throws PosekitError `E_ARGUMENT` (an argument not an array), `E_SHAPE` (too short), `E_NONFINITE` (`bbox`,
 *   `outputSize`)
 */
export function cropBoxMatrix(out: Affine2x3, bbox: ArrayLike<number>, outputSize: ArrayLike<number>, inverse = false): Affine2x3 | null {
  const fn = 'cropBoxMatrix';
  checkOut(fn, 'out', out, 6);
  checkArray(fn, 'bbox', bbox, 4, '[x1, y1, x2, y2]');
  checkFiniteEntries(fn, 'bbox', bbox, 4);
  checkVec2(fn, 'outputSize', outputSize, '[W, H]');
  return cropCore(out, bbox[0]!, bbox[1]!, bbox[2]! - 1, bbox[3]! - 1, outputSize[0]!, outputSize[1]!, inverse);
}

/**
 * RMPE `cropBox` matrix: like {@link cropBoxMatrix} with `ul.int()` and `(br - 1).int()` (truncation toward zero)
 * as corners.
 *
 * @param out - receiving matrix (image -> crop)
 * @param ul - upper-left `[x, y]`
 * @param br - bottom-right `[x, y]`
 * @param outputSize - crop size `[W, H]` (`resW`, `resH`)
 * @returns out, or `null` for a degenerate box (as {@link cropBoxMatrix})
 * @throws PosekitError `E_ARGUMENT` (an argument not an array), `E_SHAPE` (too short), `E_NONFINITE` (`ul`, `br`,
 *   `outputSize`)
 */
export function rmpeCropBoxMatrix(out: Affine2x3, ul: ArrayLike<number>, br: ArrayLike<number>, outputSize: ArrayLike<number>): Affine2x3 | null {
  const fn = 'rmpeCropBoxMatrix';
  checkOut(fn, 'out', out, 6);
  checkVec2(fn, 'ul', ul, '[x, y]');
  checkVec2(fn, 'br', br, '[x, y]');
  checkVec2(fn, 'outputSize', outputSize, '[W, H]');
  return cropCore(out, Math.trunc(ul[0]!), Math.trunc(ul[1]!), Math.trunc(br[0]! - 1), Math.trunc(br[1]! - 1), outputSize[0]!, outputSize[1]!, false);
}

function cropCore(out: Affine2x3, xmin: number, ymin: number, xmax: number, ymax: number, W: number, H: number, inverse: boolean): Affine2x3 | null {
  if (!(W > 0 && H > 0)) return null;
  const lenH = Math.max(ymax - ymin, ((xmax - xmin) * H) / W);
  // An inverted box (lenH < 0) would give a mirrored crop: degenerate in both directions. At lenH = 0 (a 1-pixel box)
  // the forward system is singular (null below, OpenCV's all-zero matrix) while the inverse is the reference's
  // rank-0 matrix that maps the whole crop onto the box corner.
  if (lenH < 0) return null;
  const lenW = (lenH * W) / H;
  const padY = Math.floor((lenH - (ymax - ymin)) / 2);
  const padX = Math.floor((lenW - (xmax - xmin)) / 2);
  const a = inverse ? DST : SRC;
  const b = inverse ? SRC : DST;
  a[0] = f32(xmin - padX);
  a[1] = f32(ymin - padY);
  a[2] = f32(xmax + padX);
  a[3] = f32(ymax + padY);
  b[0] = 0;
  b[1] = 0;
  b[2] = f32(W - 1);
  b[3] = f32(H - 1);
  third(a);
  third(b);
  return solveAffine(out, SRC, DST);
}

/** `get_3rd_point(p0, p1)` in float32 into `p[4..5]`. */
function third(p: Float64Array): void {
  const dx = f32(p[0]! - p[2]!);
  const dy = f32(p[1]! - p[3]!);
  p[4] = f32(p[2]! - dy);
  p[5] = f32(p[3]! + dx);
}
