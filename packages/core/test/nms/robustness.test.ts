/**
 * Bad input to the NMS functions: option objects (kind, unknown names, booleans, enums), thresholds out of range,
 * sigmas and areas that made OKS NaN or > 1, float32 overflow in pose-NMS, malformed results and `out` arrays.
 * Every case used to crash (TypeError / RangeError), return NaN, or silently ignore the bad value.
 */
import { describe, expect, it } from 'vitest';
import { boxNms, oksIou, oksNms, poseNms, poseNmsToPoses, rescore, softOksNms, type OksNmsInput, type PoseNmsInput } from '../../src/index.js';
import { expectCode } from '../../../../test-support/errors.js';

/** `n` candidates of 17 keypoints, 10 px apart (box i at x = 10 i), keypoint scores 0.5 .. 0.66. */
function candidates(n: number, k = 17): PoseNmsInput & { poses: Float32Array; scores: Float32Array; boxes: Float32Array } {
  const boxes = new Float32Array(n * 4);
  const boxScores = new Float32Array(n).fill(0.9);
  const poses = new Float32Array(n * k * 2);
  const scores = new Float32Array(n * k);
  for (let i = 0; i < n; i++) {
    boxes.set([10 * i, 0, 10 * i + 50, 100], i * 4);
    for (let j = 0; j < k; j++) {
      poses[(i * k + j) * 2] = 10 * i + j;
      poses[(i * k + j) * 2 + 1] = 5 * j;
      scores[i * k + j] = 0.5 + 0.01 * j;
    }
  }
  return { n, k, boxes, boxScores, poses, scores };
}

/** Two identical COCO-17 instances at the origin. */
function twins(): OksNmsInput & { keypoints: Float32Array } {
  const keypoints = new Float32Array(2 * 51);
  for (let i = 0; i < 2 * 17; i++) keypoints.set([i % 17, 2 * (i % 17), 0.9], 3 * i);
  return { n: 2, k: 17, keypoints, areas: new Float32Array([100, 100]), scores: new Float32Array([0.9, 0.8]) };
}

describe('poseNms / poseNmsToPoses', () => {
  const c = candidates(3);

  it('rejects options that are not an object, unknown option and parameter names, non-boolean switches', () => {
    expectCode(() => poseNms(c, null as never), 'E_ARGUMENT', /^poseNms: options must be an object; received null/);
    expectCode(() => poseNms(c, 5 as never), 'E_ARGUMENT', /options must be an object; received 5/);
    expectCode(() => poseNms(c, { trcae: true } as never), 'E_ARGUMENT', /unknown option "trcae"; allowed: params, trace, writeZeroScores/);
    expectCode(() => poseNms(c, { params: { gama: 3 } as never }), 'E_ARGUMENT', /poseNms \(params\): unknown option "gama"; allowed: delta1, mu/);
    expectCode(() => poseNms(c, { params: [] as never }), 'E_ARGUMENT', /options must be an object; received Array\(0\)/);
    expectCode(() => poseNms(c, { trace: 'yes' as never }), 'E_ARGUMENT', /options.trace must be true or false; received "yes"/);
    expectCode(() => poseNms(c, { writeZeroScores: 1 as never }), 'E_ARGUMENT', /writeZeroScores must be true or false/);
    expectCode(() => poseNms(c, { fullBodySlices: 'coco' as never }), 'E_ARGUMENT', /fullBodySlices must be one of 'halpe136', 'by-k'; received "coco"/);
    // Valid options still work as before.
    expect(poseNms(c, { trace: true, params: { gamma: 22.48 } }).trace!.length).toBeGreaterThan(0);
  });

  it('rejects values that are not finite as float32 (they became ±Infinity in the merged poses)', () => {
    const plain = { ...c, poses: Array.from(c.poses) };
    plain.poses[4] = 1e300;
    expectCode(() => poseNms(plain), 'E_NONFINITE', /poses\[4\] must be finite as float32 \(\|v\| <= 3.4e38\); received 1e\+300/);
    expectCode(() => poseNms({ ...c, boxScores: [0.9, 1e39, 0.9] }), 'E_NONFINITE', /boxScores\[1\]/);
    // Float32-range values are still accepted and give finite poses.
    const big = { ...c, poses: c.poses.map((v) => v + 3e38) };
    expect(poseNms(big).poses.every((v) => Number.isFinite(v))).toBe(true);
  });

  it('poseNmsToPoses rejects a malformed result instead of crashing or returning [undefined]', () => {
    expectCode(() => poseNmsToPoses(null as never), 'E_ARGUMENT', /result must be a PoseNmsResult/);
    expectCode(() => poseNmsToPoses({} as never), 'E_RANGE', /result.count must be an integer >= 0; received undefined/);
    const r = poseNms(c);
    expectCode(() => poseNmsToPoses({ ...r, count: -1 }), 'E_RANGE');
    expectCode(() => poseNmsToPoses({ ...r, count: 1e9 }), 'E_SHAPE', /result.poses must hold count\*34 = 34000000000 values/);
    expectCode(() => poseNmsToPoses({ ...r, scores: null as never }), 'E_ARGUMENT', /result.scores must be a numeric array/);
    expect(poseNmsToPoses(r)).toHaveLength(r.count);
  });
});

