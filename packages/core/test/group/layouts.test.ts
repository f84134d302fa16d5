import { describe, expect, it } from 'vitest';
import { BODY_PARTS_LIMBS, COCO18_TO_COCO17, OPENPOSE_LIMB_SEQ, OPENPOSE_MAP_IDX } from '../../src/group/layouts.js';
import { getLayout } from '../../src/layouts/index.js';

describe('grouping tables', () => {
  it('maps every COCO-18 part except the neck onto the COCO-17 keypoint of the same name, one to one', () => {
    const c18 = getLayout('openpose_coco18').keypoints;
    const c17 = getLayout('coco17').keypoints;
    expect(COCO18_TO_COCO17.length).toBe(18);
    COCO18_TO_COCO17.forEach((k, p) => {
      if (k < 0) expect(c18[p]).toBe('neck');
      else expect(c17[k]).toBe(c18[p]);
    });
    expect(new Set(COCO18_TO_COCO17.filter((k) => k >= 0)).size).toBe(17);
  });

  it('has the reference tables: 19 OpenPose limbs with 38 distinct PAF channels, 30 IBP limbs', () => {
    expect(OPENPOSE_LIMB_SEQ.length).toBe(19);
    expect(OPENPOSE_MAP_IDX.length).toBe(19);
    expect(new Set(OPENPOSE_MAP_IDX.flat().map((c) => c - 19)).size).toBe(38);
    expect(Math.max(...OPENPOSE_MAP_IDX.flat()) - 19).toBe(37);
    expect(BODY_PARTS_LIMBS.length).toBe(30);
    // The first OpenPose limbs coincide with the layout's skeleton (0-based).
    expect(OPENPOSE_LIMB_SEQ.map(([a, b]) => [a - 1, b - 1])).toEqual(getLayout('openpose_coco18').skeleton.map((l) => [...l]));
  });
});
