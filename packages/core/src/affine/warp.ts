/**
 * Warp matrices for top-down crops: the three-point `get_warp_matrix` / `get_affine_transform` family (MMPose,
 * HRNet, AlphaPose) and MMPose's UDP closed form.
 *
 * @module
 */
import { checkFinite, checkOut, checkVec2 } from './check.js';
import { checkOneOf } from '../option-keys.js';
import type { Affine2x3, Vec2Like } from './matrix.js';
import { solveAffine } from './matrix.js';

/**
 * Which reference's point construction {@link getWarpMatrix} reproduces.
 *
 * - `'mmpose'`: MMPose 1.x `get_warp_matrix` (`fix_aspect_ratio=True`): second point `c + R(θ)·(-w/2, 0)` mapped to
 *   `(0, H/2)`, third point perpendicular.
 * - `'mmpose-unfixed'`: MMPose `get_warp_matrix(..., fix_aspect_ratio=False)`: third point `c + R(θ)·(0, -h/2)`
 *   mapped to `(W/2, 0)`, i.e. independent x / y scales `W/w`, `H/h`.
 * - `'hrnet'`: HRNet / SimpleBaseline / AlphaPose `get_affine_transform`: second point `c + R(θ)·(0, -w/2)` mapped to
 *   `(W/2, H/2 - W/2)` (the width is used on both axes), third point perpendicular. Pass the scale in pixels
 *   (HRNet: `scale * 200`; AlphaPose: as is).
 */
export type WarpConvention = 'mmpose' | 'mmpose-unfixed' | 'hrnet';

const CONVENTIONS: readonly WarpConvention[] = ['mmpose', 'mmpose-unfixed', 'hrnet'];

const f32 = Math.fround;
// Reused point buffers: keeps getWarpMatrix allocation-free.
const SRC = new Float64Array(6);
const DST = new Float64Array(6);
/** Default shift, shared so that calls without one allocate nothing. */
const NO_SHIFT: readonly [number, number] = Object.freeze([0, 0]) as readonly [number, number];

/** `_get_3rd_point(a, b) = b + perp(a - b)`, computed on float32 points in float32 like numpy does. */
function third(p: Float64Array): void {
  const dx = f32(p[0]! - p[2]!);
  const dy = f32(p[1]! - p[3]!);
  p[4] = f32(p[2]! - dy);
  p[5] = f32(p[3]! + dx);
}

/**
 * The crop matrix of a top-down pipeline: maps image pixels to model-input pixels so that the box `(center, scale)`
 * (rotated by `rot` degrees, shifted by `shift` × scale) fills `outputSize`. Reproduces the references exactly:
 * three point pairs rounded to float32 and `cv2.getAffineTransform` (see {@link WarpConvention}). With
 * `inv = true` the matrix maps model-input pixels back to image pixels (the references swap src / dst, so it is
 * the inverse up to the float32 rounding of the points).
 *
 * Precision as the references: `'mmpose'` / `'mmpose-unfixed'` form the shift term `scale · shift` in double
 * (MMPose's `np.array(shift)` is float64); `'hrnet'` forms it in float32 (HRNet / AlphaPose multiply the float32
 * `scale * 200` by a float32 `shift` array and add it to the float32 centre).
 *
 * Closed form (for `'mmpose'` and `'hrnet'`): `M = (W/w)·[[cos θ, sin θ], [-sin θ, cos θ]]`,
 * `t = (W/2, H/2) - M_lin·(c + s·shift)`.
 *
 * References: open-mmlab/mmpose `mmpose/structures/bbox/transforms.py` `get_warp_matrix`;
 * leoxiaobin/deep-high-resolution-net.pytorch `lib/utils/transforms.py` `get_affine_transform`;
 * MVIG-SJTU/AlphaPose `alphapose/utils/transforms.py` `get_affine_transform`.
 *
 * @param out - receiving matrix
 * @param center - box center `[cx, cy]`, image pixels
 * @param scale - box size `[w, h]`, image pixels (HRNet: multiply its 200-px units by 200 first). `'mmpose'` and
 *   `'hrnet'` use only the width for the matrix (the height enters only through `shift[1]`), as the references do;
 *   `'mmpose-unfixed'` uses both
 * @param rot - rotation in degrees (counter-clockwise in the image as the references define it)
 * @param outputSize - model input (or heatmap) size `[W, H]`
 * @param shift - shift as a fraction of `scale` (default `[0, 0]`)
 * @param inv - return the model-input -> image matrix instead (default false)
 * @param convention - which reference to reproduce (default `'mmpose'`)
 * @returns out, or `null` when the box is degenerate so the system is singular: a width `<= 0` (and, for
 *   `'mmpose-unfixed'`, a height `<= 0`), a non-positive output size, or points that overflow float32
 * @throws PosekitError `E_ARGUMENT` (`out`, `center`, `scale`, `outputSize` or `shift` not an array; unknown
 *   `convention`), `E_SHAPE` (one of them too short), `E_NONFINITE` (a non-finite entry or `rot`)
 */
