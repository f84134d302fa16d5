/**
 * Bottom-up estimator end to end on the grouping golden fixtures' maps (rendered scenes at stride 1), served by a
 * fake session with the families' exact output conventions. With stride 1 and an image the size of the input the
 * two cubic resizes are identities, so the estimator must reproduce the reference's rows exactly.
 */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { createBottomUpEstimator, getModelPreset, groupBodyParts, groupOpenPose, isPosekitError } from '../../src/index.js';
import type { ImageLike, ModelSpec } from '../../src/index.js';
import { describeWithShared, sharedPath } from '../../../../test-support/shared.js';
import { fakeFixedModel, isDisposed, newCounters } from './fake-sessions.js';

type Enc = { dtype: string; shape: number[]; data?: number[]; format?: string; runs?: number[]; value?: number[] };

function tensor(e: Enc): Float32Array {
  const n = e.shape.reduce((a, b) => a * b, 1);
  const out = new Float32Array(n);
  if (e.format === 'runs') {
    let v = 0;
    for (let i = 0; i < e.runs!.length; i += 2) for (let j = 0; j < e.runs![i + 1]!; j++) out[e.runs![i]! + j] = e.value![v++]!;
  } else out.set(e.data!);
  return out;
}

const OP = 'fixtures/grouping/op_3person_overlap.json';
const IBP = 'fixtures/grouping/ibp_3person_overlap.json';

