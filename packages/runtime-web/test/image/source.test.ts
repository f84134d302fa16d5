import type { ImageLike } from '@posekit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeImage, toImageLike } from '../../src/image/source.js';
import { expectCode, rejectedCode } from '../../../../test-support/errors.js';
import { serve } from '../http-server.js';

describe('toImageLike', () => {
  it('returns an ImageLike unchanged', () => {
    const img: ImageLike = { data: new Uint8Array(2 * 3 * 3), width: 2, height: 3, channels: 3, order: 'bgr' };
    expect(toImageLike(img)).toBe(img);
  });

  it('ImageData (or its structured clone): RGBA view of the same pixels, no copy', () => {
    const data = new Uint8ClampedArray(4 * 2 * 2).map((_, i) => i);
    const clone = { data, width: 2, height: 2, colorSpace: 'srgb' };
    const got = toImageLike(clone as unknown as ImageData);
    expect(got).toEqual({ data, width: 2, height: 2, channels: 4, order: 'rgba' });
    expect(got.data).toBe(data);
  });

  it('E_IMAGE_SIZE for an empty ImageData', () => {
    expectCode(() => toImageLike({ data: new Uint8ClampedArray(0), width: 0, height: 0, colorSpace: 'srgb' } as unknown as ImageData), 'E_IMAGE_SIZE');
  });

  it('E_ARGUMENT for anything else, naming it', () => {
    expectCode(() => toImageLike({ width: 3, height: 3 } as never), 'E_ARGUMENT');
    expectCode(() => toImageLike(42 as never), 'E_ARGUMENT');
    expectCode(() => toImageLike(null as never), 'E_ARGUMENT');
    expect(() => toImageLike(new Float32Array(4) as never)).toThrow(/received Float32Array\(4\)/);
  });
});

describe('decodeImage (Node: no createImageBitmap)', () => {
  let server: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => {
    server = await serve({ '/a.jpg': new Uint8Array([0xff, 0xd8, 0xff]) });
  });
  afterAll(() => server.close());

  it('E_DOWNLOAD for a URL that fails', async () => {
    expect(await rejectedCode(decodeImage(`${server.url}/missing.jpg`))).toBe('E_DOWNLOAD');
  });

  it('E_IMAGE_DECODE for empty bytes', async () => {
    expect(await rejectedCode(decodeImage(new Uint8Array(0)))).toBe('E_IMAGE_DECODE');
    expect(await rejectedCode(decodeImage(new Blob([])))).toBe('E_IMAGE_DECODE');
  });

  it('E_ARGUMENT for other values, and where createImageBitmap is missing', async () => {
    expect(await rejectedCode(decodeImage(7 as never))).toBe('E_ARGUMENT');
    expect(typeof (globalThis as { createImageBitmap?: unknown }).createImageBitmap).toBe('undefined');
    expect(await rejectedCode(decodeImage(`${server.url}/a.jpg`))).toBe('E_ARGUMENT');
  });
});
