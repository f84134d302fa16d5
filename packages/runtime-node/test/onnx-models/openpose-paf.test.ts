/**
 * OpenPose PAF end to end through onnxruntime-node: a model built here with the COCO-18 body model's I/O
 * (`[1, 3, 368, 368]` -> heatmaps `[1, 19, 46, 46]`, PAFs `[1, 38, 46, 46]`, stride 8, PAF channels in
 * pytorch-openpose `mapIdx` order) whose outputs are the maps of a known person, run by the bottom-up estimator
 * with the `openpose-coco18` preset (letterbox at scale 1 with right padding, bicubic upsampling, grouping).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBottomUpEstimator } from '@posekit/core';
import type { ImageLike, PoseEstimator } from '@posekit/core';
import { createSession } from '../../src/index.js';
import { bottomUpFactory, maxKeypointError } from '../support/bottom-up.js';
import { inferModelSpec } from '../../src/registry/index.js';
import { OPENPOSE_IMAGE, openposeModel } from '../support/family-models.js';
import { PERSON_COCO18 } from '../support/synthetic-person.js';

const image: ImageLike = {
  data: new Uint8Array(OPENPOSE_IMAGE.width * OPENPOSE_IMAGE.height * 3).fill(100),
  width: OPENPOSE_IMAGE.width,
  height: OPENPOSE_IMAGE.height,
  channels: 3,
  order: 'rgb',
};


describe('OpenPose PAF model built with onnx-proto, run by onnxruntime-node', () => {
  const { make, disposeAll } = bottomUpFactory(() => openposeModel(), 'openpose-coco18');
  let upsampled: PoseEstimator;
  beforeAll(async () => {
    upsampled = await make({});
  });
  afterAll(async () => {
    await disposeAll();
  });

  it('reference path (maps upsampled ×8, padding cropped): one person, all 18 parts within 1 px', async () => {
    const r = await upsampled.estimate(image);
    expect(r.poses).toHaveLength(1);
    const p = r.poses[0]!;
    expect(p.layout).toBe('openpose_coco18');
    expect(p.keypoints).toHaveLength(54);
    expect(maxKeypointError(p.keypoints, 'openpose_coco18', PERSON_COCO18)).toBeLessThan(1);
    // The box is the keypoints' extent.
    expect(p.box!.x1).toBeCloseTo(Math.min(...PERSON_COCO18.map((q) => q[0])), 0);
    expect(p.box!.y2).toBeCloseTo(Math.max(...PERSON_COCO18.map((q) => q[1])), 0);
  });

  it('stride path (grouping at network resolution): within 1 px; COCO-17 output drops the neck', async () => {
    const est = await make({ upsample: false, layout: 'coco17' });
    const r = await est.estimate(image);
    expect(r.poses).toHaveLength(1);
    expect(r.poses[0]!.keypoints).toHaveLength(51);
    expect(maxKeypointError(r.poses[0]!.keypoints, 'coco17', PERSON_COCO18)).toBeLessThan(1);
  });

  it('family inferred from the outputs: the even-channel output (38) is the PAF, whatever the names', async () => {
    const { session } = await createSession(openposeModel({ heatmaps: 'Mconv7_stage6_L2', pafs: 'Mconv7_stage6_L1' }), { device: 'cpu' });
    try {
      const inf = inferModelSpec(session);
      expect(inf.family).toBe('bottom-up');
      expect(inf.spec.output).toEqual({ kind: 'paf', heatmapName: 'Mconv7_stage6_L2', pafName: 'Mconv7_stage6_L1', stride: 8 });
      expect(inf.spec.keypointLayout).toBe('openpose_coco18');
      const est = createBottomUpEstimator({ session, spec: inf.spec });
      const r = await est.estimate(image);
      expect(r.poses).toHaveLength(1);
      expect(maxKeypointError(r.poses[0]!.keypoints, 'openpose_coco18', PERSON_COCO18)).toBeLessThan(1);
      await est.dispose();
    } finally {
      await session.release();
    }
  });
});
