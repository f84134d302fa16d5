import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { expectCode } from '../../../../test-support/errors.js';
import { affineCropToTensor, warpAffine } from '../../src/image/index.js';
import type { ImageLike } from '../../src/image/index.js';
import { makeImage, px, randomImage } from './helpers.js';

interface Golden {
  width: number;
  height: number;
  images: Record<string, string>;
  warp: { image: string; M: number[]; border: number; size: [number, number]; data: string }[];
}
const golden = JSON.parse(readFileSync(fileURLToPath(new URL('./opencv-golden.json', import.meta.url)), 'utf8')) as Golden;
const bytes = (b64: string): Uint8Array => new Uint8Array(Buffer.from(b64, 'base64'));
function goldenImage(name: string): ImageLike {
  const data = bytes(golden.images[name]!);
  const channels = name.endsWith('bgra') ? 4 : 3;
  return { data, width: golden.width, height: golden.height, channels, order: channels === 4 ? 'bgra' : 'bgr' };
}

describe('warpAffine vs cv2.warpAffine (INTER_LINEAR, BORDER_CONSTANT; golden from OpenCV)', () => {
  for (const c of golden.warp) {
    it(`${c.image} M=[${c.M.map((v) => +v.toFixed(3)).join(', ')}] border ${c.border} is bit-exact`, () => {
      const img = goldenImage(c.image);
      const [w, h] = c.size;
      const out = warpAffine(new Uint8Array(w * h * img.channels), img, c.M, w, h, c.border);
      expect(Array.from(out)).toEqual(Array.from(bytes(c.data)));
    });
  }
});

describe('warpAffine analytic cases', () => {
  const img = makeImage(8, 6, 'rgb', (x, y, c) => (x * 20 + y * 7 + c * 3) % 256);
  const warp = (m: number[], w: number, h: number, border: number | number[] = 0): Uint8Array => warpAffine(new Uint8Array(w * h * 3), img, m, w, h, border);

  it('identity copies the image', () => {
    expect(Array.from(warp([1, 0, 0, 0, 1, 0], 8, 6))).toEqual(Array.from(img.data));
  });
  it('integer shift moves pixels and fills the border', () => {
    const out = warp([1, 0, 2, 0, 1, -1], 8, 6, 9);
    for (let y = 0; y < 6; y++) {
      for (let x = 0; x < 8; x++) {
        const sx = x - 2, sy = y + 1;
        const inside = sx >= 0 && sx < 8 && sy >= 0 && sy < 6;
        for (let c = 0; c < 3; c++) expect(px(out, 8, 3, x, y, c)).toBe(inside ? px(img.data, 8, 3, sx, sy, c) : 9);
      }
    }
  });
  it('half-pixel shift averages neighbours, rounding half up; the left edge blends the border value', () => {
    const out = warp([1, 0, 0.5, 0, 1, 0], 8, 6, 100);
    for (let y = 0; y < 6; y++) {
      for (let c = 0; c < 3; c++) {
        expect(px(out, 8, 3, 0, y, c)).toBe(Math.floor((100 + px(img.data, 8, 3, 0, y, c) + 1) / 2));
        for (let x = 1; x < 8; x++) {
          expect(px(out, 8, 3, x, y, c)).toBe(Math.floor((px(img.data, 8, 3, x - 1, y, c) + px(img.data, 8, 3, x, y, c) + 1) / 2));
        }
      }
    }
  });
  it('2x upscale: even pixels copy, odd pixels average (interior)', () => {
    const out = warp([2, 0, 0, 0, 2, 0], 14, 10);
    for (let y = 0; y < 10; y += 2) {
      for (let x = 0; x < 14; x++) {
        for (let c = 0; c < 3; c++) {
          const k = x >> 1;
          const want = x % 2 === 0 ? px(img.data, 8, 3, k, y >> 1, c) : Math.floor((px(img.data, 8, 3, k, y >> 1, c) + px(img.data, 8, 3, k + 1, y >> 1, c) + 1) / 2);
          expect(px(out, 14, 3, x, y, c)).toBe(want);
        }
      }
    }
  });
  it('rotation by 90 degrees is an exact pixel permutation', () => {
    // dst(x', y') = (H - 1 - y, x): M = [[0, -1, H - 1], [1, 0, 0]], output W' = H, H' = W.
    const out = warp([0, -1, 5, 1, 0, 0], 6, 8);
    for (let y = 0; y < 6; y++) for (let x = 0; x < 8; x++) for (let c = 0; c < 3; c++) expect(px(out, 6, 3, 5 - y, x, c)).toBe(px(img.data, 8, 3, x, y, c));
  });
  it('a matrix mapping everything off-image gives the constant border (per channel)', () => {
    const out = warp([1, 0, 1000, 0, 1, 1000], 4, 3, [1, 2, 3]);
    for (let i = 0; i < out.length; i++) expect(out[i]).toBe([1, 2, 3][i % 3]);
  });
  it('samples are quantized to 1/32 px like OpenCV: a 1/64 px shift is no shift, 1/32 px is', () => {
    const z = Array.from(warp([1, 0, 0, 0, 1, 0], 8, 6));
    expect(Array.from(warp([1, 0, 1 / 64, 0, 1, 0], 8, 6))).toEqual(z);
    // 1/32 px right: source x - 1/32, i.e. neighbour x-1 with weight 1/32 -> (p[x-1] * 1 + p[x] * 31) / 32, rounded.
    const b = warp([1, 0, 1 / 32, 0, 1, 0], 8, 6);
    for (let x = 1; x < 8; x++) {
      const want = (px(img.data, 8, 3, x - 1, 2, 0) * 1024 + px(img.data, 8, 3, x, 2, 0) * 31744 + 16384) >> 15;
      expect(px(b, 8, 3, x, 2, 0)).toBe(want);
    }
  });
});

