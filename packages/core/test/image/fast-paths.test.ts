/**
 * The optimised kernels (row interior spans, tabulated columns, separable resize) must give exactly the bytes /
 * floats of the straightforward per-pixel kernels they replaced (kept in reference-*.ts), on random images,
 * matrices and sizes: axis-aligned and rotated crops, crops partly or wholly outside the image, mirrored
 * matrices, 3 and 4 channels, up- and downscales. The OpenCV goldens pin the arithmetic itself.
 */
import { describe, expect, it } from 'vitest';
import { getUdpWarpMatrix, getWarpMatrix } from '../../src/affine/index.js';
import { affineCropToTensor, letterboxParams, letterboxToTensor, resizeBilinear, warpAffine } from '../../src/image/index.js';
import type { ImageLike } from '../../src/image/index.js';
import { randomImage } from './helpers.js';
import { mulberry32 } from '../../../../test-support/random.js';
import { refLetterboxToTensor, refResizeBilinear } from './reference-resize.js';
import { refAffineCropToTensor, refWarpAffine } from './reference-warp.js';

/** Index of the first element whose bits differ (float32 compared by bits), or -1; fast on megapixel arrays. */
function firstDiff(a: Uint8Array | Float32Array, b: Uint8Array | Float32Array): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  const x = Buffer.from(a.buffer, a.byteOffset, a.byteLength), y = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  if (x.equals(y)) return -1;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return i;
  return -1;
}

const ORDERS: ImageLike['order'][] = ['rgb', 'bgr', 'rgba', 'bgra'];
const NORM = { mean: [123.675, 116.28, 103.53], std: [58.395, 57.12, 57.375] };

/** Random 2x3 matrix of one of several families, mapping a W x H image onto an outW x outH crop. */
function randomMatrix(rand: () => number, W: number, H: number, outW: number, outH: number, kind: number): number[] {
  const s = 0.3 + 3 * rand();
  const cx = (rand() * 1.6 - 0.3) * W, cy = (rand() * 1.6 - 0.3) * H;
  if (kind === 0) return [s, 0, outW / 2 - s * cx, 0, s, outH / 2 - s * cy]; // top-down crop
  if (kind === 1) return [-s, 0, outW / 2 + s * cx, 0, s, outH / 2 - s * cy]; // mirrored x
  if (kind === 2) return [s, 0, outW / 2 - s * cx, 0, -s * 0.7, outH / 2 + s * 0.7 * cy]; // mirrored y, anisotropic
  const th = (rand() - 0.5) * 2 * Math.PI;
  const a = s * Math.cos(th), b = s * Math.sin(th);
  return [a, -b, outW / 2 - a * cx + b * cy, b, a, outH / 2 - b * cx - a * cy]; // rotated
}

