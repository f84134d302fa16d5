import { describe, expect, it } from 'vitest';
import { POSE_NMS_DEFAULTS } from '@posekit/core';
import { evaluateKeypoints, fitPoseNms, loadCocoDataset, poseNmsResults, syntheticPoseNmsSet, POSE_NMS_SEARCH_SPACE } from '../../src/index.js';
import { thrownCode } from '../../../../test-support/errors.js';

describe('fitPoseNms', () => {
  const set = syntheticPoseNmsSet({ seed: 7, images: 24 });
  const gt = loadCocoDataset(set.gt);

  it('raises COCO AP over AlphaPose’s constants on a seeded synthetic validation set, deterministically', () => {
    const r = fitPoseNms({ candidates: set.candidates, gt, maxEvaluations: 50, seed: 3 });
    expect(r.defaultParams).toEqual({ ...POSE_NMS_DEFAULTS });
    expect(r.bestAp).toBeGreaterThan(r.defaultAp + 0.05);
    expect(r.apGain).toBeCloseTo(r.bestAp - r.defaultAp, 15);
    expect(r.evaluations).toBeLessThanOrEqual(50);
    expect(r.history).toHaveLength(r.evaluations);
    expect(r.history[0]!.params).toEqual(r.defaultParams);
    expect(r.history[0]!.ap).toBe(r.defaultAp);
    // the reported AP is what the evaluator gives for the reported parameters
    expect(evaluateKeypoints(gt, poseNmsResults(set.candidates, r.bestParams)).stats[0]).toBe(r.bestAp);
    for (const [name, [lo, hi]] of Object.entries(POSE_NMS_SEARCH_SPACE) as [keyof typeof POSE_NMS_DEFAULTS, [number, number]][]) {
      expect(r.bestParams[name]).toBeGreaterThanOrEqual(lo);
      expect(r.bestParams[name]).toBeLessThanOrEqual(hi);
    }
    const again = fitPoseNms({ candidates: set.candidates, gt: set.gt, maxEvaluations: 50, seed: 3 });
    expect(again.bestParams).toEqual(r.bestParams);
    expect(again.bestAp).toBe(r.bestAp);
  });

  it('can search matchThreds and scoreThreds too, within a budget, reporting progress', () => {
    let calls = 0;
    const r = fitPoseNms({
      candidates: set.candidates,
      gt,
      searchSpace: { gamma: [5, 40], matchThreds: [1, 17], scoreThreds: [0, 0.5] },
      maxEvaluations: 20,
      randomSamples: 6,
      onEvaluation: () => calls++,
    });
    expect(r.evaluations).toBeLessThanOrEqual(20);
    expect(calls).toBe(r.evaluations);
    expect(r.bestAp).toBeGreaterThanOrEqual(r.defaultAp);
    expect(r.bestParams.delta2).toBe(POSE_NMS_DEFAULTS.delta2); // not searched
  });

  it('bad input -> PosekitError', () => {
    expect(thrownCode(() => fitPoseNms({ candidates: [], gt }))).toBe('E_EMPTY');
    expect(thrownCode(() => fitPoseNms({ candidates: set.candidates, gt, searchSpace: { gamma: [5, 1] } }))).toBe('E_RANGE');
    expect(thrownCode(() => fitPoseNms({ candidates: set.candidates, gt, searchSpace: { delta2: [0, 3] } }))).toBe('E_RANGE');
    expect(thrownCode(() => fitPoseNms({ candidates: set.candidates, gt, searchSpace: { alpha: [0, 1] } as never }))).toBe('E_ARGUMENT');
    expect(thrownCode(() => fitPoseNms({ candidates: set.candidates, gt, searchSpace: {} }))).toBe('E_ARGUMENT');
    expect(thrownCode(() => fitPoseNms({ candidates: set.candidates, gt, maxEvaluations: 0 }))).toBe('E_RANGE');
    const broken = [{ ...set.candidates[0]!, scores: new Float32Array(3) }];
    expect(thrownCode(() => fitPoseNms({ candidates: broken, gt }))).toBe('E_SHAPE');
  });
});

describe('syntheticPoseNmsSet', () => {
  it('is deterministic and has the requested structure', () => {
    const a = syntheticPoseNmsSet({ seed: 2, images: 5, people: [2, 2], duplicates: 3, falsePositives: 1 });
    const b = syntheticPoseNmsSet({ seed: 2, images: 5, people: [2, 2], duplicates: 3, falsePositives: 1 });
    expect(a.gt.annotations).toHaveLength(10);
    expect(a.candidates).toHaveLength(5);
    expect(a.candidates[0]!.n).toBe(7);
    expect(Array.from(a.candidates[3]!.poses)).toEqual(Array.from(b.candidates[3]!.poses));
    expect(loadCocoDataset(a.gt).numKeypoints).toBe(17);
    expect(thrownCode(() => syntheticPoseNmsSet({ images: -1 }))).toBe('E_RANGE');
    expect(thrownCode(() => syntheticPoseNmsSet({ people: [3, 1] }))).toBe('E_RANGE');
  });
});
