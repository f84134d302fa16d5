/**
 * Browser image sources -> `ImageLike` (RGBA pixels) through a 2D canvas's `getImageData`, so that the core
 * estimators see the same bytes whatever the source, and the same bytes as Node sees for the same pixels.
 *
 * @module
 */
import { PosekitError, describeValue } from '@posekit/core';
import type { ImageLike } from '@posekit/core';

/**
 * What {@link toImageLike} accepts: every drawable of the 2D canvas API, `ImageData`, or pixels already in
 * `ImageLike` form (passed through unchanged).
 */
export type WebImageSource =
  | HTMLImageElement
  | HTMLVideoElement
  | HTMLCanvasElement
  | OffscreenCanvas
  | ImageBitmap
  | ImageData
  | VideoFrame
  | ImageLike;

type Drawable = Exclude<WebImageSource, ImageData | ImageLike>;
type Ctx2D = OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D;

const has = (name: string): boolean => typeof (globalThis as Record<string, unknown>)[name] === 'function';
const isA = <T>(v: unknown, name: string): v is T => has(name) && v instanceof ((globalThis as Record<string, unknown>)[name] as new () => T);

function sizeError(fn: string, what: string, w: unknown, h: unknown): PosekitError {
  return new PosekitError('E_IMAGE_SIZE', `${fn}: ${what} must have a positive width and height; received ${String(w)}x${String(h)}`, {
    expected: 'width >= 1 and height >= 1',
    received: [w, h],
  });
}

/** Pixel size of a drawable, after checking that it holds a decoded frame. */
function drawableSize(fn: string, src: Drawable): [number, number] {
  if (isA<HTMLImageElement>(src, 'HTMLImageElement')) {
    if (!src.complete) {
      throw new PosekitError('E_STATE', `${fn}: the <img> ${JSON.stringify(src.currentSrc || src.src)} has not finished loading; await img.decode() first`, {
        expected: 'a loaded image (img.complete)',
        received: 'loading',
      });
    }
    if (src.naturalWidth === 0 || src.naturalHeight === 0) {
      throw new PosekitError('E_IMAGE_DECODE', `${fn}: the <img> ${JSON.stringify(src.currentSrc || src.src)} could not be decoded (broken or unsupported image)`, {
        expected: 'a decodable image',
        received: `${src.naturalWidth}x${src.naturalHeight}`,
      });
    }
    return [src.naturalWidth, src.naturalHeight];
  }
  if (isA<HTMLVideoElement>(src, 'HTMLVideoElement')) {
    // HAVE_CURRENT_DATA (2): a frame is available to draw.
    if (src.readyState < 2) {
      throw new PosekitError('E_STATE', `${fn}: the <video> has no frame yet (readyState ${src.readyState}); wait for 'loadeddata'`, {
        expected: 'readyState >= 2 (HAVE_CURRENT_DATA)',
        received: src.readyState,
      });
    }
    if (!(src.videoWidth > 0 && src.videoHeight > 0)) throw sizeError(fn, 'the <video>', src.videoWidth, src.videoHeight);
    return [src.videoWidth, src.videoHeight];
  }
  if (isA<VideoFrame>(src, 'VideoFrame')) {
    if (!(src.displayWidth > 0 && src.displayHeight > 0)) throw sizeError(fn, 'the VideoFrame (closed?)', src.displayWidth, src.displayHeight);
    return [src.displayWidth, src.displayHeight];
  }
  // Canvas, OffscreenCanvas, ImageBitmap (a closed bitmap reports 0 x 0).
  const { width, height } = src as { width: number; height: number };
  if (!(width > 0 && height > 0)) throw sizeError(fn, `the ${(src as object).constructor?.name ?? 'image'}`, width, height);
  return [width, height];
}

let scratch: { canvas: OffscreenCanvas | HTMLCanvasElement; ctx: Ctx2D } | undefined;

