/**
 * Network outputs are float32; the references ran on those values as float64. Float32Array input must give
 * exactly what Float64Array input holding the same (float32) values gives.
 */
import { expect, it } from 'vitest';
import { describeWithShared } from '../../../../test-support/shared.js';
import { groupBodyParts } from '../../src/group/body-parts.js';
import { groupOpenPose } from '../../src/group/openpose.js';
import { bodyPartsOptions, decode, openPoseOptions, readGroupingFixture } from './helpers.js';

const as32 = (t: { data: Float64Array; dims: number[] }) => ({ data: Float32Array.from(t.data), dims: t.dims });
const as64 = (t: { data: Float64Array; dims: number[] }) => ({ data: Float64Array.from(Float32Array.from(t.data)), dims: t.dims });

describeWithShared('float32 and float64 inputs agree', ['fixtures/grouping/op_3person_overlap.json', 'fixtures/grouping/ibp_3person_overlap.json'], () => {
  it('groupOpenPose', () => {
    const f = readGroupingFixture('op_3person_overlap');
    const hm = decode(f.inputs.heatmaps);
    const pf = decode(f.inputs.pafs);
    const a = groupOpenPose(as32(hm), as32(pf), openPoseOptions(f.params));
    const b = groupOpenPose(as64(hm), as64(pf), openPoseOptions(f.params));
    expect(a.candidates).toEqual(b.candidates);
    expect(a.subsets).toEqual(b.subsets);
    expect(a.poses.length).toBe(3);
  });
  it('groupBodyParts', () => {
    const f = readGroupingFixture('ibp_3person_overlap');
    const hm = decode(f.inputs.heatmaps);
    const lm = decode(f.inputs.limbs);
    const a = groupBodyParts(as32(hm), as32(lm), bodyPartsOptions(f.params));
    const b = groupBodyParts(as64(hm), as64(lm), bodyPartsOptions(f.params));
    expect(a.candidates).toEqual(b.candidates);
    expect(a.subsets).toEqual(b.subsets);
    // The part maps are cast to float32 by the reference anyway: float64 maps give the same candidates.
    expect(groupBodyParts(hm, lm, bodyPartsOptions(f.params)).candidates).toEqual(b.candidates);
  });
});
