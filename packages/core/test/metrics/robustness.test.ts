/**
 * Bad input to the metric kernels (COCO OKS, PCK / AUC / PDJ, numpy sums): arguments of the wrong kind, NaN and
 * negative values that made results NaN / Infinity, ranges outside the arrays, `out` arrays sharing memory with an
 * input, and counts that exhausted the heap. Each used to crash, hang or return NaN.
 */
import { describe, expect, it } from 'vitest';
import {
  cocoOks,
  cocoOksMatrix,
  effectiveNormFactors,
  keypointAuc,
  keypointDistances,
  numpyPairwiseSum,
  numpyPairwiseSumF32,
  pckCurveFromDistances,
  pckFromDistances,
  pdjCurve,
  torsoDiameters,
  type KeypointPairs,
} from '../../src/index.js';
import { expectCode } from '../../../../test-support/errors.js';

const SIG = new Array(17).fill(0.05);
const grid = (x: number, y: number, v = 2): number[] => Array.from({ length: 17 }, (_v, i) => [x + (i % 4) * 10, y + Math.floor(i / 4) * 20, v]).flat();
const gt = { keypoints: grid(100, 50), area: 4000, bbox: [95, 45, 40, 100] };

describe('cocoOks / cocoOksMatrix', () => {
  it('rejects arguments of the wrong kind (were TypeErrors)', () => {
    expectCode(() => cocoOks(null as never, gt, SIG), 'E_ARGUMENT', /^cocoOks: dtKeypoints must be an array of numbers; received null/);
    expectCode(() => cocoOks(grid(0, 0), null as never, SIG), 'E_ARGUMENT', /gt must be an object/);
    expectCode(() => cocoOks(grid(0, 0), gt, null as never), 'E_ARGUMENT', /sigmas must be an array/);
    expectCode(() => cocoOks(grid(0, 0), { ...gt, bbox: null as never }, SIG), 'E_ARGUMENT', /gt.bbox/);
    expectCode(() => cocoOks(grid(0, 0), { ...gt, area: undefined as never }, SIG), 'E_ARGUMENT', /gt.area must be a number; received undefined/);
    const g = { keypoints: gt.keypoints, areas: [4000], bboxes: gt.bbox };
    expectCode(() => cocoOksMatrix(null as never, { keypoints: grid(0, 0) }, g, SIG), 'E_ARGUMENT', /out must be an array of numbers; received null/);
    expectCode(() => cocoOksMatrix(new Float64Array(1), null as never, g, SIG), 'E_ARGUMENT', /dts must be an object/);
    expectCode(() => cocoOksMatrix(new Float64Array(1), {} as never, g, SIG), 'E_ARGUMENT', /dts.keypoints must be an array of numbers; received undefined/);
    expectCode(() => cocoOksMatrix(new Float64Array(1), { keypoints: grid(0, 0) }, { ...g, areas: null as never }, SIG), 'E_ARGUMENT', /gts.areas/);
  });

  it('rejects NaN, negative areas and underflowing sigmas (OKS NaN / Infinity before)', () => {
    expectCode(() => cocoOks(grid(100, 50), { ...gt, area: NaN }, SIG), 'E_NONFINITE', /GT areas\[0\] must be finite; received NaN/);
    expectCode(() => cocoOks(grid(100, 50), { ...gt, area: -1 }, SIG), 'E_RANGE', /GT areas\[0\] must be >= 0; received -1/);
    const d = grid(100, 50);
    d[3] = NaN;
    expectCode(() => cocoOks(d, gt, SIG), 'E_NONFINITE', /detection keypoints\[3\] must be finite/);
    const g2 = grid(100, 50);
    g2[5] = Infinity; // a visibility
    expectCode(() => cocoOks(grid(100, 50), { ...gt, keypoints: g2 }, SIG), 'E_NONFINITE', /GT keypoints\[5\]/);
    expectCode(() => cocoOks(grid(100, 50), { ...gt, keypoints: new Array(51).fill(0), bbox: [NaN, 0, 1, 1] }, SIG), 'E_NONFINITE', /GT bboxes\[0\]/);
    expectCode(() => cocoOks(grid(100, 50), gt, new Array(17).fill(1e-200)), 'E_RANGE', /sigmas\[0\] must be >= 1e-150/);
    // A detection's score is ignored by OKS, so a NaN there is still accepted.
    const s = grid(100, 50);
    s[2] = NaN;
    expect(cocoOks(s, gt, SIG)).toBe(1);
  });

  it('rejects start / count / outOffset / indices that are not integers inside the arrays (silent NaN or no write)', () => {
    const g = { keypoints: gt.keypoints, areas: [4000], bboxes: gt.bbox };
    const out = new Float64Array(4);
    expectCode(() => cocoOksMatrix(out, { keypoints: grid(0, 0), start: 0.5, count: 0.5 }, g, SIG), 'E_RANGE', /dts.start must be an integer >= 0; received 0.5/);
    expectCode(() => cocoOksMatrix(out, { keypoints: grid(0, 0), start: NaN }, g, SIG), 'E_RANGE', /dts.start/);
    expectCode(() => cocoOksMatrix(out, { keypoints: grid(0, 0), count: '1' as never }, g, SIG), 'E_RANGE', /dts.count/);
    expectCode(() => cocoOksMatrix(out, { keypoints: grid(0, 0) }, g, SIG, -1), 'E_RANGE', /outOffset must be an integer >= 0; received -1/);
    expectCode(() => cocoOksMatrix(out, { keypoints: grid(0, 0), indices: new Float64Array([0.5]) as never }, g, SIG), 'E_RANGE', /not an integer index/);
    expect(cocoOksMatrix(out, { keypoints: grid(100, 50), indices: new Int32Array([0]) }, g, SIG, 3)[3]).toBe(1);
  });

  it('rejects an out array that shares memory with an input (it would be overwritten while read)', () => {
    const kp = Float64Array.from(grid(100, 50));
    expectCode(() => cocoOksMatrix(kp, { keypoints: kp }, { keypoints: gt.keypoints, areas: [4000], bboxes: gt.bbox }, SIG), 'E_ARGUMENT', /out must not share memory with dts.keypoints/);
  });
});

