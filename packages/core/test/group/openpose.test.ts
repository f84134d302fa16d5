import { describe, expect, it } from 'vitest';
import { describeWithShared } from '../../../../test-support/shared.js';
import { expectCode } from '../../../../test-support/errors.js';
import { COCO18_TO_COCO17, OPENPOSE_LIMB_SEQ } from '../../src/group/layouts.js';
import { assembleOpenPose, emptyConnections, groupOpenPose } from '../../src/group/openpose.js';
import type { LimbConnections } from '../../src/group/types.js';
import { decode, openPoseOptions, readGroupingFixture } from './helpers.js';

const FIXTURES = ['op_empty', 'op_1person', 'op_2person_missing', 'op_3person_overlap', 'op_8person'];

describeWithShared('groupOpenPose on the golden fixtures', FIXTURES.map((f) => `fixtures/grouping/${f}.json`), () => {
  for (const name of FIXTURES) {
    it(`${name}: same candidates, connections and person rows as pytorch-openpose`, () => {
      const f = readGroupingFixture(name);
      const r = groupOpenPose(decode(f.inputs.heatmaps), decode(f.inputs.pafs), openPoseOptions(f.params));
      const e = f.expected;
      expect(r.candidates.count).toBe(e.candidate.length);
      e.candidate.forEach((c: number[], i: number) => {
        expect([r.candidates.x[i], r.candidates.y[i], i]).toEqual([c[0], c[1], c[3]]);
        expect(Math.abs(r.candidates.score[i]! - c[2]!)).toBeLessThanOrEqual(1e-6);
      });
      expect(r.specialK).toEqual(e.special_k);
      e.connection_all.forEach((rows: number[][], k: number) => {
        const c = r.connections[k];
        expect(c === null ? 0 : c.count).toBe(rows.length);
        rows.forEach((q, n) => {
          expect([c!.idA[n], c!.idB[n], c!.i[n], c!.j[n]]).toEqual([q[0], q[1], q[3], q[4]]);
          expect(Math.abs(c!.score[n]! - q[2]!)).toBeLessThanOrEqual(1e-6);
        });
      });
      expect(r.subsets.length).toBe(e.subset.length);
      e.subset.forEach((row: number[], i: number) => {
        expect(Array.from(r.subsets[i]!.subarray(0, 18))).toEqual(row.slice(0, 18));
        expect(r.subsets[i]![19]).toBe(row[19]);
        expect(Math.abs(r.subsets[i]![18]! - row[18]!)).toBeLessThanOrEqual(1e-6);
        expect(r.poses[i]!.score).toBe(r.subsets[i]![18]);
      });
    });
  }

  it('emits COCO-17 poses on request (neck dropped, parts remapped)', () => {
    const f = readGroupingFixture('op_1person');
    const hm = decode(f.inputs.heatmaps);
    const pf = decode(f.inputs.pafs);
    const p18 = groupOpenPose(hm, pf, openPoseOptions(f.params)).poses[0]!;
    const p17 = groupOpenPose(hm, pf, { ...openPoseOptions(f.params), layout: 'coco17' }).poses[0]!;
    expect(p18.layout).toBe('openpose_coco18');
    expect(p17.layout).toBe('coco17');
    expect(p17.keypoints.length).toBe(51);
    for (let part = 0; part < 18; part++) {
      const k = COCO18_TO_COCO17[part]!;
      if (k < 0) continue;
      expect(Array.from(p17.keypoints.subarray(3 * k, 3 * k + 3))).toEqual(Array.from(p18.keypoints.subarray(3 * part, 3 * part + 3)));
    }
  });
});

