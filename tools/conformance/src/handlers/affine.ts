/**
 * Handlers for the `affine/` fixtures (MMPose, HRNet, AlphaPose / RMPE top-down geometry). Every `expected` field of
 * every case / row is compared; a field this handler does not know is reported as a failure, so that a fixture can
 * never pass while parts of it are ignored.
 */
import {
  alphaposeBackProject,
  bboxCsToXyxy,
  bboxXywhToCs,
  bboxXyxyToCs,
  boxToCenterScale,
  centerScaleToBox,
  cropBoxMatrix,
  cvTransformPoints,
  fixAspectRatio,
  flipBbox,
  flipCoordinates,
  flipHeatmapAlphaPose,
  flipHeatmaps,
  flipIndicesFromPairs,
  flipJoints3d,
  flipKeypoints,
  fliplrJoints,
  flipVectors,
  getUdpWarpMatrix,
  getWarpMatrix,
  rmpeCropBoxMatrix,
  topdownBackProject,
  transformBox,
  transformBoxInvert,
  transformPreds,
  xywhToCs,
} from '@posekit/core';
import type { Checker } from '../check.js';
import type { Fixture } from '../fixture.js';
import { f32, numbers, tensor } from '../fixture.js';
import type { Handler } from '../handler.js';

/** fixtures/README.md: "decode/affine 1e-4 px (float32 paths)". */
const TOL = 1e-4;
/**
 * Warp / crop matrices: cv2.getAffineTransform of float32 points, solved in double. posekit builds the same float32
 * points and solves in double, so entries agree to double rounding (worst seen: 3.3e-9 in mmpose.json, 1.1e-9 on a
 * -4.3e4 translation in hrnet.json); 1e-6 keeps a wide margin while catching float32-level drift (a float32 rounding
 * of a point moves entries by 1e-6 .. 1e-4).
 */
const MAT_TOL = 1e-6;

type Obj = Record<string, unknown>;

/**
 * A fixture field that holds 9-digit prints of float32 values the reference consumed as float32, rounded back to
 * those float32 values (passing the decimal print as a double would measure the print, not the library).
 */
function f32v(v: unknown): number[] {
  return numbers(v).map(Math.fround);
}

/**
 * Compare a result with an expected float32 output of the reference (9-digit prints, fixtures/README.md: "exact
 * float32"): both sides are rounded to float32 (the library result as the reference stores it), so the error is 0
 * where posekit reproduces the reference's float32 value and otherwise its distance from it.
 */
function closeF32(check: Checker, name: string, actual: ArrayLike<number>, expected: unknown, tol: number): void {
  check.close(name, Float32Array.from(actual), f32v(expected), tol);
}

/** Fails the check for every key of `obj` not in `known` (fields the handler would otherwise ignore). */
function onlyKnown(check: Checker, where: string, obj: unknown, known: readonly string[]): void {
  if (typeof obj !== 'object' || obj === null) return;
  for (const k of Object.keys(obj)) if (!known.includes(k)) check.fail(`${where}.${k}`, 'field not checked by the affine handler');
}

