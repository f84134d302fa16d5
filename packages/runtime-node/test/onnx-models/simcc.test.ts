/**
 * RTMPose / SimCC end to end through onnxruntime-node: a model built here with RTMPose's exact I/O (`input
 * [N, 3, 256, 192]` -> `simcc_x [N, 17, 384]`, `simcc_y [N, 17, 512]`, dynamic batch) whose outputs are the
 * SimCC vectors of a known person, run by the top-down estimator with the `rtmpose-256x192` preset.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTopDownEstimator, getModelPreset } from '@posekit/core';
import type { ImageLike, PoseEstimator, TopDownEstimateOptions } from '@posekit/core';
import { createSession } from '../../src/index.js';
import { inferModelSpec } from '../../src/registry/index.js';
import { simccModel } from '../support/family-models.js';
import { PERSON_COCO17_CROP } from '../support/synthetic-person.js';

/**
 * Where crop keypoint (u, v) lands in the image for a person box, by MMPose's top-down convention written
 * out independently: box -> centre, aspect fixed to 192:256, ×1.25; `x = u / 192 · sw + cx − sw / 2`.
 */
function cropToImage(box: [number, number, number, number], u: number, v: number): [number, number] {
  const [x1, y1, x2, y2] = box;
  const cx = (x1 + x2) / 2;
  const cy = (y1 + y2) / 2;
  let w = x2 - x1;
  let h = y2 - y1;
  if (w > h * 0.75) h = w / 0.75;
  else w = h * 0.75;
  const sw = w * 1.25;
  const sh = h * 1.25;
  return [(u / 192) * sw + cx - sw / 2, (v / 256) * sh + cy - sh / 2];
}

const grey = (width: number, height: number): ImageLike => ({ data: new Uint8Array(width * height * 3).fill(90), width, height, channels: 3, order: 'rgb' });

describe('SimCC (RTMPose) model built with onnx-proto, run by onnxruntime-node', () => {
  let est: PoseEstimator<TopDownEstimateOptions>;
  beforeAll(async () => {
    const { session } = await createSession(simccModel(), { device: 'cpu' });
    est = createTopDownEstimator({ pose: { session, spec: getModelPreset('rtmpose-256x192') }, options: { ownsSessions: true } });
  });
  afterAll(async () => {
    await est?.dispose();
  });

  it('the whole image as the box: all 17 keypoints within 0.01 px of the rendered person, scores 1', async () => {
    const img = grey(300, 400);
    const r = await est.estimate(img);
    expect(r.poses).toHaveLength(1);
    const kp = r.poses[0]!.keypoints;
    PERSON_COCO17_CROP.forEach(([u, v], k) => {
      const [ex, ey] = cropToImage([0, 0, 300, 400], u, v);
      expect(Math.abs(kp[3 * k]! - ex)).toBeLessThan(0.01);
      expect(Math.abs(kp[3 * k + 1]! - ey)).toBeLessThan(0.01);
      expect(kp[3 * k + 2]).toBeCloseTo(1, 5);
    });
    expect(r.poses[0]!.layout).toBe('coco17');
  });

  it('two boxes in one batched run (dynamic batch): each person projected through its own box', async () => {
    const boxes: [number, number, number, number][] = [
      [20, 30, 140, 300],
      [300, 50, 620, 420],
    ];
    const r = await est.estimate(grey(640, 480), { boxes: boxes.map(([x1, y1, x2, y2]) => ({ x1, y1, x2, y2, score: 0.9 })) });
    expect(r.poses).toHaveLength(2);
    for (const pose of r.poses) {
      const b = pose.box!;
      const box: [number, number, number, number] = [b.x1, b.y1, b.x2, b.y2];
      PERSON_COCO17_CROP.forEach(([u, v], k) => {
        const [ex, ey] = cropToImage(box, u, v);
        expect(Math.abs(pose.keypoints[3 * k]! - ex)).toBeLessThan(0.01);
        expect(Math.abs(pose.keypoints[3 * k + 1]! - ey)).toBeLessThan(0.01);
      });
      // MMPose CocoMetric instance score: box score × mean keypoint score (all 1 here).
      expect(pose.score).toBeCloseTo(0.9, 5);
    }
  });

  it('its family and spec are inferred from the outputs (two rank-3 outputs named simcc_x / simcc_y)', async () => {
    const { session } = await createSession(simccModel(), { device: 'cpu' });
    try {
      const inf = inferModelSpec(session);
      expect(inf.family).toBe('top-down');
      expect(inf.spec.output).toEqual({ kind: 'simcc', xName: 'simcc_x', yName: 'simcc_y', splitRatio: 2 });
      expect(inf.spec.input).toMatchObject({ name: 'input', width: 192, height: 256 });
      expect(inf.spec.keypointLayout).toBe('coco17');
    } finally {
      await session.release();
    }
  });
});
