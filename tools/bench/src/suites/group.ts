/**
 * `pnpm bench group`: bottom-up grouping (OpenPose PAFs, Improved-Body-Parts) against the reference timings
 * of shared/spec/reference-baselines.json (Python reference code on a 2-core VM, 1 thread).
 *
 * Inputs are the golden fixtures' maps (../shared/fixtures/grouping):
 * - `*_reference`: the grouping at the resolution the reference timed after its ×stride cubic upsampling —
 *   OpenPose 368 × 368 (fixture maps resized to it), Improved-Body-Parts 512 × 512 (the 128 × 128 fixture maps
 *   upsampled ×4 like the reference). The resize itself is timed separately (`*_upsample_*`), as in the
 *   baselines.
 * - `*_fixture`: the grouping on the fixture maps as stored (their own canvas size; no reference timing).
 * - `*_stride`: the stride-sized path on network-resolution maps (OpenPose: the fixture maps area-averaged
 *   by 4, 46 × 46 for 3p and 48 × 64 for 8p, read as stride 8; IBP: the 128 × 128 fixture maps at stride 4),
 *   compared with the reference path it replaces (its upsampling not included, which favours the reference).
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { groupBodyParts, groupOpenPose, resizeBicubic } from '@posekit/core';
import type { Float32Tensor, MapTensor } from '@posekit/core';
import { measure, referenceMedian, sharedDir, withReference } from '../harness.js';
import type { Suite } from '../harness.js';
import { areaDown, fixtureMaps, type FixtureTensorJson } from '../../../../test-support/maps.js';

interface FixtureMaps {
  heatmaps: Float32Tensor;
  second: Float32Tensor;
  people: number;
}

function load(name: string, second: 'pafs' | 'limbs'): FixtureMaps {
  const path = resolve(sharedDir, 'fixtures', 'grouping', `${name}.json`);
  if (!existsSync(path)) {
    throw new Error(`bench group: fixture ${path} is missing. The suite reads ../shared/fixtures/grouping (or $POSEKIT_SHARED/fixtures/grouping).`);
  }
  const f = JSON.parse(readFileSync(path, 'utf8')) as {
    inputs: Record<string, FixtureTensorJson>;
    scene: { people_parts18: unknown[] };
  };
  return { heatmaps: fixtureMaps(f.inputs['heatmaps']!, Float32Array), second: fixtureMaps(f.inputs[second]!, Float32Array), people: f.scene.people_parts18.length };
}

const size = (t: MapTensor): string => `${t.dims[1]}x${t.dims[2]}`;

export const suite: Suite = {
  description: 'bottom-up grouping: OpenPose PAF and Improved-Body-Parts, reference-resolution and stride-sized paths',
  async run(ctx) {
    for (const [tag, name] of [['3p', 'op_3person_overlap'], ['8p', 'op_8person']] as const) {
      const fx = load(name, 'pafs');
      const hm = resizeBicubic(fx.heatmaps, 368, 368);
      const pf = resizeBicubic(fx.second, 368, 368);
      let poses = groupOpenPose(hm, pf).poses.length;
      ctx.report({
        ...withReference(await measure(`openpose_${tag}_reference`, () => groupOpenPose(hm, pf)), referenceMedian(`openpose_${tag}_reference_368x368`), 'pytorch-openpose Body.__call__ grouping at 368x368 (numpy/scipy)'),
        size: size(hm),
        poses,
        people: fx.people,
      });
      poses = groupOpenPose(fx.heatmaps, fx.second).poses.length;
      ctx.report({ ...(await measure(`openpose_${tag}_fixture`, () => groupOpenPose(fx.heatmaps, fx.second))), size: size(fx.heatmaps), poses, people: fx.people });
      // Stride-sized maps: the fixture maps area-averaged by 4 (3p: 46 x 46, 8p: 48 x 64), read as a network's
      // stride-8 output (a 368 x 368 / 384 x 512 image).
      const sh = areaDown(fx.heatmaps, 4);
      const sp = areaDown(fx.second, 4);
      const [sH, sW] = [sh.dims[1]!, sh.dims[2]!];
      ctx.report(
        withReference(await measure(`openpose_${tag}_upsample_x8`, () => [resizeBicubic(sh, sH * 8, sW * 8), resizeBicubic(sp, sH * 8, sW * 8)]), referenceMedian(`openpose_${tag}_upsample_cubic_x8`), 'cv2.resize INTER_CUBIC x8 of heatmaps + PAFs'),
      );
      // Same with caller-owned output buffers (the `out` argument): no 30+ MB allocation per frame.
      const [oh, op] = [new Float32Array(sh.dims[0]! * sH * sW * 64), new Float32Array(sp.dims[0]! * sH * sW * 64)];
      ctx.report(
        withReference(await measure(`openpose_${tag}_upsample_x8_out`, () => [resizeBicubic(sh, sH * 8, sW * 8, oh), resizeBicubic(sp, sH * 8, sW * 8, op)]), referenceMedian(`openpose_${tag}_upsample_cubic_x8`), 'cv2.resize INTER_CUBIC x8 of heatmaps + PAFs'),
      );
      const opts = { stride: 8, imageHeight: sH * 8 };
      poses = groupOpenPose(sh, sp, opts).poses.length;
      ctx.report({
        ...withReference(await measure(`openpose_${tag}_stride`, () => groupOpenPose(sh, sp, opts)), referenceMedian(`openpose_${tag}_reference_368x368`), 'reference path at 368x368 (upsampling excluded)'),
        size: size(sh),
        poses,
        people: fx.people,
        reference_direct_46x46_ms: referenceMedian(`openpose_${tag}_direct_46x46`),
      });
    }
    for (const [tag, name] of [['3p', 'ibp_3person_overlap'], ['8p', 'ibp_8person']] as const) {
      const fx = load(name, 'limbs');
      ctx.report(
        withReference(await measure(`ibp_${tag}_upsample_x4`, () => [resizeBicubic(fx.heatmaps, 512, 512), resizeBicubic(fx.second, 512, 512)]), referenceMedian(`ibp_${tag}_upsample_cubic_x4`), 'cv2.resize INTER_CUBIC x4 of heatmaps + limb maps'),
      );
      const [oh, ol] = [new Float32Array(fx.heatmaps.dims[0]! * 512 * 512), new Float32Array(fx.second.dims[0]! * 512 * 512)];
      ctx.report(
        withReference(await measure(`ibp_${tag}_upsample_x4_out`, () => [resizeBicubic(fx.heatmaps, 512, 512, oh), resizeBicubic(fx.second, 512, 512, ol)]), referenceMedian(`ibp_${tag}_upsample_cubic_x4`), 'cv2.resize INTER_CUBIC x4 of heatmaps + limb maps'),
      );
      const hm = resizeBicubic(fx.heatmaps, 512, 512);
      const lm = resizeBicubic(fx.second, 512, 512);
      let poses = groupBodyParts(hm, lm).poses.length;
      ctx.report({
        ...withReference(await measure(`ibp_${tag}_reference`, () => groupBodyParts(hm, lm)), referenceMedian(`ibp_${tag}_reference_512x512`), 'Improved-Body-Parts find_peaks/connections/people at 512x512 (numpy/torch)'),
        size: size(hm),
        poses,
        people: fx.people,
      });
      poses = groupBodyParts(fx.heatmaps, fx.second).poses.length;
      ctx.report({ ...(await measure(`ibp_${tag}_fixture`, () => groupBodyParts(fx.heatmaps, fx.second))), size: size(fx.heatmaps), poses, people: fx.people });
      const opts = { stride: 4, imageHeight: 512 };
      poses = groupBodyParts(fx.heatmaps, fx.second, opts).poses.length;
      ctx.report({
        ...withReference(await measure(`ibp_${tag}_stride`, () => groupBodyParts(fx.heatmaps, fx.second, opts)), referenceMedian(`ibp_${tag}_reference_512x512`), 'reference path at 512x512 (upsampling excluded)'),
        size: size(fx.heatmaps),
        poses,
        people: fx.people,
        reference_direct_128x128_ms: referenceMedian(`ibp_${tag}_direct_128x128`),
      });
    }
  },
};