/** Run `fn`; an exception becomes a failed check instead of aborting the fixture. */
function guard(check: Checker, name: string, fn: () => void): void {
  try {
    fn();
  } catch (e) {
    check.fail(name, `threw: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/**
 * Compare a matrix. cv2.getAffineTransform returns an all-zero matrix when its system is singular (a box of zero
 * size); posekit returns `null` there, so `null` must meet exactly those all-zero expectations.
 */
function mat(check: Checker, name: string, m: Float64Array | null, expected: unknown): void {
  const e = numbers(expected);
  if (m === null) check.exact(`${name} (singular: null <-> OpenCV all-zero matrix)`, true, e.every((v) => v === 0));
  else check.close(name, m, e, MAT_TOL);
}

// ---------------------------------------------------------------------------------------------------- MMPose

function mmposeBbox(check: Checker, c: Obj): void {
  const name = String(c['name']);
  const inputs = c['inputs'] as Obj;
  const expected = c['expected'] as Obj;
  const padding = Number((c['params'] as Obj)['padding']);
  onlyKnown(check, name, expected, ['center', 'scale_wh', 'center_from_xywh', 'scale_from_xywh', 'fix_aspect_ratio_by_input_size_wh', 'bbox_cs2xyxy_roundtrip']);
  // The reference runs on float32 boxes and returns float32 arrays: feed the float32 inputs and keep every
  // intermediate (center / scale, aspect-fixed scale) in float32 storage like it.
  const xyxy = f32v(inputs['bbox_xyxy']);
  const xywh = f32v(inputs['bbox_xywh']);
  const n = xyxy.length / 4;
  const cs = bboxXyxyToCs(new Float32Array(4 * n), xyxy, padding);
  const cs2 = bboxXywhToCs(new Float32Array(4 * n), xywh, padding);
  const pick = (a: Float32Array, off: number): number[] => Array.from({ length: 2 * n }, (_, i) => a[4 * Math.floor(i / 2) + off + (i % 2)]!);
  closeF32(check, `${name}/center`, pick(cs, 0), expected['center'], TOL);
  closeF32(check, `${name}/scale_wh`, pick(cs, 2), expected['scale_wh'], TOL);
  closeF32(check, `${name}/center_from_xywh`, pick(cs2, 0), expected['center_from_xywh'], TOL);
  closeF32(check, `${name}/scale_from_xywh`, pick(cs2, 2), expected['scale_from_xywh'], TOL);
  for (const [size, exp] of Object.entries(expected['fix_aspect_ratio_by_input_size_wh'] as Obj)) {
    const [w, h] = size.split('x').map(Number) as [number, number];
    const fixed = fixAspectRatio(new Float32Array(4 * n), cs, w / h);
    closeF32(check, `${name}/fix_aspect_ratio/${size}`, pick(fixed, 2), exp, TOL);
  }
  closeF32(check, `${name}/bbox_cs2xyxy_roundtrip`, bboxCsToXyxy(new Float32Array(4 * n), cs, padding), expected['bbox_cs2xyxy_roundtrip'], TOL);
}

function mmposeWarp(check: Checker, c: Obj): void {
  const rows = c['rows'] as Obj[];
  rows.forEach((r, i) => {
    const tag = `get_warp_matrix[${i}] box ${String(r['box'])} rot ${String(r['rot_deg'])} fix ${String(r['fix_aspect_ratio'])}`;
    onlyKnown(check, tag, r, ['box', 'center', 'scale_wh', 'rot_deg', 'shift', 'output_size_wh', 'fix_aspect_ratio', 'warp', 'inv_warp', 'keypoints_xy', 'keypoints_warped_xy']);
    const conv = r['fix_aspect_ratio'] === true ? 'mmpose' : 'mmpose-unfixed';
    // center / scale are float32 in the reference (bbox_xyxy2cs of float32 boxes), printed with 9 digits: round them
    // back. The shift is float64 there (`np.array(shift)`) and stays a double.
    const args = [f32v(r['center']), f32v(r['scale_wh']), Number(r['rot_deg']), numbers(r['output_size_wh']), numbers(r['shift'])] as const;
    const warp = getWarpMatrix(new Float64Array(6), ...args, false, conv);
    mat(check, `${tag}/warp`, warp, r['warp']);
    mat(check, `${tag}/inv_warp`, getWarpMatrix(new Float64Array(6), ...args, true, conv), r['inv_warp']);
    if (warp) {
      const kp = Float32Array.from(numbers(r['keypoints_xy']));
      closeF32(check, `${tag}/keypoints_warped_xy`, cvTransformPoints(new Float32Array(kp.length), warp, kp), r['keypoints_warped_xy'], TOL);
    }
  });
}

function mmposeUdp(check: Checker, c: Obj): void {
  (c['rows'] as Obj[]).forEach((r, i) => {
    const tag = `get_udp_warp_matrix[${i}] box ${String(r['box'])} rot ${String(r['rot_deg'])}`;
    onlyKnown(check, tag, r, ['box', 'center', 'scale_wh', 'rot_deg', 'output_size_wh', 'warp', 'keypoints_xy', 'keypoints_warped_xy']);
    // float32 center / scale as in the reference (see mmposeWarp).
    const warp = getUdpWarpMatrix(new Float64Array(6), f32v(r['center']), f32v(r['scale_wh']), Number(r['rot_deg']), numbers(r['output_size_wh']));
    // get_udp_warp_matrix returns a float32 matrix.
    if (warp === null) mat(check, `${tag}/warp`, warp, r['warp']);
    else closeF32(check, `${tag}/warp`, warp, r['warp'], MAT_TOL);
    if (warp) {
      const kp = Float32Array.from(numbers(r['keypoints_xy']));
      closeF32(check, `${tag}/keypoints_warped_xy`, cvTransformPoints(new Float32Array(kp.length), warp, kp), r['keypoints_warped_xy'], TOL);
    }
  });
}

function mmposeBackProject(check: Checker, c: Obj): void {
  (c['rows'] as Obj[]).forEach((r, i) => {
    const tag = `topdown_back_projection[${i}]`;
    onlyKnown(check, tag, r, ['input_size_wh', 'input_center', 'input_scale', 'keypoints_input_space', 'keypoints_image']);
    // float32 keypoints, center and scale in, float32 keypoints out, as in the reference.
    const kp = f32v(r['keypoints_input_space']);
    const out = topdownBackProject(new Float32Array(kp.length), kp, f32v(r['input_center']), f32v(r['input_scale']), numbers(r['input_size_wh']));
    closeF32(check, `${tag}/keypoints_image`, out, r['keypoints_image'], TOL);
  });
}

function mmposeFlip(check: Checker, c: Obj): void {
  const inputs = c['inputs'] as Obj;
  const expected = c['expected'] as Obj;
  const flipIndices = numbers((c['params'] as Obj)['flip_indices']);
  onlyKnown(check, 'flip', expected, [
    'flip_heatmaps_heatmap_noshift',
    'flip_heatmaps_heatmap_shift',
    'flip_vectors',
    'flip_coordinates_noshift',
    'flip_coordinates_shift_input_192x256',
    'flip_keypoints_horizontal_image_192x256',
    'flip_bbox_xyxy_image_640x480',
  ]);
  const hm = tensor(inputs['heatmaps']);
  const hmT = { data: hm.data as Float32Array, dims: hm.shape };
  check.close('flip/flip_heatmaps_heatmap_noshift', flipHeatmaps(new Float32Array(hmT.data.length), hmT, flipIndices, false), f32(expected['flip_heatmaps_heatmap_noshift']), TOL);
  check.close('flip/flip_heatmaps_heatmap_shift', flipHeatmaps(new Float32Array(hmT.data.length), hmT, flipIndices, true), f32(expected['flip_heatmaps_heatmap_shift']), TOL);
  const sx = tensor(inputs['simcc_x']);
  const sy = tensor(inputs['simcc_y']);
  const fv = expected['flip_vectors'] as Obj;
  onlyKnown(check, 'flip/flip_vectors', fv, ['x', 'y']);
  const [ox, oy] = flipVectors(
    new Float32Array(sx.data.length),
    new Float32Array(sy.data.length),
    { data: sx.data as Float32Array, dims: sx.shape },
    { data: sy.data as Float32Array, dims: sy.shape },
    flipIndices,
  );
  check.close('flip/flip_vectors/x', ox, f32(fv['x']), TOL);
  check.close('flip/flip_vectors/y', oy, f32(fv['y']), TOL);
  const coords = numbers(inputs['normalized_coords']);
  check.close('flip/flip_coordinates_noshift', flipCoordinates(new Float64Array(coords.length), coords, flipIndices, false, 192), numbers(expected['flip_coordinates_noshift']), TOL);
  check.close('flip/flip_coordinates_shift_input_192x256', flipCoordinates(new Float64Array(coords.length), coords, flipIndices, true, 192), numbers(expected['flip_coordinates_shift_input_192x256']), TOL);
  // flip_keypoints moves the visibility with its keypoint: pack x, y, visible as stride 3.
  const kp = numbers(inputs['keypoints']);
  const vis = numbers(inputs['keypoints_visible']);
  const packed = new Float64Array(vis.length * 3);
  for (let i = 0; i < vis.length; i++) {
    packed[3 * i] = kp[2 * i]!;
    packed[3 * i + 1] = kp[2 * i + 1]!;
    packed[3 * i + 2] = vis[i]!;
  }
  const flipped = flipKeypoints(new Float64Array(packed.length), packed, flipIndices, 192, 3);
  const fk = expected['flip_keypoints_horizontal_image_192x256'] as Obj;
  onlyKnown(check, 'flip/flip_keypoints', fk, ['keypoints', 'visible']);
  check.close('flip/flip_keypoints/keypoints', Array.from({ length: 2 * vis.length }, (_, i) => flipped[3 * Math.floor(i / 2) + (i % 2)]!), numbers(fk['keypoints']), TOL);
  check.exact('flip/flip_keypoints/visible', Array.from({ length: vis.length }, (_, i) => flipped[3 * i + 2]!), numbers(fk['visible']));
  const boxes = numbers(inputs['bbox_xyxy']);
  // float32 boxes in, float32 boxes out (9-digit prints), as the reference's arrays.
  closeF32(check, 'flip/flip_bbox_xyxy_image_640x480', flipBbox(new Float32Array(boxes.length), Float32Array.from(boxes), 640, 'xyxy'), expected['flip_bbox_xyxy_image_640x480'], TOL);
}

const mmpose: Handler = (fixture: Fixture, check: Checker): void => {
  for (const c of fixture['cases'] as Obj[]) {
    const name = String(c['name']);
    guard(check, name, () => {
      if (name.startsWith('bbox_xyxy2cs')) mmposeBbox(check, c);
      else if (name === 'get_warp_matrix') mmposeWarp(check, c);
      else if (name === 'get_udp_warp_matrix') mmposeUdp(check, c);
      else if (name === 'topdown_back_projection') mmposeBackProject(check, c);
      else if (name === 'flip') mmposeFlip(check, c);
      else check.fail(name, 'unknown case');
    });
  }
};

// ---------------------------------------------------------------------------------------------------- HRNet

const hrnet: Handler = (fixture: Fixture, check: Checker): void => {
  const params = fixture['params'] as Obj;
  const aspect = Number(params['aspect_ratio']);
  const pixelStd = Number(params['pixel_std']);
  const pairs = params['flip_pairs'] as number[][];
  for (const c of fixture['cases'] as Obj[]) {
    const name = String(c['name']);
    guard(check, name, () => {
      if (name === 'boxes') {
        (c['rows'] as Obj[]).forEach((r, i) => {
          const tag = `boxes[${i}]`;
          onlyKnown(check, tag, r, ['bbox_xywh', 'center', 'scale_200px', 'matrices', 'heatmap_coords_xy', 'transform_preds_48x64']);
          const cs = xywhToCs(new Float64Array(4), numbers(r['bbox_xywh']), aspect, pixelStd, 1.25);
          // _xywh2cs stores center and scale in float32 arrays.
          closeF32(check, `${tag}/center`, cs.subarray(0, 2), r['center'], TOL);
          closeF32(check, `${tag}/scale_200px`, cs.subarray(2, 4), r['scale_200px'], TOL);
          const center = cs.subarray(0, 2);
          // get_affine_transform: scale_tmp = scale * 200.0 on a float32 array.
          const scalePx = [Math.fround(cs[2]! * pixelStd), Math.fround(cs[3]! * pixelStd)];
          (r['matrices'] as Obj[]).forEach((m, j) => {
            const mt = `${tag}/matrices[${j}] rot ${String(m['rot_deg'])}`;
            onlyKnown(check, mt, m, ['rot_deg', 'shift', 'output_size_wh', 'trans', 'inv']);
            const args = [center, scalePx, Number(m['rot_deg']), numbers(m['output_size_wh']), numbers(m['shift'])] as const;
            mat(check, `${mt}/trans`, getWarpMatrix(new Float64Array(6), ...args, false, 'hrnet'), m['trans']);
            mat(check, `${mt}/inv`, getWarpMatrix(new Float64Array(6), ...args, true, 'hrnet'), m['inv']);
          });
          const coords = numbers(r['heatmap_coords_xy']);
          const preds = transformPreds(new Float64Array(coords.length), coords, center, scalePx, [48, 64]);
          if (preds === null) check.fail(`${tag}/transform_preds_48x64`, 'null');
          else check.close(`${tag}/transform_preds_48x64`, preds, numbers(r['transform_preds_48x64']), TOL);
        });
      } else if (name === 'flip') {
        const inputs = c['inputs'] as Obj;
        const expected = c['expected'] as Obj;
        onlyKnown(check, name, expected, ['flip_back', 'flip_back_then_shift', 'fliplr_joints', 'fliplr_joints_vis']);
        const hm = tensor(inputs['heatmaps']);
        const t = { data: hm.data as Float32Array, dims: hm.shape };
        const idx = flipIndicesFromPairs(pairs, hm.shape[1]!);
        check.close('flip/flip_back', flipHeatmaps(new Float32Array(t.data.length), t, idx, false), f32(expected['flip_back']), TOL);
        check.close('flip/flip_back_then_shift', flipHeatmaps(new Float32Array(t.data.length), t, idx, true), f32(expected['flip_back_then_shift']), TOL);
        const joints = numbers(inputs['joints']);
        const vis = numbers(inputs['joints_vis']);
        const [oj, ov] = fliplrJoints(new Float64Array(joints.length), new Float64Array(vis.length), joints, vis, Number(inputs['width']), pairs);
        check.close('flip/fliplr_joints', oj, numbers(expected['fliplr_joints']), TOL);
        check.exact('flip/fliplr_joints_vis', Array.from(ov), numbers(expected['fliplr_joints_vis']));
      } else check.fail(name, 'unknown case');
    });
  }
};

// ---------------------------------------------------------------------------------------------------- AlphaPose

function alphaposeBoxes(check: Checker, c: Obj, aspect: number, scaleMult: number): void {
  (c['rows'] as Obj[]).forEach((r, i) => {
    const tag = `boxes[${i}]`;
    onlyKnown(check, tag, r, ['bbox_xyxy', 'center', 'scale_px', 'cropped_bbox_xyxy', 'matrices', 'heatmap_coords_xy', 'transform_preds_48x64', 'cv_cropBox', 'cv_cropBoxInverse']);
    const cs = boxToCenterScale(new Float64Array(4), numbers(r['bbox_xyxy']), aspect, scaleMult);
    // _box_to_center_scale returns float32 center and scale.
    closeF32(check, `${tag}/center`, cs.subarray(0, 2), r['center'], TOL);
    closeF32(check, `${tag}/scale_px`, cs.subarray(2, 4), r['scale_px'], TOL);
    const cropped = centerScaleToBox(new Float64Array(4), cs);
    check.close(`${tag}/cropped_bbox_xyxy`, cropped, numbers(r['cropped_bbox_xyxy']), TOL);
    const center = cs.subarray(0, 2);
    const scale = cs.subarray(2, 4);
    (r['matrices'] as Obj[]).forEach((m, j) => {
      const mt = `${tag}/matrices[${j}] rot ${String(m['rot_deg'])}`;
      onlyKnown(check, mt, m, ['rot_deg', 'output_size_wh', 'trans', 'inv']);
      const size = numbers(m['output_size_wh']);
      mat(check, `${mt}/trans`, getWarpMatrix(new Float64Array(6), center, scale, Number(m['rot_deg']), size, [0, 0], false, 'hrnet'), m['trans']);
      mat(check, `${mt}/inv`, getWarpMatrix(new Float64Array(6), center, scale, Number(m['rot_deg']), size, [0, 0], true, 'hrnet'), m['inv']);
    });
    const coords = numbers(r['heatmap_coords_xy']);
    const preds = transformPreds(new Float64Array(coords.length), coords, center, scale, [48, 64]);
    if (preds === null) check.fail(`${tag}/transform_preds_48x64`, 'null');
    else check.close(`${tag}/transform_preds_48x64`, preds, numbers(r['transform_preds_48x64']), TOL);
    // The same numbers through the bbox-based entry point AlphaPose's decoder uses.
    const viaBox = alphaposeBackProject(new Float64Array(coords.length), coords, cropped, [48, 64]);
    if (viaBox === null) check.fail(`${tag}/transform_preds_48x64 (via cropped bbox)`, 'null');
    else check.close(`${tag}/transform_preds_48x64 (via cropped bbox)`, viaBox, numbers(r['transform_preds_48x64']), TOL);
    const cb = r['cv_cropBox'] as Obj;
    onlyKnown(check, `${tag}/cv_cropBox`, cb, ['int_bbox', 'input_size_hw', 'trans']);
    const [ih, iw] = numbers(cb['input_size_hw']) as [number, number];
    mat(check, `${tag}/cv_cropBox/trans`, cropBoxMatrix(new Float64Array(6), numbers(cb['int_bbox']), [iw, ih], false), cb['trans']);
    const cbi = r['cv_cropBoxInverse'] as Obj;
    onlyKnown(check, `${tag}/cv_cropBoxInverse`, cbi, ['int_bbox', 'img_size_hw', 'output_size_hw', 'trans']);
    const [oh, ow] = numbers(cbi['output_size_hw']) as [number, number];
    // img_size_hw only sizes the pasted image in the reference; the matrix does not depend on it.
    mat(check, `${tag}/cv_cropBoxInverse/trans`, cropBoxMatrix(new Float64Array(6), numbers(cbi['int_bbox']), [ow, oh], true), cbi['trans']);
  });
}

const alphapose: Handler = (fixture: Fixture, check: Checker): void => {
  const params = fixture['params'] as Obj;
  const aspect = Number(params['aspect_ratio']);
  const scaleMult = Number(params['scale_mult']);
  const pairs = params['joint_pairs'] as number[][];
  for (const c of fixture['cases'] as Obj[]) {
    const name = String(c['name']);
    guard(check, name, () => {
      if (name === 'boxes') alphaposeBoxes(check, c, aspect, scaleMult);
      else if (name === 'flip') {
        const inputs = c['inputs'] as Obj;
        const expected = c['expected'] as Obj;
        onlyKnown(check, name, expected, ['flip_heatmap_noshift', 'flip_heatmap_shift', 'flip_joints_3d']);
        const hm = tensor(inputs['heatmap']);
        const t = { data: hm.data as Float32Array, dims: hm.shape };
        const idx = flipIndicesFromPairs(pairs, hm.shape[0]!);
        check.close('flip/flip_heatmap_noshift', flipHeatmapAlphaPose(new Float32Array(t.data.length), t, idx, false), f32(expected['flip_heatmap_noshift']), TOL);
        check.close('flip/flip_heatmap_shift', flipHeatmapAlphaPose(new Float32Array(t.data.length), t, idx, true), f32(expected['flip_heatmap_shift']), TOL);
        const j3 = numbers(inputs['joints_3d']);
        check.close('flip/flip_joints_3d', flipJoints3d(new Float64Array(j3.length), j3, Number(inputs['width']), pairs), numbers(expected['flip_joints_3d']), TOL);
      } else if (name === 'rmpe_legacy') {
        (c['rows'] as Obj[]).forEach((r, i) => {
          const tag = `rmpe_legacy[${i}]`;
          onlyKnown(check, tag, r, [
            'ul', 'br', 'inpH', 'inpW', 'resH', 'resW', 'heatmap_pts_xy', 'transformBoxInvert', 'transformBoxInvert_batch_first4',
            'image_pts_xy', 'transformBox_int', 'cropBox_trans_256x192',
          ]);
          // The boxes are float32 (9-digit prints): the reference read those exact float32 values.
          const ul = f32v(r['ul']);
          const br = f32v(r['br']);
          // resW is unused by the references' formulas too (only resH scales the heatmap).
          const inpH = Number(r['inpH']), inpW = Number(r['inpW']), resH = Number(r['resH']);
          const hp = numbers(r['heatmap_pts_xy']);
          const inv = transformBoxInvert(new Float64Array(hp.length), hp, ul, br, inpH, inpW, resH);
          check.close(`${tag}/transformBoxInvert`, inv, numbers(r['transformBoxInvert']), TOL);
          // transformBoxInvert_batch is the same formula in float32 (first 4 of its 17 points).
          const batch = transformBoxInvert(new Float32Array(hp.length), Float32Array.from(hp), Float32Array.from(ul), Float32Array.from(br), inpH, inpW, resH);
          closeF32(check, `${tag}/transformBoxInvert_batch_first4`, batch.subarray(0, 8), r['transformBoxInvert_batch_first4'], TOL);
          const ip = numbers(r['image_pts_xy']);
          check.exact(`${tag}/transformBox_int`, Array.from(transformBox(new Int32Array(ip.length), ip, ul, br, inpH, inpW, resH)), numbers(r['transformBox_int']));
          mat(check, `${tag}/cropBox_trans_256x192`, rmpeCropBoxMatrix(new Float64Array(6), ul, br, [inpW, inpH]), r['cropBox_trans_256x192']);
        });
      } else check.fail(name, 'unknown case');
    });
  }
};

/** Handlers for the `affine/` fixtures, keyed by the fixture's `kind`. */
export const handlers: Record<string, Handler> = {
  'affine.mmpose': mmpose,
  'affine.hrnet': hrnet,
  'affine.alphapose': alphapose,
};
