/**
 * OpenPose COCO-18 and BODY-25 layouts.
 *
 * @internal
 * @module
 */
import type { KeypointLayout } from '../types.js';
import { buildLayout, leftRightSwaps } from './util.js';

/**
 * OpenPose COCO-18 part order (CMU OpenPose `POSE_COCO_BODY_PARTS`, Hzzone/pytorch-openpose `body.py`):
 * 0 nose, 1 neck, 2..4 right arm, 5..7 left arm, 8..10 right leg, 11..13 left leg, 14/15 eyes, 16/17 ears.
 */
const OPENPOSE18_NAMES: readonly string[] = [
  'nose', 'neck', 'right_shoulder', 'right_elbow', 'right_wrist', 'left_shoulder', 'left_elbow', 'left_wrist',
  'right_hip', 'right_knee', 'right_ankle', 'left_hip', 'left_knee', 'left_ankle',
  'right_eye', 'left_eye', 'right_ear', 'left_ear',
];

/**
 * The 19 limbs of Hzzone/pytorch-openpose `limbSeq` (1-based there, 0-based here), in the same order, so that
 * limb `i` pairs with PAF channels `mapIdx[i]`. Limbs 17 and 18 are the redundant ear-shoulder links.
 * @internal
 */
export const OPENPOSE18_LIMBS: readonly (readonly [number, number])[] = [
  [1, 2], [1, 5], [2, 3], [3, 4], [5, 6], [6, 7], [1, 8], [8, 9], [9, 10], [1, 11], [11, 12], [12, 13],
  [1, 0], [0, 14], [14, 16], [0, 15], [15, 17], [2, 16], [5, 17],
];

/** OpenPose COCO-18 (`openpose_coco18`): skeleton = the 19 `limbSeq` limbs in reference order. */
export const OPENPOSE_COCO18: KeypointLayout = /* @__PURE__ */ buildLayout(
  'openpose_coco18',
  OPENPOSE18_NAMES,
  OPENPOSE18_LIMBS.map(([a, b]) => [OPENPOSE18_NAMES[a]!, OPENPOSE18_NAMES[b]!] as [string, string]),
  leftRightSwaps(OPENPOSE18_NAMES),
);

/** OpenPose BODY-25 part order (CMU OpenPose `POSE_BODY_25_BODY_PARTS`). */
const BODY25_NAMES: readonly string[] = [
  'nose', 'neck', 'right_shoulder', 'right_elbow', 'right_wrist', 'left_shoulder', 'left_elbow', 'left_wrist',
  'mid_hip', 'right_hip', 'right_knee', 'right_ankle', 'left_hip', 'left_knee', 'left_ankle',
  'right_eye', 'left_eye', 'right_ear', 'left_ear',
  'left_big_toe', 'left_small_toe', 'left_heel', 'right_big_toe', 'right_small_toe', 'right_heel',
];

/** CMU OpenPose `POSE_BODY_25_PAIRS_RENDER_GPU` (24 limbs). */
const BODY25_PAIRS: readonly (readonly [number, number])[] = [
  [1, 8], [1, 2], [1, 5], [2, 3], [3, 4], [5, 6], [6, 7], [8, 9], [9, 10], [10, 11], [8, 12], [12, 13], [13, 14],
  [1, 0], [0, 15], [15, 17], [0, 16], [16, 18], [14, 19], [19, 20], [14, 21], [11, 22], [22, 23], [11, 24],
];

/** OpenPose BODY-25 (`openpose_body25`): CMU OpenPose `poseParameters` BODY_25 parts and render pairs. */
export const OPENPOSE_BODY25: KeypointLayout = /* @__PURE__ */ buildLayout(
  'openpose_body25',
  BODY25_NAMES,
  BODY25_PAIRS.map(([a, b]) => [BODY25_NAMES[a]!, BODY25_NAMES[b]!] as [string, string]),
  leftRightSwaps(BODY25_NAMES),
);
