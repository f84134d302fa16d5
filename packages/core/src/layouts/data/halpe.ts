/**
 * Halpe-26 and Halpe-136 (Halpe-FullBody) layouts.
 *
 * @internal
 * @module
 */
import type { KeypointLayout } from '../types.js';
import { COCO17_NAMES } from './coco.js';
import { FACE68_SWAP_PAIRS, HAND21_LINKS, HAND21_NAMES, buildLayout, leftRightSwaps, numbered } from './util.js';

const HALPE26_NAMES: readonly string[] = [
  ...COCO17_NAMES,
  'head', 'neck', 'hip',
  'left_big_toe', 'right_big_toe', 'left_small_toe', 'right_small_toe', 'left_heel', 'right_heel',
];

/** MMPose halpe26.py `skeleton_info` (27 links). */
const HALPE26_LINKS: readonly (readonly [string, string])[] = [
  ['left_ankle', 'left_knee'], ['left_knee', 'left_hip'], ['left_hip', 'hip'],
  ['right_ankle', 'right_knee'], ['right_knee', 'right_hip'], ['right_hip', 'hip'],
  ['head', 'neck'], ['neck', 'hip'], ['neck', 'left_shoulder'], ['left_shoulder', 'left_elbow'],
  ['left_elbow', 'left_wrist'], ['neck', 'right_shoulder'], ['right_shoulder', 'right_elbow'],
  ['right_elbow', 'right_wrist'], ['left_eye', 'right_eye'], ['nose', 'left_eye'], ['nose', 'right_eye'],
  ['left_eye', 'left_ear'], ['right_eye', 'right_ear'], ['left_ear', 'left_shoulder'],
  ['right_ear', 'right_shoulder'], ['left_ankle', 'left_big_toe'], ['left_ankle', 'left_small_toe'],
  ['left_ankle', 'left_heel'], ['right_ankle', 'right_big_toe'], ['right_ankle', 'right_small_toe'],
  ['right_ankle', 'right_heel'],
];

/**
 * Halpe-26 sigmas, MMPose `halpe26.py` (from Halpe-FullBody `halpecocotools/cocoeval.py`).
 * @internal
 */
export const HALPE26_SIGMAS: readonly number[] = [
  0.026, 0.025, 0.025, 0.035, 0.035, 0.079, 0.079, 0.072, 0.072, 0.062, 0.062, 0.107, 0.107, 0.087, 0.087, 0.089, 0.089,
  0.026, 0.026, 0.066, 0.079, 0.079, 0.079, 0.079, 0.079, 0.079,
];

/** Halpe-26 (`halpe26`): MMPose `configs/_base_/datasets/halpe26.py`. */
export const HALPE26: KeypointLayout = /* @__PURE__ */ buildLayout('halpe26', HALPE26_NAMES, HALPE26_LINKS, leftRightSwaps(HALPE26_NAMES), HALPE26_SIGMAS);

function handNames(side: 'left' | 'right'): string[] {
  // MMPose halpe.py names the hand roots `left_wrist` / `right_wrist`, duplicating the body wrists 9 / 10 (its
  // name->id map then resolves `left_wrist` to 94 everywhere, making `flip_indices` a non-permutation). posekit
  // keeps names unique: the roots are `left_hand_root` / `right_hand_root` (the COCO-WholeBody names), body
  // wrists flip 9 <-> 10 and hand roots 94 <-> 115.
  return HAND21_NAMES.map((n) => (n === 'wrist' ? `${side}_hand_root` : `${side}_${n}`));
}

function handLinks(side: 'left' | 'right'): [string, string][] {
  const names = handNames(side);
  return HAND21_LINKS.map(([a, b]) => [names[a]!, names[b]!] as [string, string]);
}

const HALPE136_NAMES: readonly string[] = [...HALPE26_NAMES, ...numbered('face-', 68), ...handNames('left'), ...handNames('right')];

/**
 * Halpe-136 sigmas, MMPose `halpe.py`: COCO 17, 0.08 for head / neck / hip, 0.089 for the 6 foot points, then
 * 0.015 for the 68 face and 42 hand points.
 * @internal
 */
export const HALPE136_SIGMAS: readonly number[] = [
  0.026, 0.025, 0.025, 0.035, 0.035, 0.079, 0.079, 0.072, 0.072, 0.062, 0.062, 0.107, 0.107, 0.087, 0.087, 0.089, 0.089,
  0.08, 0.08, 0.08,
  0.089, 0.089, 0.089, 0.089, 0.089, 0.089,
  ...new Array<number>(110).fill(0.015),
];

/**
 * Halpe-136 (`halpe136`, Halpe-FullBody): MMPose `configs/_base_/datasets/halpe.py`: Halpe-26, face-0..67 (26..93),
 * left hand (94..114), right hand (115..135). Hand links start at the hand root (MMPose's `left_wrist` = 94).
 *
 * Deliberate differences from MMPose, both from its reuse of the names `left_wrist` / `right_wrist` for the hand
 * roots 94 / 115 (MMPose resolves a link or flip partner by name, the last index with that name winning):
 * - flip: posekit flips the body wrists 9 <-> 10 and the hand roots 94 <-> 115 (MMPose's `flip_indices` sends
 *   both 9 and 94 to 115, not a permutation);
 * - skeleton: posekit links the elbows to the body wrists, `left_elbow`–`left_wrist` = 7–9 and
 *   `right_elbow`–`right_wrist` = 8–10 (the Halpe-26 links), where MMPose's `skeleton_links` resolve the same
 *   named links to 7–94 and 8–115 (elbow to hand root), leaving the body wrists 9 / 10 without a body link.
 */
export const HALPE136: KeypointLayout = /* @__PURE__ */ buildLayout(
  'halpe136',
  HALPE136_NAMES,
  [...HALPE26_LINKS, ...handLinks('left'), ...handLinks('right')],
  [...leftRightSwaps(HALPE136_NAMES), ...FACE68_SWAP_PAIRS.map(([a, b]) => [`face-${a}`, `face-${b}`] as [string, string])],
  HALPE136_SIGMAS,
);
