/**
 * Helpers that build layout data from name-based tables (internal).
 *
 * @internal
 * @module
 */
import type { KeypointLayout } from '../types.js';

/**
 * Build a frozen layout from names, name-based links and name-based left/right swaps (MMPose `dataset_info`
 * style: `skeleton_info[i].link`, `keypoint_info[i].swap`).
 *
 * @internal
 */
export function buildLayout(
  name: string,
  keypoints: readonly string[],
  links: readonly (readonly [string, string])[],
  swaps: readonly (readonly [string, string])[],
  sigmas?: readonly number[],
): KeypointLayout {
  const index = new Map<string, number>();
  keypoints.forEach((k, i) => index.set(k, i));
  const id = (n: string): number => {
    const i = index.get(n);
    // A typo in the static tables is a programming error: fail at first use, loudly.
    if (i === undefined) throw new Error(`layout ${name}: unknown keypoint name ${n}`);
    return i;
  };
  const flip = keypoints.map((_, i) => i);
  for (const [a, b] of swaps) {
    flip[id(a)] = id(b);
    flip[id(b)] = id(a);
  }
  const skeleton = links.map(([a, b]) => Object.freeze([id(a), id(b)] as const));
  const layout: KeypointLayout = {
    name,
    keypoints: Object.freeze(keypoints.slice()),
    skeleton: Object.freeze(skeleton),
    flipIndices: Object.freeze(flip),
    ...(sigmas ? { sigmas: Object.freeze(sigmas.slice()) } : {}),
  };
  return Object.freeze(layout);
}

/** Pairs `left_X` / `right_X` for every `left_*` name that has a `right_*` twin. @internal */
export function leftRightSwaps(keypoints: readonly string[]): [string, string][] {
  const set = new Set(keypoints);
  const out: [string, string][] = [];
  for (const k of keypoints) {
    if (k.startsWith('left_')) {
      const r = 'right_' + k.slice(5);
      if (set.has(r)) out.push([k, r]);
    }
  }
  return out;
}

/** Names `prefix0 .. prefix{n-1}`. @internal */
export function numbered(prefix: string, n: number): string[] {
  return Array.from({ length: n }, (_, i) => `${prefix}${i}`);
}

/**
 * The 68-point (iBUG / 300-W) face flip pairs as point numbers, from MMPose `300w.py` / `coco_wholebody.py`
 * `swap` entries: jaw 0..16 mirrored, brows 17..26 mirrored, nose 31..35, eyes 36..47, mouth 48..67.
 * @internal
 */
export const FACE68_SWAP_PAIRS: readonly (readonly [number, number])[] = [
  [0, 16], [1, 15], [2, 14], [3, 13], [4, 12], [5, 11], [6, 10], [7, 9],
  [17, 26], [18, 25], [19, 24], [20, 23], [21, 22],
  [31, 35], [32, 34],
  [36, 45], [37, 44], [38, 43], [39, 42], [40, 47], [41, 46],
  [48, 54], [49, 53], [50, 52], [55, 59], [56, 58], [60, 64], [61, 63], [65, 67],
];

/** Hand-21 finger names (MMPose `onehand10k.py` order without a side prefix), wrist first. @internal */
export const HAND21_NAMES: readonly string[] = [
  'wrist',
  'thumb1', 'thumb2', 'thumb3', 'thumb4',
  'forefinger1', 'forefinger2', 'forefinger3', 'forefinger4',
  'middle_finger1', 'middle_finger2', 'middle_finger3', 'middle_finger4',
  'ring_finger1', 'ring_finger2', 'ring_finger3', 'ring_finger4',
  'pinky_finger1', 'pinky_finger2', 'pinky_finger3', 'pinky_finger4',
];

/** Hand-21 links by local index (MMPose `onehand10k.py` `skeleton_info`): root to each finger base, then chains. @internal */
export const HAND21_LINKS: readonly (readonly [number, number])[] = [
  [0, 1], [1, 2], [2, 3], [3, 4],
  [0, 5], [5, 6], [6, 7], [7, 8],
  [0, 9], [9, 10], [10, 11], [11, 12],
  [0, 13], [13, 14], [14, 15], [15, 16],
  [0, 17], [17, 18], [18, 19], [19, 20],
];

/**
 * COCO-WholeBody sigmas of one hand (MMPose `coco_wholebody.py`, last 21 entries; identical for both hands).
 * @internal
 */
export const HAND21_SIGMAS: readonly number[] = [
  0.029, 0.022, 0.035, 0.037, 0.047, 0.026, 0.025, 0.024, 0.035, 0.018, 0.024, 0.022, 0.026, 0.017, 0.021, 0.021,
  0.032, 0.02, 0.019, 0.022, 0.031,
];

/**
 * COCO-WholeBody sigmas of the 68 face points (MMPose `coco_wholebody.py` entries 23..90, from
 * `jin-s13/COCO-WholeBody` `myeval_wholebody.py`).
 * @internal
 */
export const FACE68_SIGMAS: readonly number[] = [
  0.042, 0.043, 0.044, 0.043, 0.040, 0.035, 0.031, 0.025, 0.020, 0.023, 0.029, 0.032, 0.037, 0.038, 0.043, 0.041,
  0.045, 0.013, 0.012, 0.011, 0.011, 0.012, 0.012, 0.011, 0.011, 0.013, 0.015, 0.009, 0.007, 0.007, 0.007, 0.012,
  0.009, 0.008, 0.016, 0.010, 0.017, 0.011, 0.009, 0.011, 0.009, 0.007, 0.013, 0.008, 0.011, 0.012, 0.010, 0.034,
  0.008, 0.008, 0.009, 0.008, 0.008, 0.007, 0.010, 0.008, 0.009, 0.009, 0.009, 0.007, 0.007, 0.008, 0.011, 0.008,
  0.008, 0.008, 0.01, 0.008,
];