describe('assembleOpenPose', () => {
  const conn = (limb: number, pairs: [number, number, number][]): LimbConnections => {
    const c = emptyConnections(limb, pairs.length, false);
    pairs.forEach(([a, b, s], n) => {
      c.idA[n] = a;
      c.idB[n] = b;
      c.score[n] = s;
      c.count++;
    });
    return c;
  };
  // parts 0..4; candidate ids: a=0 (part 0), b=1 (part 1), c=2 (part 2), d=3 (part 1), e=4 (part 3), f=5 (part 4)
  const scores = Float64Array.from([0.9, 0.8, 0.7, 0.6, 0.5, 0.4]);
  const limbs: [number, number][] = [
    [3, 4], // L0: e-f  -> row R3
    [0, 1], // L1: a-b  -> row R1
    [2, 1], // L2: c-d  -> row R2
    [0, 2], // L3: a-c  -> R1 and R2 share part 1: not disjoint -> R1[2] = c (c now in two rows)
    [2, 3], // L4: c-e  -> matches R3 (e), R1 (c) and R2 (c): the reference raises IndexError here
  ];
  const connections = [conn(0, [[4, 5, 0.5]]), conn(1, [[0, 1, 0.6]]), conn(2, [[2, 3, 0.7]]), conn(3, [[0, 2, 0.8]]), conn(4, [[2, 4, 0.9]])];

  it('ignores a third matching row instead of raising (documented fix) and merges the first two', () => {
    const rows = assembleOpenPose(connections, limbs, scores, 17, 0, 0);
    // R3 (row 0) and R1 (row 1) are disjoint -> merged into row 0; R2 stays.
    expect(rows.length).toBe(2);
    const merged = rows[0]!;
    expect(Array.from(merged.subarray(0, 5))).toEqual([0, 1, 2, 4, 5]);
    // R3 total 0.5+0.4+0.5; R1 total 0.9+0.8+0.6, then +1 part (c) with 0.7+0.8; merge adds 0.9.
    expect(merged[19]).toBe(2 + 3);
    expect(merged[18]).toBeCloseTo(0.5 + 0.4 + 0.5 + (0.9 + 0.8 + 0.6) + (0.7 + 0.8) + 0.9, 12);
    expect(Array.from(rows[1]!.subarray(0, 3))).toEqual([-1, 3, 2]);
  });

  it('overwrites an occupied slot on a one-row match, counting it again (reference quirk)', () => {
    // L0 a-b creates the row; L1 a-d (same parts 0-1) matches it through a and overwrites b with d.
    const rows = assembleOpenPose([conn(0, [[0, 1, 0.6]]), conn(1, [[0, 3, 0.5]])], [[0, 1], [0, 1]], scores, 17, 0, 0);
    expect(rows.length).toBe(1);
    expect(rows[0]![1]).toBe(3);
    expect(rows[0]![19]).toBe(3);
    expect(rows[0]![18]).toBeCloseTo(0.9 + 0.8 + 0.6 + (0.6 + 0.5), 12);
  });

  it('creates new rows only for limbs below newPersonLimbs, then applies the deletion rule', () => {
    expect(assembleOpenPose([conn(0, [[0, 1, 0.6]])], [[0, 1]], scores, 0, 0, 0)).toEqual([]);
    expect(assembleOpenPose([conn(0, [[0, 1, 0.6]])], [[0, 1]], scores, 17, 3, 0)).toEqual([]);
    expect(assembleOpenPose([conn(0, [[0, 1, 0.6]])], [[0, 1]], scores, 17, 2, 1.2)).toEqual([]);
    expect(assembleOpenPose([conn(0, [[0, 1, 0.6]])], [[0, 1]], scores, 17, 2, 1.1).length).toBe(1);
  });
});

