import { describe, expect, it } from 'vitest';
import { createPoseTracker } from '../../src/index.js';
import type { Pose, PoseTrackerOptions } from '../../src/index.js';
import { expectCode } from '../../../../test-support/errors.js';
import { ids, person } from './helpers.js';

describe('createPoseTracker: bad options', () => {
  const bad = (options: unknown, code: string, message?: RegExp): void =>
    expectCode(() => createPoseTracker(options as PoseTrackerOptions), code, message);

  it('E_ARGUMENT for kinds and names', () => {
    bad(null, 'E_ARGUMENT', /createPoseTracker: options must be an object/);
    bad(5, 'E_ARGUMENT');
    bad({ similarity: 'iou' }, 'E_ARGUMENT', /similarity must be 'keypoints' or 'box'; received "iou"/);
    bad({ keypointTrackerParams: { keypointConfidenceThreshold: 0.3 } }, 'E_ARGUMENT', /unknown option "keypointTrackerParams"/);
    bad({ keypointFalloff: 0.1 }, 'E_ARGUMENT');
    // tfjs's name (milliseconds there) is refused with a pointer to ours, never read as seconds.
    bad({ maxAge: 1000 } as never, 'E_ARGUMENT', /unknown option "maxAge" \(did you mean maxAgeSec \(seconds, not milliseconds\)\?\)/);
  });

  it('E_RANGE for numbers out of range (tfjs validateTrackerConfig, plus finiteness)', () => {
    bad({ maxTracks: 0 }, 'E_RANGE', /maxTracks must be an integer >= 1; received 0/);
    bad({ maxTracks: 2.5 }, 'E_RANGE');
    bad({ maxAgeSec: 0 }, 'E_RANGE', /maxAgeSec must be a number of seconds > 0/);
    bad({ maxAgeSec: -1 }, 'E_RANGE');
    bad({ maxAgeSec: NaN }, 'E_RANGE');
    bad({ maxAgeSec: '1' }, 'E_RANGE');
    bad({ minSimilarity: 1.2 }, 'E_RANGE', /minSimilarity must be a number in \[0, 1\]/);
    bad({ minSimilarity: -0.1 }, 'E_RANGE');
    bad({ keypointConfidenceThreshold: -0.1 }, 'E_RANGE', /keypointConfidenceThreshold/);
    bad({ keypointConfidenceThreshold: NaN }, 'E_RANGE');
    bad({ minNumberOfKeypoints: 0 }, 'E_RANGE', /minNumberOfKeypoints/);
    bad({ keypointFalloff: [0.1, 0] }, 'E_RANGE', /keypointFalloff\[1\] must be > 0/);
  });

  it('E_EMPTY / E_NONFINITE for the falloff array', () => {
    bad({ keypointFalloff: [] }, 'E_EMPTY');
    bad({ keypointFalloff: [0.1, NaN] }, 'E_NONFINITE');
    bad({ keypointFalloff: [0.1, Infinity] }, 'E_NONFINITE');
  });
});

describe('PoseTracker.update: bad input', () => {
  it('timestamps: non-finite -> E_NONFINITE, not a number -> E_ARGUMENT, going back -> E_RANGE', () => {
    const tr = createPoseTracker();
    expectCode(() => tr.update([], NaN), 'E_NONFINITE', /PoseTracker.update: timestampSec must be finite; received NaN/);
    expectCode(() => tr.update([], Infinity), 'E_NONFINITE');
    expectCode(() => tr.update([], '1' as never), 'E_ARGUMENT');
    tr.update([person(100, 100, 200)], 2);
    expectCode(() => tr.update([person(100, 100, 200)], 1.5), 'E_RANGE', /timestamps must not decrease; received 1.5 s after 2 s/);
  });

  it('keypoint count vs falloff -> E_LAYOUT_MISMATCH; not a multiple of 3 in box mode -> E_SHAPE', () => {
    const tr = createPoseTracker();
    const halpe: Pose = { keypoints: new Float32Array(78), score: 1 };
    expectCode(() => tr.update([halpe], 0), 'E_LAYOUT_MISMATCH', /poses\[0\]\.keypoints must hold 3·K = 51 numbers .*pass keypointFalloff.*received 78/);
    expectCode(() => createPoseTracker({ keypointFalloff: [0.1, 0.1] }).update([person(1, 1, 10)], 0), 'E_LAYOUT_MISMATCH', /3·K = 6/);
    const box = createPoseTracker({ similarity: 'box' });
    expectCode(() => box.update([{ keypoints: new Float32Array(5), score: 1 }], 0), 'E_SHAPE', /multiple of 3/);
  });

  it('non-finite keypoints or box values -> E_NONFINITE; inverted box -> E_RANGE', () => {
    const tr = createPoseTracker();
    const nan = person(100, 100, 200);
    nan.keypoints[4] = NaN;
    expectCode(() => tr.update([person(300, 100, 200), nan], 0), 'E_NONFINITE', /poses\[1\]\.keypoints\[4\] must be finite/);
    const inf = person(100, 100, 200);
    inf.box = { x1: 0, y1: 0, x2: Infinity, y2: 10 };
    expectCode(() => tr.update([inf], 0), 'E_NONFINITE', /poses\[0\]\.box\.x2/);
    const inverted = person(100, 100, 200);
    inverted.box = { x1: 10, y1: 0, x2: 0, y2: 10 };
    expectCode(() => tr.update([inverted], 0), 'E_RANGE', /x2 >= x1/);
  });

  it('wrong kinds -> E_ARGUMENT; keypoints not a Float32Array -> E_DTYPE', () => {
    const tr = createPoseTracker();
    expectCode(() => tr.update(null as never, 0), 'E_ARGUMENT', /poses must be an array/);
    expectCode(() => tr.update([null as never], 0), 'E_ARGUMENT', /poses\[0\] must be a Pose/);
    expectCode(() => tr.update([{ keypoints: 3, score: 1 } as never], 0), 'E_DTYPE', /poses\[0\]\.keypoints must be a Float32Array/);
    expectCode(() => tr.update([{ keypoints: Array.from(person(1, 1, 10).keypoints), score: 1 } as never], 0), 'E_DTYPE');
    expectCode(() => tr.update([{ keypoints: new Float64Array(51), score: 1 } as never], 0), 'E_DTYPE');
    expectCode(() => tr.update([{ ...person(1, 1, 10), box: null } as never], 0), 'E_ARGUMENT', /box/);
  });

  it('a rejected update leaves the tracker as it was', () => {
    const tr = createPoseTracker({ maxAgeSec: 0.5 });
    const p = person(100, 100, 200);
    tr.update([p], 0);
    const view = tr.tracks;
    const bad = person(100, 100, 200);
    bad.keypoints[0] = NaN;
    // Late enough to age track 1 out, but the call is rejected before anything changes.
    expectCode(() => tr.update([bad], 10), 'E_NONFINITE');
    expect(tr.tracks).toBe(view);
    // The timestamp floor did not move either, and track 1 is still matchable.
    expect(ids(tr.update([p], 0.25))).toEqual([1]);
  });
});
