/**
 * Synthetic people for the tracker tests: a standing COCO-17 person scaled to a height and placed in pixels.
 */
import type { Pose } from '../../src/index.js';

/** COCO-17 keypoints of a standing person, x and y as fractions of the person's height (x centred at 0). */
const TEMPLATE: readonly (readonly [number, number])[] = [
  [0, 0.06], [0.03, 0.04], [-0.03, 0.04], [0.06, 0.05], [-0.06, 0.05],
  [0.12, 0.18], [-0.12, 0.18], [0.16, 0.34], [-0.16, 0.34], [0.18, 0.48], [-0.18, 0.48],
  [0.08, 0.52], [-0.08, 0.52], [0.09, 0.73], [-0.09, 0.73], [0.09, 0.94], [-0.09, 0.94],
];

/** A COCO-17 pose of a person `height` px tall, centred at x = `cx`, head top at y = `top`; every score `score`. */
export function person(cx: number, top: number, height: number, score = 0.9): Pose {
  const kp = new Float32Array(51);
  for (let k = 0; k < 17; k++) {
    kp[3 * k] = cx + TEMPLATE[k]![0] * height;
    kp[3 * k + 1] = top + TEMPLATE[k]![1] * height;
    kp[3 * k + 2] = score;
  }
  return { keypoints: kp, score };
}

/** A pose with 4 keypoints from `[x, y, score]` triples (the tfjs-models tracker tests use 4). */
export function pose4(...kps: [number, number, number][]): Pose {
  return { keypoints: Float32Array.from(kps.flat()), score: 1 };
}

/** The ids of tracked poses. */
export const ids = (poses: readonly Pose[]): (number | undefined)[] => poses.map((p) => p.id);
