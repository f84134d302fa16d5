/**
 * Bad input to the PCK family: every case is a PosekitError with a stable code (never a TypeError, a huge
 * allocation, an option silently ignored, or NaN smuggled into a dataset), and valid input keeps its results.
 */
import { describe, expect, it } from 'vitest';
import {
  evaluateAuc,
  evaluateJhmdbPck,
  evaluateMpiiPckh,
  evaluateNme,
  evaluatePck,
  evaluatePcp,
  evaluatePdj,
  pckCurve,
  pckCurveSvg,
  pckDatasetFromSamples,
} from '@posekit/metrics';
import type { PckSample } from '@posekit/metrics';
import { expectCode } from '../../../../test-support/errors.js';
import { gridData } from './helpers.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
const sample = (): PckSample => ({ gt: [0, 0, 2, 10, 0, 2], pred: [1, 0, 10, 1], bbox: [0, 0, 20, 20], headSize: 5 });

describe('pckDatasetFromSamples', () => {
  it('rejects null samples anywhere in the list (was a TypeError)', () => {
    expectCode(() => pckDatasetFromSamples([null as any]), 'E_FIELD', /sample 0 must be an object/);
    expectCode(() => pckDatasetFromSamples([sample(), null as any]), 'E_FIELD', /sample 1 must be an object/);
  });

  it('rejects bad options: null, misspelt names, unknown dtype, non-integer k', () => {
    expectCode(() => pckDatasetFromSamples([sample()], null as any), 'E_ARGUMENT');
    expectCode(() => pckDatasetFromSamples([sample()], { dType: 'float64' } as any), 'E_ARGUMENT', /unknown option "dType"/);
    expectCode(() => pckDatasetFromSamples([sample()], { dtype: 'int8' } as any), 'E_ARGUMENT', /dtype must be one of/);
    expectCode(() => pckDatasetFromSamples([sample()], { k: 1.5 }), 'E_RANGE');
    expectCode(() => pckDatasetFromSamples([sample()], { k: '2' } as any), 'E_RANGE');
    expect(pckDatasetFromSamples([sample()], { dtype: 'float64', k: 2 }).gt).toBeInstanceOf(Float64Array);
  });

  it('rejects non-numeric entries and non-finite visibility / boxes / head sizes (were stored as NaN)', () => {
    expectCode(() => pckDatasetFromSamples([{ ...sample(), gt: [0, 'a', 2, 10, 0, 2] as any }]), 'E_FIELD', /sample 0\.gt\[1\] must be a number/);
    expectCode(() => pckDatasetFromSamples([{ ...sample(), visible: ['1', '1'] as any }]), 'E_FIELD', /visible\[0\]/);
    expectCode(() => pckDatasetFromSamples([{ ...sample(), visible: [NaN, 1] }]), 'E_NONFINITE', /visible\[0\]/);
    expectCode(() => pckDatasetFromSamples([{ ...sample(), gt: [0, 0, NaN, 10, 0, 2] }]), 'E_NONFINITE', /gt\[2\]/);
    expectCode(() => pckDatasetFromSamples([{ ...sample(), bbox: [0, 0, NaN, 1] }]), 'E_NONFINITE', /bbox\[2\]/);
    expectCode(() => pckDatasetFromSamples([{ ...sample(), bbox: { x1: 'a', y1: 0, x2: 1, y2: 1 } as any }]), 'E_FIELD', /bbox\.x1/);
    expectCode(() => pckDatasetFromSamples([{ ...sample(), headSize: Infinity }]), 'E_NONFINITE', /headSize/);
    // NaN coordinates of keypoints the metrics mask out stay allowed
    expect(Number.isNaN(pckDatasetFromSamples([{ ...sample(), gt: [0, 0, 2, NaN, NaN, 0] }]).gt[2])).toBe(true);
  });

  it('checks a huge k against the samples before allocating', () => {
    expectCode(() => pckDatasetFromSamples([sample()], { k: 2e9 }), 'E_SHAPE', /K\*2 = 4000000000/);
  });
});

