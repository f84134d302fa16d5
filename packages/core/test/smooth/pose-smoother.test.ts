import { describe, expect, it } from 'vitest';
import { createOneEuroFilter, createPoseSmoother, createVelocityFilter, keypointsObjectScale } from '@posekit/core';
import type { Pose } from '@posekit/core';
import { expectCode } from '../../../../test-support/errors.js';
import { mulberry32 } from '../../../../test-support/random.js';

const K = 17;

/** A noisy person of K keypoints centred at (cx, cy), ~100 x 200 px, scores in [0.2, 1). */
function person(rnd: () => number, cx: number, cy: number, id?: number): Pose {
  const kp = new Float32Array(3 * K);
  for (let i = 0; i < K; i++) {
    kp[3 * i] = cx + 50 * Math.cos(i) + 4 * (rnd() - 0.5);
    kp[3 * i + 1] = cy + 100 * Math.sin(i * 0.7) + 4 * (rnd() - 0.5);
    kp[3 * i + 2] = 0.2 + 0.8 * rnd();
  }
  const pose: Pose = { keypoints: kp, score: 0.9, box: { x1: cx - 60, y1: cy - 110, x2: cx + 60, y2: cy + 110 } };
  if (id !== undefined) pose.id = id;
  return pose;
}

/** x, y of a pose as the 2K channels the filters see. */
function xyOf(kp: Float32Array): Float64Array {
  const xy = new Float64Array(2 * (kp.length / 3));
  for (let i = 0; i < kp.length / 3; i++) {
    xy[2 * i] = kp[3 * i]!;
    xy[2 * i + 1] = kp[3 * i + 1]!;
  }
  return xy;
}

function expectXy(kp: Float32Array, xy: Float64Array): void {
  for (let i = 0; i < kp.length / 3; i++) {
    expect(kp[3 * i]).toBe(Math.fround(xy[2 * i]!));
    expect(kp[3 * i + 1]).toBe(Math.fround(xy[2 * i + 1]!));
  }
}

