/**
 * `pnpm bench decode`: heatmap / SimCC decoders on realistic synthetic model outputs (seeded), against the
 * reference implementations' timings (MMPose codecs on numpy / OpenCV, ../shared/spec/reference-baselines.json).
 *
 * Heatmaps: 17 × 64 × 48 per instance (COCO, 192 × 256 input), one Gaussian blob per keypoint (σ = 2 cells,
 * sub-pixel centre, amplitude U(0.55, 1), small noise where the blob is non-zero, 1 of 17 maps empty), as the
 * fixtures' generator makes them. SimCC: 17 × 384 and 17 × 512 bins (split ratio 2), Gaussian labels
 * σ = (4.9, 5.66). The reference DARK / UDP timings used blur kernel 11.
 *
 * Each case runs twice: `<case>` with the maps in a `createDecodeBuffer` tensor (in WebAssembly memory,
 * as a model writing its output into a preallocated buffer leaves them: the SIMD argmax runs in place,
 * the intended fast path), and `<case>_js_array` with the same maps in a plain `Float32Array` (the
 * decoder stages them through the WebAssembly memory in chunks of whole rows, 32 KB or one longer row, when
 * rows are >= 64 floats, otherwise scans them in JS).
 *
 * `--js-scan`: the WebAssembly SIMD kernel turned off, every case once as `<case>_js_scan` (the fallback for
 * engines without wasm SIMD or with a CSP that forbids compiling wasm).
 */
import { createDecodeBuffer, decodeDark, decodeMsra, decodeSimcc, decodeUdp } from '@posekit/core';
import type { HeatmapDecodeResult, TensorLike } from '@posekit/core';
import { measure, referenceMedian, withReference } from '../harness.js';
import type { Suite } from '../harness.js';
import { mulberry32 } from '../../../../test-support/random.js';
import { setArgmaxKernelEnabled } from '../../../../packages/core/src/wasm/kernel.js';

const K = 17;
const H = 64;
const W = 48;

/** Standard normal from a uniform source (Box-Muller). */
function normal(r: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
}

function heatmaps(n: number, seed: number): TensorLike<Float32Array> {
  const r = mulberry32(seed);
  const data = new Float32Array(n * K * H * W);
  for (let c = 0; c < n * K; c++) {
    if (c % K === 3) continue; // an invisible keypoint: all-zero map
    const cx = 2 + r() * (W - 4);
    const cy = 2 + r() * (H - 4);
    const amp = 0.55 + 0.45 * r();
    const o = c * H * W;
    for (let y = Math.max(0, Math.floor(cy - 6)); y <= Math.min(H - 1, Math.ceil(cy + 6)); y++) {
      for (let x = Math.max(0, Math.floor(cx - 6)); x <= Math.min(W - 1, Math.ceil(cx + 6)); x++) {
        const g = amp * Math.exp(-((x - cx) ** 2 + (y - cy) ** 2) / 8);
        data[o + y * W + x] = Math.max(0, g + 0.004 * normal(r));
      }
    }
  }
  return { data, dims: [n, K, H, W] };
}

function simcc(n: number, seed: number): [TensorLike<Float32Array>, TensorLike<Float32Array>] {
  const r = mulberry32(seed);
  const wx = 384;
  const wy = 512;
  const x = new Float32Array(n * K * wx);
  const y = new Float32Array(n * K * wy);
  for (let c = 0; c < n * K; c++) {
    const mx = r() * wx;
    const my = r() * wy;
    const amp = 0.4 + 0.8 * r();
    for (let i = 0; i < wx; i++) x[c * wx + i] = amp * Math.exp(-((i - mx) ** 2) / (2 * 4.9 * 4.9)) + 0.01 * normal(r);
    for (let i = 0; i < wy; i++) y[c * wy + i] = amp * Math.exp(-((i - my) ** 2) / (2 * 5.66 * 5.66)) + 0.01 * normal(r);
  }
  return [
    { data: x, dims: [n, K, wx] },
    { data: y, dims: [n, K, wy] },
  ];
}

/** A copy of `t` in a decode buffer (WebAssembly memory). */
function inWasm(t: TensorLike<Float32Array>): TensorLike<Float32Array> {
  const buf = createDecodeBuffer(t.dims);
  buf.data.set(t.data);
  return buf;
}

/** The decode suite. */
export const suite: Suite = {
  description: 'MSRA / DARK / UDP heatmap decoding (17x64x48) and SimCC (17 x 384/512), N = 1 and 20, vs MMPose',
  async run(ctx) {
    const inputSize = [192, 256] as const;
    const jsScan = ctx.args.includes('--js-scan');
    if (jsScan) setArgmaxKernelEnabled(false);
    for (const n of [1, 20]) {
      const plain = heatmaps(n, 1234 + n);
      const out: HeatmapDecodeResult = { keypoints: new Float32Array(0), scores: new Float32Array(0), n: 0, k: 0 };
      const variants = jsScan ? ([['_js_scan', plain]] as const) : ([['', inWasm(plain)], ['_js_array', plain]] as const);
      for (const [suffix, hm] of variants) {
        ctx.report(
          withReference(
            await measure(`msra_N${n}${suffix}`, () => decodeMsra(hm, { inputSize }, out)),
            referenceMedian(`msra_decode_17x64x48_N${n}`),
            'MMPose MSRAHeatmap.decode (numpy)',
          ),
        );
        ctx.report(
          withReference(
            await measure(`dark_N${n}${suffix}`, () => decodeDark(hm, { inputSize, blurKernelSize: 11 }, out)),
            referenceMedian(`dark_decode_17x64x48_N${n}`),
            'MMPose MSRAHeatmap(unbiased=True).decode, k=11 (numpy + OpenCV)',
          ),
        );
        ctx.report(
          withReference(
            await measure(`udp_N${n}${suffix}`, () => decodeUdp(hm, { inputSize, blurKernelSize: 11 }, out)),
            referenceMedian(`udp_decode_17x64x48_N${n}`),
            'MMPose UDPHeatmap.decode, k=11 (numpy + OpenCV)',
          ),
        );
      }
    }
    for (const n of [1, 20]) {
      const [px, py] = simcc(n, 99 + n);
      const out: HeatmapDecodeResult = { keypoints: new Float32Array(0), scores: new Float32Array(0), n: 0, k: 0 };
      const variants = jsScan ? ([['_js_scan', px, py]] as const) : ([['', inWasm(px), inWasm(py)], ['_js_array', px, py]] as const);
      for (const [suffix, x, y] of variants) {
        ctx.report(
          withReference(
            await measure(`simcc_N${n}${suffix}`, () => decodeSimcc(x, y, { splitRatio: 2 }, out)),
            referenceMedian(`simcc_decode_17_N${n}`),
            'MMPose SimCCLabel.decode (numpy)',
          ),
        );
      }
    }
  },
};
