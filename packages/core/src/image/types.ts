/**
 * Images as posekit sees them: interleaved 8-bit pixels plus size and channel order, and their validation.
 *
 * @module
 */
import { PosekitError, describeValue } from '../errors.js';

/**
 * An 8-bit interleaved image (HWC), as decoded by sharp, a canvas `ImageData` (`rgba`, `Uint8ClampedArray`) or
 * OpenCV (`bgr`). `data[(y * width + x) * channels + c]`.
 */
export interface ImageLike {
  /** Pixels, row-major, `width * height * channels` bytes. */
  data: Uint8Array | Uint8ClampedArray;
  /** Width in pixels (> 0). */
  width: number;
  /** Height in pixels (> 0). */
  height: number;
  /** 3 (`rgb`, `bgr`) or 4 (`rgba`, `bgra`). */
  channels: 3 | 4;
  /** Channel order of `data`. */
  order: 'rgb' | 'rgba' | 'bgr' | 'bgra';
}

const ORDERS: Record<string, number> = { rgb: 3, bgr: 3, rgba: 4, bgra: 4 };

/**
 * Check that `image` is a valid {@link ImageLike} and return it.
 *
 * @param fn - calling function, for the message
 * @param image - the value to check
 * @param name - argument name, for the message (default `'image'`)
 * @returns the image
 * @throws PosekitError `E_ARGUMENT` (not an object, unknown order, channels not 3/4 or not matching the order),
 *   `E_DTYPE` (data not a Uint8Array / Uint8ClampedArray), `E_IMAGE_SIZE` (width / height not positive integers),
 *   `E_SHAPE` (data length != width * height * channels)
 */
export function checkImage(fn: string, image: ImageLike, name = 'image'): ImageLike {
  if (typeof image !== 'object' || image === null) {
    throw new PosekitError('E_ARGUMENT', `${fn}: ${name} must be an ImageLike {data, width, height, channels, order}; received ${describeValue(image)}`, {
      expected: 'ImageLike',
      received: describeValue(image),
    });
  }
  const { data, width, height, channels, order } = image;
  if (!(data instanceof Uint8Array || data instanceof Uint8ClampedArray)) {
    throw new PosekitError('E_DTYPE', `${fn}: ${name}.data must be a Uint8Array or Uint8ClampedArray; received ${describeValue(data)}`, {
      expected: 'Uint8Array | Uint8ClampedArray',
      received: describeValue(data),
    });
  }
  if (!(Number.isInteger(width) && width > 0 && Number.isInteger(height) && height > 0)) {
    throw new PosekitError('E_IMAGE_SIZE', `${fn}: ${name} width and height must be positive integers; received ${describeValue(width)}x${describeValue(height)}`, {
      expected: 'width > 0, height > 0 (integers)',
      received: { width, height },
    });
  }
  const want = ORDERS[order as string];
  if (want === undefined) {
    throw new PosekitError('E_ARGUMENT', `${fn}: ${name}.order must be 'rgb', 'rgba', 'bgr' or 'bgra'; received ${describeValue(order)}`, {
      expected: Object.keys(ORDERS),
      received: order,
    });
  }
  if (channels !== want) {
    throw new PosekitError('E_ARGUMENT', `${fn}: ${name}.channels must be ${want} for order '${order}'; received ${describeValue(channels)}`, {
      expected: want,
      received: channels,
    });
  }
  const n = width * height * channels;
  if (data.length !== n) {
    throw new PosekitError('E_SHAPE', `${fn}: ${name}.data has ${data.length} bytes but ${width}x${height}x${channels} needs ${n}`, {
      expected: n,
      received: data.length,
    });
  }
  return image;
}

/** Options shared by the functions that write normalized NCHW float32 planes. */
export interface NormalizeOptions {
  /**
   * Per-plane mean in 0..255 units, in the **output plane order** (`channelOrder`): e.g. MMPose RGB
   * `[123.675, 116.28, 103.53]`; for `pixel / 255` use mean `[0, 0, 0]` and std `[255, 255, 255]`.
   */
  mean: readonly number[];
  /** Per-plane std in 0..255 units (> 0), output plane order, e.g. `[58.395, 57.12, 57.375]`. */
  std: readonly number[];
  /** Plane order of the tensor: `'rgb'` (plane 0 = red) or `'bgr'`. */
  channelOrder: 'rgb' | 'bgr';
}