describe('optimised warps equal the per-pixel reference bit for bit', () => {
  it('warpAffine and affineCropToTensor over 400 random cases', () => {
    const rand = mulberry32(12345);
    let withInterior = 0;
    for (let i = 0; i < 400; i++) {
      const order = ORDERS[i % 4]!;
      const W = 1 + Math.floor(rand() * 40), H = 1 + Math.floor(rand() * 40);
      const img = randomImage(W, H, order, 1000 + i);
      const outW = 1 + Math.floor(rand() * 30), outH = 1 + Math.floor(rand() * 30);
      const m = randomMatrix(rand, W, H, outW, outH, i % 4);
      const border = i % 3 === 0 ? Math.floor(rand() * 256) : Array.from({ length: img.channels }, () => Math.floor(rand() * 256));
      const want = refWarpAffine(new Uint8Array(outW * outH * img.channels), img, m, outW, outH, border);
      const got = warpAffine(new Uint8Array(outW * outH * img.channels), img, m, outW, outH, border);
      expect(firstDiff(got, want), `warpAffine case ${i}`).toBe(-1);
      const opts = { ...NORM, channelOrder: i % 2 ? ('rgb' as const) : ('bgr' as const), borderValue: border };
      const wantT = refAffineCropToTensor(new Float32Array(3 + 3 * outW * outH), 3, img, m, outW, outH, opts);
      const gotT = affineCropToTensor(new Float32Array(3 + 3 * outW * outH), 3, img, m, outW, outH, opts);
      expect(firstDiff(gotT, wantT), `affineCropToTensor case ${i}`).toBe(-1);
      if (W > 1 && H > 1) withInterior++;
    }
    // Most cases must have an image with an interior (2x2 neighbourhoods), i.e. exercise the fast spans.
    expect(withInterior).toBeGreaterThan(300);
  });

  it('a pipeline-sized top-down crop (192x256 from 640x480) inside, across the edge and rotated', () => {
    const img = randomImage(640, 480, 'rgb', 99);
    for (const m of [
      [1.28, 0, -320, 0, 1.28, -153.6],
      [1.28, 0, 76.8, 0, 1.28, 102.4],
      [0.41, 0, 12.3, 0, 0.41, 7.9],
      [1.078, -0.2185, -200, 0.2185, 1.078, -150],
    ]) {
      const opts = { ...NORM, channelOrder: 'rgb' as const, borderValue: 0 };
      expect(firstDiff(affineCropToTensor(new Float32Array(3 * 192 * 256), 0, img, m, 192, 256, opts), refAffineCropToTensor(new Float32Array(3 * 192 * 256), 0, img, m, 192, 256, opts))).toBe(-1);
      expect(firstDiff(warpAffine(new Uint8Array(192 * 256 * 3), img, m, 192, 256, 114), refWarpAffine(new Uint8Array(192 * 256 * 3), img, m, 192, 256, 114))).toBe(-1);
    }
  });

  it('getWarpMatrix crops (off-diagonals ~1e-16 that quantize away) and a shear that shifts X0 on some rows', () => {
    const img = randomImage(640, 480, 'bgr', 21);
    const mats: number[][] = [[1.28, 2e-5, -320, 0, 1.28, -153.6]];
    for (const [cx, cy, w, h] of [[320, 240, 150, 200], [123.4, 300.7, 97.3, 129.7], [500, 100, 300, 400], [20, 470, 260, 347]] as const) {
      mats.push(Array.from(getWarpMatrix(new Float64Array(6), [cx, cy], [w, h], 0, [192, 256])!));
      mats.push(Array.from(getUdpWarpMatrix(new Float64Array(6), [cx, cy], [w, h], 0, [192, 256])!));
    }
    for (const m of mats) {
      const opts = { ...NORM, channelOrder: 'rgb' as const, borderValue: [0, 50, 255] };
      const got = affineCropToTensor(new Float32Array(3 * 192 * 256), 0, img, m, 192, 256, opts);
      expect(firstDiff(got, refAffineCropToTensor(new Float32Array(3 * 192 * 256), 0, img, m, 192, 256, opts)), `m = ${m.join(', ')}`).toBe(-1);
    }
  });

  it('extreme matrices (coordinates beyond int16 / int32 ranges) still match', () => {
    const img = randomImage(9, 7, 'rgb', 5);
    for (const m of [
      [1e6, 0, 0, 0, 1e6, 0],
      [1e-6, 0, 3, 0, 1e-6, 2],
      [1, 0, -4e6, 0, 1, 3e6],
      [3e5, 2e5, -1e9, -2e5, 3e5, 1e9],
    ]) {
      expect(firstDiff(warpAffine(new Uint8Array(11 * 13 * 3), img, m, 11, 13, 7), refWarpAffine(new Uint8Array(11 * 13 * 3), img, m, 11, 13, 7))).toBe(-1);
    }
  });
});

describe('optimised resizes equal the per-pixel reference bit for bit', () => {
  it('resizeBilinear and letterboxToTensor over 300 random cases', () => {
    const rand = mulberry32(777);
    for (let i = 0; i < 300; i++) {
      const order = ORDERS[i % 4]!;
      const W = 1 + Math.floor(rand() * 50), H = 1 + Math.floor(rand() * 50);
      const img = randomImage(W, H, order, 2000 + i);
      const outW = 1 + Math.floor(rand() * 60), outH = 1 + Math.floor(rand() * 60);
      const want = refResizeBilinear(new Uint8Array(outW * outH * img.channels), img, outW, outH);
      expect(firstDiff(resizeBilinear(new Uint8Array(outW * outH * img.channels), img, outW, outH), want), `resize case ${i}`).toBe(-1);
      const mode = i % 2 ? ('center' as const) : ('topleft' as const);
      const p = letterboxParams(W, H, outW, outH, mode);
      const opts = { ...NORM, channelOrder: i % 3 ? ('rgb' as const) : ('bgr' as const), padValue: Math.floor(rand() * 256) };
      const wantT = refLetterboxToTensor(new Float32Array(2 + 3 * outW * outH), 2, img, p, outW, outH, opts);
      expect(firstDiff(letterboxToTensor(new Float32Array(2 + 3 * outW * outH), 2, img, p, outW, outH, opts), wantT), `letterbox case ${i}`).toBe(-1);
    }
  });

  it('detector letterboxes of a 640x427 frame (RTMDet 320, YOLOX 416, YOLO 640 copy) and a 1.5x upscale', () => {
    const img = randomImage(640, 427, 'rgb', 4);
    const opts = { ...NORM, channelOrder: 'rgb' as const, padValue: 114 };
    for (const [size, mode] of [[320, 'topleft'], [416, 'topleft'], [640, 'center']] as const) {
      const p = letterboxParams(640, 427, size, size, mode);
      expect(firstDiff(letterboxToTensor(new Float32Array(3 * size * size), 0, img, p, size, size, opts), refLetterboxToTensor(new Float32Array(3 * size * size), 0, img, p, size, size, opts))).toBe(-1);
    }
    expect(firstDiff(resizeBilinear(new Uint8Array(960 * 640 * 3), img, 960, 640), refResizeBilinear(new Uint8Array(960 * 640 * 3), img, 960, 640))).toBe(-1);
  });
});
