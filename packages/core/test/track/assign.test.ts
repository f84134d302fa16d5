import { describe, expect, it } from 'vitest';
import { assignTracks } from '../../src/index.js';
import { expectCode } from '../../../../test-support/errors.js';

const run = (sim: number[], n: number, t: number, min: number): number[] => Array.from(assignTracks(new Int32Array(n), sim, n, t, min));

describe('assignTracks (tfjs Tracker.assignTracks)', () => {
  it('greedy in pose order, not optimal: the first pose takes its best track even if a later pose needed it', () => {
    // pose 0: [0.6, 0.9] takes track 1; pose 1: [0.1, 0.95] is left with track 0 at 0.1 < 0.2 -> new track.
    expect(run([0.6, 0.9, 0.1, 0.95], 2, 2, 0.2)).toEqual([1, -1]);
    // The same rows in the other order: pose 0 = [0.1, 0.95] takes track 1, pose 1 = [0.6, 0.9] takes track 0.
    expect(run([0.1, 0.95, 0.6, 0.9], 2, 2, 0.2)).toEqual([1, 0]);
  });

  it('minSimilarity is inclusive (>=); ties go to the lowest track index', () => {
    expect(run([0.2, 0.19], 1, 2, 0.2)).toEqual([0]);
    expect(run([0.19999, 0.19], 1, 2, 0.2)).toEqual([-1]);
    expect(run([0.5, 0.5, 0.5], 1, 3, 0.2)).toEqual([0]);
    expect(run([0.5, 0.5, 0.5, 0.5, 0.5, 0.5], 2, 3, 0.2)).toEqual([0, 1]);
  });

  it('more poses than tracks: the extra poses get -1; no tracks or no poses', () => {
    expect(run([0.9, 0.8, 0.7], 3, 1, 0.2)).toEqual([0, -1, -1]);
    expect(run([], 2, 0, 0.2)).toEqual([-1, -1]);
    expect(run([], 0, 3, 0.2)).toEqual([]);
  });

  it('minSimilarity 0 matches a zero similarity (tfjs semantics of >=)', () => {
    expect(run([0, 0], 1, 2, 0)).toEqual([0]);
  });

  it('bad input -> PosekitError', () => {
    expectCode(() => assignTracks(new Int32Array(1), [0.5, 0.5], 1, 2, -0.1), 'E_RANGE', /assignTracks: minSimilarity/);
    expectCode(() => assignTracks(new Int32Array(1), [0.5, 0.5], 1, 2, NaN), 'E_RANGE');
    expectCode(() => assignTracks(new Int32Array(1), [0.5, 0.5], -1, 2, 0.2), 'E_RANGE');
    expectCode(() => assignTracks(new Int32Array(1), [0.5, 0.5], 1, 1.5, 0.2), 'E_RANGE');
    expectCode(() => assignTracks(new Int32Array(1), [0.5], 1, 2, 0.2), 'E_SHAPE');
    expectCode(() => assignTracks(new Int32Array(1), [0.5, 0.5], 2, 1, 0.2), 'E_SHAPE', /out must hold numPoses = 2/);
    expectCode(() => assignTracks(new Int32Array(1), [0.5, NaN], 1, 2, 0.2), 'E_NONFINITE', /similarity\[1\]/);
    expectCode(() => assignTracks([0] as never, [0.5], 1, 1, 0.2), 'E_ARGUMENT');
    expectCode(() => assignTracks(new Int32Array(1), null as never, 1, 1, 0.2), 'E_ARGUMENT');
  });
});
