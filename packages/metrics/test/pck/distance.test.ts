import { describe, expect, it } from 'vitest';
import { DEFAULT_NME_KEYPOINT_INDICES, evaluateAuc, evaluateEpe, evaluateNme, pckDatasetFromSamples } from '@posekit/metrics';
import type { NmeOptions } from '@posekit/metrics';
import { expectCode } from '../../../../test-support/errors.js';
import { gridData } from './helpers.js';

describe('evaluateEpe', () => {
  it('averages pixel errors of keypoints with visibility > 0', () => {
    expect(evaluateEpe(gridData(2, 4, [0, 2, 4, 6]))).toBe(3);
    // negative visibility is "not > 0" for EPE (MMPose passes keypoints_visible unchanged)
    expect(evaluateEpe(gridData(1, 4, [0, 2, 4, 6], { visible: [1, 1, 1, -1] }))).toBe(2);
  });
});

describe('evaluateAuc', () => {
  it('returns the AUC and the PCK-vs-threshold curve it integrates', () => {
    const r = evaluateAuc(gridData(1, 4, [0, 10, 20, 40]), { normFactor: 40, numThrs: 4 });
    // normalised errors 0, .25, .5, 1 ; thresholds 0, .25, .5, .75 -> avg 0, .25, .5, .75
    expect(Array.from(r.thresholds)).toEqual([0, 0.25, 0.5, 0.75]);
    expect(Array.from(r.avgAcc)).toEqual([0, 0.25, 0.5, 0.75]);
    expect(r.auc).toBe(0.25 * 0 + 0.25 * 0.25 + 0.25 * 0.5 + 0.25 * 0.75);
    expect(r.metrics['AUC@4thrs']).toBe(r.auc);
    expectCode(() => evaluateAuc(gridData(1, 4, [0, 0, 0, 0]), { normFactor: -1 }), 'E_RANGE');
  });
});

describe('evaluateNme', () => {
  it('normalises by the inter-ocular distance of the dataset default pair', () => {
    expect(DEFAULT_NME_KEYPOINT_INDICES['300w']).toEqual([36, 45]);
    const r = evaluateNme(gridData(1, 4, [0, 0, 0, 10]), { normMode: 'keypoint_distance', keypointIndices: [0, 2] });
    // keypoints 0 and 2 are 40 px apart; one error of 10 px among 4 -> (10/40)/4
    expect(r.nme).toBeCloseTo(0.0625, 7);
    expect(Object.keys(r.metrics)).toEqual(['@[0, 2]']);
  });

  it('normalises by the bbox size or given values', () => {
    const data = gridData(1, 4, [0, 0, 0, 20]);
    expect(evaluateNme(data, { normMode: 'use_norm_item', normItem: 'bbox_size' }).nme).toBeCloseTo(20 / 200 / 4, 7);
    expect(evaluateNme(data, { normMode: 'use_norm_item', normItem: 'box_size', normValues: new Float32Array([10]) }).nme).toBeCloseTo(0.5, 7);
  });

  it('rejects bad options', () => {
    const data = gridData(1, 4, [0, 0, 0, 0]);
    expectCode(() => evaluateNme(data, { normMode: 'nope' } as unknown as NmeOptions), 'E_ARGUMENT');
    expectCode(() => evaluateNme(data, { normMode: 'keypoint_distance' }), 'E_ARGUMENT');
    expectCode(() => evaluateNme(data, { normMode: 'keypoint_distance', datasetName: 'unknown' }), 'E_ARGUMENT');
    expectCode(() => evaluateNme(data, { normMode: 'keypoint_distance', keypointIndices: [0, 4] }), 'E_RANGE');
    expectCode(() => evaluateNme(data, { normMode: 'use_norm_item' }), 'E_ARGUMENT');
    expectCode(() => evaluateNme(data, { normMode: 'use_norm_item', normItem: 'box_size' }), 'E_ARGUMENT');
    expectCode(() => evaluateNme(data, { normMode: 'use_norm_item', normItem: 'x', normValues: new Float32Array(2) }), 'E_SHAPE');
    const noBox = pckDatasetFromSamples([{ gt: [0, 0, 1], pred: [0, 0] }]);
    expectCode(() => evaluateNme(noBox, { normMode: 'use_norm_item', normItem: 'bbox_size' }), 'E_FIELD');
    expectCode(() => evaluateNme(data, undefined as unknown as NmeOptions), 'E_ARGUMENT');
  });
});
