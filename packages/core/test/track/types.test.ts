/**
 * Type tests for the tracker's public surface (checked by `pnpm typecheck`).
 */
import { describe, expectTypeOf, it } from 'vitest';
import { createPoseTracker } from '../../src/index.js';
import type { Pose, PoseTrack, PoseTracker, ResolvedPoseTrackerOptions, TrackSimilarity } from '../../src/index.js';

describe('tracker types', () => {
  it('update returns poses; tracks and options are read-only', () => {
    const tr = createPoseTracker();
    expectTypeOf(tr).toEqualTypeOf<PoseTracker>();
    expectTypeOf(tr.update).returns.toEqualTypeOf<Pose[]>();
    expectTypeOf(tr.tracks).toEqualTypeOf<readonly PoseTrack[]>();
    expectTypeOf(tr.options).toEqualTypeOf<ResolvedPoseTrackerOptions>();
    expectTypeOf<ResolvedPoseTrackerOptions['similarity']>().toEqualTypeOf<TrackSimilarity>();
    const mutate = (): void => {
      // @ts-expect-error the track list is read-only
      tr.tracks.push({ id: 1, lastTimestamp: 0, keypoints: new Float32Array(0) });
      // @ts-expect-error track ids are read-only
      tr.tracks[0]!.id = 2;
    };
    expectTypeOf(mutate).toBeFunction();
    // @ts-expect-error only 'keypoints' and 'box' are similarities
    const bad = (): PoseTracker => createPoseTracker({ similarity: 'iou' });
    expectTypeOf(bad).toBeFunction();
  });
});
