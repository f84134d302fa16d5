import { describe, expect, it } from 'vitest';
import { evaluatePck, evaluatePdj, pckCurve } from '@posekit/metrics';
import { expectCode } from '../../../../test-support/errors.js';
import { gridData } from './helpers.js';

describe('pckCurve', () => {
  it('matches evaluatePck at each threshold, per keypoint and mean', () => {
    const data = gridData(3, 4, [0, 10, 20, 40]);
    const c = pckCurve(data, { thresholds: [0.05, 0.1, 0.3] });
    for (let t = 0; t < 3; t++) {
      const r = evaluatePck(data, { thr: c.thresholds[t]! });
      expect(c.mean[t]).toBe(r.PCK!.avgAcc);
      expect(Array.from(c.perKeypoint.subarray(t * 4, t * 4 + 4))).toEqual(Array.from(r.PCK!.acc));
    }
    expect(c.k).toBe(4);
  });

  it('defaults to 51 thresholds and supports pixel thresholds', () => {
    const data = gridData(1, 4, [0, 10, 20, 40]);
    expect(pckCurve(data).thresholds).toHaveLength(51);
    const px = pckCurve(data, { normItem: 'pixels', thresholds: [15] });
    expect(px.mean[0]).toBe(0.5);
    expectCode(() => pckCurve(data, { thresholds: [] }), 'E_EMPTY');
    expectCode(() => pckCurve(data, { normItem: 'x' as 'bbox' }), 'E_ARGUMENT');
  });
});

describe('evaluatePdj', () => {
  it('uses the COCO-17 torso by default and a given pair otherwise', () => {
    const data = gridData(1, 17, new Array(17).fill(0).map((_, j) => (j === 0 ? 3 : 0)));
    // torso |gt5 - gt12|: gt5 = (30, 40), gt12 = (10, 100) -> sqrt(400 + 3600)
    const r = evaluatePdj(data, { fractions: [0.05] });
    expect(r.torsoDiameter[0]).toBe(Math.sqrt(4000));
    expect(r.curve[0]!.perJoint[0]).toBe(1); // 3 px < 0.05 * 63.2
    const r2 = evaluatePdj(data, { fractions: [0.05], torsoPair: [0, 1] }); // 20 px torso -> 1 px threshold
    expect(r2.curve[0]!.perJoint[0]).toBe(0);
    expectCode(() => evaluatePdj(data, { torsoPair: [0, 40] }), 'E_RANGE');
  });
});