function pairs(): KeypointPairs {
  return { pred: new Float32Array([3, 4, 10, 11]), gt: new Float32Array([0, 0, 10, 10]), mask: new Uint8Array([1, 1]), n: 1, k: 2 };
}

describe('PCK family', () => {
  it('keypointAuc bounds numThrs (1e9 exhausted the heap and killed the process)', () => {
    const t0 = performance.now();
    expectCode(() => keypointAuc(pairs(), 30, 1e9), 'E_RANGE', /numThrs must be an integer from 1 to 10000; received 1000000000/);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(keypointAuc(pairs(), 30, 10000)).toBeGreaterThan(0);
  });

  it('precomputed distances must be -1 or finite and >= 0 (NaN counted as a miss, -5 as a hit)', () => {
    expectCode(() => pckFromDistances(new Float32Array([NaN, 0.1]), 1, 2, 0.2), 'E_NONFINITE', /distances\[0\] must be a finite distance >= 0, or -1/);
    expectCode(() => pckFromDistances(new Float32Array([0.1, -5]), 1, 2, 0.2), 'E_RANGE', /distances\[1\]/);
    expectCode(() => pckCurveFromDistances(new Float32Array([Infinity, 0]), 1, 2, [0.1]), 'E_NONFINITE');
    expect(pckFromDistances(new Float32Array([-1, 0.1]), 1, 2, 0.2).acc[1]).toBe(1);
  });

  it('thresholds and fractions of the wrong kind are E_ARGUMENT, not E_EMPTY', () => {
    expectCode(() => pckCurveFromDistances(new Float32Array(2), 1, 2, 'ab' as never), 'E_ARGUMENT', /thresholds must be an array/);
    expectCode(() => pckCurveFromDistances(new Float32Array(2), 1, 2, []), 'E_EMPTY');
    expectCode(() => pdjCurve(pairs(), new Float64Array([0.1]) as never, { torsoPair: [0, 1] }), 'E_ARGUMENT', /fractions must be an array/);
  });

  it('pdjCurve options: not an object, misspelt, a torsoPair that is not a pair (TypeError / ignored before)', () => {
    expectCode(() => pdjCurve(pairs(), [0.1], null as never), 'E_ARGUMENT', /^pdjCurve: options must be an object/);
    expectCode(() => pdjCurve(pairs(), [0.1], { torso: [0, 1] } as never), 'E_ARGUMENT', /unknown option "torso"; allowed: torsoPair/);
    expectCode(() => pdjCurve(pairs(), [0.1], { torsoPair: 5 as never }), 'E_ARGUMENT', /torsoPair must be a pair/);
    expect(pdjCurve(pairs(), [0.5], { torsoPair: [0, 1] }).torsoDiameter[0]).toBeCloseTo(Math.hypot(10, 10), 5);
  });

  it('torsoDiameters: NaN torso coordinates and an out aliasing gt are refused', () => {
    const g = new Float64Array([NaN, 0, 10, 10]);
    expectCode(() => torsoDiameters(new Float64Array(1), g, 1, 2, 0, 1), 'E_NONFINITE', /torso keypoints 0 and 1 of instance 0/);
    const buf = new Float64Array([0, 0, 3, 4, 0]);
    expectCode(() => torsoDiameters(buf.subarray(3, 4), buf.subarray(0, 4), 1, 2, 0, 1), 'E_ARGUMENT', /out must not share memory with gt/);
    expect(torsoDiameters(new Float64Array(1), buf.subarray(0, 4), 1, 2, 0, 1)[0]).toBe(5);
  });

  it('keypointDistances: an out aliasing pred is refused', () => {
    const p = pairs();
    const buf = new Float32Array([0, 0, 3, 4, 10, 11]);
    expectCode(() => keypointDistances(buf.subarray(2, 4), { ...p, pred: buf.subarray(2) }, new Float32Array([10, 10])), 'E_ARGUMENT', /out must not share memory with pairs.pred/);
  });

  it('effectiveNormFactors: NaN factors refused, in place allowed, a shifted view refused', () => {
    expectCode(() => effectiveNormFactors(new Float32Array(2), new Float32Array([NaN, 1])), 'E_NONFINITE', /norm\[0, 0\] is NaN/);
    const norm = new Float64Array([-1, 2]);
    expect(Array.from(effectiveNormFactors(norm, norm))).toEqual([1e6, 2]);
    const buf = new Float64Array([1, 2, 3]);
    expectCode(() => effectiveNormFactors(buf.subarray(1, 3), buf.subarray(0, 2)), 'E_ARGUMENT', /out must be norm itself or not overlap it/);
  });
});

describe('numpyPairwiseSum / numpyPairwiseSumF32', () => {
  it('rejects bad arrays and ranges (stack overflow, slow NaN, TypeError before)', () => {
    for (const [name, sum] of [['numpyPairwiseSum', numpyPairwiseSum], ['numpyPairwiseSumF32', numpyPairwiseSumF32]] as const) {
      expectCode(() => sum(null as never), 'E_ARGUMENT', new RegExp(`^${name}: values must be an array`));
      expectCode(() => sum([1, 2, 3], 0, NaN), 'E_RANGE', /n must be an integer in \[0, 3\]/);
      expectCode(() => sum([1, 2, 3], 0, Infinity), 'E_RANGE');
      expectCode(() => sum([1, 2, 3], 0, 1e9), 'E_RANGE');
      expectCode(() => sum([1, 2, 3], -5, 3), 'E_RANGE', /start must be an integer in \[0, 3\]/);
      expectCode(() => sum(new Float64Array(3), 1.5, 1), 'E_RANGE');
      expect(sum([1, 2, 3], 1)).toBe(5);
      expect(sum([1, 2, 3], 3)).toBe(0);
    }
  });
});
