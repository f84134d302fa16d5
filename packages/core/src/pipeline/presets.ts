/**
 * Model presets: the I/O conventions of the model families posekit runs, as {@link ModelSpec} data.
 *
 * @module
 */
import { PosekitError } from '../errors.js';
import type { ModelSpec } from './spec.js';

/** ImageNet mean in 0..255, RGB order (MMPose / GluonCV / torchvision). */
const IMAGENET_MEAN_RGB = [123.675, 116.28, 103.53] as const;
/** ImageNet std in 0..255, RGB order. */
const IMAGENET_STD_RGB = [58.395, 57.12, 57.375] as const;

/**
 * RTMDet-nano person detector, MMDeploy end2end export (NMS inside the graph).
 * Reference: `HW140701/RTMPose-Deploy` `rtmdet-nano/pipeline.json` (mmdet `Resize(keep_ratio)` to 320, `Pad`
 * bottom/right with 114, BGR, mean/std below), outputs `dets [N, D, 5]` + `labels [N, D]`.
 */
export const rtmdetNano: ModelSpec = {
  name: 'rtmdet-nano',
  input: { name: 'input', width: 320, height: 320, layout: 'NCHW', colorOrder: 'bgr', mean: [103.53, 116.28, 123.675], std: [57.375, 57.12, 58.395] },
  // mmcv `rescale_size` rounds the resized size half-up (`int(w * scale + 0.5)`).
  crop: { mode: 'letterbox', align: 'topleft', padValue: 114, rounding: 'half-up' },
  output: { kind: 'detector-end2end', detsName: 'dets', labelsName: 'labels' },
  thresholds: { score: 0.3, personClass: 0 },
};

/**
 * YOLOX-nano COCO-80 detector with the raw head (`[1, 3549, 85]`, strides 8/16/32).
 * Reference: `Megvii-BaseDetection/YOLOX` `yolox/data/data_augment.py` `preproc` (top-left placement, pad 114,
 * BGR raw 0..255) and `yolox/utils/demo_postprocess` + `postprocess` (score = obj × cls, NMS 0.45).
 */
export const yoloxNano: ModelSpec = {
  name: 'yolox-nano',
  input: { name: 'images', width: 416, height: 416, layout: 'NCHW', colorOrder: 'bgr', mean: [0, 0, 0], std: [1, 1, 1] },
  crop: { mode: 'letterbox', align: 'topleft', padValue: 114 },
  output: { kind: 'detector-yolox', name: 'output', strides: [8, 16, 32], numClasses: 80 },
  thresholds: { score: 0.3, nmsIou: 0.45, nmsOffset: 0, personClass: 0 },
};

/**
 * Ultralight-Nano-SimplePose 256x192 (MobileNetV2-0.5 SimpleBaseline, GluonCV): RGB, ImageNet mean/std,
 * MMPose-style affine crop (aspect 3:4, padding 1.25), heatmaps `[1, 17, 64, 48]` decoded MSRA-style.
 * Reference: `dog-qiuqiu/Ultralight-SimplePose` `ncnnsample/ncnnpose.cpp`; MMPose `TopdownAffine`.
 */
export const ultralightSimplePose256x192: ModelSpec = {
  name: 'ultralight-simplepose-256x192',
  input: { name: 'data', width: 192, height: 256, layout: 'NCHW', colorOrder: 'rgb', mean: IMAGENET_MEAN_RGB, std: IMAGENET_STD_RGB },
  crop: { mode: 'affine', padding: 1.25, fixAspectRatio: true, borderValue: 0 },
  output: { kind: 'heatmap', name: 'hybridsequential0_conv7_fwd', decoder: 'msra' },
  keypointLayout: 'coco17',
};

/**
 * Ultralytics YOLO11n-pose (and YOLOv8-pose) ONNX export: 640 letterbox centred with 114, RGB `/255`,
 * `output0 [1, 56, 8400]` rows, no NMS in the graph. Defaults follow `ultralytics` `predict`
 * (conf 0.25, NMS IoU 0.7, continuous box areas).
 */
export const yolo11nPose: ModelSpec = {
  name: 'yolo11n-pose',
  input: { name: 'images', width: 640, height: 640, layout: 'NCHW', colorOrder: 'rgb', mean: [0, 0, 0], std: [255, 255, 255] },
  crop: { mode: 'letterbox', align: 'center', padValue: 114 },
  output: { kind: 'yolo-pose', name: 'output0' },
  keypointLayout: 'coco17',
  thresholds: { score: 0.25, nmsIou: 0.7, nmsOffset: 0 },
};

