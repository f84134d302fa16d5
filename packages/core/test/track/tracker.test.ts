import { describe, expect, it } from 'vitest';
import { BOX_TRACKER_DEFAULTS, KEYPOINT_TRACKER_DEFAULTS, createPoseSmoother, createPoseTracker, getLayout, trackOks } from '../../src/index.js';
import type { Pose, PoseTrackerOptions } from '../../src/index.js';
import { ids, person, pose4 } from './helpers.js';

// tfjs-models pose-detection src/calculators/keypoint_tracker_test.ts, trackerConfig (maxAge 1000 ms = 1 s).
const TFJS_TEST_CONFIG: PoseTrackerOptions = {
  maxTracks: 4,
  maxAgeSec: 1,
  minSimilarity: 0.5,
  keypointConfidenceThreshold: 0.2,
  keypointFalloff: [0.1, 0.1, 0.1, 0.1],
  minNumberOfKeypoints: 2,
};

const trackIds = (tr: { tracks: readonly { id: number }[] }): number[] => tr.tracks.map((t) => t.id);
const trackTimes = (tr: { tracks: readonly { lastTimestamp: number }[] }): number[] => tr.tracks.map((t) => t.lastTimestamp);

describe('createPoseTracker: the tfjs-models "Apply keypoint tracker" sequence', () => {
  it('ids, track order and timestamps as tfjs expects them (timestamps in seconds here, µs there)', () => {
    const tr = createPoseTracker(TFJS_TEST_CONFIG);
    // t = 0: the pose becomes track 1.
    let out = tr.update([pose4([0.2, 0.2, 1.0], [0.4, 0.4, 0.8], [0.6, 0.6, 0.9], [0.8, 0.8, 0.0])], 0);
    expect(ids(out)).toEqual([1]);
    expect(trackIds(tr)).toEqual([1]);
    expect(trackTimes(tr)).toEqual([0]);

    // t = 0.1: the first pose links with track 1, the second spawns track 2.
    out = tr.update(
      [
        pose4([0.2, 0.2, 1.0], [0.4, 0.4, 0.8], [0.6, 0.6, 0.9], [0.8, 0.8, 0.8]),
        pose4([0.8, 0.8, 0.8], [0.6, 0.6, 0.3], [0.4, 0.4, 0.1], [0.2, 0.2, 0.8]),
      ],
      0.1,
    );
    expect(ids(out)).toEqual([1, 2]);
    expect(trackIds(tr)).toEqual([1, 2]);
    expect(trackTimes(tr)).toEqual([0.1, 0.1]);

    // t = 0.9: the first pose links with track 2, the second spawns track 3; track 1 (t = 0.1) is last.
    out = tr.update(
      [
        pose4([0.6, 0.7, 0.7], [0.5, 0.6, 0.7], [0.0, 0.0, 0.1], [0.2, 0.1, 1.0]),
        pose4([0.5, 0.1, 0.6], [0.9, 0.3, 0.6], [0.1, 1.0, 0.9], [0.4, 0.4, 0.1]),
      ],
      0.9,
    );
    expect(ids(out)).toEqual([2, 3]);
    expect(trackIds(tr)).toEqual([2, 3, 1]);
    expect(trackTimes(tr)).toEqual([0.9, 0.9, 0.1]);

    // t = 1.2: track 1 is 1.1 s old (> maxAgeSec) and gone, so a copy of its pose spawns track 4; the second
    // pose links with track 2; the third spawns track 5.
    out = tr.update(
      [
        pose4([0.2, 0.2, 1.0], [0.4, 0.4, 0.8], [0.6, 0.6, 0.9], [0.8, 0.8, 0.8]),
        pose4([0.55, 0.7, 0.7], [0.5, 0.6, 0.9], [1.0, 1.0, 0.1], [0.8, 0.1, 0.0]),
        pose4([0.1, 0.1, 0.1], [0.2, 0.2, 0.9], [0.3, 0.3, 0.7], [0.4, 0.4, 0.8]),
      ],
      1.2,
    );
    expect(ids(out)).toEqual([4, 2, 5]);
    expect(trackIds(tr)).toEqual([2, 4, 5, 3]);
    expect(trackTimes(tr)).toEqual([1.2, 1.2, 1.2, 0.9]);

    // t = 1.3: a new pose spawns track 6; maxTracks = 4 drops the stalest track (3).
    out = tr.update([pose4([0.1, 0.8, 1.0], [0.2, 0.9, 0.6], [0.2, 0.9, 0.5], [0.8, 0.2, 0.4])], 1.3);
    expect(ids(out)).toEqual([6]);
    expect(trackIds(tr)).toEqual([6, 2, 4, 5]);
    expect(trackTimes(tr)).toEqual([1.3, 1.2, 1.2, 1.2]);
  });
});

