/**
 * The stride-sized path: grouping directly on network-resolution maps with σ, the distance prior and the
 * sample counts scaled, coordinates mapped back with x · stride + stride / 2 − 0.5. The fixture maps
 * (rendered at image resolution) are area-averaged by 4 to stand in for a stride-4 network output.
 */
import { expect, it } from 'vitest';
import { describeWithShared } from '../../../../test-support/shared.js';
import { groupBodyParts } from '../../src/group/body-parts.js';
import { groupOpenPose } from '../../src/group/openpose.js';
import { areaDown, decode, matchedPeople, readGroupingFixture } from './helpers.js';

const FILES = ['op_3person_overlap', 'op_8person', 'ibp_3person_overlap', 'ibp_8person'].map((f) => `fixtures/grouping/${f}.json`);

describeWithShared('stride-sized grouping', FILES, () => {
  for (const [name, people] of [['op_3person_overlap', 3], ['op_8person', 8]] as const) {
    it(`OpenPose ${name} at stride 4 finds all ${people} people; the unscaled direct run finds none`, () => {
      const f = readGroupingFixture(name);
      const hm = areaDown(decode(f.inputs.heatmaps), 4);
      const pf = areaDown(decode(f.inputs.pafs), 4);
      const H = f.inputs.heatmaps.shape[1];
      const scaled = groupOpenPose(hm, pf, { stride: 4, imageHeight: H, layout: 'openpose_coco18' });
      expect(scaled.poses.length).toBe(people);
      expect(matchedPeople(f.scene.people_parts18, scaled.poses, 4)).toBe(people);
      // σ = 3 cells at 1/4 resolution merges neighbouring joints (the reference's 1-of-3 / 1-of-8 effect).
      const direct = groupOpenPose(hm, pf);
      expect(direct.poses.length).toBeLessThanOrEqual(1);
    });
  }

  for (const [name, people] of [['ibp_3person_overlap', 3], ['ibp_8person', 8]] as const) {
    it(`Improved-Body-Parts ${name} at stride 4 recovers all ${people} people`, () => {
      const f = readGroupingFixture(name);
      const hm = areaDown(decode(f.inputs.heatmaps), 4);
      const lm = areaDown(decode(f.inputs.limbs), 4);
      const scaled = groupBodyParts(hm, lm, { stride: 4, imageHeight: f.inputs.heatmaps.shape[1], layout: 'openpose_coco18' });
      expect(matchedPeople(f.scene.people_parts18, scaled.poses, 4)).toBe(people);
      // Coordinates come back in image pixels (pixel-centre convention), not map cells.
      const maxX = Math.max(...scaled.poses.flatMap((p) => Array.from(p.keypoints.filter((_, i) => i % 3 === 0))));
      expect(maxX).toBeGreaterThan(hm.dims[2]!);
    });
  }
});