/** Build an RTMPose preset (MMPose `rtmpose-*_8xb256-420e_coco-256x192` conventions, MMDeploy output names). */
function rtmpose(name: string, width: number, height: number): ModelSpec {
  return {
    name,
    input: { name: 'input', width, height, layout: 'NCHW', colorOrder: 'rgb', mean: IMAGENET_MEAN_RGB, std: IMAGENET_STD_RGB },
    crop: { mode: 'affine', padding: 1.25, fixAspectRatio: true, borderValue: 0 },
    output: { kind: 'simcc', xName: 'simcc_x', yName: 'simcc_y', splitRatio: 2.0 },
    keypointLayout: 'coco17',
  };
}

/**
 * RTMPose-t/s/m/l 256x192 (COCO-17) as exported by MMDeploy: input `input`, outputs `simcc_x [N, 17, 384]`
 * and `simcc_y [N, 17, 512]`, split ratio 2.0. Reference: MMPose `configs/body_2d_keypoint/rtmpose/coco`.
 */
export const rtmpose256x192: ModelSpec = rtmpose('rtmpose-256x192', 192, 256);

/** RTMPose 384x288 variants (`simcc_x [N, 17, 576]`, `simcc_y [N, 17, 768]`). */
export const rtmpose384x288: ModelSpec = rtmpose('rtmpose-384x288', 288, 384);

/**
 * OpenPose COCO-18 body model (CMU / `Hzzone/pytorch-openpose` `body_pose_model`) exported to ONNX with a
 * fixed 368x368 input: BGR, `pixel / 256 - 0.5` (mean 128, std 256), padded right/bottom with 128
 * (`padRightDownCorner`), outputs heatmaps `[1, 19, 46, 46]` (18 parts + background) and PAFs `[1, 38, 46, 46]`
 * at stride 8. Output names depend on the export: set `output.heatmapName` / `output.pafName` to yours.
 */
export const openposeCoco18: ModelSpec = {
  name: 'openpose-coco18',
  input: { name: 'input', width: 368, height: 368, layout: 'NCHW', colorOrder: 'bgr', mean: [128, 128, 128], std: [256, 256, 256] },
  crop: { mode: 'letterbox', align: 'topleft', padValue: 128 },
  output: { kind: 'paf', heatmapName: 'heatmaps', pafName: 'pafs', stride: 8 },
  keypointLayout: 'openpose_coco18',
};

/**
 * Simple Pose / Improved-Body-Parts (`jialee93/Improved-Body-Parts`) exported with a fixed 512x512 input:
 * BGR `/255`, padded right/bottom with 128, one output `[1, 50, 128, 128]` at stride 4 holding 30 limb maps,
 * then 18 keypoint maps, then 2 background channels (`config.paf_layers = 30`, `heat_layers = 18`).
 */
export const simplePoseBodyParts: ModelSpec = {
  name: 'simplepose-body-parts',
  input: { name: 'input', width: 512, height: 512, layout: 'NCHW', colorOrder: 'bgr', mean: [0, 0, 0], std: [255, 255, 255] },
  crop: { mode: 'letterbox', align: 'topleft', padValue: 128 },
  output: { kind: 'body-parts', name: 'output', stride: 4, limbs: 30, parts: 18 },
  keypointLayout: 'openpose_coco18',
};

/** Every preset by name. Prefer {@link getModelPreset}, which returns a copy you may edit. */
export const modelPresets: Readonly<Record<string, ModelSpec>> = {
  'rtmdet-nano': rtmdetNano,
  'yolox-nano': yoloxNano,
  'ultralight-simplepose-256x192': ultralightSimplePose256x192,
  'yolo11n-pose': yolo11nPose,
  'rtmpose-256x192': rtmpose256x192,
  'rtmpose-t': { ...rtmpose256x192, name: 'rtmpose-t' },
  'rtmpose-s': { ...rtmpose256x192, name: 'rtmpose-s' },
  'rtmpose-m': { ...rtmpose256x192, name: 'rtmpose-m' },
  'rtmpose-l': { ...rtmpose256x192, name: 'rtmpose-l' },
  'rtmpose-384x288': rtmpose384x288,
  'openpose-coco18': openposeCoco18,
  'simplepose-body-parts': simplePoseBodyParts,
};

/**
 * A deep copy of a preset, safe to edit (e.g. `{ ...getModelPreset('rtmpose-m'), input: {...} }`).
 *
 * @param name - preset name (a key of {@link modelPresets})
 * @throws PosekitError `E_ARGUMENT` for an unknown name (the message lists the known ones)
 */
export function getModelPreset(name: string): ModelSpec {
  const p = Object.prototype.hasOwnProperty.call(modelPresets, name) ? modelPresets[name] : undefined;
  if (p === undefined) {
    const known = Object.keys(modelPresets);
    throw new PosekitError('E_ARGUMENT', `getModelPreset: unknown preset ${JSON.stringify(name)}; expected one of ${known.join(', ')}`, {
      expected: known,
      received: name,
    });
  }
  // Specs are pure JSON data, so a JSON round trip is a faithful deep copy (and works in every runtime).
  return JSON.parse(JSON.stringify(p)) as ModelSpec;
}