describe('createPoseTracker: identities', () => {
  it('two people crossing paths keep their ids, whatever their order in the input', () => {
    // A (240 px tall) walks right, B (300 px tall, a little lower) walks left, 6 px per frame at 30 fps;
    // they pass each other at frame 25 (both centred at x = 300).
    const tr = createPoseTracker();
    let idA: number | undefined;
    let idB: number | undefined;
    for (let f = 0; f <= 50; f++) {
      const a = person(150 + 6 * f, 100, 240);
      const b = person(450 - 6 * f, 80, 300);
      const swap = f % 3 === 1;
      const out = tr.update(swap ? [b, a] : [a, b], f / 30);
      const [oa, ob] = swap ? [out[1]!, out[0]!] : [out[0]!, out[1]!];
      if (f === 0) {
        idA = oa.id;
        idB = ob.id;
        expect([idA, idB]).toEqual([1, 2]);
      }
      expect([oa.id, ob.id], `frame ${f}`).toEqual([idA, idB]);
    }
    expect(trackIds(tr).sort()).toEqual([1, 2]);
  });

  it('at the crossing the other person’s track is similar too; the greedy order still gets it right', () => {
    // The same scene, checked where it is hardest: the cross similarities are not negligible.
    const a0 = person(150 + 6 * 24, 100, 240);
    const b0 = person(450 - 6 * 24, 80, 300);
    const a1 = person(150 + 6 * 25, 100, 240);
    const sig = getLayout('coco17').sigmas!;
    const own = trackOks(a1.keypoints, a0.keypoints, sig, 0.3, 4);
    const cross = trackOks(a1.keypoints, b0.keypoints, sig, 0.3, 4);
    expect(cross).toBeGreaterThan(KEYPOINT_TRACKER_DEFAULTS.minSimilarity);
    expect(own).toBeGreaterThan(cross);
  });

  it('a person who leaves keeps the id when back within maxAgeSec, and gets a new one after it', () => {
    const tr = createPoseTracker({ maxAgeSec: 1 });
    const p = person(300, 100, 240);
    expect(ids(tr.update([p], 0.5))).toEqual([1]);
    tr.update([], 1.0);
    // Back at 1.5 s: 1.5 − 0.5 = 1.0 <= maxAgeSec (inclusive, as tfjs's `<=`): same id.
    expect(ids(tr.update([p], 1.5))).toEqual([1]);
    tr.update([], 2.0);
    // Back at 2.5625 s: 2.5625 − 1.5 = 1.0625 > maxAgeSec: the track is gone, new id.
    expect(ids(tr.update([p], 2.5625))).toEqual([2]);
    expect(trackIds(tr)).toEqual([2]);
  });

  it('an empty frame ages tracks out', () => {
    const tr = createPoseTracker({ maxAgeSec: 0.5 });
    tr.update([person(100, 100, 200), person(400, 100, 200)], 0);
    expect(tr.update([], 0.25)).toEqual([]);
    expect(trackIds(tr)).toEqual([1, 2]);
    tr.update([], 0.75);
    expect(tr.tracks).toEqual([]);
  });

  it('a pose less similar than minSimilarity starts a new track; equal to it continues the track', () => {
    const a0 = person(300, 100, 240);
    const a1 = person(312, 104, 240);
    const s = trackOks(a1.keypoints, a0.keypoints, getLayout('coco17').sigmas!, 0.3, 4);
    expect(s).toBeGreaterThan(0.05);
    expect(s).toBeLessThan(0.95);
    const at = createPoseTracker({ minSimilarity: s });
    at.update([a0], 0);
    expect(ids(at.update([a1], 0.1))).toEqual([1]);
    const above = createPoseTracker({ minSimilarity: Math.min(1, s + 1e-9) });
    above.update([a0], 0);
    expect(ids(above.update([a1], 0.1))).toEqual([2]);
    expect(trackIds(above)).toEqual([2, 1]);
  });

  it('poses with fewer than minNumberOfKeypoints confident keypoints never continue a track', () => {
    const tr = createPoseTracker();
    const faint = person(300, 100, 240, 0.1);
    expect(ids(tr.update([faint], 0))).toEqual([1]);
    expect(ids(tr.update([faint], 0.1))).toEqual([2]);
  });

  it('maxTracks keeps the most recently matched tracks (tfjs order: matched, then new, then older)', () => {
    const tr = createPoseTracker({ maxTracks: 2 });
    const A = person(100, 100, 200);
    const B = person(300, 100, 200);
    const C = person(500, 100, 200);
    expect(ids(tr.update([A, B], 0))).toEqual([1, 2]);
    // C arrives, A and B are not seen: C (t = 0.1) is freshest; A and B tie at t = 0 and keep their order.
    expect(ids(tr.update([C], 0.1))).toEqual([3]);
    expect(trackIds(tr)).toEqual([3, 1]);
    // B comes back within maxAgeSec, but its track was cut: new id. A is matched and stays ahead of B's new track.
    expect(ids(tr.update([B, A], 0.2))).toEqual([4, 1]);
    expect(trackIds(tr)).toEqual([1, 4]);
  });

  it('more new people than maxTracks in one frame: all get ids, the extra tracks are cut at once (as tfjs)', () => {
    const tr = createPoseTracker({ maxTracks: 2 });
    const people = [person(100, 100, 200), person(300, 100, 200), person(500, 100, 200)];
    expect(ids(tr.update(people, 0))).toEqual([1, 2, 3]);
    expect(trackIds(tr)).toEqual([1, 2]);
    expect(ids(tr.update(people, 0.1))).toEqual([1, 2, 4]);
  });

  it('reset drops every track and the timestamp floor, but ids keep growing (tfjs keeps nextID)', () => {
    const tr = createPoseTracker();
    tr.update([person(100, 100, 200), person(300, 100, 200)], 5);
    tr.reset();
    expect(tr.tracks).toEqual([]);
    expect(ids(tr.update([person(100, 100, 200)], 0))).toEqual([3]);
  });

  it('other layouts: Halpe-26 with its sigmas', () => {
    const sig = getLayout('halpe26').sigmas!;
    const tr = createPoseTracker({ keypointFalloff: sig });
    const mk = (dx: number): Pose => {
      const kp = new Float32Array(78);
      for (let k = 0; k < 26; k++) kp.set([200 + dx + 7 * (k % 5), 100 + 11 * k, 0.9], 3 * k);
      return { keypoints: kp, score: 0.9 };
    };
    tr.update([mk(0), mk(300)], 0);
    expect(ids(tr.update([mk(302), mk(2)], 0.04))).toEqual([2, 1]);
  });
});

