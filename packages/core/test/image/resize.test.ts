import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { letterboxParams, letterboxToTensor, resizeBilinear } from '../../src/image/index.js';
import type { ImageLike } from '../../src/image/index.js';
import { makeImage, randomImage } from './helpers.js';

interface Golden {
  width: number;
  height: number;
  images: Record<string, string>;
  resize: { image: string; size: [number, number]; data: string }[];
  letterbox: { image: string; mode: 'center' | 'topleft'; size: [number, number]; scale: number; padX: number; padY: number; data: string }[];
}
const golden = JSON.parse(readFileSync(fileURLToPath(new URL('./opencv-golden.json', import.meta.url)), 'utf8')) as Golden;
const bytes = (b64: string): Uint8Array => new Uint8Array(Buffer.from(b64, 'base64'));
const goldenImage = (name: string): ImageLike => ({ data: bytes(golden.images[name]!), width: golden.width, height: golden.height, channels: 3, order: 'bgr' });

describe('resizeBilinear vs cv2.resize INTER_LINEAR (golden from OpenCV)', () => {
  for (const c of golden.resize) {
    it(`${c.image} -> ${c.size.join('x')} is bit-exact`, () => {
      const [w, h] = c.size;
      const out = resizeBilinear(new Uint8Array(w * h * 3), goldenImage(c.image), w, h);
      expect(Array.from(out)).toEqual(Array.from(bytes(c.data)));
    });
  }
});

describe('resizeBilinear analytic cases', () => {
  it('same size is a copy', () => {
    const img = randomImage(9, 7);
    expect(Array.from(resizeBilinear(new Uint8Array(9 * 7 * 3), img, 9, 7))).toEqual(Array.from(img.data));
  });
  it('exact 2x downscale is the rounded 2x2 mean', () => {
    const img = randomImage(10, 8, 'rgb', 5);
    const out = resizeBilinear(new Uint8Array(5 * 4 * 3), img, 5, 4);
    const at = (x: number, y: number, c: number): number => img.data[(y * 10 + x) * 3 + c]!;
    for (let y = 0; y < 4; y++) for (let x = 0; x < 5; x++) for (let c = 0; c < 3; c++) {
      const s = at(2 * x, 2 * y, c) + at(2 * x + 1, 2 * y, c) + at(2 * x, 2 * y + 1, c) + at(2 * x + 1, 2 * y + 1, c);
      expect(out[(y * 5 + x) * 3 + c]).toBe((s + 2) >> 2);
    }
  });
  it('a constant image stays constant at any size', () => {
    const img = makeImage(7, 5, 'rgb', () => 201);
    for (const v of resizeBilinear(new Uint8Array(13 * 11 * 3), img, 13, 11)) expect(v).toBe(201);
  });
  it('rejects a wrong out length and sizes', () => {
    expect(() => resizeBilinear(new Uint8Array(3), randomImage(4, 4), 2, 2)).toThrowError(expect.objectContaining({ code: 'E_SHAPE' }));
    expect(() => resizeBilinear(new Uint8Array(0), randomImage(4, 4), 0, 2)).toThrowError(expect.objectContaining({ code: 'E_IMAGE_SIZE' }));
  });
});

describe('letterboxParams', () => {
  it('Ultralytics centred 640x480 -> 640x640: scale 1, 80 px top / bottom', () => {
    expect(letterboxParams(640, 480, 640, 640, 'center')).toEqual({ scale: 1, padX: 0, padY: 80, width: 640, height: 480 });
  });
  it('Ultralytics rounding: round(dw - 0.1) with half to even', () => {
    // 500x333 -> 640: r = 1.28, new 640x426, dh = 107 -> top = round(106.9) = 107.
    expect(letterboxParams(500, 333, 640, 640, 'center')).toEqual({ scale: 1.28, padX: 0, padY: 107, width: 640, height: 426 });
  });
  it('YOLOX top-left: int() truncation of the resized size; mmcv half-up as an option', () => {
    const p = letterboxParams(640, 427, 416, 416, 'topleft');
    expect(p).toEqual({ scale: 0.65, padX: 0, padY: 0, width: 416, height: 277 });
    expect(letterboxParams(640, 427, 416, 416, 'topleft', 'half-up').height).toBe(278);
  });
  it('rejects bad sizes and modes', () => {
    expect(() => letterboxParams(0, 10, 10, 10, 'center')).toThrowError(expect.objectContaining({ code: 'E_IMAGE_SIZE' }));
    expect(() => letterboxParams(10, 10, 10, 10, 'middle' as 'center')).toThrowError(expect.objectContaining({ code: 'E_ARGUMENT' }));
    expect(() => letterboxParams(10, 10, 10, 10, 'center', 'ceil' as 'floor')).toThrowError(expect.objectContaining({ code: 'E_ARGUMENT' }));
  });
});

describe('letterboxToTensor vs Ultralytics / YOLOX letterbox (golden from OpenCV)', () => {
  for (const c of golden.letterbox) {
    it(`${c.image} ${c.mode} -> ${c.size.join('x')}`, () => {
      const [W, H] = c.size;
      const img = goldenImage(c.image);
      const p = letterboxParams(img.width, img.height, W, H, c.mode);
      expect(p.scale).toBeCloseTo(c.scale, 12);
      expect([p.padX, p.padY]).toEqual([c.padX, c.padY]);
      const out = letterboxToTensor(new Float32Array(3 * W * H), 0, img, p, W, H, { mean: [0, 0, 0], std: [1, 1, 1], channelOrder: 'bgr', padValue: 114 });
      const ref = bytes(c.data);
      for (let i = 0; i < W * H; i++) for (let ch = 0; ch < 3; ch++) expect(out[ch * W * H + i]).toBe(ref[i * 3 + ch]);
    });
  }
});

describe('letterboxToTensor validation', () => {
  const opts = { mean: [0, 0, 0], std: [255, 255, 255], channelOrder: 'rgb' as const };
  it('rejects params outside the input', () => {
    const img = randomImage(10, 10);
    expect(() => letterboxToTensor(new Float32Array(300), 0, img, { scale: 1, padX: 1, padY: 0, width: 10, height: 10 }, 10, 10, opts)).toThrowError(expect.objectContaining({ code: 'E_RANGE' }));
  });
  it('rejects a pad value out of range', () => {
    const img = randomImage(10, 10);
    const p = letterboxParams(10, 10, 10, 10, 'center');
    expect(() => letterboxToTensor(new Float32Array(300), 0, img, p, 10, 10, { ...opts, padValue: -1 })).toThrowError(expect.objectContaining({ code: 'E_RANGE' }));
  });
});
