/**
 * The steps the estimators share, each a thin binding of a spec to the core kernels (image crops, decoders,
 * affine back-projection, flip, NMS). Internal: the public kernels are in their own folders.
 *
 * @module
 * @internal
 */
import { bboxXyxyToCs, fixAspectRatio, flipHeatmaps, flipVectors, getUdpWarpMatrix, getWarpMatrix, topdownBackProject } from '../affine/index.js';
import { decodeDark, decodeMsra, decodeSimcc, decodeUdp } from '../decode/index.js';
import type { HeatmapDecodeResult } from '../decode/index.js';
import { PosekitError } from '../errors.js';
import type { ImageLike } from '../image/index.js';
import { affineCropToTensor, checkImage, letterboxParams, letterboxToTensor } from '../image/index.js';
import { getLayout } from '../layouts/index.js';
import { boxNms, oksNms } from '../nms/index.js';
import type { Box, Pose } from '../types.js';
import type { ModelSpec } from './spec.js';

/** How model-input pixels relate to image pixels: `input = image · scale + pad`. */
export interface InputTransform {
  /** Horizontal scale (input px per image px). */
  scaleX: number;
  /** Vertical scale. */
  scaleY: number;
  /** Horizontal offset, input px. */
  padX: number;
  /** Vertical offset, input px. */
  padY: number;
}

/** Check an image argument (`ImageLike`), throwing the image module's codes. */
export function checkImageArg(fn: string, image: ImageLike): void {
  checkImage(fn, image);
}

function normOptions(spec: ModelSpec): { mean: readonly number[]; std: readonly number[]; channelOrder: 'rgb' | 'bgr' } {
  return { mean: spec.input.mean, std: spec.input.std, channelOrder: spec.input.colorOrder };
}

const stretchM = new Float64Array(6);

/**
 * Fill one `3 × H × W` input plane at `offset` from the whole image (letterbox or stretch) and return how
 * input pixels map to image pixels.
 */
export function fillModelInput(fn: string, out: Float32Array, offset: number, image: ImageLike, spec: ModelSpec): InputTransform {
  const { width: W, height: H } = spec.input;
  const c = spec.crop;
  if (c.mode === 'letterbox') {
    const p = c.rounding === undefined ? letterboxParams(image.width, image.height, W, H, c.align) : letterboxParams(image.width, image.height, W, H, c.align, c.rounding);
    letterboxToTensor(out, offset, image, p, W, H, { ...normOptions(spec), padValue: c.padValue });
    return { scaleX: p.scale, scaleY: p.scale, padX: p.padX, padY: p.padY };
  }
  if (c.mode === 'stretch') {
    // cv2.resize semantics (half-pixel centres): input x = (image x + 0.5) · s − 0.5.
    const sx = W / image.width;
    const sy = H / image.height;
    stretchM[0] = sx;
    stretchM[1] = 0;
    stretchM[2] = 0.5 * sx - 0.5;
    stretchM[3] = 0;
    stretchM[4] = sy;
    stretchM[5] = 0.5 * sy - 0.5;
    affineCropToTensor(out, offset, image, stretchM, W, H, { ...normOptions(spec), borderValue: 0 });
    return { scaleX: sx, scaleY: sy, padX: 0.5 * sx - 0.5, padY: 0.5 * sy - 0.5 };
  }
  throw new PosekitError('E_MODEL_SPEC', `${fn}: spec ${JSON.stringify(spec.name)}: crop mode '${c.mode}' is for person crops, not whole images`, {
    expected: ['letterbox', 'stretch'],
    received: c.mode,
  });
}

const boxBuf = new Float64Array(4);
const warpM = new Float64Array(6);

/**
 * Crop one person box into the input plane at `offset` (MMPose `TopdownAffine`): box -> centre/scale ×
 * padding -> aspect fixed -> warp (UDP warp for UDP decoding). Writes `cx, cy, sw, sh` to `cs[csOffset..]`.
 *
 * @throws PosekitError `E_RANGE` for a box of zero or negative width/height
 */
export function cropPerson(fn: string, out: Float32Array, offset: number, image: ImageLike, box: Box, spec: ModelSpec, cs: Float64Array, csOffset: number): void {
  const c = spec.crop;
  if (c.mode !== 'affine') throw new PosekitError('E_MODEL_SPEC', `${fn}: person crops need crop mode 'affine'; received '${c.mode}'`);
  const { width: W, height: H } = spec.input;
  boxBuf[0] = box.x1;
  boxBuf[1] = box.y1;
  boxBuf[2] = box.x2;
  boxBuf[3] = box.y2;
  const v = cs.subarray(csOffset, csOffset + 4);
  bboxXyxyToCs(v, boxBuf, c.padding);
  if (c.fixAspectRatio) fixAspectRatio(v, v, W / H);
  const udp = spec.output.kind === 'heatmap' && spec.output.decoder === 'udp';
  const m = udp ? getUdpWarpMatrix(warpM, [v[0]!, v[1]!], [v[2]!, v[3]!], 0, [W, H]) : getWarpMatrix(warpM, [v[0]!, v[1]!], [v[2]!, v[3]!], 0, [W, H]);
  if (m === null) {
    throw new PosekitError('E_RANGE', `${fn}: person box must have positive, finite width and height; received ${JSON.stringify(box)}`, {
      expected: 'x2 > x1, y2 > y1',
      received: box,
    });
  }
  affineCropToTensor(out, offset, image, m, W, H, { ...normOptions(spec), borderValue: c.borderValue ?? 0 });
}