export function getWarpMatrix(
  out: Affine2x3,
  center: Vec2Like,
  scale: Vec2Like,
  rot: number,
  outputSize: Vec2Like,
  shift: Vec2Like = NO_SHIFT,
  inv = false,
  convention: WarpConvention = 'mmpose',
): Affine2x3 | null {
  const fn = 'getWarpMatrix';
  checkOut(fn, 'out', out, 6);
  checkVec2(fn, 'center', center, '[cx, cy]');
  checkVec2(fn, 'scale', scale, '[w, h]');
  checkFinite(fn, 'rot', rot);
  checkVec2(fn, 'outputSize', outputSize, '[W, H]');
  checkVec2(fn, 'shift', shift, '[sx, sy]');
  convention = checkOneOf(fn, 'convention', convention, CONVENTIONS, 'mmpose');
  const cx = center[0]!, cy = center[1]!;
  const sw = scale[0]!, sh = scale[1]!;
  const W = outputSize[0]!, H = outputSize[1]!;
  const hrnet = convention === 'hrnet';
  // Only what the convention uses must be positive: the fixed-aspect constructions never read the box height.
  if (!(sw > 0 && W > 0 && H > 0) || (convention === 'mmpose-unfixed' && !(sh > 0))) return null;
  // MMPose: np.deg2rad(rot) = rot * (pi / 180); HRNet / AlphaPose: np.pi * rot / 180 (may differ in the last bit).
  const theta = hrnet ? (Math.PI * rot) / 180 : rot * (Math.PI / 180);
  const sn = Math.sin(theta), cs = Math.cos(theta);
  // HRNet / AlphaPose: `scale_tmp * shift` on float32 arrays (float32 product); MMPose: float64 `np.array(shift)`.
  const tx = hrnet ? f32(f32(sw) * f32(shift[0]!)) : sw * shift[0]!;
  const ty = hrnet ? f32(f32(sh) * f32(shift[1]!)) : sh * shift[1]!;
  SRC[0] = f32(cx + tx);
  SRC[1] = f32(cy + ty);
  DST[0] = f32(W * 0.5);
  DST[1] = f32(H * 0.5);
  if (hrnet) {
    // get_dir([0, -w/2], θ) = (w/2 · sin θ, -w/2 · cos θ)
    const vx = -(sw * -0.5) * sn;
    const vy = sw * -0.5 * cs;
    SRC[2] = f32(cx + vx + tx);
    SRC[3] = f32(cy + vy + ty);
    DST[2] = f32(W * 0.5);
    DST[3] = f32(H * 0.5 + W * -0.5);
    third(SRC);
    third(DST);
  } else {
    // _rotate_point((-w/2, 0), θ) = (-w/2 · cos θ, -w/2 · sin θ)
    const vx = sw * -0.5 * cs;
    const vy = sw * -0.5 * sn;
    SRC[2] = f32(cx + vx + tx);
    SRC[3] = f32(cy + vy + ty);
    DST[2] = f32(W * 0.5 + W * -0.5);
    DST[3] = f32(H * 0.5);
    if (convention === 'mmpose-unfixed') {
      // _rotate_point((0, -h/2), θ) = (h/2 · sin θ, -h/2 · cos θ)
      const ux = -(sh * -0.5) * sn;
      const uy = sh * -0.5 * cs;
      SRC[4] = f32(cx + ux + tx);
      SRC[5] = f32(cy + uy + ty);
      DST[4] = f32(W * 0.5);
      DST[5] = f32(H * 0.5 + H * -0.5);
    } else {
      third(SRC);
      third(DST);
    }
  }
  return inv ? solveAffine(out, DST, SRC) : solveAffine(out, SRC, DST);
}

/**
 * MMPose `get_udp_warp_matrix` (UDP, CVPR 2020): maps the box so that its extent `w` spans `W - 1` output pixels
 * (`sx = (W-1)/w`, `sy = (H-1)/h`). Entries are rounded to float32 like the reference's float32 matrix. Quirk kept:
 * the rotation sign is opposite to {@link getWarpMatrix} for the same `rot` (irrelevant at `rot = 0`).
 *
 * @param out - receiving matrix (float32-rounded values)
 * @param center - box center `[cx, cy]`
 * @param scale - box size `[w, h]` (pixels)
 * @param rot - rotation in degrees
 * @param outputSize - `[W, H]`
 * @returns out, or `null` for a degenerate box (width or height `<= 0`), output size (`W` or `H` `<= 1`) or entries
 *   that overflow float32
 * @throws PosekitError `E_ARGUMENT` (`out`, `center`, `scale` or `outputSize` not an array), `E_SHAPE` (too short),
 *   `E_NONFINITE` (a non-finite entry or `rot`)
 */
export function getUdpWarpMatrix(out: Affine2x3, center: Vec2Like, scale: Vec2Like, rot: number, outputSize: Vec2Like): Affine2x3 | null {
  const fn = 'getUdpWarpMatrix';
  checkOut(fn, 'out', out, 6);
  checkVec2(fn, 'center', center, '[cx, cy]');
  checkVec2(fn, 'scale', scale, '[w, h]');
  checkFinite(fn, 'rot', rot);
  checkVec2(fn, 'outputSize', outputSize, '[W, H]');
  const cx = center[0]!, cy = center[1]!, sw = scale[0]!, sh = scale[1]!;
  const W = outputSize[0]!, H = outputSize[1]!;
  if (!(sw > 0 && sh > 0 && W > 1 && H > 1)) return null;
  // np.deg2rad(rot) = rot * (pi / 180), as the reference.
  const theta = rot * (Math.PI / 180);
  const cs = Math.cos(theta), sn = Math.sin(theta);
  const in0 = cx * 2, in1 = cy * 2;
  const sx = (W - 1) / sw, sy = (H - 1) / sh;
  out[0] = f32(cs * sx);
  out[1] = f32(-sn * sx);
  out[2] = f32(sx * (-0.5 * in0 * cs + 0.5 * in1 * sn + 0.5 * sw));
  out[3] = f32(sn * sy);
  out[4] = f32(cs * sy);
  out[5] = f32(sy * (-0.5 * in0 * sn - 0.5 * in1 * cs + 0.5 * sh));
  // Finite inputs beyond float32 range overflow the float32 entries.
  for (let i = 0; i < 6; i++) if (!Number.isFinite(out[i]!)) return null;
  return out;
}