/** A reusable 2D canvas of at least `w x h` (created on first use; never at import). */
function scratchContext(fn: string, w: number, h: number): Ctx2D {
  if (!scratch) {
    const canvas = has('OffscreenCanvas')
      ? new OffscreenCanvas(w, h)
      : typeof document !== 'undefined'
        ? Object.assign(document.createElement('canvas'), { width: w, height: h })
        : undefined;
    if (!canvas) {
      throw new PosekitError('E_ARGUMENT', `${fn}: this environment has neither OffscreenCanvas nor document; pass an ImageLike (raw pixels) instead`, {
        expected: 'OffscreenCanvas or a DOM',
        received: 'neither',
      });
    }
    // willReadFrequently keeps the canvas on the CPU, which is what getImageData wants every frame.
    const ctx = canvas.getContext('2d', { willReadFrequently: true, colorSpace: 'srgb' }) as Ctx2D | null;
    if (!ctx) throw new PosekitError('E_IMAGE_SIZE', `${fn}: could not get a 2D context for a ${w}x${h} canvas`, { received: [w, h] });
    scratch = { canvas, ctx };
  }
  const { canvas } = scratch;
  if (canvas.width !== w || canvas.height !== h) {
    canvas.width = w;
    canvas.height = h;
    if (canvas.width !== w || canvas.height !== h) throw sizeError(fn, `a canvas this large (the browser's limit)`, w, h);
  }
  return scratch.ctx;
}

function fromImageData(d: ImageData): ImageLike {
  return { data: d.data, width: d.width, height: d.height, channels: 4, order: 'rgba' };
}

function isImageLike(v: unknown): v is ImageLike {
  const o = v as Partial<ImageLike> | null;
  return typeof o === 'object' && o !== null && 'data' in o && 'channels' in o && 'order' in o;
}

function isImageDataLike(v: unknown): v is ImageData {
  if (isA<ImageData>(v, 'ImageData')) return true;
  const o = v as { data?: unknown; width?: unknown; height?: unknown; colorSpace?: unknown } | null;
  // Structured clones of ImageData (e.g. posted from another realm) keep data/width/height/colorSpace.
  return typeof o === 'object' && o !== null && o.data instanceof Uint8ClampedArray && typeof o.width === 'number' && typeof o.height === 'number' && typeof o.colorSpace === 'string';
}

/**
 * Turn a browser image source into `ImageLike` pixels (RGBA, 8 bits, row-major, no padding).
 *
 * Drawables (`<img>`, `<video>`, canvases, `ImageBitmap`, `VideoFrame`) are drawn 1:1 onto a reusable 2D canvas
 * (sRGB) and read back with `getImageData`; `ImageData` is used as it is (no copy); an `ImageLike` is returned
 * unchanged. Images are read at their natural size (not the CSS size).
 *
 * @param source - the image
 * @returns RGBA pixels; for drawables a fresh buffer the caller owns (safe to transfer to a worker)
 * @throws PosekitError `E_IMAGE_DECODE` (a broken `<img>`), `E_IMAGE_SIZE` (zero width/height, a closed bitmap,
 *   larger than the browser's canvas limit), `E_STATE` (`<img>` still loading, `<video>` without a frame),
 *   `E_ARGUMENT` (anything else)
 */
export function toImageLike(source: WebImageSource): ImageLike {
  const fn = 'toImageLike';
  if (isImageDataLike(source)) {
    if (!(source.width > 0 && source.height > 0)) throw sizeError(fn, 'the ImageData', source.width, source.height);
    return fromImageData(source);
  }
  if (isImageLike(source)) return source;
  const drawable =
    isA(source, 'HTMLImageElement') ||
    isA(source, 'HTMLVideoElement') ||
    isA(source, 'HTMLCanvasElement') ||
    isA(source, 'OffscreenCanvas') ||
    isA(source, 'ImageBitmap') ||
    isA(source, 'VideoFrame');
  if (!drawable) {
    throw new PosekitError(
      'E_ARGUMENT',
      `${fn}: expected an HTMLImageElement, HTMLVideoElement, HTMLCanvasElement, OffscreenCanvas, ImageBitmap, VideoFrame, ImageData or ImageLike; received ${describeValue(source)}`,
      { expected: 'an image source', received: describeValue(source) },
    );
  }
  const [w, h] = drawableSize(fn, source as Drawable);
  const ctx = scratchContext(fn, w, h);
  ctx.clearRect(0, 0, w, h);
  ctx.drawImage(source as CanvasImageSource, 0, 0, w, h);
  return fromImageData(ctx.getImageData(0, 0, w, h));
}