describe('PCK-family options', () => {
  const data = gridData(2, 16, new Array(16).fill(1));
  const jh = gridData(2, 15, new Array(15).fill(1));
  it('null options are E_ARGUMENT, not a TypeError, in every metric', () => {
    expectCode(() => evaluatePck(data, null as any), 'E_ARGUMENT');
    expectCode(() => evaluateMpiiPckh(data, null as any), 'E_ARGUMENT');
    expectCode(() => evaluateJhmdbPck(jh, null as any), 'E_ARGUMENT');
    expectCode(() => evaluateAuc(data, null as any), 'E_ARGUMENT');
    expectCode(() => pckCurve(data, null as any), 'E_ARGUMENT');
    expectCode(() => evaluatePdj(data, null as any), 'E_ARGUMENT');
    expectCode(() => evaluatePcp(data, null as any), 'E_ARGUMENT');
    expectCode(() => pckCurveSvg(pckCurve(data), null as any), 'E_ARGUMENT');
  });

  it('misspelt option names are E_ARGUMENT instead of being ignored', () => {
    expectCode(() => evaluatePck(data, { threshold: 0.2 } as any), 'E_ARGUMENT', /unknown option "threshold"/);
    expectCode(() => evaluateMpiiPckh(data, { threshold: 0.1 } as any), 'E_ARGUMENT');
    expectCode(() => evaluateJhmdbPck(jh, { norm: 'torso' } as any), 'E_ARGUMENT');
    expectCode(() => evaluateAuc(data, { numThresholds: 5 } as any), 'E_ARGUMENT');
    expectCode(() => evaluateNme(data, { normMode: 'keypoint_distance', datasetname: '300w' } as any), 'E_ARGUMENT', /datasetname/);
    expectCode(() => pckCurve(data, { normitem: 'head' } as any), 'E_ARGUMENT');
    expectCode(() => evaluatePdj(data, { fraction: [0.1] } as any), 'E_ARGUMENT');
    expectCode(() => evaluatePcp(data, { limb: [[0, 1]] } as any), 'E_ARGUMENT');
    expectCode(() => pckCurve(data, { thresholds: null } as any), 'E_ARGUMENT', /must not be null/);
    expect(evaluatePck(data, { thr: 0.2, normItem: 'bbox' }).PCK!.avgAcc).toBe(1);
  });

  it('evaluateAuc rejects an absurd numThrs (1e9 aborted the process out of memory)', () => {
    expectCode(() => evaluateAuc(data, { numThrs: 1e9 }), 'E_RANGE', /numThrs must be an integer from 1 to 10000/);
    expect(evaluateAuc(data, { numThrs: 10_000 }).thresholds).toHaveLength(10_000);
  });

  it('evaluateNme only takes own dataset names (toString gave a misleading keypointIndices error)', () => {
    expectCode(() => evaluateNme(data, { normMode: 'keypoint_distance', datasetName: 'toString' }), 'E_ARGUMENT', /no default pair for dataset "toString"/);
    expectCode(() => evaluateNme(data, { normMode: 'use_norm_item', normItem: 5 as any }), 'E_ARGUMENT', /normItem must be a string/);
  });

  it('evaluatePdj rejects a torsoPair that is not a pair (was a TypeError)', () => {
    expectCode(() => evaluatePdj(data, { torsoPair: 5 as any }), 'E_ARGUMENT', /torsoPair/);
    expectCode(() => evaluatePdj(data, { torsoPair: [1] as any }), 'E_ARGUMENT');
  });

  it('evaluatePcp rejects malformed limb sets (was a TypeError, or names out of step with limbs)', () => {
    expectCode(() => evaluatePcp(data, { limbs: {} as any }), 'E_ARGUMENT', /LimbSet/);
    expectCode(() => evaluatePcp(data, { limbs: 5 as any }), 'E_ARGUMENT');
    expectCode(() => evaluatePcp(data, { limbs: { names: ['a'], limbs: [[0, 1], [1, 2]] } }), 'E_ARGUMENT', /equal length/);
    expectCode(() => evaluatePcp(data, { limbs: [[0, 1], 'x' as any] }), 'E_RANGE');
    expect(evaluatePcp(data, { limbs: { names: ['a', 'b'], limbs: [[0, 1], [1, 2]] } }).names).toEqual(['a', 'b']);
  });
});

describe('pckCurveSvg', () => {
  const data = gridData(2, 4, [0, 5, 10, 20]);
  const curve = pckCurve(data);
  it('rejects a null curve and malformed series (was a TypeError)', () => {
    expectCode(() => pckCurveSvg(null as any), 'E_ARGUMENT');
    expectCode(() => pckCurveSvg([null as any]), 'E_ARGUMENT', /series 0/);
    expectCode(() => pckCurveSvg([{ label: 5 as any, x: [0, 1], y: [0, 1] }]), 'E_ARGUMENT');
    expectCode(() => pckCurveSvg([{ label: 'a', x: null as any, y: [0] }]), 'E_ARGUMENT');
  });

  it('rejects infinite or non-numeric y (Infinity was drawn at 1, strings skipped)', () => {
    expectCode(() => pckCurveSvg([{ label: 'a', x: [0, 1], y: [Infinity, 1] }]), 'E_NONFINITE', /point 0/);
    expectCode(() => pckCurveSvg([{ label: 'a', x: [0, 1], y: ['a', 'b'] as any }]), 'E_ARGUMENT', /two numbers/);
    // −1 still marks a skipped point
    expect(pckCurveSvg([{ label: 'a', x: [0, 1, 2], y: [0.5, -1, 1] }])).toContain('<polyline');
  });

  it('rejects infinite or non-numeric sizes, non-string labels and bad keypointNames', () => {
    expectCode(() => pckCurveSvg(curve, { width: Infinity }), 'E_RANGE');
    expectCode(() => pckCurveSvg(curve, { width: '100' as any }), 'E_RANGE');
    expectCode(() => pckCurveSvg(curve, { title: 5 as any }), 'E_ARGUMENT', /title must be a string/);
    expectCode(() => pckCurveSvg(curve, { keypointNames: [1, 2, 3, 4] as any }), 'E_ARGUMENT', /keypointNames must be an array of strings/);
    expectCode(() => pckCurveSvg({ ...curve, perKeypoint: new Float64Array(2) }, { keypointNames: ['a', 'b', 'c', 'd'] }), 'E_SHAPE', /perKeypoint/);
    expectCode(() => pckCurveSvg([{ label: 'a', x: [0], y: [1] }], { keypointNames: ['a'] }), 'E_ARGUMENT', /keypointNames applies to a PckCurve/);
    expect(pckCurveSvg(curve, { keypointNames: ['a', 'b', 'c', 'd'], title: 't' })).toContain('<title>d</title>');
  });
});