describe('createPoseSmoother', () => {
  it('one-euro (default): each track equals its own One Euro filter on x, y; scores pass through', () => {
    const rnd = mulberry32(1);
    const opts = { minCutoff: 0.8, beta: 0.02 };
    const sm = createPoseSmoother({ oneEuro: opts });
    const refA = createOneEuroFilter(2 * K, opts);
    const refB = createOneEuroFilter(2 * K, opts);
    for (let f = 0; f < 40; f++) {
      const t = 2 + f / 30 + (f % 3) * 0.004;
      const a = person(rnd, 200 + 3 * f, 300, 7);
      const b = person(rnd, 500, 250 - 2 * f, 9);
      // Order and presence vary: B skips some frames, and comes first on odd frames.
      const frame = f % 5 === 4 ? [a] : f % 2 ? [b, a] : [a, b];
      const res = sm.smooth(frame, t);
      expect(res.length).toBe(frame.length);
      for (let p = 0; p < frame.length; p++) {
        const ref = frame[p]!.id === 7 ? refA : refB;
        expectXy(res[p]!.keypoints, ref.apply(xyOf(frame[p]!.keypoints), t));
        for (let i = 0; i < K; i++) expect(res[p]!.keypoints[3 * i + 2]).toBe(frame[p]!.keypoints[3 * i + 2]);
        expect(res[p]!.id).toBe(frame[p]!.id);
      }
    }
    expect(sm.size).toBe(2);
  });

  it('does not modify its inputs and returns new poses (box copied); inPlace writes into them', () => {
    const rnd = mulberry32(2);
    const sm = createPoseSmoother();
    sm.smooth([person(rnd, 100, 100, 1)], 0);
    const pose = person(rnd, 130, 100, 1);
    const before = Float32Array.from(pose.keypoints);
    const boxBefore = { ...pose.box! };
    const [res] = sm.smooth([pose], 0.05);
    expect(Array.from(pose.keypoints)).toEqual(Array.from(before));
    expect(pose.box).toEqual(boxBefore);
    expect(res).not.toBe(pose);
    expect(res!.keypoints).not.toBe(pose.keypoints);
    expect(res!.box).toEqual(pose.box);
    expect(res!.box).not.toBe(pose.box);
    expect(res!.score).toBe(pose.score);
    expect(Array.from(res!.keypoints)).not.toEqual(Array.from(before));

    const a = createPoseSmoother({ inPlace: true });
    const b = createPoseSmoother();
    const rnd2 = mulberry32(3);
    for (let f = 0; f < 5; f++) {
      const p = person(rnd2, 100 + 10 * f, 100, 4);
      const copy: Pose = { ...p, keypoints: Float32Array.from(p.keypoints) };
      const [viaB] = b.smooth([copy], f / 30);
      const [viaA] = a.smooth([p], f / 30);
      expect(viaA).toBe(p);
      expect(Array.from(p.keypoints)).toEqual(Array.from(viaB!.keypoints));
    }
  });

  it('a single pose without id is one track; several poses need ids (E_ARGUMENT)', () => {
    const rnd = mulberry32(4);
    const sm = createPoseSmoother();
    const ref = createOneEuroFilter(2 * K);
    for (let f = 0; f < 5; f++) {
      const p = person(rnd, 100 + f, 100);
      expectXy(sm.smooth([p], f / 30)[0]!.keypoints, ref.apply(xyOf(p.keypoints), f / 30));
    }
    expect(sm.size).toBe(1);
    expectCode(() => sm.smooth([person(rnd, 0, 0), person(rnd, 9, 9)], 1), 'E_ARGUMENT', /every pose needs a track id \(pose\.id/);
    expectCode(() => sm.smooth([person(rnd, 0, 0, 3), person(rnd, 9, 9)], 1), 'E_ARGUMENT', /poses\[1\] has no id/);
    expect(sm.smooth([], 0.2)).toEqual([]);
  });

  it('drops the state of ids not seen for more than maxAgeSec; a returning id starts afresh', () => {
    const rnd = mulberry32(5);
    const sm = createPoseSmoother({ maxAgeSec: 0.5 });
    sm.smooth([person(rnd, 100, 100, 1), person(rnd, 400, 100, 2)], 10);
    sm.smooth([person(rnd, 110, 100, 1)], 10.3);
    expect(sm.size).toBe(2);
    // Id 2 last seen 0.5 s ago: not yet more than maxAgeSec, kept and continued (output != input).
    const back = person(rnd, 430, 100, 2);
    const [r2] = sm.smooth([back], 10.5);
    expect(Array.from(r2!.keypoints)).not.toEqual(Array.from(back.keypoints));
    // Id 1 last seen at 10.3: at 10.81 it is dropped; id 2 survives.
    sm.smooth([], 10.81);
    expect(sm.size).toBe(1);
    const again = person(rnd, 150, 100, 1);
    const [r1] = sm.smooth([again], 10.82);
    expect(Array.from(r1!.keypoints)).toEqual(Array.from(again.keypoints));
    expect(sm.size).toBe(2);
    // Infinity keeps states until reset().
    const keep = createPoseSmoother({ maxAgeSec: Infinity });
    keep.smooth([person(rnd, 0, 0, 1)], 0);
    keep.smooth([person(rnd, 0, 0, 2)], 1e6);
    expect(keep.size).toBe(2);
  });

  it('reset() drops every state', () => {
    const rnd = mulberry32(6);
    const sm = createPoseSmoother({ filter: 'velocity' });
    sm.smooth([person(rnd, 100, 100, 1), person(rnd, 300, 100, 2)], 0);
    sm.reset();
    expect(sm.size).toBe(0);
    const p = person(rnd, 140, 100, 1);
    expect(Array.from(sm.smooth([p], 0.03)[0]!.keypoints)).toEqual(Array.from(p.keypoints));
  });

  it("'velocity': each track equals a velocity filter with value scale 1 / keypoint-box scale", () => {
    const rnd = mulberry32(7);
    const vopts = { windowSize: 4, velocityScale: 12 };
    const sm = createPoseSmoother({ filter: 'velocity', velocity: vopts });
    const ref = createVelocityFilter(2 * K, vopts);
    for (let f = 0; f < 30; f++) {
      const t = f / 24;
      const p = person(rnd, 100 + 20 * f, 300, 5);
      const expected = ref.apply(xyOf(p.keypoints), t, 1 / keypointsObjectScale(p.keypoints));
      expectXy(sm.smooth([p], t)[0]!.keypoints, expected);
    }
    // A degenerate pose (every keypoint at one point): returned as it is, state untouched.
    const dot: Pose = { keypoints: new Float32Array(3 * K).fill(1), score: 1, id: 5 };
    const [d] = sm.smooth([dot], 31 / 24);
    expect(Array.from(d!.keypoints)).toEqual(Array.from(dot.keypoints));
    const p = person(rnd, 700, 300, 5);
    expectXy(sm.smooth([p], 32 / 24)[0]!.keypoints, ref.apply(xyOf(p.keypoints), 32 / 24, 1 / keypointsObjectScale(p.keypoints)));
    // disableValueScaling: value scale 1.
    const sm1 = createPoseSmoother({ filter: 'velocity', velocity: { disableValueScaling: true } });
    const ref1 = createVelocityFilter(2 * K);
    for (let f = 0; f < 5; f++) {
      const q = person(rnd, 100 + 20 * f, 300);
      expectXy(sm1.smooth([q], f / 30)[0]!.keypoints, ref1.apply(xyOf(q.keypoints), f / 30, 1));
    }
  });

  it('minScore: low-score keypoints pass through and do not update their state', () => {
    const sm = createPoseSmoother({ minScore: 0.5 });
    const ref = createOneEuroFilter(2);
    const kp = (x: number, s: number): Float32Array => new Float32Array([x, 2 * x, s, 40, 40, 0.9]);
    const xs = [0, 10, 500, 20, 30];
    const ss = [0.9, 0.9, 0.1, 0.9, 0.9];
    for (let f = 0; f < xs.length; f++) {
      const res = sm.smooth([{ keypoints: kp(xs[f]!, ss[f]!), score: 1 }], f * 0.1)[0]!.keypoints;
      if (ss[f]! < 0.5) {
        expect(res[0]).toBe(500);
        expect(res[1]).toBe(1000);
      } else {
        // The reference filter never sees the low-score sample; its dt spans the gap.
        expectXy(res.subarray(0, 3), ref.apply(new Float64Array([xs[f]!, 2 * xs[f]!]), f * 0.1));
      }
    }
  });

  it('smoothScores: scores are One Euro low-passed (true = default parameters)', () => {
    const rnd = mulberry32(8);
    const sm = createPoseSmoother({ smoothScores: true });
    const custom = createPoseSmoother({ smoothScores: { minCutoff: 3 } });
    const ref = createOneEuroFilter(K);
    const ref3 = createOneEuroFilter(K, { minCutoff: 3 });
    for (let f = 0; f < 6; f++) {
      const p = person(rnd, 100, 100, 1);
      const scores = Float64Array.from({ length: K }, (_, i) => p.keypoints[3 * i + 2]!);
      const out = sm.smooth([p], f / 30)[0]!.keypoints;
      const out3 = custom.smooth([p], f / 30)[0]!.keypoints;
      const e = ref.apply(scores, f / 30);
      const e3 = ref3.apply(scores, f / 30);
      for (let i = 0; i < K; i++) {
        expect(out[3 * i + 2]).toBe(Math.fround(e[i]!));
        expect(out3[3 * i + 2]).toBe(Math.fround(e3[i]!));
      }
    }
  });

  it('rejects bad frames without changing any state', () => {
    const rnd = mulberry32(9);
    const sm = createPoseSmoother();
    const ref = createPoseSmoother();
    sm.smooth([person(rnd, 100, 100, 1)], 0);
    ref.smooth([person(mulberry32(9), 100, 100, 1)], 0);
    const good = person(rnd, 120, 100, 1);
    expectCode(() => sm.smooth([good, person(rnd, 5, 5, 1)], 0.1), 'E_DUPLICATE_ID', /track id 1 occurs twice/);
    expectCode(() => sm.smooth([good, { keypoints: new Float32Array(10), score: 1, id: 2 }], 0.1), 'E_SHAPE', /3 numbers/);
    expectCode(() => sm.smooth([good, { keypoints: new Float32Array(0), score: 1, id: 2 }], 0.1), 'E_SHAPE');
    expectCode(() => sm.smooth([{ keypoints: new Float32Array(3 * 5), score: 1, id: 1 }], 0.1), 'E_SHAPE', /has 5 keypoints; earlier frames of this track had 17/);
    const nan = person(rnd, 1, 1, 2);
    nan.keypoints[7] = NaN;
    expectCode(() => sm.smooth([good, nan], 0.1), 'E_NONFINITE', /keypoint 2 \(y\)/);
    expectCode(() => sm.smooth([good], NaN), 'E_NONFINITE', /timestampSec/);
    expectCode(() => sm.smooth([good], undefined as unknown as number), 'E_ARGUMENT');
    expectCode(() => sm.smooth([{ keypoints: new Float64Array(51), score: 1, id: 1 } as unknown as Pose], 0.1), 'E_DTYPE');
    expectCode(() => sm.smooth([{ ...good, id: NaN }], 0.1), 'E_ARGUMENT', /finite number/);
    expectCode(() => sm.smooth('x' as unknown as Pose[], 0.1), 'E_ARGUMENT');
    expectCode(() => sm.smooth([null as unknown as Pose], 0.1), 'E_ARGUMENT');
    // Late frame far past maxAge that then throws: the state must survive (no drop before validation ends).
    expectCode(() => sm.smooth([good, person(rnd, 5, 5, 1)], 50), 'E_DUPLICATE_ID');
    expect(sm.size).toBe(1);
    const a = sm.smooth([good], 0.1)[0]!.keypoints;
    const b = ref.smooth([good], 0.1)[0]!.keypoints;
    expect(Array.from(a)).toEqual(Array.from(b));
    // A stale track may come back with another keypoint count: it is a new track.
    expect(sm.smooth([{ keypoints: new Float32Array([1, 2, 1]), score: 1, id: 1 }], 5)[0]!.keypoints[0]).toBe(1);
  });

  it('rejects bad options', () => {
    expectCode(() => createPoseSmoother({ filter: 'kalman' as never }), 'E_ARGUMENT', /'one-euro' or 'velocity'/);
    expectCode(() => createPoseSmoother({ maxAgeSec: 0 }), 'E_RANGE', /maxAgeSec must be > 0/);
    expectCode(() => createPoseSmoother({ maxAge: 1000 } as never), 'E_ARGUMENT', /unknown option "maxAge" \(did you mean maxAgeSec/);
    // The hint is only given where the posekit name exists.
    expect(() => createOneEuroFilter(2, { maxAge: 1 } as never)).toThrow(/unknown option "maxAge"; allowed/);
    expectCode(() => createPoseSmoother({ maxAgeSec: NaN }), 'E_NONFINITE');
    expectCode(() => createPoseSmoother({ maxAge: 1 } as never), 'E_ARGUMENT', /unknown option "maxAge"/);
    expectCode(() => createPoseSmoother({ oneEuro: { minCutoff: 0 } }), 'E_RANGE', /oneEuro.*minCutoff/);
    expectCode(() => createPoseSmoother({ oneEuro: { beta: -1 } }), 'E_RANGE');
    expectCode(() => createPoseSmoother({ velocity: { windowSize: 0 } }), 'E_RANGE', /windowSize/);
    expectCode(() => createPoseSmoother({ minScore: NaN }), 'E_NONFINITE');
    expectCode(() => createPoseSmoother({ smoothScores: 'yes' as never }), 'E_ARGUMENT');
    expectCode(() => createPoseSmoother({ smoothScores: { minCutoff: -2 } }), 'E_RANGE');
    expectCode(() => createPoseSmoother({ inPlace: 1 as never }), 'E_ARGUMENT');
    expectCode(() => createPoseSmoother([] as never), 'E_ARGUMENT');
  });
});
