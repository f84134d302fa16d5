/**
 * Simple Pose (Improved-Body-Parts) end to end through onnxruntime-node: a model built here with the IBP I/O
 * (`[1, 3, 512, 512]` -> `[1, 50, 128, 128]` at stride 4: 30 limb maps in `limbs_conn` order, 18 part maps, 2
 * background maps) whose outputs are the maps of a known person, run by the bottom-up estimator with the
 * `simplepose-body-parts` preset.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImageLike, PoseEstimator } from '@posekit/core';
import { createSession } from '../../src/index.js';
import { bottomUpFactory, maxKeypointError } from '../support/bottom-up.js';
import { inferModelSpec } from '../../src/registry/index.js';
import { BODY_PARTS_IMAGE, PERSON_BODY_PARTS, bodyPartsModel } from '../support/family-models.js';

const image: ImageLike = {
  data: new Uint8Array(BODY_PARTS_IMAGE.width * BODY_PARTS_IMAGE.height * 3).fill(100),
  width: BODY_PARTS_IMAGE.width,
  height: BODY_PARTS_IMAGE.height,
  channels: 3,
  order: 'bgr',
};


describe('Simple Pose body-part model built with onnx-proto, run by onnxruntime-node', () => {
  const { make, disposeAll } = bottomUpFactory(() => bodyPartsModel(), 'simplepose-body-parts');
  let upsampled: PoseEstimator;
  beforeAll(async () => {
    upsampled = await make({});
  });
  afterAll(async () => {
    await disposeAll();
  });

  it('reference path (maps upsampled ×4): one COCO-17 person, every keypoint within 1 px', async () => {
    const r = await upsampled.estimate(image);
    expect(r.poses).toHaveLength(1);
    const p = r.poses[0]!;
    expect(p.layout).toBe('coco17');
    expect(maxKeypointError(p.keypoints, 'coco17', PERSON_BODY_PARTS)).toBeLessThan(1);
    // Improved-Body-Parts person score: 1 − 1 / total, total > 1 for a full person.
    expect(p.score).toBeGreaterThan(0.9);
    expect(p.score).toBeLessThan(1);
  });

  it('stride path with the 18-part layout: within 1 px', async () => {
    const est = await make({ upsample: false, layout: 'openpose_coco18' });
    const r = await est.estimate(image);
    expect(r.poses).toHaveLength(1);
    expect(maxKeypointError(r.poses[0]!.keypoints, 'openpose_coco18', PERSON_BODY_PARTS)).toBeLessThan(1);
  });

  it('family inferred from the outputs: one rank-4 output with 50 channels', async () => {
    const { session } = await createSession(bodyPartsModel({ output: 'out_50' }), { device: 'cpu' });
    try {
      const inf = inferModelSpec(session);
      expect(inf.family).toBe('bottom-up');
      expect(inf.spec.output).toEqual({ kind: 'body-parts', name: 'out_50', stride: 4, limbs: 30, parts: 18 });
    } finally {
      await session.release();
    }
  });
});
