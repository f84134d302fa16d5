/**
 * A synthetic standing person and the family-specific maps a perfect model would output for it: SimCC 1-D
 * Gaussians (RTMPose), OpenPose COCO-18 part heatmaps + PAFs, and Improved-Body-Parts part + limb maps.
 * The renderings follow each reference's channel conventions (OpenPose `limbSeq` / `mapIdx`, IBP
 * `limbs_conn`), written out here from the references rather than imported from the code under test.
 */
import { addGaussian, paintLimb } from './onnx-builder.js';

/** COCO-17 keypoints (nose, l_eye, r_eye, l_ear, r_ear, l_sh, r_sh, l_elb, r_elb, l_wr, r_wr, l_hip, r_hip, l_knee, r_knee, l_ank, r_ank) in 192x256 crop pixels. */
export const PERSON_COCO17_CROP: readonly (readonly [number, number])[] = [
  [96, 40], [104, 32], [88, 32], [112, 36], [80, 36], [124, 72], [68, 72], [136, 112], [56, 112],
  [140, 150], [52, 150], [116, 150], [76, 150], [118, 196], [74, 196], [120, 240], [72, 240],
];

/**
 * OpenPose COCO-18 parts (nose, neck, r_sh, r_elb, r_wr, l_sh, l_elb, l_wr, r_hip, r_knee, r_ank, l_hip, l_knee,
 * l_ank, r_eye, l_eye, r_ear, l_ear) in image pixels. Every coordinate is ≡ 4 (mod 8), i.e. 1/16 cell from a
 * stride-8 cell centre (`8c + 3.5`): peaks are unique (no ties) and both the upsampled and the stride paths
 * land within half a pixel.
 */
export const PERSON_COCO18: readonly (readonly [number, number])[] = [
  [164, 44], [164, 84], [132, 84], [116, 132], [108, 180], [196, 84], [212, 132], [220, 180], [140, 188],
  [132, 260], [124, 332], [188, 188], [196, 260], [204, 332], [156, 36], [172, 36], [148, 44], [180, 44],
];

/** SimCC vectors `[17, 2W]`, `[17, 2H]` (split ratio 2) with a Gaussian (σ 2 bins) at each crop keypoint. */
export function renderSimcc(points: readonly (readonly [number, number])[], w: number, h: number, split = 2): { x: Float32Array; y: Float32Array } {
  const k = points.length;
  const lx = w * split;
  const ly = h * split;
  const x = new Float32Array(k * lx);
  const y = new Float32Array(k * ly);
  for (let i = 0; i < k; i++) {
    const [u, v] = points[i]!;
    for (let b = 0; b < lx; b++) x[i * lx + b] = Math.exp(-((b - u * split) ** 2) / 8);
    for (let b = 0; b < ly; b++) y[i * ly + b] = Math.exp(-((b - v * split) ** 2) / 8);
  }
  return { x, y };
}

/** OpenPose `limbSeq` (1-based), Hzzone/pytorch-openpose `src/body.py`. */
const LIMB_SEQ = [
  [2, 3], [2, 6], [3, 4], [4, 5], [6, 7], [7, 8], [2, 9], [9, 10], [10, 11], [2, 12], [12, 13], [13, 14],
  [2, 1], [1, 15], [15, 17], [1, 16], [16, 18], [3, 17], [6, 18],
] as const;
/** OpenPose `mapIdx` (PAF channel + 19, x then y), same file. */
const MAP_IDX = [
  [31, 32], [39, 40], [33, 34], [35, 36], [41, 42], [43, 44], [19, 20], [21, 22], [23, 24], [25, 26],
  [27, 28], [29, 30], [47, 48], [49, 50], [53, 54], [51, 52], [55, 56], [37, 38], [45, 46],
] as const;

/** Image pixel -> map cell whose centre convention is `x · stride + stride / 2 − 0.5`. */
const toCell = (p: number, stride: number): number => (p + 0.5) / stride - 0.5;

