/**
 * COCO-17 and COCO-WholeBody-133 layouts.
 *
 * @internal
 * @module
 */
import type { KeypointLayout } from '../types.js';
import { FACE68_SIGMAS, FACE68_SWAP_PAIRS, HAND21_LINKS, HAND21_NAMES, HAND21_SIGMAS, buildLayout, leftRightSwaps, numbered } from './util.js';

/** COCO-17 keypoint names (COCO `person` category, `test_coco.json` `categories[0].keypoints`). @internal */
export const COCO17_NAMES: readonly string[] = [
  'nose', 'left_eye', 'right_eye', 'left_ear', 'right_ear',
  'left_shoulder', 'right_shoulder', 'left_elbow', 'right_elbow', 'left_wrist', 'right_wrist',
  'left_hip', 'right_hip', 'left_knee', 'right_knee', 'left_ankle', 'right_ankle',
];

/**
 * COCO-17 limbs in MMPose `coco.py` `skeleton_info` order (the COCO category skeleton, 0-based).
 * @internal
 */
export const COCO17_LINKS: readonly (readonly [string, string])[] = [
  ['left_ankle', 'left_knee'], ['left_knee', 'left_hip'], ['right_ankle', 'right_knee'], ['right_knee', 'right_hip'],
  ['left_hip', 'right_hip'], ['left_shoulder', 'left_hip'], ['right_shoulder', 'right_hip'],
  ['left_shoulder', 'right_shoulder'], ['left_shoulder', 'left_elbow'], ['right_shoulder', 'right_elbow'],
  ['left_elbow', 'left_wrist'], ['right_elbow', 'right_wrist'], ['left_eye', 'right_eye'], ['nose', 'left_eye'],
  ['nose', 'right_eye'], ['left_eye', 'left_ear'], ['right_eye', 'right_ear'], ['left_ear', 'left_shoulder'],
  ['right_ear', 'right_shoulder'],
];

/**
 * COCO-17 OKS sigmas exactly as pycocotools builds them: `np.array([.26, .25, ...]) / 10.0`. The division is done
 * here in float64 on purpose (not written as 0.026 ...): the quotients are not the nearest doubles to the
 * decimals (0.26 / 10 = 0.026000000000000002, 0.35 / 10 = 0.034999999999999996, 1.07 / 10 = 0.10700000000000001),
 * and bit-exact OKS against pycocotools needs these very values.
 * @internal
 */
export const COCO17_SIGMAS: readonly number[] = [
  0.26, 0.25, 0.25, 0.35, 0.35, 0.79, 0.79, 0.72, 0.72, 0.62, 0.62, 1.07, 1.07, 0.87, 0.87, 0.89, 0.89,
].map((v) => v / 10.0);

/** COCO-17 (`coco17`): MMPose `configs/_base_/datasets/coco.py`; sigmas as pycocotools `COCOeval`. */
export const COCO17: KeypointLayout = /* @__PURE__ */ buildLayout('coco17', COCO17_NAMES, COCO17_LINKS, leftRightSwaps(COCO17_NAMES), COCO17_SIGMAS);

const WHOLEBODY_FEET = ['left_big_toe', 'left_small_toe', 'left_heel', 'right_big_toe', 'right_small_toe', 'right_heel'];

function handNames(side: 'left' | 'right'): string[] {
  // MMPose coco_wholebody.py: `left_hand_root`, `left_thumb1` ... (`wrist` of the hand is called `hand_root`).
  return HAND21_NAMES.map((n) => (n === 'wrist' ? `${side}_hand_root` : `${side}_${n}`));
}

function handLinks(side: 'left' | 'right'): [string, string][] {
  const names = handNames(side);
  // MMPose coco_wholebody.py links each finger base to the *body* wrist (`left_wrist`), not to the hand root.
  return HAND21_LINKS.map(([a, b]) => [a === 0 ? `${side}_wrist` : names[a]!, names[b]!] as [string, string]);
}

const WHOLEBODY_NAMES: readonly string[] = [
  ...COCO17_NAMES,
  ...WHOLEBODY_FEET,
  ...numbered('face-', 68),
  ...handNames('left'),
  ...handNames('right'),
];

const FOOT_LINKS: readonly (readonly [string, string])[] = [
  ['left_ankle', 'left_big_toe'], ['left_ankle', 'left_small_toe'], ['left_ankle', 'left_heel'],
  ['right_ankle', 'right_big_toe'], ['right_ankle', 'right_small_toe'], ['right_ankle', 'right_heel'],
];

const WHOLEBODY_LINKS: readonly (readonly [string, string])[] = [...COCO17_LINKS, ...FOOT_LINKS, ...handLinks('left'), ...handLinks('right')];

/**
 * COCO-WholeBody sigmas, MMPose `coco_wholebody.py` (from `jin-s13/COCO-WholeBody` `myeval_wholebody.py`): body 17
 * (written as decimals there, unlike pycocotools' `/10`), feet 6, face 68, left hand 21, right hand 21.
 * @internal
 */
export const WHOLEBODY133_SIGMAS: readonly number[] = [
  0.026, 0.025, 0.025, 0.035, 0.035, 0.079, 0.079, 0.072, 0.072, 0.062, 0.062, 0.107, 0.107, 0.087, 0.087, 0.089, 0.089,
  0.068, 0.066, 0.066, 0.092, 0.094, 0.094,
  ...FACE68_SIGMAS,
  ...HAND21_SIGMAS,
  ...HAND21_SIGMAS,
];

/** COCO-WholeBody-133 (`coco_wholebody133`): MMPose `configs/_base_/datasets/coco_wholebody.py`. */
export const COCO_WHOLEBODY133: KeypointLayout = /* @__PURE__ */ buildLayout(
  'coco_wholebody133',
  WHOLEBODY_NAMES,
  WHOLEBODY_LINKS,
  [...leftRightSwaps(WHOLEBODY_NAMES), ...FACE68_SWAP_PAIRS.map(([a, b]) => [`face-${a}`, `face-${b}`] as [string, string])],
  WHOLEBODY133_SIGMAS,
);
