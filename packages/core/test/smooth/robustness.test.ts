/**
 * Bad input to the smoothing filters that allocated gigabytes, returned NaN or crashed: unbounded channel counts and
 * windows, oneEuroAlpha outside its domain, keypointsObjectScale on malformed keypoints, a pose box that is null.
 */
import { describe, expect, it } from 'vitest';
import { createOneEuroFilter, createPoseSmoother, createVelocityFilter, keypointsObjectScale, oneEuroAlpha } from '@posekit/core';
import { expectCode } from '../../../../test-support/errors.js';

describe('smooth: bad input', () => {
  it('bounds channels (1e9 took about a minute and 40 GB) and windowSize (1e9: 35 s)', () => {
    const t0 = performance.now();
    expectCode(() => createOneEuroFilter(1e9), 'E_RANGE', /createOneEuroFilter: channels must be at most 65536; received 1000000000/);
    expectCode(() => createVelocityFilter(1e12), 'E_RANGE', /channels must be at most 65536/);
    expectCode(() => createVelocityFilter(2, { windowSize: 1e9 }), 'E_RANGE', /windowSize must be at most 256; received 1000000000/);
    expectCode(() => createPoseSmoother({ velocity: { windowSize: 257 } }), 'E_RANGE', /windowSize/);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(createOneEuroFilter(65536).channels).toBe(65536);
    expect(createVelocityFilter(2, { windowSize: 256 }).options.windowSize).toBe(256);
  });

  it('oneEuroAlpha refuses arguments outside its domain (NaN or alpha > 1 before)', () => {
    expectCode(() => oneEuroAlpha(NaN, 1), 'E_NONFINITE', /oneEuroAlpha: cutoffHz must be a finite number > 0; received NaN/);
    expectCode(() => oneEuroAlpha('a' as never, 1), 'E_ARGUMENT', /cutoffHz must be a number/);
    expectCode(() => oneEuroAlpha(1, -1), 'E_RANGE', /dtSec must be > 0; received -1/);
    expectCode(() => oneEuroAlpha(0, 1), 'E_RANGE');
    expectCode(() => oneEuroAlpha(1, undefined as never), 'E_NONFINITE');
    expect(oneEuroAlpha(1, 1 / 30)).toBeCloseTo(1 / (1 + 30 / (2 * Math.PI)), 15);
  });

  it('keypointsObjectScale refuses malformed keypoints and minScore (TypeError, or NaN silently skipped)', () => {
    expectCode(() => keypointsObjectScale(null as never), 'E_ARGUMENT', /keypoints must be a flat array/);
    expectCode(() => keypointsObjectScale(5 as never), 'E_ARGUMENT');
    expectCode(() => keypointsObjectScale([1, 2, 1, 3]), 'E_SHAPE', /received length 4/);
    expectCode(() => keypointsObjectScale([NaN, 1, 1, 2, 2, 1]), 'E_NONFINITE', /keypoints\[0\] must be a finite number; received NaN/);
    expectCode(() => keypointsObjectScale([1, 1, 1, 2, 2, 1], NaN), 'E_NONFINITE', /minScore/);
    expectCode(() => keypointsObjectScale([1, 1, 1, 2, 2, 1], 'a' as never), 'E_ARGUMENT', /minScore/);
    expect(keypointsObjectScale([0, 0, 1, 4, 2, 1])).toBe(3);
  });

  it('PoseSmoother.smooth refuses a null box (became {}) and more keypoints than a filter can hold', () => {
    const kp = new Float32Array([1, 2, 0.9, 3, 4, 0.9]);
    const s = createPoseSmoother();
    expectCode(() => s.smooth([{ keypoints: kp, score: 1, box: null as never }], 0), 'E_ARGUMENT', /poses\[0\].box must be a Box or absent; received null/);
    expectCode(() => s.smooth([{ keypoints: new Float32Array(3 * 32769), score: 1 }], 0), 'E_SHAPE', /1 <= K <= 32768/);
    expect(s.size).toBe(0);
    expect(s.smooth([{ keypoints: kp, score: 1, box: { x1: 0, y1: 0, x2: 5, y2: 5 } }], 0)[0]!.box).toEqual({ x1: 0, y1: 0, x2: 5, y2: 5 });
  });
});
