/**
 * The default limb tables of both references and the COCO-18 → COCO-17 mapping used to emit poses (part
 * names and skeletons are the `openpose_coco18` / `coco17` layouts of `layouts/`).
 * @module
 */
import type { Pose } from '../types.js';
import type { GroupingLayout } from './types.js';

/**
 * COCO-17 index of each COCO-18 part (−1 for the neck, which COCO lacks): Improved-Body-Parts
 * `config.dt_gt_mapping`. Part p of `getLayout('openpose_coco18')` and keypoint `COCO18_TO_COCO17[p]` of
 * `getLayout('coco17')` carry the same name.
 */
export const COCO18_TO_COCO17: readonly number[] = Object.freeze([0, -1, 6, 8, 10, 5, 7, 9, 12, 14, 16, 11, 13, 15, 2, 1, 4, 3]);

/**
 * OpenPose `limbSeq` (1-based part pairs) of Hzzone/pytorch-openpose `src/body.py`; limbs 17 and 18 are the
 * redundant ear–shoulder links.
 */
export const OPENPOSE_LIMB_SEQ: readonly (readonly [number, number])[] = Object.freeze([
  [2, 3], [2, 6], [3, 4], [4, 5], [6, 7], [7, 8], [2, 9], [9, 10], [10, 11], [2, 12], [12, 13], [13, 14],
  [2, 1], [1, 15], [15, 17], [1, 16], [16, 18], [3, 17], [6, 18],
] as const);

/**
 * OpenPose `mapIdx` of `src/body.py`: PAF channels of each limb, as `channel + 19` (x first, then y).
 */
export const OPENPOSE_MAP_IDX: readonly (readonly [number, number])[] = Object.freeze([
  [31, 32], [39, 40], [33, 34], [35, 36], [41, 42], [43, 44], [19, 20], [21, 22], [23, 24], [25, 26],
  [27, 28], [29, 30], [47, 48], [49, 50], [53, 54], [51, 52], [55, 56], [37, 38], [45, 46],
] as const);

/**
 * Improved-Body-Parts `config.limbs_conn` (0-based part pairs): the 30 body-part (limb) map channels, in
 * channel order.
 */
export const BODY_PARTS_LIMBS: readonly (readonly [number, number])[] = Object.freeze([
  [1, 0], [1, 14], [1, 15], [1, 16], [1, 17], [0, 14], [0, 15], [14, 16], [15, 17], [1, 2], [2, 3], [3, 4],
  [1, 5], [5, 6], [6, 7], [1, 8], [8, 9], [9, 10], [1, 11], [11, 12], [12, 13], [0, 2], [0, 5], [2, 8],
  [8, 12], [5, 11], [11, 9], [16, 2], [17, 5], [8, 11],
] as const);

/**
 * Build a {@link Pose} from 18 part slots. Missing parts (id −1) become `(0, 0, 0)`, as in the references'
 * COCO output. Coordinates map from map cells to image pixels with the pixel-centre convention
 * `x · stride + stride / 2 − 0.5` (identity at stride 1).
 * @internal
 */
export function poseFromParts(
  ids: ArrayLike<number>,
  idStride: number,
  cx: Float64Array,
  cy: Float64Array,
  cs: Float64Array,
  score: number,
  layout: GroupingLayout,
  stride: number,
): Pose {
  const k = layout === 'coco17' ? 17 : 18;
  const kp = new Float32Array(k * 3);
  const off = stride / 2 - 0.5;
  for (let p = 0; p < 18; p++) {
    const id = ids[p * idStride]!;
    if (id < 0) continue;
    const slot = layout === 'coco17' ? COCO18_TO_COCO17[p]! : p;
    if (slot < 0) continue;
    kp[slot * 3] = cx[id]! * stride + off;
    kp[slot * 3 + 1] = cy[id]! * stride + off;
    kp[slot * 3 + 2] = cs[id]!;
  }
  return { keypoints: kp, score, layout };
}
