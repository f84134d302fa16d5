import { describe, expect, it } from 'vitest';
import { checkImage } from '../../src/image/index.js';
import type { ImageLike } from '../../src/image/index.js';

describe('checkImage', () => {
  const ok: ImageLike = { data: new Uint8Array(2 * 3 * 3), width: 2, height: 3, channels: 3, order: 'rgb' };
  it('returns a valid image unchanged (Uint8ClampedArray RGBA too)', () => {
    expect(checkImage('f', ok)).toBe(ok);
    const rgba: ImageLike = { data: new Uint8ClampedArray(16), width: 2, height: 2, channels: 4, order: 'rgba' };
    expect(checkImage('f', rgba)).toBe(rgba);
  });
  it.each([
    ['not an object', null, 'E_ARGUMENT'],
    ['float data', { ...ok, data: new Float32Array(18) }, 'E_DTYPE'],
    ['zero width', { ...ok, width: 0 }, 'E_IMAGE_SIZE'],
    ['fractional height', { ...ok, height: 1.5 }, 'E_IMAGE_SIZE'],
    ['unknown order', { ...ok, order: 'yuv' }, 'E_ARGUMENT'],
    ['channels not matching the order', { ...ok, channels: 4 }, 'E_ARGUMENT'],
    ['data length', { ...ok, data: new Uint8Array(17) }, 'E_SHAPE'],
  ])('rejects %s', (_n, img, code) => {
    expect(() => checkImage('fn', img as unknown as ImageLike)).toThrowError(expect.objectContaining({ code }));
  });
  it('names the function and what was received', () => {
    expect(() => checkImage('myFn', { ...ok, data: new Uint8Array(5) })).toThrow(/myFn: image.data has 5 bytes but 2x3x3 needs 18/);
  });
});
