/**
 * `pnpm bench track`: one `PoseTracker.update` with 20 people per frame (COCO-17), keypoint (OKS) and box
 * (IoU) similarity, median per update over a 100-frame loop.
 *
 * The scene: 20 people on a 1280×720 canvas, each walking back and forth (a sine over the 100 frames, so the
 * loop closes without a jump), keypoints jittered by ~2 px, random keypoint scores, the input order shuffled
 * every frame; timestamps at 30 fps keep growing across loops; `maxTracks` 60. Seeded. No reference timing: tfjs-models'
 * tracker runs inside its MoveNet detector and has no standalone benchmark.
 */
import { createPoseTracker, type Pose, type TrackSimilarity } from '@posekit/core';
import { measure, type Suite } from '../harness.js';
import { mulberry32 } from '../../../../test-support/random.js';

/** COCO-17 keypoints of a standing person, x and y as fractions of the person's height (x centred at 0). */
const TEMPLATE: readonly (readonly [number, number])[] = [
  [0, 0.06], [0.03, 0.04], [-0.03, 0.04], [0.06, 0.05], [-0.06, 0.05],
  [0.12, 0.18], [-0.12, 0.18], [0.16, 0.34], [-0.16, 0.34], [0.18, 0.48], [-0.18, 0.48],
  [0.08, 0.52], [-0.08, 0.52], [0.09, 0.73], [-0.09, 0.73], [0.09, 0.94], [-0.09, 0.94],
];
const K = 17;
const PEOPLE = 20;
const FRAMES = 100;

/** FRAMES frames of PEOPLE poses each, shuffled per frame. */
function scene(seed: number): Pose[][] {
  const rand = mulberry32(seed);
  const gauss = (): number => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const people = Array.from({ length: PEOPLE }, () => ({
    h: 720 * (0.15 + 0.3 * rand()),
    cx: 1280 * (0.1 + 0.8 * rand()),
    top: 720 * 0.4 * rand(),
    amp: 40 + 120 * rand(),
    phase: 2 * Math.PI * rand(),
  }));
  const frames: Pose[][] = [];
  for (let f = 0; f < FRAMES; f++) {
    const poses: Pose[] = people.map((p) => {
      const cx = p.cx + p.amp * Math.sin(p.phase + (2 * Math.PI * f) / FRAMES);
      const kp = new Float32Array(3 * K);
      let x0 = Infinity;
      let y0 = Infinity;
      let x1 = -Infinity;
      let y1 = -Infinity;
      for (let k = 0; k < K; k++) {
        const x = cx + TEMPLATE[k]![0] * p.h + 2 * gauss();
        const y = p.top + TEMPLATE[k]![1] * p.h + 2 * gauss();
        kp[3 * k] = x;
        kp[3 * k + 1] = y;
        kp[3 * k + 2] = 0.2 + 0.8 * rand();
        x0 = Math.min(x0, x);
        y0 = Math.min(y0, y);
        x1 = Math.max(x1, x);
        y1 = Math.max(y1, y);
      }
      const pad = 0.1 * p.h;
      return { keypoints: kp, score: 0.5 + 0.5 * rand(), box: { x1: x0 - pad, y1: y0 - pad, x2: x1 + pad, y2: y1 + pad } };
    });
    for (let i = poses.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [poses[i], poses[j]] = [poses[j]!, poses[i]!];
    }
    frames.push(poses);
  }
  return frames;
}

export const suite: Suite = {
  description: 'PoseTracker.update with 20 people per frame (keypoint OKS and box IoU similarity), median per update',
  async run(ctx) {
    const frames = scene(20251);
    for (const similarity of ['keypoints', 'box'] as TrackSimilarity[]) {
      // maxTracks as tfjs sizes it, 3× the people per frame (its default 18 is for MoveNet's 6 people:
      // with 20 people it would cut two tracks every frame).
      const tracker = createPoseTracker({ similarity, maxTracks: 3 * PEOPLE });
      // One untimed pass: after it every person has a track, and the distinct ids show the tracking held.
      const seen = new Set<number>();
      for (let f = 0; f < FRAMES; f++) for (const p of tracker.update(frames[f]!, f / 30)) seen.add(p.id!);
      let tick = FRAMES;
      const r = await measure(`track_${similarity}_N${PEOPLE}`, () => {
        tracker.update(frames[tick % FRAMES]!, tick / 30);
        tick++;
      });
      ctx.report({ ...r, people: PEOPLE, frames: FRAMES, ids_first_pass: seen.size });
    }
  },
};
