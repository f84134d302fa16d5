import { describe, expect, it } from 'vitest';
import { describeWithShared } from '../../../../test-support/shared.js';
import { expectCode } from '../../../../test-support/errors.js';
import { groupBodyParts } from '../../src/group/body-parts.js';
import { COCO18_TO_COCO17 } from '../../src/group/layouts.js';
import { bodyPartsOptions, decode, readGroupingFixture } from './helpers.js';

const FIXTURES = ['ibp_empty', 'ibp_1person', 'ibp_2person_missing', 'ibp_3person_overlap', 'ibp_8person'];

describeWithShared('groupBodyParts on the golden fixtures', FIXTURES.map((f) => `fixtures/grouping/${f}.json`), () => {
  for (const name of FIXTURES) {
    it(`${name}: same candidates, connections and person rows as Improved-Body-Parts`, () => {
      const f = readGroupingFixture(name);
      const r = groupBodyParts(decode(f.inputs.heatmaps), decode(f.inputs.limbs), { ...bodyPartsOptions(f.params), layout: 'openpose_coco18' });
      const e = f.expected;
      expect(r.candidates.count).toBe(e.candidate.length);
      e.candidate.forEach((c: number[], i: number) => {
        expect(c[3]).toBe(i);
        // Bit-identical in practice (numpy's float32 pairwise order is reproduced); the contract is 1e-6.
        expect(Math.abs(r.candidates.x[i]! - c[0]!)).toBeLessThanOrEqual(1e-6);
        expect(Math.abs(r.candidates.y[i]! - c[1]!)).toBeLessThanOrEqual(1e-6);
        expect(Math.abs(r.candidates.score[i]! - c[2]!)).toBeLessThanOrEqual(1e-6);
      });
      expect(r.specialK).toEqual(e.special_k);
      e.connection_all.forEach((rows: number[][], k: number) => {
        const c = r.connections[k];
        expect(c === null ? 0 : c.count).toBe(rows.length);
        rows.forEach((q, n) => {
          expect([c!.idA[n], c!.idB[n], c!.i[n], c!.j[n]]).toEqual([q[0], q[1], q[3], q[4]]);
          expect(Math.abs(c!.score[n]! - q[2]!)).toBeLessThanOrEqual(1e-6);
          expect(Math.abs(c!.length[n]! - q[5]!)).toBeLessThanOrEqual(1e-6);
        });
      });
      expect(r.subsets.length).toBe(e.subset.length);
      e.subset.forEach((row: number[][], i: number) => {
        const got = r.subsets[i]!;
        expect(Array.from({ length: 18 }, (_, p) => got[2 * p])).toEqual(row.slice(0, 18).map((q) => q[0]));
        expect(got[38]).toBe(row[19]![0]);
        for (let p = 0; p < 18; p++) expect(Math.abs(got[2 * p + 1]! - row[p]![1]!)).toBeLessThanOrEqual(1e-6);
        expect(Math.abs(got[36]! - row[18]![0]!)).toBeLessThanOrEqual(1e-6);
        expect(Math.abs(got[39]! - row[19]![1]!)).toBeLessThanOrEqual(1e-6);
        expect(Math.abs(r.poses[i]!.score - e.poses[i].coco_score_1_minus_1_over_total)).toBeLessThanOrEqual(1e-6);
      });
    });
  }

  it('emits COCO-17 by default: neck dropped, parts remapped, missing parts (0, 0, 0)', () => {
    const f = readGroupingFixture('ibp_2person_missing');
    const hm = decode(f.inputs.heatmaps);
    const lm = decode(f.inputs.limbs);
    const r18 = groupBodyParts(hm, lm, { ...bodyPartsOptions(f.params), layout: 'openpose_coco18' });
    const r17 = groupBodyParts(hm, lm, bodyPartsOptions(f.params));
    expect(r17.poses.length).toBe(r18.poses.length);
    r17.poses.forEach((p17, i) => {
      expect(p17.layout).toBe('coco17');
      expect(p17.keypoints.length).toBe(51);
      const p18 = r18.poses[i]!;
      for (let part = 0; part < 18; part++) {
        const k = COCO18_TO_COCO17[part]!;
        if (k >= 0) expect(Array.from(p17.keypoints.subarray(3 * k, 3 * k + 3))).toEqual(Array.from(p18.keypoints.subarray(3 * part, 3 * part + 3)));
        if (r18.subsets[i]![2 * part]! < 0) expect(Array.from(p18.keypoints.subarray(3 * part, 3 * part + 3))).toEqual([0, 0, 0]);
      }
    });
    expect(r18.subsets.some((row) => Array.from({ length: 18 }, (_, p) => row[2 * p]).includes(-1))).toBe(true);
  });
});