describe("createPoseTracker: similarity 'box'", () => {
  const withBox = (x1: number, y1: number, x2: number, y2: number): Pose => ({ keypoints: new Float32Array(51), score: 0.9, box: { x1, y1, x2, y2, score: 0.8 } });

  it('IoU against the track box decides; the default minSimilarity is 0.15', () => {
    const tr = createPoseTracker({ similarity: 'box' });
    expect(tr.options.minSimilarity).toBe(0.15);
    tr.update([withBox(0, 0, 100, 200)], 0);
    // IoU 18000 / 22000 = 0.818 -> same track
    expect(ids(tr.update([withBox(10, 0, 110, 200)], 0.1))).toEqual([1]);
    // vs the updated track box [10,0,110,200]: [95,0,195,200] overlaps 15·200 = 3000, union 40000 − 3000:
    // IoU = 3000 / 37000 = 0.081 < 0.15 -> new track
    expect(ids(tr.update([withBox(95, 0, 195, 200)], 0.2))).toEqual([2]);
  });

  it('minSimilarity between two hand-computed IoUs picks the better track', () => {
    const tr = createPoseTracker({ similarity: 'box', minSimilarity: 0.5 });
    tr.update([withBox(0, 0, 100, 100), withBox(200, 0, 300, 100)], 0);
    // [40,0,140,100] vs track 1: 60·100 / (20000 − 6000) = 0.4286 < 0.5; vs track 2: 0 -> new id 3.
    // [180,0,280,100] vs track 2: 80·100 / (20000 − 8000) = 0.6667 -> id 2.
    expect(ids(tr.update([withBox(40, 0, 140, 100), withBox(180, 0, 280, 100)], 0.1))).toEqual([3, 2]);
  });

  it('without pose.box the box around the confident keypoints stands in', () => {
    const tr = createPoseTracker({ similarity: 'box' });
    tr.update([person(100, 100, 200), person(400, 100, 200)], 0);
    expect(ids(tr.update([person(404, 102, 200), person(98, 99, 200)], 0.1))).toEqual([2, 1]);
    // No confident keypoint and no box: no box at all, similarity 0 with everything.
    expect(ids(tr.update([person(100, 100, 200, 0.1)], 0.2))).toEqual([3]);
    expect(ids(tr.update([person(100, 100, 200, 0.1)], 0.3))).toEqual([4]);
  });

  it('keypoints of any count are accepted (only a multiple of 3 is required)', () => {
    const tr = createPoseTracker({ similarity: 'box' });
    expect(ids(tr.update([{ keypoints: new Float32Array(6), score: 1, box: { x1: 0, y1: 0, x2: 5, y2: 5 } }], 0))).toEqual([1]);
  });
});

