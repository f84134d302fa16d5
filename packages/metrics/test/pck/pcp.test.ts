import { describe, expect, it } from 'vitest';
import { PCP_LIMBS_COCO17, PCP_LIMBS_MPII16, evaluatePcp, pckDatasetFromSamples } from '@posekit/metrics';
import { expectCode } from '../../../../test-support/errors.js';

/** One instance: a limb 0-1 of length 10 px along x; endpoint errors ea, eb (px, along y). */
function limbData(ea: number, eb: number, visible: [number, number] = [1, 1]) {
  return pckDatasetFromSamples([{ gt: [0, 0, visible[0], 10, 0, visible[1]], pred: [0, ea, 10, eb] }]);
}

describe('evaluatePcp (strict)', () => {
  it('needs both endpoints within fraction x GT limb length (inclusive)', () => {
    expect(evaluatePcp(limbData(5, 5), { limbs: [[0, 1]] }).perLimb[0]).toBe(1); // 5 <= 0.5 * 10
    expect(evaluatePcp(limbData(0, 5.01), { limbs: [[0, 1]] }).perLimb[0]).toBe(0); // one end too far
    // the loose (average) reading would accept (1, 8): mean 4.5 <= 5; strict does not
    expect(evaluatePcp(limbData(1, 8), { limbs: [[0, 1]] }).pcp).toBe(0);
  });

  it('skips limbs with an invisible endpoint and reports -1 for never-evaluated limbs', () => {
    const r = evaluatePcp(limbData(0, 0, [1, 0]), { limbs: [[0, 1]] });
    expect(r.perLimb[0]).toBe(-1);
    expect(r.counts[0]).toBe(0);
    expect(r.pcp).toBe(0);
    expect(r.names).toEqual(['0-1']);
  });

  it('has COCO-17 and MPII-16 limb presets', () => {
    expect(PCP_LIMBS_COCO17.limbs).toHaveLength(8);
    expect(PCP_LIMBS_MPII16.names).toContain('torso');
    const gt: number[] = [];
    for (let j = 0; j < 17; j++) gt.push(j * 10, j * 5, 2);
    const pred = gt.filter((_, i) => i % 3 !== 2);
    const r = evaluatePcp(pckDatasetFromSamples([{ gt, pred }]));
    expect(r.pcp).toBe(1);
    expect(r.meanPerLimb).toBe(1);
    expect(r.names[0]).toBe('left_upper_arm');
  });

  it('rejects bad limbs and fractions', () => {
    expectCode(() => evaluatePcp(limbData(0, 0), { limbs: [[0, 2]] }), 'E_RANGE');
    expectCode(() => evaluatePcp(limbData(0, 0), { limbs: [] }), 'E_EMPTY');
    expectCode(() => evaluatePcp(limbData(0, 0), { limbs: [[0, 1]], fraction: -0.5 }), 'E_RANGE');
  });
});
