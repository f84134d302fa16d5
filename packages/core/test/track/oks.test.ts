import { describe, expect, it } from 'vitest';
import { getLayout, trackOks } from '../../src/index.js';
import { trackKeypointArea } from '../../src/track/oks.js';
import { expectCode } from '../../../../test-support/errors.js';

// tfjs-models pose-detection src/calculators/keypoint_tracker_test.ts uses these parameters.
const FALLOFF4 = [0.1, 0.1, 0.1, 0.1];
const f64 = (a: number[]): Float64Array => Float64Array.from(a);

describe('trackOks (tfjs KeypointTracker.oks)', () => {
  it('hand-computed value, tfjs "Compute OKS" case (normalized coordinates)', () => {
    const pose = f64([0.2, 0.2, 1.0, 0.4, 0.4, 0.8, 0.6, 0.6, 0.1, 0.8, 0.7, 0.8]);
    const track = f64([0.2, 0.2, 1.0, 0.4, 0.4, 0.8, 0.6, 0.6, 0.9, 0.8, 0.8, 0.8]);
    // Keypoint 2 is skipped (pose score 0.1 < 0.2). Keypoints 0 and 1 coincide: exp(0) = 1 each.
    // Track area A = (0.8 − 0.2)·(0.8 − 0.2) = 0.36, plus 1e-6 = 0.360001.
    // Keypoint 3: d² = 0.1² = 0.01, x = 2·0.1 = 0.2, x² = 0.04;
    //   exp(−0.01 / (2 · 0.360001 · 0.04)) = exp(−0.01 / 0.02880008) = exp(−0.3472213) = 0.7066490.
    // OKS = (1 + 1 + 0.7066490) / 3 = 0.9022163.
    expect(trackOks(pose, track, FALLOFF4, 0.2, 2)).toBeCloseTo(0.9022163, 7);
  });

  it('hand-computed value in pixels with per-keypoint falloff', () => {
    const track = f64([0, 0, 0.9, 30, 40, 0.9]);
    const pose = f64([3, 4, 0.9, 33, 44, 0.9]);
    // A = 30·40 = 1200 px² (+1e-6); both keypoints moved by (3, 4): d² = 25.
    // falloff 0.05: x² = 0.1² = 0.01, exp(−25 / (2·1200·0.01)) = exp(−25/24) = exp(−1.0416667) = 0.3528661
    // falloff 0.10: x² = 0.2² = 0.04, exp(−25 / (2·1200·0.04)) = exp(−25/96) = exp(−0.2604167) = 0.7707304
    // OKS = (0.3528661 + 0.7707304) / 2 = 0.5617982
    expect(trackOks(pose, track, [0.05, 0.1], 0.3, 1)).toBeCloseTo(0.5617982, 7);
  });

  it('the area is the track’s, not the pose’s (the formula is asymmetric)', () => {
    const small = f64([0, 0, 0.9, 20, 20, 0.9]);
    const big = f64([0, 0, 0.9, 24, 24, 0.9]);
    // Keypoint 1: d² = 4² + 4² = 32, x² = 0.2² = 0.04.
    // track = big:   A = 24·24 = 576: (1 + exp(−32 / (2·576·0.04))) / 2 = (1 + 0.4993518) / 2 = 0.7496759
    // track = small: A = 20·20 = 400: (1 + exp(−32 / (2·400·0.04))) / 2 = (1 + 0.3678794) / 2 = 0.6839397
    expect(trackOks(small, big, [0.1, 0.1], 0.3, 1)).toBeCloseTo(0.7496759, 7);
    expect(trackOks(big, small, [0.1, 0.1], 0.3, 1)).toBeCloseTo(0.6839397, 7);
  });

  it('fewer than minNumberOfKeypoints confident pairs -> 0 (tfjs test case)', () => {
    const pose = f64([0.2, 0.2, 1.0, 0.4, 0.4, 0.1, 0.6, 0.6, 0.9, 0.8, 0.8, 0.8]);
    const track = f64([0.2, 0.2, 1.0, 0.4, 0.4, 0.8, 0.6, 0.6, 0.1, 0.8, 0.8, 0.0]);
    expect(trackOks(pose, track, FALLOFF4, 0.2, 2)).toBe(0);
    // Only keypoint 0 is confident in both: with minNumberOfKeypoints 1 it counts, and it coincides.
    expect(trackOks(pose, track, FALLOFF4, 0.2, 1)).toBe(1);
  });

  it('a score equal to the threshold counts in the sum (>=) but not in the area (>), as in tfjs', () => {
    const track = f64([0, 0, 0.3, 10, 0, 0.9, 0, 10, 0.9]);
    // Area from keypoints 1 and 2 only: (10 − 0)·(10 − 0) = 100; keypoint 0 (score = 0.3) still counts in the sum.
    expect(trackKeypointArea(track, 0, 3, 0.3)).toBe(100);
    const pose = f64([1, 0, 0.9, 10, 0, 0.9, 0, 10, 0.9]);
    const expected = (Math.exp(-1 / (2 * (100 + 1e-6) * 0.04)) + 1 + 1) / 3;
    expect(trackOks(pose, track, [0.1, 0.1, 0.1], 0.3, 3)).toBeCloseTo(expected, 12);
  });

  it('track area: tfjs "Compute area" case, and 1 when no keypoint is confident (tfjs’s 1.0 / 0.0 seeds)', () => {
    const kp = f64([0.1, 0.2, 1.0, 0.3, 0.4, 0.9, 0.4, 0.6, 0.9, 0.7, 0.8, 0.1]);
    expect(trackKeypointArea(kp, 0, 4, 0.2)).toBeCloseTo((0.4 - 0.1) * (0.6 - 0.2), 12);
    expect(trackKeypointArea(f64([5, 5, 0.1, 50, 80, 0.2]), 0, 2, 0.2)).toBe(1);
  });

  it('pixels vs normalized coordinates of a square image agree (d² / A is unit-free) up to the 1e-6', () => {
    const W = 640;
    const track = f64([100, 120, 0.9, 180, 130, 0.8, 140, 300, 0.7, 150, 420, 0.9]);
    const pose = f64([104, 118, 0.9, 185, 133, 0.8, 139, 310, 0.7, 149, 428, 0.9]);
    const norm = (a: Float64Array): Float64Array => a.map((v, i) => (i % 3 === 2 ? v : v / W));
    const px = trackOks(pose, track, FALLOFF4, 0.3, 1);
    const nz = trackOks(norm(pose), norm(track), FALLOFF4, 0.3, 1);
    expect(px).toBeGreaterThan(0.3);
    expect(px).toBeLessThan(1);
    expect(Math.abs(px - nz)).toBeLessThan(1e-6);
  });

  it('COCO-17 sigmas from the layout work as falloff', () => {
    const sigmas = getLayout('coco17').sigmas!;
    const kp = new Float32Array(51);
    for (let i = 0; i < 17; i++) kp.set([10 * i, 5 * i, 0.9], 3 * i);
    expect(trackOks(kp, kp, sigmas, 0.3, 4)).toBe(1);
  });

  it('bad input -> PosekitError with a stable code', () => {
    const kp = f64([0, 0, 1, 1, 1, 1]);
    expectCode(() => trackOks(kp, f64([0, 0, 1]), [0.1, 0.1], 0.3, 1), 'E_LAYOUT_MISMATCH', /trackOks: trackKeypoints must hold 3·K = 6/);
    expectCode(() => trackOks(f64([0, 0, 1, 1]), kp, [0.1, 0.1], 0.3, 1), 'E_LAYOUT_MISMATCH');
    expectCode(() => trackOks(f64([0, NaN, 1, 1, 1, 1]), kp, [0.1, 0.1], 0.3, 1), 'E_NONFINITE', /poseKeypoints\[1\]/);
    expectCode(() => trackOks(null as never, kp, [0.1, 0.1], 0.3, 1), 'E_ARGUMENT');
    expectCode(() => trackOks(kp, kp, [], 0.3, 1), 'E_EMPTY');
    expectCode(() => trackOks(kp, kp, [0.1, 0], 0.3, 1), 'E_RANGE', /keypointFalloff\[1\] must be > 0/);
    expectCode(() => trackOks(kp, kp, [0.1, NaN], 0.3, 1), 'E_NONFINITE');
    expectCode(() => trackOks(kp, kp, 0.1 as never, 0.3, 1), 'E_ARGUMENT');
    expectCode(() => trackOks(kp, kp, [0.1, 0.1], 1.5, 1), 'E_RANGE', /keypointConfidenceThreshold/);
    expectCode(() => trackOks(kp, kp, [0.1, 0.1], NaN, 1), 'E_RANGE');
    expectCode(() => trackOks(kp, kp, [0.1, 0.1], 0.3, 0), 'E_RANGE', /minNumberOfKeypoints/);
    expectCode(() => trackOks(kp, kp, [0.1, 0.1], 0.3, 1.5), 'E_RANGE');
  });
});
