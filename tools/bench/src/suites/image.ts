/**
 * `pnpm bench image`: the 8-bit image preprocessing kernels of `@posekit/core` (OpenCV-exact bilinear
 * arithmetic) on the sizes the pipelines use: the top-down person crop (`affineCropToTensor`, 192x256 from a
 * 640x480 RGB frame, inside the image and straddling its edge), the detector letterboxes (`letterboxToTensor`:
 * 640x427 -> 320x320 for RTMDet, 640x480 -> 416x416 for YOLOX, 640x427 -> 640x640 for YOLO, which is a copy),
 * `resizeBilinear` (down and up) and `warpAffine`. Inputs are seeded random pixels (the arithmetic does not
 * depend on the values). No reference timings: compare runs of this suite on the same machine.
 */
import { affineCropToTensor, getWarpMatrix, letterboxParams, letterboxToTensor, resizeBilinear, warpAffine, type ImageLike } from '@posekit/core';
import { measure, type Suite } from '../harness.js';

/** Seeded xorshift RGB image. */
function image(width: number, height: number, seed: number): ImageLike {
  const data = new Uint8Array(width * height * 3);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < data.length; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    data[i] = s & 255;
  }
  return { data, width, height, channels: 3, order: 'rgb' };
}

const NORM = { mean: [123.675, 116.28, 103.53], std: [58.395, 57.12, 57.375], channelOrder: 'rgb' as const };

export const suite: Suite = {
  description: 'image kernels: affine person crops, letterboxes, bilinear resize, warpAffine (OpenCV-exact, 8-bit RGB)',
  async run(ctx) {
    const opts = { minRuns: 50, minTimeMs: 1000 };
    const frame = image(640, 480, 7);
    const frame427 = image(640, 427, 11);
    const crop = new Float32Array(3 * 192 * 256);
    // Person box ~150x200 px scaled up to 192x256 (MMPose-style crop, padding 1.25 already applied).
    const inside = [1.28, 0, -1.28 * 250, 0, 1.28, -1.28 * 120];
    // The same crop shifted so a third of it lies left of and above the image (border handling).
    const edge = [1.28, 0, 1.28 * 60, 0, 1.28, 1.28 * 80];
    // A slightly rotated crop (augmentation-style matrix; every sample goes through the general path).
    const th = 0.2, sc = 1.1;
    const rot = [sc * Math.cos(th), -sc * Math.sin(th), -200, sc * Math.sin(th), sc * Math.cos(th), -150];
    ctx.report(await measure('affineCropToTensor_192x256_inside', () => affineCropToTensor(crop, 0, frame, inside, 192, 256, { ...NORM, borderValue: 0 }), opts));
    // What the pipeline passes: MMPose getWarpMatrix (rotation 0, off-diagonals ~1e-16) for a 150x200 box x 1.25.
    const mm = Array.from(getWarpMatrix(new Float64Array(6), [320, 240], [187.5, 250], 0, [192, 256])!);
    ctx.report(await measure('affineCropToTensor_192x256_getWarpMatrix', () => affineCropToTensor(crop, 0, frame, mm, 192, 256, { ...NORM, borderValue: 0 }), opts));
    ctx.report(await measure('affineCropToTensor_192x256_edge', () => affineCropToTensor(crop, 0, frame, edge, 192, 256, { ...NORM, borderValue: 0 }), opts));
    ctx.report(await measure('affineCropToTensor_192x256_rotated', () => affineCropToTensor(crop, 0, frame, rot, 192, 256, { ...NORM, borderValue: 0 }), opts));
    const bytes = new Uint8Array(192 * 256 * 3);
    ctx.report(await measure('warpAffine_192x256_inside', () => warpAffine(bytes, frame, inside, 192, 256), opts));

    const lb = (name: string, img: ImageLike, size: number, mode: 'center' | 'topleft'): Promise<void> => {
      const p = letterboxParams(img.width, img.height, size, size, mode);
      const out = new Float32Array(3 * size * size);
      return measure(name, () => letterboxToTensor(out, 0, img, p, size, size, { ...NORM, padValue: 114 }), opts).then((r) => ctx.report(r));
    };
    await lb('letterboxToTensor_640x427_to_320', frame427, 320, 'topleft');
    await lb('letterboxToTensor_640x480_to_416', frame, 416, 'topleft');
    await lb('letterboxToTensor_640x427_to_640_copy', frame427, 640, 'center');

    const down = new Uint8Array(320 * 213 * 3);
    ctx.report(await measure('resizeBilinear_640x427_to_320x213', () => resizeBilinear(down, frame427, 320, 213), opts));
    const up = new Uint8Array(960 * 720 * 3);
    ctx.report(await measure('resizeBilinear_640x480_to_960x720', () => resizeBilinear(up, frame, 960, 720), opts));
  },
};
