import { getLayout } from '@posekit/core';
import { describe, expect, it } from 'vitest';
import { COCO17_SIGMAS, COCO_IOU_THRS, COCO_REC_THRS, linspace, resolveCocoParams } from '../../src/coco/params.js';

describe('COCO parameters (np.linspace values, sigmas / 10.0)', () => {
  it('iouThrs are np.linspace(.5, .95, 10), with 0.8999999999999999', () => {
    expect(COCO_IOU_THRS).toEqual([0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.8999999999999999, 0.95]);
  });
  it('recThrs are i*0.01 with the ten non-nearest doubles and a last value of 1.0', () => {
    expect(COCO_REC_THRS).toHaveLength(101);
    expect(COCO_REC_THRS[35]).toBe(0.35000000000000003);
    expect(COCO_REC_THRS[41]).toBe(0.41000000000000003);
    expect(COCO_REC_THRS[47]).toBe(0.47000000000000003);
    expect(COCO_REC_THRS[57]).toBe(0.5700000000000001);
    expect(COCO_REC_THRS[69]).toBe(0.6900000000000001);
    expect(COCO_REC_THRS[70]).toBe(0.7000000000000001);
    expect(COCO_REC_THRS[82]).toBe(0.8200000000000001);
    expect(COCO_REC_THRS[83]).toBe(0.8300000000000001);
    expect(COCO_REC_THRS[94]).toBe(0.9400000000000001);
    expect(COCO_REC_THRS[95]).toBe(0.9500000000000001);
    expect(COCO_REC_THRS[100]).toBe(1.0);
    const nonNearest = COCO_REC_THRS.filter((v, i) => v !== i / 100);
    expect(nonNearest).toHaveLength(10);
  });
  it('linspace sets the last value to stop exactly', () => {
    expect(linspace(0, 1, 3)).toEqual([0, 0.5, 1]);
    expect(linspace(2, 2, 1)).toEqual([2]);
  });
  it('COCO-17 sigmas as numpy divides them', () => {
    expect(COCO17_SIGMAS).toHaveLength(17);
    expect(COCO17_SIGMAS[0]).toBe(0.026000000000000002);
    expect(COCO17_SIGMAS[3]).toBe(0.034999999999999996);
    expect(COCO17_SIGMAS[11]).toBe(0.10700000000000001);
    expect(COCO17_SIGMAS[15]).toBe(0.089);
  });
  it('agree with the coco17 layout of @posekit/core', () => {
    expect(getLayout('coco17').sigmas).toEqual(COCO17_SIGMAS);
  });
  it('resolves defaults, sorts and de-duplicates ids', () => {
    const p = resolveCocoParams({ imgIds: [3, 1, 3], maxDets: [20, 1] }, { imgIds: [9], catIds: [2, 1] });
    expect(p.imgIds).toEqual([1, 3]);
    expect(p.catIds).toEqual([1, 2]);
    expect(p.maxDets).toEqual([1, 20]);
    expect(p.areaRng).toEqual([[0, 1e10], [1024, 9216], [9216, 1e10]]);
    expect(p.areaRngLbl).toEqual(['all', 'medium', 'large']);
    expect(p.useCats).toBe(true);
  });
  it('rejects bad parameters with stable codes', () => {
    const d = { imgIds: [1], catIds: [1] };
    expect(() => resolveCocoParams({ sigmas: [0.1, 0] }, d)).toThrow(expect.objectContaining({ code: 'E_RANGE' }));
    expect(() => resolveCocoParams({ sigmas: [NaN] }, d)).toThrow(expect.objectContaining({ code: 'E_NONFINITE' }));
    expect(() => resolveCocoParams({ iouThrs: [] }, d)).toThrow(expect.objectContaining({ code: 'E_EMPTY' }));
    expect(() => resolveCocoParams({ areaRng: [[0, 1, 2] as unknown as [number, number]] }, d)).toThrow(expect.objectContaining({ code: 'E_ARGUMENT' }));
    expect(() => resolveCocoParams({ maxDets: [1.5] }, d)).toThrow(expect.objectContaining({ code: 'E_ARGUMENT' }));
  });
});