describe('groupBodyParts centroid refinement', () => {
  // One elongated blob on part 0: taller than wide, centred off the integer peak in x and y differently.
  const H = 20;
  const W = 20;
  const hm = new Float32Array(18 * H * W);
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) hm[y * W + x] = Math.exp(-((x - 9.8) ** 2) / (2 * 1.2 ** 2) - (y - 10.3) ** 2 / (2 * 2.5 ** 2));
  const lm = new Float32Array(30 * H * W);

  it('swaps the axes like the reference by default, and not with fixCentroidAxes', () => {
    const swapped = groupBodyParts({ data: hm, dims: [18, H, W] }, { data: lm, dims: [30, H, W] }).candidates;
    const fixed = groupBodyParts({ data: hm, dims: [18, H, W] }, { data: lm, dims: [30, H, W] }, { fixCentroidAxes: true }).candidates;
    expect(swapped.count).toBe(1);
    expect(fixed.count).toBe(1);
    // The integer peak is (10, 10); the true centre (9.8, 10.3): the fixed refinement moves toward it on both axes.
    expect(fixed.x[0]).toBeLessThan(10);
    expect(fixed.y[0]).toBeGreaterThan(10);
    // The reference applies the row offset to x and the column offset to y.
    expect(swapped.x[0]! - 10).toBeCloseTo(fixed.y[0]! - 10, 12);
    expect(swapped.y[0]! - 10).toBeCloseTo(fixed.x[0]! - 10, 12);
    expect(swapped.score[0]).toBe(fixed.score[0]);
  });
});

describe('groupBodyParts input checks', () => {
  const H = 12;
  const W = 10;
  const hm = { data: new Float32Array(18 * H * W), dims: [18, H, W] };
  const lm = { data: new Float32Array(30 * H * W), dims: [30, H, W] };

  it('returns an empty result for all-zero maps and zero-sized maps', () => {
    const r = groupBodyParts(hm, lm);
    expect(r.poses).toEqual([]);
    expect(r.specialK.length).toBe(30);
    expect(groupBodyParts({ data: new Float32Array(0), dims: [18, 4, 0] }, { data: new Float32Array(0), dims: [30, 4, 0] }).poses).toEqual([]);
  });

  it('rejects wrong rank, dtype, channel count, mismatched sizes', () => {
    expectCode(() => groupBodyParts({ data: hm.data, dims: [18 * H, W] }, lm), 'E_RANK');
    expectCode(() => groupBodyParts({ data: new Uint8Array(18 * H * W) as unknown as Float32Array, dims: [18, H, W] }, lm), 'E_DTYPE');
    expectCode(() => groupBodyParts(hm, { data: new Float32Array(19 * H * W), dims: [19, H, W] }), 'E_SHAPE');
    expectCode(() => groupBodyParts(hm, { data: new Float32Array(30 * (H + 1) * W), dims: [30, H + 1, W] }), 'E_SHAPE');
  });

  it('rejects NaN in a heatmap and in a limb-map value it reads', () => {
    const bad = Float32Array.from(hm.data);
    bad[17 * H * W + 5] = Infinity;
    expectCode(() => groupBodyParts({ data: bad, dims: [18, H, W] }, lm), 'E_NONFINITE');
    // A neck (part 1) and a nose (part 0): limb 0 reads channel 0.
    const h2 = new Float32Array(18 * H * W);
    h2[1 * H * W + 2 * W + 2] = 0.9;
    h2[0 * H * W + 9 * W + 7] = 0.9;
    const l2 = new Float32Array(30 * H * W);
    l2.fill(Number.NaN, 0, H * W);
    expectCode(() => groupBodyParts({ data: h2, dims: [18, H, W] }, { data: l2, dims: [30, H, W] }), 'E_NONFINITE');
  });

  it('rejects bad options', () => {
    expectCode(() => groupBodyParts(hm, lm, { offsetRadius: -1 }), 'E_RANGE');
    expectCode(() => groupBodyParts(hm, lm, { limbs: [[0, 18]] }), 'E_RANGE');
    expectCode(() => groupBodyParts(hm, lm, { layout: 'x' as 'coco17' }), 'E_ARGUMENT');
  });
});

describe('groupBodyParts NMS kernel', () => {
  it('suppresses a weaker peak 2 px away with a 5 x 5 kernel but not with the reference 3 x 3', () => {
    const H = 16;
    const W = 16;
    const hm = new Float32Array(18 * H * W);
    hm[8 * W + 6] = 0.9;
    hm[8 * W + 8] = 0.7;
    const lm = new Float32Array(30 * H * W);
    const k3 = groupBodyParts({ data: hm, dims: [18, H, W] }, { data: lm, dims: [30, H, W] }).candidates;
    const k5 = groupBodyParts({ data: hm, dims: [18, H, W] }, { data: lm, dims: [30, H, W] }, { nmsKernel: 5 }).candidates;
    expect(k3.count).toBe(2);
    expect(k5.count).toBe(1);
    expect(k5.score[0]).toBeCloseTo((0.9 + 0.7) / 25, 7); // window mean of the 5 x 5 centroid box
    expectCode(() => groupBodyParts({ data: hm, dims: [18, H, W] }, { data: lm, dims: [30, H, W] }, { nmsKernel: 4 }), 'E_RANGE');
  });
});
