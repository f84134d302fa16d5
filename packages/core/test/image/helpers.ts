/** Test helpers for the image tests (not a test file). */
import type { ImageLike } from '../../src/image/index.js';

/** A deterministic pseudo-random image (xorshift), `channels` 3 or 4. */
export function randomImage(width: number, height: number, order: ImageLike['order'] = 'rgb', seed = 1): ImageLike {
  const channels = order.length as 3 | 4;
  const data = new Uint8Array(width * height * channels);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < data.length; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    data[i] = (s >>> 0) & 255;
  }
  return { data, width, height, channels, order };
}

/** Image from a function of (x, y, c). */
export function makeImage(width: number, height: number, order: ImageLike['order'], f: (x: number, y: number, c: number) => number): ImageLike {
  const channels = order.length as 3 | 4;
  const data = new Uint8Array(width * height * channels);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) for (let c = 0; c < channels; c++) data[(y * width + x) * channels + c] = f(x, y, c);
  return { data, width, height, channels, order };
}

/** Pixel (x, y, c) of an interleaved buffer of width `w` with `ch` channels. */
export function px(buf: ArrayLike<number>, w: number, ch: number, x: number, y: number, c: number): number {
  return buf[(y * w + x) * ch + c]!;
}