describe('warpAffine rejects bad input', () => {
  const img = randomImage(5, 4);
  it.each([
    ['zero output size', () => warpAffine(new Uint8Array(0), img, [1, 0, 0, 0, 1, 0], 0, 4), 'E_IMAGE_SIZE'],
    ['wrong out length', () => warpAffine(new Uint8Array(7), img, [1, 0, 0, 0, 1, 0], 5, 4), 'E_SHAPE'],
    ['singular matrix', () => warpAffine(new Uint8Array(60), img, [1, 2, 0, 2, 4, 0], 5, 4), 'E_RANGE'],
    ['non-finite matrix', () => warpAffine(new Uint8Array(60), img, [1, 0, NaN, 0, 1, 0], 5, 4), 'E_NONFINITE'],
    ['short matrix', () => warpAffine(new Uint8Array(60), img, [1, 0, 0], 5, 4), 'E_ARGUMENT'],
    ['border out of range', () => warpAffine(new Uint8Array(60), img, [1, 0, 0, 0, 1, 0], 5, 4, 300), 'E_RANGE'],
    ['bad image', () => warpAffine(new Uint8Array(60), { ...img, width: 0 }, [1, 0, 0, 0, 1, 0], 5, 4), 'E_IMAGE_SIZE'],
  ])('%s', (_name, f, code) => {
    expect(f).toThrowError(expect.objectContaining({ code }));
  });
});

