/**
 * Image loading for Node with sharp: files or encoded bytes (JPEG, PNG, WebP, and whatever else libvips
 * decodes) or raw pixels, into an RGB {@link ImageLike} with the EXIF orientation applied.
 *
 * @module
 */
import { existsSync, readFileSync } from 'node:fs';
import sharp from 'sharp';
import { PosekitError } from '@posekit/core';
import type { ImageLike } from '@posekit/core';

/** Raw pixel input for {@link loadImage}: interleaved 8-bit pixels of the given size. */
export interface RawPixels {
  /** Width in pixels (> 0). */
  width: number;
  /** Height in pixels (> 0). */
  height: number;
  /** Channels per pixel: 1 (grey), 3 (RGB) or 4 (RGBA). */
  channels: 1 | 3 | 4;
}

/** Options of {@link loadImage}. */
export interface LoadImageOptions {
  /** Treat the input bytes as raw interleaved pixels of this size instead of an encoded image. */
  raw?: RawPixels;
  /** Apply the EXIF orientation (sharp `.rotate()`), default true: a photo is returned the way it is shown. */
  autoOrient?: boolean;
}

/**
 * Dimensions written in a PNG or JPEG header, to tell a zero-size image (`E_IMAGE_SIZE`) apart from
 * undecodable bytes (`E_IMAGE_DECODE`) when libvips refuses both alike.
 */
function headerSize(b: Uint8Array): { width: number; height: number } | undefined {
  if (b.length >= 24 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) {
    const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
    return { width: dv.getUint32(16), height: dv.getUint32(20) };
  }
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8) {
    let i = 2;
    while (i + 9 < b.length) {
      if (b[i] !== 0xff) return undefined;
      const marker = b[i + 1]!;
      const len = (b[i + 2]! << 8) | b[i + 3]!;
      // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return { height: (b[i + 5]! << 8) | b[i + 6]!, width: (b[i + 7]! << 8) | b[i + 8]! };
      }
      i += 2 + len;
    }
  }
  return undefined;
}

/**
 * Load an image into RGB pixels.
 *
 * - A string is a file path; a `Uint8Array` / `Buffer` holds encoded image bytes (JPEG, PNG, WebP, GIF, TIFF,
 *   AVIF ... whatever sharp's libvips decodes), or raw pixels when `options.raw` is given.
 * - The EXIF orientation is applied (`sharp().rotate()`), so a portrait phone photo comes out upright.
 * - Grey and alpha images are converted to 3-channel sRGB (alpha dropped).
 *
 * @param input - file path, or encoded/raw bytes
 * @param options - raw-pixel description, orientation handling
 * @returns `{ data: Uint8Array (H*W*3), width, height, channels: 3, order: 'rgb' }`
 * @throws PosekitError `E_FILE_NOT_FOUND` (no such file), `E_IMAGE_SIZE` (zero width or height, or raw data of
 *   the wrong length), `E_IMAGE_DECODE` (bytes that are not a decodable image), `E_ARGUMENT` (wrong input kind)
 */
export async function loadImage(input: string | Uint8Array, options: LoadImageOptions = {}): Promise<ImageLike> {
  const fn = 'loadImage';
  let source: string | Buffer;
  const label = typeof input === 'string' ? input : `<${input?.byteLength} bytes>`;
  if (typeof input === 'string') {
    if (!existsSync(input)) throw new PosekitError('E_FILE_NOT_FOUND', `${fn}: image file not found: ${input}`, { file: input });
    source = input;
  } else if (input instanceof Uint8Array) {
    source = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  } else {
    throw new PosekitError('E_ARGUMENT', `${fn}: input must be a file path or a Uint8Array; received ${input === null ? 'null' : typeof input}`, {
      expected: 'string | Uint8Array',
      received: typeof input,
    });
  }
  const raw = options.raw;
  if (raw) {
    const { width, height, channels } = raw;
    if (!(Number.isInteger(width) && width > 0 && Number.isInteger(height) && height > 0)) {
      throw new PosekitError('E_IMAGE_SIZE', `${fn}: raw image width and height must be positive integers; received ${width}x${height}`, {
        expected: 'width > 0, height > 0',
        received: { width, height },
      });
    }
    if (channels !== 1 && channels !== 3 && channels !== 4) {
      throw new PosekitError('E_ARGUMENT', `${fn}: raw channels must be 1, 3 or 4; received ${channels}`, { expected: [1, 3, 4], received: channels });
    }
    const byteLength = typeof source === 'string' ? undefined : source.byteLength;
    if (byteLength !== undefined && byteLength !== width * height * channels) {
      throw new PosekitError('E_IMAGE_SIZE', `${fn}: raw data has ${byteLength} bytes but ${width}x${height}x${channels} needs ${width * height * channels}`, {
        expected: width * height * channels,
        received: byteLength,
      });
    }
  } else if (typeof source !== 'string' && source.byteLength === 0) {
    throw new PosekitError('E_IMAGE_DECODE', `${fn}: the image bytes are empty (0 bytes)`, { expected: 'encoded image bytes', received: 'Buffer(0)' });
  }
  try {
    let pipeline = sharp(source, raw ? { raw } : { failOn: 'error' });
    if (options.autoOrient !== false && !raw) pipeline = pipeline.rotate();
    const { data, info } = await pipeline.toColourspace('srgb').removeAlpha().raw().toBuffer({ resolveWithObject: true });
    if (info.width <= 0 || info.height <= 0) {
      throw new PosekitError('E_IMAGE_SIZE', `${fn}: decoded image has zero size (${info.width}x${info.height}): ${label}`, { received: { width: info.width, height: info.height } });
    }
    if (info.channels !== 3) {
      throw new PosekitError('E_IMAGE_DECODE', `${fn}: expected 3 channels after conversion to sRGB; received ${info.channels}: ${label}`, { expected: 3, received: info.channels });
    }
    return { data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height, channels: 3, order: 'rgb' };
  } catch (e) {
    if (e instanceof PosekitError) throw e;
    let bytes: Uint8Array | undefined;
    if (typeof source !== 'string') bytes = source;
    else {
      try {
        bytes = readFileSync(source);
      } catch {
        bytes = undefined;
      }
    }
    const size = bytes ? headerSize(bytes) : undefined;
    if (size && (size.width === 0 || size.height === 0)) {
      throw new PosekitError('E_IMAGE_SIZE', `${fn}: image has zero size (${size.width}x${size.height}): ${label}`, {
        expected: 'width > 0, height > 0',
        received: size,
        file: typeof input === 'string' ? input : undefined,
      }, { cause: e });
    }
    throw new PosekitError('E_IMAGE_DECODE', `${fn}: could not decode image ${label}: ${(e as Error).message}`, {
      file: typeof input === 'string' ? input : undefined,
    }, { cause: e });
  }
}