/** Reverse each `W`-long row of `rows × H` planes (horizontal flip of NCHW crops) from `src` into `dst`. */
export function flipInputW(dst: Float32Array, src: Float32Array, planes: number, h: number, w: number): void {
  const rows = planes * h;
  for (let r = 0; r < rows; r++) {
    const o = r * w;
    for (let x = 0; x < w; x++) dst[o + x] = src[o + w - 1 - x]!;
  }
}

/** The layout's flip permutation (for the flip test). */
export function layoutFlipIndices(fn: string, layoutName: string | undefined): readonly number[] {
  if (layoutName === undefined) {
    throw new PosekitError('E_MODEL_SPEC', `${fn}: the flip test needs the pose spec's keypointLayout (for its flip pairs); the spec has none`, {
      expected: 'keypointLayout',
      received: undefined,
    });
  }
  return getLayout(layoutName).flipIndices;
}

/**
 * Flip-test merge: flip the outputs of the flipped crops back (heatmaps: reverse W and swap left/right
 * channels, MMPose `flip_heatmaps`; SimCC: swap channels and reverse the x vectors, `flip_vectors`) and
 * average with the plain outputs, in place in `plain`.
 */
export function flipPoseOutputs(
  fn: string,
  spec: ModelSpec,
  plain: Record<string, { data: Float32Array; dims: number[] }>,
  flipped: Record<string, { data: Float32Array; dims: number[] }>,
  flipIndices: readonly number[],
  shift: boolean,
): void {
  const o = spec.output;
  if (o.kind === 'heatmap') {
    const a = plain[o.name]!;
    const b = flipped[o.name]!;
    const back = flipHeatmaps(new Float32Array(b.data.length), b, flipIndices, shift);
    for (let i = 0; i < a.data.length; i++) a.data[i] = 0.5 * (a.data[i]! + back[i]!);
    return;
  }
  if (o.kind === 'simcc') {
    const ax = plain[o.xName]!;
    const ay = plain[o.yName]!;
    const bx = flipped[o.xName]!;
    const by = flipped[o.yName]!;
    const [backX, backY] = flipVectors(new Float32Array(bx.data.length), new Float32Array(by.data.length), bx, by, flipIndices);
    for (let i = 0; i < ax.data.length; i++) ax.data[i] = 0.5 * (ax.data[i]! + backX[i]!);
    for (let i = 0; i < ay.data.length; i++) ay.data[i] = 0.5 * (ay.data[i]! + backY[i]!);
    return;
  }
  throw new PosekitError('E_MODEL_SPEC', `${fn}: no flip test for output kind '${o.kind}'`);
}

/** Decode the pose outputs of `n` crops to model-input pixels (N·K·2) and scores (N·K). */
export function decodePoseOutputs(fn: string, spec: ModelSpec, outputs: Record<string, { data: Float32Array; dims: number[] }>): HeatmapDecodeResult {
  const o = spec.output;
  const inputSize = [spec.input.width, spec.input.height] as const;
  if (o.kind === 'heatmap') {
    const t = outputs[o.name]!;
    if (o.decoder === 'dark') return decodeDark(t, { inputSize, ...(o.blurKernelSize !== undefined ? { blurKernelSize: o.blurKernelSize } : {}) });
    if (o.decoder === 'udp') return decodeUdp(t, { inputSize, ...(o.blurKernelSize !== undefined ? { blurKernelSize: o.blurKernelSize } : {}) });
    return decodeMsra(t, { inputSize });
  }
  if (o.kind === 'simcc') return decodeSimcc(outputs[o.xName]!, outputs[o.yName]!, { splitRatio: o.splitRatio });
  throw new PosekitError('E_MODEL_SPEC', `${fn}: output kind '${o.kind}' is not a top-down pose output`);
}

/** Keypoints of `n` crops, model-input pixels -> image pixels, in place (MMPose `add_pred_to_datasample`). */
export function backProjectTopdown(keypoints: Float32Array, n: number, k: number, cs: Float64Array, inputW: number, inputH: number): void {
  const size = [inputW, inputH];
  for (let i = 0; i < n; i++) {
    const v = keypoints.subarray(2 * k * i, 2 * k * (i + 1));
    topdownBackProject(v, v, cs.subarray(4 * i, 4 * i + 2), cs.subarray(4 * i + 2, 4 * i + 4), size);
  }
}

/** Box NMS (offset 0: torchvision / Ultralytics / YOLOX; 1: MMPose): kept indices, best first. */
export function nmsKeep(boxes: Float32Array, scores: Float32Array, iou: number, offset: 0 | 1): Int32Array {
  return boxNms(boxes, scores, iou, { offset });
}

/**
 * OKS-NMS over poses (MMPose `oks_nms`, areas = box areas as `CocoMetric` uses, sigmas of the layout):
 * kept indices, best first.
 */
export function oksNmsKeep(fn: string, poses: readonly Pose[], thr: number, layoutName: string | undefined): Int32Array {
  const n = poses.length;
  const k = poses[0]!.keypoints.length / 3;
  const kp = new Float32Array(n * k * 3);
  const areas = new Float32Array(n);
  const scores = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const p = poses[i]!;
    kp.set(p.keypoints, i * k * 3);
    const b = p.box;
    areas[i] = b ? (b.x2 - b.x1) * (b.y2 - b.y1) : 0;
    scores[i] = p.score;
  }
  const sigmas = layoutName !== undefined ? getLayout(layoutName).sigmas : undefined;
  if (sigmas === undefined && k !== 17) {
    throw new PosekitError('E_MODEL_SPEC', `${fn}: OKS-NMS needs OKS sigmas for ${k} keypoints; the layout ${JSON.stringify(layoutName)} has none`);
  }
  return oksNms({ n, k, keypoints: kp, areas, scores }, thr, sigmas ? { sigmas } : {});
}