describe('affineCropToTensor', () => {
  const mean = [123.675, 116.28, 103.53];
  const std = [58.395, 57.12, 57.375];
  const mats = [
    [1.024, 0, 34.56, 0, 1.024, 5.12],
    [0.8868100202128978, 0.5120000116699222, -18.648602613164524, -0.5120000116699222, 0.8868100202128978, 52.3027982746476],
    [0.37, 0.11, 5.3, -0.2, 0.61, 1.7],
    [3.1, 0, -40.2, 0, 3.1, -11.9],
  ];
  it.each(mats.map((m, i) => [i, m] as const))('equals warpAffine + float32 normalize, RGB image -> RGB planes (matrix %i)', (_i, m) => {
    const img = randomImage(53, 37, 'rgb', 7);
    const W = 19, H = 23;
    const ref = warpAffine(new Uint8Array(W * H * 3), img, m, W, H, 17);
    const out = new Float32Array(5 + 3 * W * H);
    affineCropToTensor(out, 5, img, m, W, H, { mean, std, channelOrder: 'rgb', borderValue: 17 });
    for (let p = 0; p < 3; p++) {
      for (let i = 0; i < W * H; i++) {
        const want = Math.fround(Math.fround(ref[i * 3 + p]! - Math.fround(mean[p]!)) / Math.fround(std[p]!));
        expect(out[5 + p * W * H + i]).toBe(want);
      }
    }
  });
  it('swaps channel order for free (BGRA image -> RGB planes) and ignores alpha', () => {
    const rgb = randomImage(20, 15, 'rgb', 3);
    const bgra = { data: new Uint8Array(20 * 15 * 4), width: 20, height: 15, channels: 4 as const, order: 'bgra' as const };
    for (let i = 0; i < 300; i++) {
      bgra.data[4 * i] = rgb.data[3 * i + 2]!;
      bgra.data[4 * i + 1] = rgb.data[3 * i + 1]!;
      bgra.data[4 * i + 2] = rgb.data[3 * i]!;
      bgra.data[4 * i + 3] = 255 - i % 256;
    }
    const m = [0.9, 0.1, 1.5, -0.05, 1.1, -2];
    const a = affineCropToTensor(new Float32Array(3 * 12 * 10), 0, rgb, m, 12, 10, { mean, std, channelOrder: 'rgb' });
    const b = affineCropToTensor(new Float32Array(3 * 12 * 10), 0, bgra, m, 12, 10, { mean, std, channelOrder: 'rgb' });
    expect(Array.from(b)).toEqual(Array.from(a));
    const c = affineCropToTensor(new Float32Array(3 * 12 * 10), 0, rgb, m, 12, 10, { mean: [mean[2]!, mean[1]!, mean[0]!], std: [std[2]!, std[1]!, std[0]!], channelOrder: 'bgr' });
    const plane = 120;
    expect(Array.from(c.subarray(0, plane))).toEqual(Array.from(a.subarray(2 * plane)));
    expect(Array.from(c.subarray(2 * plane))).toEqual(Array.from(a.subarray(0, plane)));
  });
  it('pixel / 255 with mean 0, std 255', () => {
    const img = makeImage(4, 4, 'rgb', () => 51);
    const out = affineCropToTensor(new Float32Array(48), 0, img, [1, 0, 0, 0, 1, 0], 4, 4, { mean: [0, 0, 0], std: [255, 255, 255], channelOrder: 'rgb' });
    for (const v of out) expect(v).toBe(Math.fround(51 / 255));
  });
  it.each([
    ['out too short', () => affineCropToTensor(new Float32Array(10), 0, randomImage(4, 4), [1, 0, 0, 0, 1, 0], 4, 4, { mean, std, channelOrder: 'rgb' }), 'E_SHAPE'],
    ['out not float32', () => affineCropToTensor(new Float64Array(48) as unknown as Float32Array, 0, randomImage(4, 4), [1, 0, 0, 0, 1, 0], 4, 4, { mean, std, channelOrder: 'rgb' }), 'E_DTYPE'],
    ['std zero', () => affineCropToTensor(new Float32Array(48), 0, randomImage(4, 4), [1, 0, 0, 0, 1, 0], 4, 4, { mean, std: [1, 0, 1], channelOrder: 'rgb' }), 'E_RANGE'],
    ['mean NaN', () => affineCropToTensor(new Float32Array(48), 0, randomImage(4, 4), [1, 0, 0, 0, 1, 0], 4, 4, { mean: [NaN, 0, 0], std, channelOrder: 'rgb' }), 'E_NONFINITE'],
    ['mean of 2', () => affineCropToTensor(new Float32Array(48), 0, randomImage(4, 4), [1, 0, 0, 0, 1, 0], 4, 4, { mean: [1, 2], std, channelOrder: 'rgb' }), 'E_SHAPE'],
    ['bad channel order', () => affineCropToTensor(new Float32Array(48), 0, randomImage(4, 4), [1, 0, 0, 0, 1, 0], 4, 4, { mean, std, channelOrder: 'rgba' as 'rgb' }), 'E_ARGUMENT'],
    ['negative offset', () => affineCropToTensor(new Float32Array(48), -1, randomImage(4, 4), [1, 0, 0, 0, 1, 0], 4, 4, { mean, std, channelOrder: 'rgb' }), 'E_RANGE'],
    ['fractional size', () => affineCropToTensor(new Float32Array(48), 0, randomImage(4, 4), [1, 0, 0, 0, 1, 0], 4.5, 4, { mean, std, channelOrder: 'rgb' }), 'E_IMAGE_SIZE'],
  ])('rejects %s', (_n, f, code) => {
    expect(f).toThrowError(expect.objectContaining({ code }));
  });
});

describe('border value and normalization checks (after float32 rounding)', () => {
  const img = randomImage(5, 4);
  const I = [1, 0, 0, 0, 1, 0];
  const mean = [123.675, 116.28, 103.53];
  const std = [58.395, 57.12, 57.375];
  it('a null or short border value is a PosekitError, not a TypeError', () => {
    expectCode(() => warpAffine(new Uint8Array(60), img, I, 5, 4, null as never), 'E_ARGUMENT', /border value must be a number in 0..255 or an array of 3 \(one per channel\); received null/);
    expectCode(() => warpAffine(new Uint8Array(60), img, I, 5, 4, [1, 2]), 'E_SHAPE', /one entry per channel \(3\)/);
    expectCode(() => affineCropToTensor(new Float32Array(60), 0, img, I, 5, 4, { mean, std, channelOrder: 'rgb', borderValue: 'x' as never }), 'E_ARGUMENT');
  });
  it('a std that is tiny in float32 or a mean beyond float32 range is E_RANGE (was Infinity / NaN output)', () => {
    const run = (m: number[], s: number[]) => () => affineCropToTensor(new Float32Array(60), 0, img, I, 5, 4, { mean: m, std: s, channelOrder: 'rgb' });
    expectCode(run(mean, [1e-40, 1, 1]), 'E_RANGE', /std\[0\]/);
    expectCode(run(mean, [1, 1e-46, 1]), 'E_RANGE', /std\[1\] must be a float32 number > 0/);
    expectCode(run([1e39, 0, 0], std), 'E_RANGE', /mean\[0\] must be within float32 range/);
    expectCode(run(mean, [1, 1, 1e39]), 'E_RANGE', /std\[2\]/);
    // Small but representable: every value stays finite.
    const out = run([0, 0, 0], [1e-30, 1, 1])();
    for (const v of out) expect(Number.isFinite(v)).toBe(true);
  });
});