describe('createPoseTracker: inputs and views', () => {
  it('never mutates its input; returns shallow copies with id', () => {
    const tr = createPoseTracker();
    const a = person(100, 100, 200);
    a.box = { x1: 70, y1: 90, x2: 130, y2: 300, score: 0.7, label: 0 };
    const b: Pose = { ...person(400, 100, 200), id: 99 };
    const before = [a, b].map((p) => ({ ...p, keypoints: p.keypoints.slice(), box: p.box && { ...p.box } }));
    const input = [a, b];
    const out = tr.update(input, 0);
    expect(input).toEqual([a, b]);
    expect(a).toEqual(before[0]);
    expect(b).toEqual(before[1]);
    expect(a.id).toBeUndefined();
    expect(b.id).toBe(99);
    expect(out[0]).not.toBe(a);
    expect(out[0]!.keypoints).toBe(a.keypoints);
    expect(out[0]!.box).toBe(a.box);
    expect(out.map((p) => p.id)).toEqual([1, 2]);
    expect(out[1]!.score).toBe(b.score);
  });

  it('tracks are frozen snapshots with copies of the keypoints and box', () => {
    const tr = createPoseTracker();
    const a = person(100, 100, 200);
    a.box = { x1: 70, y1: 90, x2: 130, y2: 300, score: 0.7 };
    tr.update([a], 0);
    const view = tr.tracks;
    expect(tr.tracks).toBe(view);
    expect(Object.isFrozen(view)).toBe(true);
    expect(Object.isFrozen(view[0])).toBe(true);
    expect(view[0]!.keypoints).toEqual(a.keypoints);
    expect(view[0]!.keypoints).not.toBe(a.keypoints);
    expect(view[0]!.box).toEqual({ x1: 70, y1: 90, x2: 130, y2: 300, score: 0.7 });
    // Writing to the input afterwards does not reach the tracker.
    a.keypoints.fill(0);
    expect(tr.tracks[0]!.keypoints[0]).toBe(100);
    // A pose without a box replaces the track's box with none.
    tr.update([person(101, 100, 200)], 0.1);
    expect(tr.tracks).not.toBe(view);
    expect(tr.tracks[0]!.box).toBeUndefined();
  });

  it('options report the tfjs defaults, in seconds', () => {
    const tr = createPoseTracker();
    expect(tr.options).toEqual({
      similarity: 'keypoints',
      maxTracks: 18,
      maxAgeSec: 1,
      minSimilarity: 0.2,
      keypointConfidenceThreshold: 0.3,
      keypointFalloff: getLayout('coco17').sigmas,
      minNumberOfKeypoints: 4,
    });
    expect(KEYPOINT_TRACKER_DEFAULTS.keypointFalloff).toEqual(getLayout('coco17').sigmas);
    expect(createPoseTracker({ similarity: 'box' }).options.minSimilarity).toBe(BOX_TRACKER_DEFAULTS.minSimilarity);
    expect(createPoseTracker({ maxAgeSec: Infinity }).options.maxAgeSec).toBe(Infinity);
    // The resolved falloff is a frozen copy.
    const fall = [0.1, 0.2];
    const custom = createPoseTracker({ keypointFalloff: fall });
    fall[0] = 5;
    expect(custom.options.keypointFalloff).toEqual([0.1, 0.2]);
  });

  it('equal timestamps are accepted', () => {
    const tr = createPoseTracker();
    const p = person(100, 100, 200);
    tr.update([p], 1);
    expect(ids(tr.update([p], 1))).toEqual([1]);
  });
});

describe('createPoseTracker + createPoseSmoother (the chain the tracking guide shows)', () => {
  it('each person keeps their own filter state although the input order swaps every frame', () => {
    const tracker = createPoseTracker();
    const smoother = createPoseSmoother({ maxAgeSec: 1 });
    for (let f = 0; f < 30; f++) {
      const t = f / 30;
      const jitter = f % 2 === 0 ? 2 : -2;
      const a = person(100 + jitter, 100, 240);
      const b = person(400 - jitter, 100, 240);
      const out = smoother.smooth(tracker.update(f % 2 === 0 ? [a, b] : [b, a], t), t);
      const byId = new Map(out.map((p) => [p.id, p]));
      // Nose x of person 1 stays near 100 and of person 2 near 400: their states never mixed.
      expect(Math.abs(byId.get(1)!.keypoints[0]! - 100), `frame ${f}`).toBeLessThanOrEqual(2);
      expect(Math.abs(byId.get(2)!.keypoints[0]! - 400), `frame ${f}`).toBeLessThanOrEqual(2);
    }
    expect(smoother.size).toBe(2);
  });
});