describe('oksIou / oksNms / softOksNms', () => {
  const s = twins();

  it('rejects options that are not an object, unknown names and a non-boolean scorePerJoint', () => {
    const g = s.keypoints.slice(0, 51);
    expectCode(() => oksIou(g, s.keypoints, 100, s.areas, null as never), 'E_ARGUMENT', /^oksIou: options must be an object/);
    expectCode(() => oksIou(g, s.keypoints, 100, s.areas, { sigma: [] } as never), 'E_ARGUMENT', /unknown option "sigma"; allowed: sigmas, visThr$/);
    expectCode(() => oksNms(s, 0.9, 5 as never), 'E_ARGUMENT', /^oksNms: options must be an object; received 5/);
    expectCode(() => oksNms(s, 0.9, { scorePerjoint: true } as never), 'E_ARGUMENT', /allowed: sigmas, visThr, scorePerJoint$/);
    expectCode(() => oksNms(s, 0.9, { scorePerJoint: 'yes' as never }), 'E_ARGUMENT', /scorePerJoint must be true or false/);
    expectCode(() => softOksNms(s, 0.9, { maxdets: 3 } as never), 'E_ARGUMENT', /allowed: sigmas, visThr, scorePerJoint, maxDets$/);
    expectCode(() => oksNms(s, 0.9, { maxDets: 1 } as never), 'E_ARGUMENT', /unknown option "maxDets"/);
  });

  it('rejects sigmas whose (2σ)² underflows (0 / 0 = NaN OKS) and negative areas (OKS > 1)', () => {
    const g = s.keypoints.slice(0, 51);
    expectCode(() => oksIou(g, s.keypoints, 100, s.areas, { sigmas: new Array(17).fill(0) }), 'E_RANGE', /sigmas\[0\] must be >= 1e-150; received 0/);
    expectCode(() => oksNms(s, 0.9, { sigmas: new Array(17).fill(1e-200) }), 'E_RANGE');
    expectCode(() => oksIou(g, s.keypoints, -100, s.areas), 'E_RANGE', /aG must be a finite number in \[0, Infinity\]; received -100/);
    expectCode(() => oksNms({ ...s, areas: [100, -1] }, 0.9), 'E_RANGE', /areas\[1\] must be >= 0; received -1/);
    // Valid: identical instances give exactly 1.
    expect(Array.from(oksIou(g, s.keypoints, 100, s.areas))).toEqual([1, 1]);
  });

  it('rejects thresholds out of range: oksNms thr outside [0, 1], softOksNms thr <= 0 (a NaN decay)', () => {
    expectCode(() => oksNms(s, 90), 'E_RANGE', /thr must be a finite number in \[0, 1\]; received 90/);
    expectCode(() => oksNms(s, -0.1), 'E_RANGE');
    expectCode(() => softOksNms(s, 0), 'E_RANGE', /softOksNms: thr must be > 0; received 0/);
    expectCode(() => softOksNms(s, 1e-50), 'E_RANGE'); // 0 as float32
    expect(Array.from(oksNms(s, 0.9))).toEqual([0]);
    expect(Array.from(softOksNms(s, 0.9))).toEqual([0, 1]);
  });
});

describe('rescore', () => {
  it("rejects thr = 0 for 'gaussian' (NaN for a zero overlap) and a negative linear thr", () => {
    expectCode(() => rescore([0.5, 0], [1, 1], 0), 'E_RANGE', /thr must be > 0 for 'gaussian'; received 0/);
    expectCode(() => rescore(new Float32Array([0.5, 0]), [1, 1], 1e-46), 'E_RANGE');
    expectCode(() => rescore([0.5], [1], -1, 'linear'), 'E_RANGE', /thr must be >= 0 for 'linear'/);
    expect(Array.from(rescore([0.5, 0], [1, 1], 0, 'linear'))).toEqual([0.5, 1]);
  });

  it('checks out: an array of N, in place allowed, a shifted view of an input refused', () => {
    expectCode(() => rescore([0.5], [1], 0.5, 'gaussian', 5 as never), 'E_ARGUMENT', /out must be a numeric array/);
    expectCode(() => rescore([0.5], [1], 0.5, 'gaussian', null as never), 'E_ARGUMENT');
    const buf = new Float64Array(4).fill(1);
    const overlap = new Float64Array([0.9, 0.8, 0.7]);
    expectCode(() => rescore(overlap, buf.subarray(0, 3), 0.5, 'gaussian', buf.subarray(1, 4)), 'E_ARGUMENT', /out must not partially overlap/);
    const scores = new Float64Array([1, 2, 3]);
    const expected = Array.from(rescore(overlap, scores, 0.5));
    expect(Array.from(rescore(overlap, scores, 0.5, 'gaussian', scores))).toEqual(expected);
  });
});

describe('boxNms', () => {
  const boxes = [0, 0, 10, 10, 1, 1, 11, 11];
  it('rejects options that are not an object, unknown names, and an IoU threshold outside [0, 1]', () => {
    expectCode(() => boxNms(boxes, [0.9, 0.8], 0.5, null as never), 'E_ARGUMENT', /^boxNms: options must be an object; received null/);
    expectCode(() => boxNms(boxes, [0.9, 0.8], 0.5, { ofset: 0 } as never), 'E_ARGUMENT', /unknown option "ofset"; allowed: offset/);
    expectCode(() => boxNms(boxes, [0.9, 0.8], 0.5, { offset: '0' as never }), 'E_ARGUMENT', /offset must be 0 or 1; received "0"/);
    expectCode(() => boxNms(boxes, [0.9, 0.8], 2), 'E_RANGE', /iouThr must be a finite number in \[0, 1\]; received 2/);
    expectCode(() => boxNms(boxes, [0.9, 0.8], -1), 'E_RANGE');
    expect(Array.from(boxNms(boxes, [0.9, 0.8], 0.5, { offset: 0 }))).toEqual([0]);
  });
});