describe('groupOpenPose input checks', () => {
  const H = 16;
  const W = 12;
  const hm = { data: new Float32Array(19 * H * W), dims: [19, H, W] };
  const pf = { data: new Float32Array(38 * H * W), dims: [38, H, W] };

  it('returns an empty result for all-zero maps and for zero-sized maps', () => {
    const r = groupOpenPose(hm, pf);
    expect(r.poses).toEqual([]);
    expect(r.candidates.count).toBe(0);
    expect(r.specialK.length).toBe(OPENPOSE_LIMB_SEQ.length);
    const z = groupOpenPose({ data: new Float32Array(0), dims: [18, 0, 5] }, { data: new Float32Array(0), dims: [38, 0, 5] });
    expect(z.poses).toEqual([]);
  });

  it('accepts [1, C, H, W] and float64 maps', () => {
    expect(groupOpenPose({ data: new Float64Array(19 * H * W), dims: [1, 19, H, W] }, { data: pf.data, dims: [1, 38, H, W] }).poses).toEqual([]);
  });

  it('rejects maps of the wrong rank, batch, dtype, length or channel count', () => {
    expectCode(() => groupOpenPose({ data: hm.data, dims: [19 * H, W] }, pf), 'E_RANK');
    expectCode(() => groupOpenPose({ data: new Float32Array(2 * 19 * H * W), dims: [2, 19, H, W] }, pf), 'E_SHAPE');
    expectCode(() => groupOpenPose({ data: new Int32Array(19 * H * W) as unknown as Float32Array, dims: [19, H, W] }, pf), 'E_DTYPE');
    expectCode(() => groupOpenPose({ data: hm.data.subarray(1), dims: [19, H, W] }, pf), 'E_SHAPE');
    expectCode(() => groupOpenPose({ data: new Float32Array(17 * H * W), dims: [17, H, W] }, pf), 'E_SHAPE');
    expectCode(() => groupOpenPose(hm, { data: new Float32Array(36 * H * W), dims: [36, H, W] }), 'E_SHAPE');
    expectCode(() => groupOpenPose(null as unknown as typeof hm, pf), 'E_ARGUMENT');
  });

  it('rejects heatmaps and PAFs of different sizes', () => {
    expectCode(() => groupOpenPose(hm, { data: new Float32Array(38 * H * (W + 1)), dims: [38, H, W + 1] }), 'E_SHAPE');
  });

  it('rejects NaN in a heatmap and in a PAF value it reads', () => {
    const bad = Float32Array.from(hm.data);
    bad[5 * H * W + 3] = Number.NaN;
    expectCode(() => groupOpenPose({ data: bad, dims: [19, H, W] }, pf), 'E_NONFINITE');
    // Two candidates of the neck (part 1) and right shoulder (part 2), limb 0 reads PAF channels 12/13.
    const h2 = new Float32Array(19 * H * W);
    const blob = (part: number, cx: number, cy: number): void => {
      for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) h2[part * H * W + y * W + x] = Math.exp(-((x - cx) ** 2 + (y - cy) ** 2) / 8);
    };
    blob(1, 3, 3);
    blob(2, 8, 11);
    // NaN in a PAF channel that no scored limb reads is never seen (documented: PAFs are checked where read).
    const p2 = new Float32Array(38 * H * W);
    p2.fill(Number.NaN, 30 * H * W, 31 * H * W);
    const ok = groupOpenPose({ data: h2, dims: [19, H, W] }, { data: p2, dims: [38, H, W] });
    expect(ok.candidates.count).toBe(2);
    // Limb 0 (neck -> right shoulder) reads channels 12 / 13 along its line.
    p2.fill(Number.NaN, 12 * H * W, 13 * H * W);
    expectCode(() => groupOpenPose({ data: h2, dims: [19, H, W] }, { data: p2, dims: [38, H, W] }), 'E_NONFINITE');
  });

  it('rejects bad options', () => {
    expectCode(() => groupOpenPose(hm, pf, { layout: 'coco18' as 'coco17' }), 'E_ARGUMENT');
    expectCode(() => groupOpenPose(hm, pf, { stride: 0 }), 'E_RANGE');
    expectCode(() => groupOpenPose(hm, pf, { thre1: Number.NaN }), 'E_ARGUMENT');
    expectCode(() => groupOpenPose(hm, pf, { limbSeq: [[0, 3]] }), 'E_RANGE');
    expectCode(() => groupOpenPose(hm, pf, { mapIdx: [[31, 32]] }), 'E_SHAPE');
  });
});
