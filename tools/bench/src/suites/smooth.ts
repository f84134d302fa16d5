/**
 * `pnpm bench smooth`: keypoint smoothing, one `PoseSmoother.smooth` call per frame with 20 tracked people
 * (COCO-17), median per frame over a 100-frame loop; One Euro (default) and velocity filters, new poses and
 * `inPlace`; plus the bare multi-channel filters on the same 680 channels (20 × 17 × x, y).
 *
 * The scene: 20 people with fixed track ids, each swaying (a sine over the 100 frames, so the loop closes
 * without a jump), keypoints jittered by ~2 px; timestamps at 30 fps keep growing across loops. Seeded. No
 * reference timing: tfjs-models' filters run inside its detectors and have no standalone benchmark.
 */
import { createOneEuroFilter, createPoseSmoother, createVelocityFilter, type Pose, type PoseSmootherOptions } from '@posekit/core';
import { measure, type Suite } from '../harness.js';
import { mulberry32 } from '../../../../test-support/random.js';

const K = 17;
const PEOPLE = 20;
const FRAMES = 100;

/** FRAMES frames of PEOPLE poses with ids 0..PEOPLE-1. */
function scene(seed: number): Pose[][] {
  const rand = mulberry32(seed);
  const people = Array.from({ length: PEOPLE }, () => ({
    h: 100 + 200 * rand(),
    cx: 100 + 1000 * rand(),
    cy: 150 + 400 * rand(),
    amp: 20 + 80 * rand(),
    phase: 2 * Math.PI * rand(),
  }));
  const frames: Pose[][] = [];
  for (let f = 0; f < FRAMES; f++) {
    frames.push(
      people.map((p, id) => {
        const cx = p.cx + p.amp * Math.sin(p.phase + (2 * Math.PI * f) / FRAMES);
        const kp = new Float32Array(3 * K);
        for (let i = 0; i < K; i++) {
          kp[3 * i] = cx + 0.2 * p.h * Math.cos(i) + 4 * (rand() - 0.5);
          kp[3 * i + 1] = p.cy + 0.5 * p.h * Math.sin(0.7 * i) + 4 * (rand() - 0.5);
          kp[3 * i + 2] = 0.3 + 0.7 * rand();
        }
        return { keypoints: kp, score: 0.9, id };
      }),
    );
  }
  return frames;
}

export const suite: Suite = {
  description: 'keypoint smoothing: PoseSmoother per frame of 20 tracked COCO-17 people (One Euro, velocity), bare filters on 680 channels',
  async run(ctx) {
    const opts = { minRuns: 200, minTimeMs: 1000 };
    const frames = scene(5);
    const poseCase = async (name: string, options: PoseSmootherOptions): Promise<void> => {
      const sm = createPoseSmoother(options);
      let f = 0;
      ctx.report({
        ...(await measure(name, () => {
          sm.smooth(frames[f % FRAMES]!, f / 30);
          f++;
        }, opts)),
        poses: PEOPLE,
        keypoints: K,
      });
    };
    await poseCase('smooth_oneEuro_20x17', { oneEuro: { minCutoff: 1, beta: 0.01 } });
    await poseCase('smooth_oneEuro_20x17_inPlace', { oneEuro: { minCutoff: 1, beta: 0.01 }, inPlace: true });
    await poseCase('smooth_velocity_20x17', { filter: 'velocity' });
    await poseCase('smooth_oneEuro_20x17_minScore_smoothScores', { minScore: 0.5, smoothScores: true });

    const n = 2 * K * PEOPLE;
    const values = frames.map((poses) => {
      const v = new Float64Array(n);
      poses.forEach((p, j) => {
        for (let i = 0; i < K; i++) {
          v[2 * (j * K + i)] = p.keypoints[3 * i]!;
          v[2 * (j * K + i) + 1] = p.keypoints[3 * i + 1]!;
        }
      });
      return v;
    });
    const out = new Float64Array(n);
    const oe = createOneEuroFilter(n, { beta: 0.01 });
    let f = 0;
    ctx.report(await measure(`oneEuroFilter_apply_${n}ch`, () => oe.apply(values[f % FRAMES]!, f++ / 30, out), opts));
    const vf = createVelocityFilter(n);
    f = 0;
    ctx.report(await measure(`velocityFilter_apply_${n}ch`, () => vf.apply(values[f % FRAMES]!, f++ / 30, 1 / 200, out), opts));
  },
};