describeWithShared('createBottomUpEstimator on the grouping fixtures', [OP, IBP], () => {
  it('OpenPose PAF: the reference rows, in image pixels, tensors released', async () => {
    const f = JSON.parse(readFileSync(sharedPath(OP), 'utf8')) as { inputs: { heatmaps: Enc; pafs: Enc }; expected: { subset: number[][]; candidate: number[][] } };
    const [P, H, W] = f.inputs.heatmaps.shape as [number, number, number];
    const hm18 = tensor(f.inputs.heatmaps);
    const hm = new Float32Array((P + 1) * H * W); // + the background channel, as the network outputs it
    hm.set(hm18);
    const paf = tensor(f.inputs.pafs);
    const spec: ModelSpec = {
      ...getModelPreset('openpose-coco18'),
      input: { ...getModelPreset('openpose-coco18').input, width: W, height: H },
      output: { kind: 'paf', heatmapName: 'heatmaps', pafName: 'pafs', stride: 1 },
    };
    const c = newCounters();
    const session = fakeFixedModel(c, ['input', [1, 3, H, W]], { heatmaps: { data: hm, dims: [1, P + 1, H, W] }, pafs: { data: paf, dims: [1, 38, H, W] } });
    const est = createBottomUpEstimator({ session, spec });
    const image: ImageLike = { data: new Uint8Array(W * H * 3), width: W, height: H, channels: 3, order: 'rgb' };
    const r = await est.estimate(image);
    expect(r.poses).toHaveLength(f.expected.subset.length);
    // Same as grouping the maps directly (the reference path), ordered by score.
    const direct = groupOpenPose({ data: hm18, dims: [P, H, W] }, { data: paf, dims: [38, H, W] }).poses.sort((a, b) => b.score - a.score);
    for (let i = 0; i < direct.length; i++) {
      expect(r.poses[i]!.score).toBeCloseTo(direct[i]!.score, 4);
      for (let j = 0; j < direct[i]!.keypoints.length; j++) expect(r.poses[i]!.keypoints[j]).toBeCloseTo(direct[i]!.keypoints[j]!, 3);
      expect(r.poses[i]!.layout).toBe('openpose_coco18');
      expect(r.poses[i]!.box).toBeDefined();
    }
    const totals = f.expected.subset.map((row) => row[18]!).sort((a, b) => b - a);
    expect(r.poses.map((p) => p.score)).toEqual(totals.map((t) => expect.closeTo(t, 4)));
    expect(c.outputsDisposed).toBe(c.outputs);
    expect(isDisposed(c.inputs[0]!)).toBe(true);

    // upsample: false groups at network resolution (stride 1 here: the same maps) and maps back through the letterbox.
    const fast = createBottomUpEstimator({ session, spec, options: { upsample: false } });
    expect((await fast.estimate(image)).poses).toHaveLength(direct.length);
    await est.dispose();
    try {
      await est.estimate(image);
      throw new Error('no throw');
    } catch (e) {
      expect(isPosekitError(e, 'E_STATE')).toBe(true);
    }
  });

  it('stride 2 + letterbox padding: maps upsampled (bicubic), padding cropped, resized to the image; same people', async () => {
    const f = JSON.parse(readFileSync(sharedPath(OP), 'utf8')) as { inputs: { heatmaps: Enc; pafs: Enc } };
    const [P, H, W] = f.inputs.heatmaps.shape as [number, number, number];
    const full = { hm: tensor(f.inputs.heatmaps), paf: tensor(f.inputs.pafs) };
    // Network view: input 200x184 (the 184x184 image letterboxed top-left at scale 1: 16 px of padding on the
    // right), stride 2 -> 100x92 maps whose valid 92x92 corner holds every second pixel of the fixture maps.
    const SW = 100;
    const SH = 92;
    const sub = (src: Float32Array, c: number): Float32Array => {
      const out = new Float32Array(c * SW * SH);
      for (let ch = 0; ch < c; ch++) for (let y = 0; y < H / 2; y++) for (let x = 0; x < W / 2; x++) out[(ch * SH + y) * SW + x] = src[(ch * H + 2 * y) * W + 2 * x]!;
      return out;
    };
    const base = getModelPreset('openpose-coco18');
    const spec: ModelSpec = { ...base, input: { ...base.input, width: 200, height: 184 }, output: { kind: 'paf', heatmapName: 'heatmaps', pafName: 'pafs', stride: 2 } };
    const session = fakeFixedModel(newCounters(), ['input', [1, 3, 184, 200]], {
      heatmaps: { data: sub(full.hm, P), dims: [1, P, SH, SW] },
      pafs: { data: sub(full.paf, 38), dims: [1, 38, SH, SW] },
    });
    const image: ImageLike = { data: new Uint8Array(W * H * 3), width: W, height: H, channels: 3, order: 'rgb' };
    const r = await createBottomUpEstimator({ session, spec }).estimate(image);
    const direct = groupOpenPose({ data: full.hm, dims: [P, H, W] }, { data: full.paf, dims: [38, H, W] }).poses;
    expect(r.poses).toHaveLength(direct.length);
    // Every reference person is found again within 3 px on the keypoints both detect.
    for (const d of direct) {
      const best = Math.min(
        ...r.poses.map((p) => {
          let worst = 0;
          for (let k = 0; k < 18; k++) {
            if (d.keypoints[3 * k + 2]! > 0 && p.keypoints[3 * k + 2]! > 0) {
              worst = Math.max(worst, Math.hypot(p.keypoints[3 * k]! - d.keypoints[3 * k]!, p.keypoints[3 * k + 1]! - d.keypoints[3 * k + 1]!));
            }
          }
          return worst;
        }),
      );
      expect(best).toBeLessThan(3);
    }
  });

  it('Simple Pose body parts: limbs then parts in one tensor, COCO-17 output', async () => {
    const f = JSON.parse(readFileSync(sharedPath(IBP), 'utf8')) as { inputs: { heatmaps: Enc; limbs: Enc }; expected: { subset: unknown[] } };
    const [P, H, W] = f.inputs.heatmaps.shape as [number, number, number];
    const parts = tensor(f.inputs.heatmaps);
    const limbs = tensor(f.inputs.limbs);
    const all = new Float32Array((30 + P + 2) * H * W);
    all.set(limbs, 0);
    all.set(parts, 30 * H * W);
    const base = getModelPreset('simplepose-body-parts');
    const spec: ModelSpec = { ...base, input: { ...base.input, width: W, height: H }, output: { kind: 'body-parts', name: 'output', stride: 1, limbs: 30, parts: 18 } };
    const c = newCounters();
    const est = createBottomUpEstimator({ session: fakeFixedModel(c, ['input', [1, 3, H, W]], { output: { data: all, dims: [1, 50, H, W] } }), spec });
    const r = await est.estimate({ data: new Uint8Array(W * H * 3), width: W, height: H, channels: 3, order: 'bgr' });
    const direct = groupBodyParts({ data: parts, dims: [P, H, W] }, { data: limbs, dims: [30, H, W] }).poses.sort((a, b) => b.score - a.score);
    expect(r.poses).toHaveLength(f.expected.subset.length);
    expect(r.poses).toHaveLength(direct.length);
    for (let i = 0; i < direct.length; i++) {
      expect(r.poses[i]!.keypoints.length).toBe(51);
      expect(r.poses[i]!.score).toBeCloseTo(direct[i]!.score, 4);
      for (let j = 0; j < 51; j++) expect(r.poses[i]!.keypoints[j]).toBeCloseTo(direct[i]!.keypoints[j]!, 3);
    }
    expect(c.outputsDisposed).toBe(c.outputs);
  });

  it('a spec of the wrong kind or with too few channels -> E_MODEL_SPEC', async () => {
    const s = fakeFixedModel(newCounters(), ['input', [1, 3, 8, 8]], { output: { data: new Float32Array(10 * 64), dims: [1, 10, 8, 8] } });
    const base = getModelPreset('simplepose-body-parts');
    const spec: ModelSpec = { ...base, input: { ...base.input, width: 8, height: 8 } };
    const code = (f: () => unknown): string => {
      try {
        f();
      } catch (e) {
        if (isPosekitError(e)) return e.code;
        throw e;
      }
      return 'none';
    };
    expect(code(() => createBottomUpEstimator({ session: s, spec }))).toBe('E_MODEL_SPEC');
    expect(code(() => createBottomUpEstimator({ session: s, spec: getModelPreset('yolo11n-pose') }))).toBe('E_MODEL_SPEC');
  });
});
