/**
 * Bad input to the tracker helpers that used to pass silently: a falloff whose (2σ)² underflows (NaN similarity),
 * an `out` array aliasing the similarities, and a track count that sized a scratch buffer of gigabytes for zero poses.
 */
import { describe, expect, it } from 'vitest';
import { assignTracks, createPoseTracker, trackOks } from '../../src/index.js';
import { expectCode } from '../../../../test-support/errors.js';
import { person } from './helpers.js';

describe('track: bad input', () => {
  it('a keypoint falloff below 1e-150 is refused (trackOks was NaN for coinciding keypoints)', () => {
    const kp = person(100, 50, 200).keypoints;
    expectCode(() => trackOks(kp, kp, new Array(17).fill(1e-200), 0.3, 4), 'E_RANGE', /keypointFalloff\[0\] must be > 0 \(at least 1e-150\); received 1e-200/);
    expectCode(() => createPoseTracker({ keypointFalloff: new Array(17).fill(1e-200) }), 'E_RANGE');
    expect(trackOks(kp, kp, new Array(17).fill(1e-150), 0.3, 4)).toBe(1);
  });

  it('assignTracks refuses an out that shares memory with the similarities', () => {
    const buf = new Int32Array(4);
    expectCode(() => assignTracks(buf, buf, 2, 2, 0), 'E_ARGUMENT', /out must not share memory with similarity/);
    expectCode(() => assignTracks(buf.subarray(2), buf.subarray(0, 4), 2, 2, 0), 'E_ARGUMENT');
  });

  it('assignTracks with no poses allocates nothing for numTracks (3e9 took seconds and 3 GB)', () => {
    const t0 = performance.now();
    const out = new Int32Array(1).fill(7);
    expect(assignTracks(out, [], 0, 3e9, 0.2)).toBe(out);
    expect(out[0]).toBe(7);
    expect(performance.now() - t0).toBeLessThan(500);
  });
});

describe('createPoseTracker: option names from Object.prototype', () => {
  it('are unknown options, without a bogus "did you mean" (the hint lookup used to crash on them)', () => {
    expectCode(() => createPoseTracker({ constructor: 1 } as never), 'E_ARGUMENT', /unknown option "constructor"; allowed: /);
    expectCode(() => createPoseTracker({ maxAge: 1000 } as never), 'E_ARGUMENT', /did you mean maxAgeSec/);
  });
});
