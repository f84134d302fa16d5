/**
 * A seeded synthetic validation set for pose-NMS: people (COCO-17 GT), several jittered duplicate
 * candidates per person as a top-down estimator produces them, and false positives. For trying
 * {@link fitPoseNms} and for tests; real use fits on your own detector's candidates.
 *
 * @module
 */
import { PosekitError, describeValue } from '@posekit/core';
import { checkOptions } from '../options.js';
import type { PoseNmsImageCandidates } from './pose-nms-fit.js';
import { mulberry32 } from './search.js';

/** Largest number of records (images + GT people + candidates) {@link syntheticPoseNmsSet} may produce. */
const MAX_SYNTHETIC_RECORDS = 1_000_000;

/** COCO-17 keypoints of a standing person: x, y as fractions of the person's height (x centred at 0). */
const TEMPLATE: readonly (readonly [number, number])[] = [
  [0, 0.06], [0.03, 0.04], [-0.03, 0.04], [0.06, 0.05], [-0.06, 0.05],
  [0.12, 0.18], [-0.12, 0.18], [0.16, 0.34], [-0.16, 0.34], [0.18, 0.48], [-0.18, 0.48],
  [0.08, 0.52], [-0.08, 0.52], [0.09, 0.73], [-0.09, 0.73], [0.09, 0.94], [-0.09, 0.94],
];
const K = 17;
const NAMES = [
  'nose', 'left_eye', 'right_eye', 'left_ear', 'right_ear', 'left_shoulder', 'right_shoulder', 'left_elbow',
  'right_elbow', 'left_wrist', 'right_wrist', 'left_hip', 'right_hip', 'left_knee', 'right_knee', 'left_ankle',
  'right_ankle',
];

/** Options of {@link syntheticPoseNmsSet}. */
export interface SyntheticPoseNmsSetOptions {
  /** Seed (an integer). Default 1. */
  seed?: number;
  /** Number of images. Default 40. */
  images?: number;
  /** People per image, [min, max]. Default [1, 4]. */
  people?: readonly [number, number];
  /** Candidates per person (the duplicates pose-NMS must merge). Default 4. */
  duplicates?: number;
  /** False-positive candidates per image (random poses where nobody is). Default 1. */
  falsePositives?: number;
  /** Keypoint jitter of a candidate, as a fraction of the person's height (σ of each coordinate). Default 0.03. */
  jitter?: number;
  /** Person height range, pixels. Default [120, 400]. */
  heights?: readonly [number, number];
  /** Canvas size, pixels. Default [1280, 720]. */
  size?: readonly [number, number];
}

/** The COCO keypoint GT dict of a {@link SyntheticPoseNmsSet} (plain JSON-like objects). */
export interface SyntheticCocoGt {
  /** COCO `images`: `{id, width, height, file_name}` per image, ids from 1. */
  images: object[];
  /** COCO `annotations`: one person per record (`id`, `image_id`, `category_id` 1, `keypoints` [x, y, v] × 17, `num_keypoints`, `area`, `bbox`, `iscrowd` 0). */
  annotations: object[];
  /** COCO `categories`: the single `person` category with the COCO-17 keypoint names. */
  categories: object[];
}

/** Output of {@link syntheticPoseNmsSet}. */
export interface SyntheticPoseNmsSet {
  /** COCO keypoint GT dict (images, annotations, categories) for {@link loadCocoDataset}. */
  gt: SyntheticCocoGt;
  /** Candidates per image, for {@link @posekit/core!poseNms | poseNms} / {@link fitPoseNms}. */
  candidates: PoseNmsImageCandidates[];
}

/**
 * Build a seeded synthetic pose-NMS validation set (deterministic for a given seed and options).
 * Each candidate of a person has its own quality q ∈ [0.3, 1): keypoint jitter grows and keypoint scores
 * fall as q drops, so the best-scored duplicate is usually the most accurate, as with real estimators.
 *
 * @param options - sizes and noise levels (see {@link SyntheticPoseNmsSetOptions})
 * @returns the GT dict and the candidates per image
 * @throws PosekitError E_RANGE for negative / non-integer counts or empty ranges
 * @throws PosekitError E_RANGE for a non-finite jitter / height / size, a non-integer seed, or counts that
 *   would produce more than 1 000 000 records (images × (1 + people[1] × (1 + duplicates) + falsePositives))
 * @throws PosekitError E_ARGUMENT when `options` is not an object, names an unknown option or has a `null`
 *   value, or `people` / `heights` / `size` is not a pair of numbers
 */
