/**
 * `pnpm bench nms`: AlphaPose parametric pose-NMS, MMPose OKS-NMS / soft-OKS-NMS and box NMS at 20 / 100 /
 * 500 candidates, against the reference timings in ../shared/spec/metrics-nms-baselines.json
 * (`alphapose_pose_nms`, `mmpose_oks_nms`; AMD EPYC 2 vCPU, torch 1.13 / numpy 1.24, 1 thread).
 *
 * Inputs are built like the reference's `tools/ref/bench_eval_nms.py nms_inputs(n)`: n/5 people × 5 jittered
 * candidates, 17 keypoints, on a 640×480 (20), 1280×720 (100) or 3840×2160 (500) canvas, seeded. The
 * reference timings include building its tensors from numpy; ours time the call on ready typed arrays.
 */
import { boxNms, oksNms, poseNms, softOksNms } from '@posekit/core';
import { measure, readBaselines, withReference, type Suite } from '../harness.js';
import { mulberry32 } from '../../../../test-support/random.js';

/** COCO-17 keypoints of a standing person, x and y as fractions of the person's height (x centred at 0). */
const TEMPLATE: readonly (readonly [number, number])[] = [
  [0, 0.06], [0.03, 0.04], [-0.03, 0.04], [0.06, 0.05], [-0.06, 0.05],
  [0.12, 0.18], [-0.12, 0.18], [0.16, 0.34], [-0.16, 0.34], [0.18, 0.48], [-0.18, 0.48],
  [0.08, 0.52], [-0.08, 0.52], [0.09, 0.73], [-0.09, 0.73], [0.09, 0.94], [-0.09, 0.94],
];
const K = 17;

interface Scene {
  n: number;
  boxes: Float32Array;
  boxScores: Float32Array;
  poses: Float32Array;
  scores: Float32Array;
  /** x, y, score per keypoint (OKS-NMS input). */
  keypoints: Float32Array;
  areas: Float32Array;
  instanceScores: Float64Array;
}

/** n/5 people × 5 jittered candidates on a w×h canvas. */
function scene(n: number, w: number, h: number, seed: number): Scene {
  const rand = mulberry32(seed);
  const gauss = (): number => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const s: Scene = {
    n,
    boxes: new Float32Array(n * 4),
    boxScores: new Float32Array(n),
    poses: new Float32Array(n * K * 2),
    scores: new Float32Array(n * K),
    keypoints: new Float32Array(n * K * 3),
    areas: new Float32Array(n),
    instanceScores: new Float64Array(n),
  };
  const people = Math.floor(n / 5);
  let i = 0;
  for (let p = 0; p < people; p++) {
    const ph = h * (0.15 + 0.35 * rand());
    const cx = w * (0.05 + 0.9 * rand());
    const top = (h - ph) * rand();
    for (let c = 0; c < 5 && i < n; c++, i++) {
      // a few pixels of jitter: the candidates of one person are duplicates the NMS should merge
      const jit = 0.5 + 2.5 * rand();
      let x0 = Infinity;
      let y0 = Infinity;
      let x1 = -Infinity;
      let y1 = -Infinity;
      let mean = 0;
      for (let k = 0; k < K; k++) {
        const x = cx + TEMPLATE[k]![0] * ph + gauss() * jit;
        const y = top + TEMPLATE[k]![1] * ph + gauss() * jit;
        const sc = 0.35 + 0.6 * rand();
        s.poses[(i * K + k) * 2] = x;
        s.poses[(i * K + k) * 2 + 1] = y;
        s.scores[i * K + k] = sc;
        s.keypoints[(i * K + k) * 3] = x;
        s.keypoints[(i * K + k) * 3 + 1] = y;
        s.keypoints[(i * K + k) * 3 + 2] = sc;
        mean += sc / K;
        x0 = Math.min(x0, x);
        y0 = Math.min(y0, y);
        x1 = Math.max(x1, x);
        y1 = Math.max(y1, y);
      }
      const pad = 0.1 * ph;
      s.boxes.set([x0 - pad, y0 - pad, x1 + pad, y1 + pad], i * 4);
      s.boxScores[i] = 0.5 + 0.5 * rand();
      s.areas[i] = (x1 - x0 + 2 * pad) * (y1 - y0 + 2 * pad);
      s.instanceScores[i] = s.boxScores[i]! * mean;
    }
  }
  return s;
}

const SIZES: readonly [number, number, number][] = [
  [20, 640, 480],
  [100, 1280, 720],
  [500, 3840, 2160],
];

type Baseline = Record<string, { median_ms?: number }>;

export const suite: Suite = {
  description: 'pose-NMS (AlphaPose), OKS-NMS / soft-OKS-NMS (MMPose) and box NMS at 20/100/500 candidates',
  async run(ctx) {
    const base = readBaselines('metrics-nms-baselines.json') as Record<string, Baseline> | undefined;
    const ref = (group: string, key: string): number | undefined => base?.[group]?.[key]?.median_ms;
    if (!base) ctx.note('../shared/spec/metrics-nms-baselines.json not found: no reference timings');
    for (const [n, w, h] of SIZES) {
      const s = scene(n, w, h, 20240 + n);
      const input = { n, k: K, boxes: s.boxes, boxScores: s.boxScores, poses: s.poses, scores: s.scores };
      const kept = poseNms(input).count;
      const r = await measure(`pose_nms_${n}`, () => poseNms(input));
      ctx.report({ ...withReference(r, ref('alphapose_pose_nms', `pose_nms_${n}`), 'AlphaPose pose_nms (torch 1.13, 1 thread)'), kept });

      const oksInput = { n, k: K, keypoints: s.keypoints, areas: s.areas, scores: s.instanceScores };
      const keptOks = oksNms(oksInput, 0.9).length;
      const r2 = await measure(`oks_nms_${n}`, () => oksNms(oksInput, 0.9));
      ctx.report({ ...withReference(r2, ref('mmpose_oks_nms', `oks_nms_${n}`), 'MMPose oks_nms (numpy 1.24)'), kept: keptOks });
      const r3 = await measure(`soft_oks_nms_${n}`, () => softOksNms(oksInput, 0.9, { maxDets: 20 }));
      ctx.report({
        ...withReference(r3, ref('mmpose_oks_nms', `soft_oks_nms_${n}`), 'MMPose soft_oks_nms max_dets 20 (numpy 1.24)'),
        kept: softOksNms(oksInput, 0.9, { maxDets: 20 }).length,
      });
      const r4 = await measure(`box_nms_${n}`, () => boxNms(s.boxes, s.boxScores, 0.5));
      ctx.report({ ...r4, kept: boxNms(s.boxes, s.boxScores, 0.5).length });
    }
  },
};
