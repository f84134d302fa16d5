/**
 * Bicubic resize of CHW float32 map stacks, as `cv2.resize(..., interpolation=cv2.INTER_CUBIC)` does it for
 * float32 images (OpenCV 4.x `imgproc/src/resize.cpp`): pixel-centre mapping
 * `src = (dst + 0.5) · (in / out) − 0.5`, Keys cubic with a = −0.75, taps outside the image clamped to the edge
 * (replicate), a horizontal then a vertical pass, float32 storage. The OpenPose and Improved-Body-Parts
 * references upsample the network's stride-sized maps this way before grouping.
 * @module
 */
import { PosekitError } from '../errors.js';
import type { Float32Tensor } from '../tensor.js';
import type { MapTensor } from './types.js';
import { checkMaps } from './validate.js';

const f = Math.fround;

/** OpenCV `interpolateCubic` (float32): the 4 weights of taps −1, 0, 1, 2 at fractional offset `x`. */
function cubicWeights(out: Float32Array, o: number, x: number): void {
  const A = -0.75;
  const x1 = f(x + 1);
  out[o] = f(f(f(f(f(f(A * x1) - f(5 * A)) * x1) + f(8 * A)) * x1) - f(4 * A));
  out[o + 1] = f(f(f(f(f(f(A + 2) * x) - f(A + 3)) * x) * x) + 1);
  const y = f(1 - x);
  out[o + 2] = f(f(f(f(f(f(A + 2) * y) - f(A + 3)) * y) * y) + 1);
  out[o + 3] = f(f(f(1 - out[o]!) - out[o + 1]!) - out[o + 2]!);
}

/** Tap indices (clamped) and weights of each output position along one axis. */
function axisTaps(inSize: number, outSize: number): { ofs: Int32Array; alpha: Float32Array } {
  const scale = 1 / (outSize / inSize); // OpenCV: scale_x = 1. / inv_scale_x, inv_scale_x = dsize / ssize
  const ofs = new Int32Array(outSize * 4);
  const alpha = new Float32Array(outSize * 4);
  for (let d = 0; d < outSize; d++) {
    let fx = f((d + 0.5) * scale - 0.5);
    const sx = Math.floor(fx);
    fx = f(fx - sx);
    cubicWeights(alpha, d * 4, fx);
    for (let k = 0; k < 4; k++) ofs[d * 4 + k] = Math.min(inSize - 1, Math.max(0, sx - 1 + k));
  }
  return { ofs, alpha };
}

/**
 * Resize every channel of a `[C, H, W]` (or `[1, C, H, W]`) map stack to `outHeight × outWidth` with OpenCV's
 * bicubic interpolation (`cv2.INTER_CUBIC`, a = −0.75, pixel-centre mapping, replicated border). OpenCV's float32
 * weights are reproduced exactly; each 4-tap sum is formed in double and stored as float32 (OpenCV sums in float,
 * so results can differ from it in the last bit). Upsampling a
 * stride-s network output by s reproduces the reference's `cv2.resize(map, (0, 0), fx=s, fy=s,
 * interpolation=cv2.INTER_CUBIC)`.
 *
 * Properties (tested): a constant map stays constant; a linear ramp is reproduced away from the border; values
 * past the last pixel centre repeat the edge.
 *
 * @param maps - the maps, CHW, float32 (float64 is accepted and interpolated as is)
 * @param outHeight - output height, pixels (≥ 1)
 * @param outWidth - output width, pixels (≥ 1)
 * @returns a new float32 tensor `[C, outHeight, outWidth]`
 * @throws PosekitError E_ARGUMENT / E_DTYPE / E_RANK / E_SHAPE for a malformed tensor, E_EMPTY for an empty
 *   input plane, E_RANGE for output sizes that are not positive integers
 */
export function resizeBicubic(maps: MapTensor, outHeight: number, outWidth: number): Float32Tensor {
  const fn = 'resizeBicubic';
  const m = checkMaps(fn, 'maps', maps, 0);
  for (const [name, v] of [['outHeight', outHeight], ['outWidth', outWidth]] as const) {
    if (!Number.isInteger(v) || v < 1) {
      throw new PosekitError('E_RANGE', `${fn}: ${name} must be a positive integer; received ${v}`, { field: name, expected: '>= 1', received: v });
    }
  }
  if (m.height === 0 || m.width === 0) {
    throw new PosekitError('E_EMPTY', `${fn}: maps must have a non-empty H x W; received ${m.height} x ${m.width}`, {
      expected: 'H >= 1 and W >= 1',
      received: [m.channels, m.height, m.width],
    });
  }
  const { channels: C, height: H, width: W, data } = m;
  const tx = axisTaps(W, outWidth);
  const ty = axisTaps(H, outHeight);
  const out = new Float32Array(C * outHeight * outWidth);
  const tmp = new Float32Array(H * outWidth);
  const xo = tx.ofs;
  const xa = tx.alpha;
  const yo = ty.ofs;
  const ya = ty.alpha;
  for (let c = 0; c < C; c++) {
    const src = c * H * W;
    // Horizontal pass on every source row (double sums, stored as float32 like OpenCV's float buffer rows).
    for (let y = 0; y < H; y++) {
      const row = src + y * W;
      const o = y * outWidth;
      for (let d = 0; d < outWidth; d++) {
        const k = d * 4;
        tmp[o + d] =
          data[row + xo[k]!]! * xa[k]! +
          data[row + xo[k + 1]!]! * xa[k + 1]! +
          data[row + xo[k + 2]!]! * xa[k + 2]! +
          data[row + xo[k + 3]!]! * xa[k + 3]!;
      }
    }
    // Vertical pass.
    const dst = c * outHeight * outWidth;
    for (let d = 0; d < outHeight; d++) {
      const k = d * 4;
      const r0 = yo[k]! * outWidth;
      const r1 = yo[k + 1]! * outWidth;
      const r2 = yo[k + 2]! * outWidth;
      const r3 = yo[k + 3]! * outWidth;
      const b0 = ya[k]!;
      const b1 = ya[k + 1]!;
      const b2 = ya[k + 2]!;
      const b3 = ya[k + 3]!;
      const o = dst + d * outWidth;
      for (let x = 0; x < outWidth; x++) {
        out[o + x] = tmp[r0 + x]! * b0 + tmp[r1 + x]! * b1 + tmp[r2 + x]! * b2 + tmp[r3 + x]! * b3;
      }
    }
  }
  return { data: out, dims: [C, outHeight, outWidth] };
}