export function syntheticPoseNmsSet(options: SyntheticPoseNmsSetOptions = {}): SyntheticPoseNmsSet {
  const fn = 'syntheticPoseNmsSet';
  const opts = checkOptions(fn, options, ['seed', 'images', 'people', 'duplicates', 'falsePositives', 'jitter', 'heights', 'size']) as SyntheticPoseNmsSetOptions;
  const count = (name: string, v: number): number => {
    if (!Number.isInteger(v) || v < 0) throw new PosekitError('E_RANGE', `${fn}: ${name} must be an integer >= 0; received ${describeValue(v)}`, { field: name, received: describeValue(v) });
    return v;
  };
  const pair = (name: string, v: unknown, dflt: readonly [number, number]): readonly [number, number] => {
    if (v === undefined) return dflt;
    if (!Array.isArray(v) || v.length !== 2 || !v.every((x) => typeof x === 'number')) {
      throw new PosekitError('E_ARGUMENT', `${fn}: ${name} must be a pair of numbers [a, b]; received ${describeValue(v)}`, { field: name, received: describeValue(v) });
    }
    return v as [number, number];
  };
  const images = count('images', opts.images ?? 40);
  const [pMin, pMax] = pair('people', opts.people, [1, 4]);
  count('people[0]', pMin);
  count('people[1]', pMax);
  if (pMax < pMin) throw new PosekitError('E_RANGE', `${fn}: people must be [min, max] with min <= max; received [${pMin}, ${pMax}]`);
  const dups = count('duplicates', opts.duplicates ?? 4);
  const fps = count('falsePositives', opts.falsePositives ?? 1);
  const records = images * (1 + pMax * (1 + dups) + fps);
  if (records > MAX_SYNTHETIC_RECORDS) {
    throw new PosekitError('E_RANGE', `${fn}: images × (1 + people[1] × (1 + duplicates) + falsePositives) = ${images} × (1 + ${pMax} × ${1 + dups} + ${fps}) = ${records} records exceeds ${MAX_SYNTHETIC_RECORDS}`, {
      expected: `<= ${MAX_SYNTHETIC_RECORDS}`,
      received: records,
    });
  }
  const jitter = opts.jitter ?? 0.03;
  const [hMin, hMax] = pair('heights', opts.heights, [120, 400]);
  const [W, H] = pair('size', opts.size, [1280, 720]);
  if (typeof jitter !== 'number' || !Number.isFinite(jitter) || !(jitter >= 0) || !(hMin > 0) || !(hMax >= hMin) || !(W > 0) || !(H >= hMax) || !Number.isFinite(W) || !Number.isFinite(H)) {
    throw new PosekitError('E_RANGE', `${fn}: need a finite jitter >= 0, 0 < heights[0] <= heights[1] <= size[1], a finite size > 0; received jitter ${describeValue(jitter)}, heights [${hMin}, ${hMax}], size [${W}, ${H}]`);
  }
  const seed = opts.seed ?? 1;
  if (typeof seed !== 'number' || !Number.isInteger(seed)) {
    throw new PosekitError('E_RANGE', `${fn}: seed must be an integer; received ${describeValue(seed)}`, { field: 'seed', received: describeValue(seed) });
  }
  const rand = mulberry32(seed);
  const gauss = (): number => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const gtImages: object[] = [];
  const annotations: object[] = [];
  const candidates: PoseNmsImageCandidates[] = [];
  let annId = 1;
  for (let im = 1; im <= images; im++) {
    gtImages.push({ id: im, width: W, height: H, file_name: `synthetic_${im}.jpg` });
    const nPeople = pMin + Math.floor(rand() * (pMax - pMin + 1));
    const boxes: number[] = [];
    const boxScores: number[] = [];
    const poses: number[] = [];
    const scores: number[] = [];
    const addCandidate = (cx: number, top: number, ph: number, q: number, sigma: number): void => {
      let x0 = Infinity;
      let y0 = Infinity;
      let x1 = -Infinity;
      let y1 = -Infinity;
      for (let k = 0; k < K; k++) {
        const x = cx + TEMPLATE[k]![0] * ph + gauss() * sigma;
        const y = top + TEMPLATE[k]![1] * ph + gauss() * sigma;
        poses.push(x, y);
        scores.push(Math.min(1, Math.max(0, q * (0.75 + 0.25 * rand()))));
        x0 = Math.min(x0, x);
        y0 = Math.min(y0, y);
        x1 = Math.max(x1, x);
        y1 = Math.max(y1, y);
      }
      const pad = 0.08 * ph;
      boxes.push(x0 - pad, y0 - pad, x1 + pad, y1 + pad);
      boxScores.push(Math.min(1, q * (0.8 + 0.2 * rand())));
    };
    for (let p = 0; p < nPeople; p++) {
      const ph = hMin + rand() * (hMax - hMin);
      const cx = 0.2 * ph + rand() * (W - 0.4 * ph);
      const top = rand() * (H - ph);
      const kp: number[] = [];
      let x0 = Infinity;
      let y0 = Infinity;
      let x1 = -Infinity;
      let y1 = -Infinity;
      for (let k = 0; k < K; k++) {
        const x = cx + TEMPLATE[k]![0] * ph;
        const y = top + TEMPLATE[k]![1] * ph;
        kp.push(x, y, 2);
        x0 = Math.min(x0, x);
        y0 = Math.min(y0, y);
        x1 = Math.max(x1, x);
        y1 = Math.max(y1, y);
      }
      const pad = 0.08 * ph;
      const bw = x1 - x0 + 2 * pad;
      const bh = y1 - y0 + 2 * pad;
      annotations.push({
        id: annId++,
        image_id: im,
        category_id: 1,
        keypoints: kp,
        num_keypoints: K,
        area: bw * bh * 0.6,
        bbox: [x0 - pad, y0 - pad, bw, bh],
        iscrowd: 0,
      });
      for (let d = 0; d < dups; d++) {
        const q = 0.3 + 0.7 * rand();
        addCandidate(cx, top, ph, q, jitter * ph * (1.6 - q));
      }
    }
    for (let f = 0; f < fps; f++) {
      const ph = hMin + rand() * (hMax - hMin);
      addCandidate(0.2 * ph + rand() * (W - 0.4 * ph), rand() * (H - ph), ph, 0.2 + 0.4 * rand(), jitter * ph);
    }
    const n = boxScores.length;
    candidates.push({
      imageId: im,
      n,
      k: K,
      boxes: Float32Array.from(boxes),
      boxScores: Float32Array.from(boxScores),
      poses: Float32Array.from(poses),
      scores: Float32Array.from(scores),
    });
  }
  const categories = [{ id: 1, name: 'person', supercategory: 'person', keypoints: NAMES, skeleton: [] }];
  return { gt: { images: gtImages, annotations, categories }, candidates };
}
