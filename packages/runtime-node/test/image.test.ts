import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { isPosekitError } from '@posekit/core';
import { loadImage } from '../src/image.js';
import { describeWithShared, sharedPath } from '../../../test-support/shared.js';

const SKIER = 'data/mmpose-tests/coco/000000000785.jpg';

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (isPosekitError(e)) return e.code;
    throw e;
  }
  throw new Error('expected a PosekitError, but the call succeeded');
}

/** A 4x2 RGB image whose pixel (x, y) is (10x, 10y, 7). */
function pattern(): Buffer {
  const b = Buffer.alloc(4 * 2 * 3);
  for (let y = 0; y < 2; y++) for (let x = 0; x < 4; x++) b.set([10 * x, 10 * y, 7], 3 * (y * 4 + x));
  return b;
}

describeWithShared('loadImage on a real JPEG', [SKIER], () => {
  it('decodes the COCO skier to 640x425 RGB', async () => {
    const img = await loadImage(sharedPath(SKIER));
    expect([img.width, img.height, img.channels, img.order]).toEqual([640, 425, 3, 'rgb']);
    expect(img.data.length).toBe(640 * 425 * 3);
    const ref = await sharp(sharedPath(SKIER)).raw().toBuffer();
    expect(Buffer.from(img.data).equals(ref)).toBe(true);
  });
});

describe('loadImage', () => {
  const dir = mkdtempSync(join(tmpdir(), 'posekit-image-'));
  const raw = { width: 4, height: 2, channels: 3 as const };

  it('PNG and WebP (lossless) round-trip exactly', async () => {
    const png = await sharp(pattern(), { raw }).png().toBuffer();
    const webp = await sharp(pattern(), { raw }).webp({ lossless: true }).toBuffer();
    for (const bytes of [png, webp]) {
      const img = await loadImage(new Uint8Array(bytes));
      expect([img.width, img.height, img.channels]).toEqual([4, 2, 3]);
      expect(Array.from(img.data)).toEqual(Array.from(pattern()));
    }
  });

  it('applies the EXIF orientation (6 = rotate 90° clockwise)', async () => {
    const jpg = await sharp(pattern(), { raw }).jpeg({ quality: 100 }).withMetadata({ orientation: 6 }).toBuffer();
    const p = join(dir, 'rotated.jpg');
    writeFileSync(p, jpg);
    const img = await loadImage(p);
    expect([img.width, img.height]).toEqual([2, 4]);
    const kept = await loadImage(p, { autoOrient: false });
    expect([kept.width, kept.height]).toEqual([4, 2]);
  });

  it('grey and RGBA images come out as 3-channel RGB', async () => {
    const grey = await sharp(Buffer.from([0, 50, 100, 150]), { raw: { width: 2, height: 2, channels: 1 } }).png().toBuffer();
    const g = await loadImage(grey);
    expect(g.channels).toBe(3);
    expect(Array.from(g.data.subarray(3, 6))).toEqual([50, 50, 50]);
    const rgba = await sharp(Buffer.from([1, 2, 3, 255, 4, 5, 6, 0]), { raw: { width: 2, height: 1, channels: 4 } }).png().toBuffer();
    const c = await loadImage(rgba);
    expect(Array.from(c.data)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('raw pixels', async () => {
    const img = await loadImage(new Uint8Array(pattern()), { raw });
    expect(Array.from(img.data)).toEqual(Array.from(pattern()));
  });

  it('undecodable bytes and empty input -> E_IMAGE_DECODE', async () => {
    expect(await codeOf(loadImage(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8])))).toBe('E_IMAGE_DECODE');
    expect(await codeOf(loadImage(new Uint8Array(0)))).toBe('E_IMAGE_DECODE');
    const p = join(dir, 'broken.jpg');
    writeFileSync(p, Buffer.from('not a jpeg'));
    expect(await codeOf(loadImage(p))).toBe('E_IMAGE_DECODE');
    const png = await sharp(pattern(), { raw }).png().toBuffer();
    expect(await codeOf(loadImage(new Uint8Array(png.subarray(0, 40))))).toBe('E_IMAGE_DECODE');
  });

  it('zero-size image -> E_IMAGE_SIZE', async () => {
    const png = Buffer.from(await sharp(pattern(), { raw }).png().toBuffer());
    png.writeUInt32BE(0, 16); // IHDR width = 0
    expect(await codeOf(loadImage(new Uint8Array(png)))).toBe('E_IMAGE_SIZE');
    expect(await codeOf(loadImage(new Uint8Array(0), { raw: { width: 0, height: 2, channels: 3 } }))).toBe('E_IMAGE_SIZE');
    expect(await codeOf(loadImage(new Uint8Array(5), { raw }))).toBe('E_IMAGE_SIZE');
  });

  it('missing file -> E_FILE_NOT_FOUND; wrong input kind -> E_ARGUMENT', async () => {
    expect(await codeOf(loadImage(join(dir, 'none.png')))).toBe('E_FILE_NOT_FOUND');
    expect(await codeOf(loadImage(42 as never))).toBe('E_ARGUMENT');
  });
});
