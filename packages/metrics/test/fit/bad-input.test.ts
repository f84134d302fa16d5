/**
 * Bad input to the pose-NMS fitting helpers: PosekitErrors at entry, never a TypeError, a silently ignored
 * option, or a budget that loops for hours / allocates gigabytes.
 */
import { describe, expect, it } from 'vitest';
import { fitPoseNms, loadCocoDataset, poseNmsResults, syntheticPoseNmsSet } from '../../src/index.js';
import { expectCode } from '../../../../test-support/errors.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
const set = syntheticPoseNmsSet({ seed: 2, images: 2 });
const base = { candidates: set.candidates, gt: set.gt, maxEvaluations: 2 };

describe('fitPoseNms', () => {
  it('rejects misspelt options, null values and bad sub-objects (were ignored, or a TypeError after the first evaluation)', () => {
    expectCode(() => fitPoseNms({ ...base, maxEval: 2 } as any), 'E_ARGUMENT', /unknown option "maxEval"/);
    expectCode(() => fitPoseNms({ ...base, searchSpace: null } as any), 'E_ARGUMENT', /must not be null/);
    expectCode(() => fitPoseNms({ ...base, searchSpace: 5 } as any), 'E_ARGUMENT', /searchSpace must be an object/);
    expectCode(() => fitPoseNms({ ...base, initial: { Mu: 2 } } as any), 'E_ARGUMENT', /unknown option "Mu" in initial/);
    expectCode(() => fitPoseNms({ ...base, initial: 5 } as any), 'E_ARGUMENT', /initial must be an object/);
    expectCode(() => fitPoseNms({ ...base, onEvaluation: 5 } as any), 'E_ARGUMENT', /onEvaluation must be a function/);
    expectCode(() => fitPoseNms({ ...base, nms: 5 } as any), 'E_ARGUMENT', /nms must be an object/);
    expectCode(() => fitPoseNms({ ...base, evalOptions: { sigma: [1] } } as any), 'E_ARGUMENT', /unknown option "sigma" in evalOptions/);
    expectCode(() => fitPoseNms({ ...base, evalOptions: { sigmas: [0.1] } }), 'E_LAYOUT_MISMATCH');
  });

  it('rejects a non-integer seed (NaN and strings silently meant seed 0)', () => {
    expectCode(() => fitPoseNms({ ...base, seed: NaN }), 'E_RANGE', /seed must be an integer/);
    expectCode(() => fitPoseNms({ ...base, seed: 'a' } as any), 'E_RANGE');
  });

  it('bounds the budget (maxEvaluations 1e12 looped for hours, rounds 1e9 spun once the steps vanished)', () => {
    expectCode(() => fitPoseNms({ ...base, maxEvaluations: 1e12 }), 'E_RANGE', /maxEvaluations must be an integer from 1 to 100000/);
    expectCode(() => fitPoseNms({ ...base, randomSamples: 1e12 }), 'E_RANGE', /randomSamples/);
    expectCode(() => fitPoseNms({ ...base, rounds: 1e9 }), 'E_RANGE', /rounds must be an integer from 0 to 1000/);
  });

  it('checks the candidates against the GT at entry', () => {
    expectCode(() => fitPoseNms({ ...base, candidates: [null] } as any), 'E_ARGUMENT', /candidates\[0\] must be an object/);
    expectCode(() => fitPoseNms({ ...base, candidates: [{ ...set.candidates[0]!, imageId: 99 }] }), 'E_UNKNOWN_ID', /candidates\[0\]\.imageId 99/);
    const r = fitPoseNms({ ...base, gt: loadCocoDataset(set.gt) });
    expect(r.evaluations).toBe(2);
  });
});

describe('poseNmsResults', () => {
  it('rejects non-array candidates, misspelt params and a null nms (was a TypeError or ignored)', () => {
    expectCode(() => poseNmsResults(null as any, {}), 'E_ARGUMENT', /candidates must be an array/);
    expectCode(() => poseNmsResults(set.candidates, { Mu: 1 } as any), 'E_ARGUMENT', /unknown option "Mu" in params/);
    expectCode(() => poseNmsResults(set.candidates, {}, null as any), 'E_ARGUMENT', /nms must be an object/);
    expect(poseNmsResults(set.candidates, {}).length).toBeGreaterThan(0);
  });
});

describe('syntheticPoseNmsSet', () => {
  it('rejects null / misspelt options and malformed pairs (were a TypeError or ignored)', () => {
    expectCode(() => syntheticPoseNmsSet(null as any), 'E_ARGUMENT');
    expectCode(() => syntheticPoseNmsSet({ image: 3 } as any), 'E_ARGUMENT', /unknown option "image"/);
    expectCode(() => syntheticPoseNmsSet({ people: 5 } as any), 'E_ARGUMENT', /people must be a pair/);
  });

  it('bounds the output size (1e9 images hung, 1e9 people aborted out of memory)', () => {
    expectCode(() => syntheticPoseNmsSet({ images: 1e9 }), 'E_RANGE', /records exceeds 1000000/);
    expectCode(() => syntheticPoseNmsSet({ images: 1, people: [1e9, 1e9] }), 'E_RANGE');
    expectCode(() => syntheticPoseNmsSet({ images: 1, duplicates: 1e9 }), 'E_RANGE');
  });

  it('rejects non-finite sizes / jitter and non-integer seeds (gave NaN areas or seed 0)', () => {
    expectCode(() => syntheticPoseNmsSet({ size: [Infinity, Infinity] }), 'E_RANGE');
    expectCode(() => syntheticPoseNmsSet({ images: 1, jitter: Infinity }), 'E_RANGE');
    expectCode(() => syntheticPoseNmsSet({ images: 1, seed: NaN }), 'E_RANGE', /seed/);
    expectCode(() => syntheticPoseNmsSet({ images: 1, seed: 'x' } as any), 'E_RANGE');
    expect(syntheticPoseNmsSet({ images: 0 }).candidates).toEqual([]);
  });
});