/**
 * Decode image bytes (JPEG, PNG, WebP ... whatever the browser decodes) or fetch and decode a URL, into
 * `ImageLike` pixels. Uses `createImageBitmap` with EXIF orientation applied (`imageOrientation: 'from-image'`)
 * and no colour-space conversion (`colorSpaceConversion: 'none'`: the decoded values, like libvips/sharp in Node
 * for images without an ICC profile).
 *
 * @param input - a URL (string or `URL`), a `Blob` / `File`, or the encoded bytes
 * @param fetchImpl - `fetch` for URLs (default: the global one)
 * @returns RGBA pixels
 * @throws PosekitError `E_DOWNLOAD` (URL fetch failed), `E_IMAGE_DECODE` (the bytes are not a decodable image),
 *   `E_IMAGE_SIZE`, `E_ARGUMENT` (other kinds of input)
 */
export async function decodeImage(input: string | URL | Blob | ArrayBuffer | ArrayBufferView, fetchImpl?: (url: string) => Promise<Response>): Promise<ImageLike> {
  const fn = 'decodeImage';
  let blob: Blob;
  let what: string;
  if (typeof input === 'string' || (typeof URL !== 'undefined' && input instanceof URL)) {
    what = String(input);
    const f = fetchImpl ?? (typeof fetch === 'function' ? fetch : undefined);
    if (!f) throw new PosekitError('E_ARGUMENT', `${fn}: no fetch() here to download ${what}`, { expected: 'fetch', received: 'undefined' });
    let res: Response;
    try {
      res = await f(what);
    } catch (e) {
      throw new PosekitError('E_DOWNLOAD', `${fn}: could not fetch ${what}: ${String(e)}`, { url: what, received: String(e) }, { cause: e });
    }
    if (!res.ok) throw new PosekitError('E_DOWNLOAD', `${fn}: fetching ${what} failed: expected HTTP 2xx, received ${res.status}`, { url: what, expected: '2xx', received: res.status });
    blob = await res.blob();
  } else if (typeof Blob !== 'undefined' && input instanceof Blob) {
    blob = input;
    what = `Blob(${input.size} bytes)`;
  } else if (input instanceof ArrayBuffer || ArrayBuffer.isView(input)) {
    const bytes = input instanceof ArrayBuffer ? new Uint8Array(input) : new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
    blob = new Blob([bytes as Uint8Array<ArrayBuffer>]);
    what = `bytes(${bytes.byteLength})`;
  } else {
    throw new PosekitError('E_ARGUMENT', `${fn}: expected a URL, Blob or encoded bytes; received ${describeValue(input)}`, { expected: 'string | URL | Blob | ArrayBuffer | ArrayBufferView', received: describeValue(input) });
  }
  if (blob.size === 0) throw new PosekitError('E_IMAGE_DECODE', `${fn}: ${what} is empty (0 bytes); expected an encoded image`, { expected: 'image bytes', received: '0 bytes' });
  if (!has('createImageBitmap')) {
    throw new PosekitError('E_ARGUMENT', `${fn}: createImageBitmap is not available here; decode the image yourself and pass an ImageLike`, { expected: 'createImageBitmap', received: 'undefined' });
  }
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(blob, { imageOrientation: 'from-image', colorSpaceConversion: 'none', premultiplyAlpha: 'none' });
  } catch (e) {
    throw new PosekitError('E_IMAGE_DECODE', `${fn}: ${what} could not be decoded as an image (${blob.type || 'unknown type'}): ${String(e)}`, {
      expected: 'an image the browser decodes (JPEG, PNG, WebP, ...)',
      received: what,
    }, { cause: e });
  }
  try {
    return toImageLike(bitmap);
  } finally {
    bitmap.close();
  }
}