/**
 * OpenPose maps at `stride` for a person given in (letterboxed, scale-1) input pixels: heatmaps `[19, h, w]`
 * (18 parts, Gaussian σ 1 cell, then background = 1 − max) and PAFs `[38, h, w]` (unit vector part A -> B of each
 * limb within 1 cell of the segment; overlapping limbs averaged, as OpenPose's ground truth does).
 */
export function renderOpenPose(parts: readonly (readonly [number, number])[], h: number, w: number, stride: number): { heatmaps: Float32Array; pafs: Float32Array } {
  const plane = h * w;
  const heatmaps = new Float32Array(19 * plane);
  parts.forEach(([x, y], p) => addGaussian(heatmaps, p, h, w, toCell(x, stride), toCell(y, stride), 1));
  for (let i = 0; i < plane; i++) {
    let m = 0;
    for (let p = 0; p < 18; p++) m = Math.max(m, heatmaps[p * plane + i]!);
    heatmaps[18 * plane + i] = 1 - m;
  }
  const pafs = new Float32Array(38 * plane);
  const count = new Float32Array(38 * plane);
  LIMB_SEQ.forEach(([a, b], k) => {
    const pa = parts[a - 1]!;
    const pb = parts[b - 1]!;
    const cx = MAP_IDX[k]![0] - 19;
    const cy = MAP_IDX[k]![1] - 19;
    paintLimb(h, w, [toCell(pa[0], stride), toCell(pa[1], stride)], [toCell(pb[0], stride), toCell(pb[1], stride)], 1, (i, ux, uy) => {
      pafs[cx * plane + i]! += ux;
      pafs[cy * plane + i]! += uy;
      count[cx * plane + i]! += 1;
      count[cy * plane + i]! += 1;
    });
  });
  for (let i = 0; i < pafs.length; i++) if (count[i]! > 1) pafs[i]! /= count[i]!;
  return { heatmaps, pafs };
}

/** Improved-Body-Parts `config.limbs_conn` (0-based part pairs), jialee93/Improved-Body-Parts `config/config.py`. */
const IBP_LIMBS = [
  [1, 0], [1, 14], [1, 15], [1, 16], [1, 17], [0, 14], [0, 15], [14, 16], [15, 17], [1, 2], [2, 3], [3, 4],
  [1, 5], [5, 6], [6, 7], [1, 8], [8, 9], [9, 10], [1, 11], [11, 12], [12, 13], [0, 2], [0, 5], [2, 8],
  [8, 12], [5, 11], [11, 9], [16, 2], [17, 5], [8, 11],
] as const;

/**
 * Improved-Body-Parts output `[50, h, w]` at `stride`: 30 limb maps (Gaussian of the distance to the segment,
 * σ 1 cell), 18 part maps (Gaussian σ 1 cell), 2 background maps (1 − max of each group).
 */
export function renderBodyParts(parts: readonly (readonly [number, number])[], h: number, w: number, stride: number): Float32Array {
  const plane = h * w;
  const out = new Float32Array(50 * plane);
  IBP_LIMBS.forEach(([a, b], k) => {
    const pa = parts[a]!;
    const pb = parts[b]!;
    paintLimb(h, w, [toCell(pa[0], stride), toCell(pa[1], stride)], [toCell(pb[0], stride), toCell(pb[1], stride)], 3, (i, _ux, _uy, d) => {
      out[k * plane + i] = Math.max(out[k * plane + i]!, Math.exp(-(d * d) / 2));
    });
  });
  parts.forEach(([x, y], p) => addGaussian(out, 30 + p, h, w, toCell(x, stride), toCell(y, stride), 1));
  for (let i = 0; i < plane; i++) {
    let ml = 0;
    let mp = 0;
    for (let c = 0; c < 30; c++) ml = Math.max(ml, out[c * plane + i]!);
    for (let c = 30; c < 48; c++) mp = Math.max(mp, out[c * plane + i]!);
    out[48 * plane + i] = 1 - ml;
    out[49 * plane + i] = 1 - mp;
  }
  return out;
}
