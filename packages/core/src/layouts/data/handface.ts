/**
 * Hand-21 and face-68 layouts.
 *
 * @internal
 * @module
 */
import type { KeypointLayout } from '../types.js';
import { FACE68_SIGMAS, FACE68_SWAP_PAIRS, HAND21_LINKS, HAND21_NAMES, HAND21_SIGMAS, buildLayout, numbered } from './util.js';

/**
 * Hand-21 (`hand21`): MMPose `onehand10k.py` / `coco_wholebody_hand.py` names and links; no flip pairs (one hand);
 * sigmas from COCO-WholeBody's hand (`coco_wholebody_hand.py`).
 */
export const HAND21: KeypointLayout = /* @__PURE__ */ buildLayout(
  'hand21',
  HAND21_NAMES,
  HAND21_LINKS.map(([a, b]) => [HAND21_NAMES[a]!, HAND21_NAMES[b]!] as [string, string]),
  [],
  HAND21_SIGMAS,
);

const FACE68_NAMES = numbered('kpt-', 68);

/**
 * Contours of the iBUG 68-point scheme for drawing (MMPose `300w.py` defines no skeleton): jaw 0-16, brows 17-21 and
 * 22-26, nose bridge 27-30 and base 31-35, eyes 36-41 and 42-47 (closed), outer lips 48-59 and inner lips 60-67
 * (closed).
 */
function faceContours(): [number, number][] {
  const out: [number, number][] = [];
  const chain = (a: number, b: number, closed: boolean): void => {
    for (let i = a; i < b; i++) out.push([i, i + 1]);
    if (closed) out.push([b, a]);
  };
  chain(0, 16, false);
  chain(17, 21, false);
  chain(22, 26, false);
  chain(27, 30, false);
  chain(31, 35, false);
  chain(36, 41, true);
  chain(42, 47, true);
  chain(48, 59, true);
  chain(60, 67, true);
  return out;
}

/**
 * Face-68 (`face68`, iBUG / 300-W): MMPose `300w.py` names (`kpt-0` ...) and flip pairs; sigmas from
 * COCO-WholeBody's face (`coco_wholebody_face.py`).
 */
export const FACE68: KeypointLayout = /* @__PURE__ */ buildLayout(
  'face68',
  FACE68_NAMES,
  faceContours().map(([a, b]) => [FACE68_NAMES[a]!, FACE68_NAMES[b]!] as [string, string]),
  FACE68_SWAP_PAIRS.map(([a, b]) => [FACE68_NAMES[a]!, FACE68_NAMES[b]!] as [string, string]),
  FACE68_SIGMAS,
);
