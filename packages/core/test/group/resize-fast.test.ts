import { afterEach, describe, expect, it } from 'vitest';
import { expectCode } from '../../../../test-support/errors.js';
import { resizeBicubic, useResizeSimd } from '../../src/group/resize.js';

/** OpenCV `interpolateCubic` weights in float32 (the same formula as the implementation, written out per tap). */
function cvWeights(x: number): number[] {
  const f = Math.fround;
  const A = -0.75;
  const w0 = f(f(f(f(f(f(A * f(x + 1)) - f(5 * A)) * f(x + 1)) + f(8 * A)) * f(x + 1)) - f(4 * A));
  const w1 = f(f(f(f(f(f(A + 2) * x) - f(A + 3)) * x) * x) + 1);
  const y = f(1 - x);
  const w2 = f(f(f(f(f(f(A + 2) * y) - f(A + 3)) * y) * y) + 1);
  return [w0, w1, w2, f(f(f(1 - w0) - w1) - w2)];
}

/** Unoptimised model of one output pixel: per-axis taps recomputed, horizontal sums rounded to float32 first. */
function pixel(data: ArrayLike<number>, c: number, H: number, W: number, oh: number, ow: number, y: number, x: number): number {
  const taps = (inSize: number, outSize: number, d: number): { i: number[]; w: number[] } => {
    const fx0 = Math.fround((d + 0.5) * (1 / (outSize / inSize)) - 0.5);
    const sx = Math.floor(fx0);
    const w = cvWeights(Math.fround(fx0 - sx));
    return { i: [0, 1, 2, 3].map((k) => Math.min(inSize - 1, Math.max(0, sx - 1 + k))), w };
  };
  const ty = taps(H, oh, y);
  const tx = taps(W, ow, x);
  const rows = ty.i.map((r) => {
    const b = c * H * W + r * W;
    return Math.fround(data[b + tx.i[0]!]! * tx.w[0]! + data[b + tx.i[1]!]! * tx.w[1]! + data[b + tx.i[2]!]! * tx.w[2]! + data[b + tx.i[3]!]! * tx.w[3]!);
  });
  return Math.fround(rows[0]! * ty.w[0]! + rows[1]! * ty.w[1]! + rows[2]! * ty.w[2]! + rows[3]! * ty.w[3]!);
}

/** The model over a whole `[C, oh, ow]` output. */
function naive(data: ArrayLike<number>, C: number, H: number, W: number, oh: number, ow: number): Float32Array {
  const out = new Float32Array(C * oh * ow);
  for (let c = 0; c < C; c++) for (let y = 0; y < oh; y++) for (let x = 0; x < ow; x++) out[c * oh * ow + y * ow + x] = pixel(data, c, H, W, oh, ow, y, x);
  return out;
}

function random(n: number, seed: number): Float32Array {
  const a = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    a[i] = (s / 2 ** 32) * 4 - 1.5;
  }
  return a;
}

const SIZES: Array<[number, number, number, number]> = [
  [6, 5, 48, 40], // x8 upsampling (runs of 8 rows/columns sharing taps)
  [7, 9, 28, 36], // x4
  [5, 7, 11, 13], // fractional upsampling, odd output width
  [9, 11, 4, 5], // downsampling (every output its own taps)
  [4, 6, 9, 1], // one output column (no column pair for the SIMD kernel)
  [1, 1, 3, 2], // a single input pixel
  [3, 4, 6, 8], // x2 (runs of 2)
  [6, 6, 6, 6], // identity
];

describe('resizeBicubic fast path', () => {
  afterEach(() => {
    useResizeSimd(true);
  });

  it('matches the unoptimised per-pixel model bit for bit, with and without the SIMD kernels', () => {
    for (const simd of [true, false]) {
      useResizeSimd(simd);
      for (const [H, W, oh, ow] of SIZES) {
        const src = random(3 * H * W, H * 100 + W);
        const r = resizeBicubic({ data: src, dims: [3, H, W] }, oh, ow);
        const e = naive(src, 3, H, W, oh, ow);
        expect(r.dims).toEqual([3, oh, ow]);
        expect(Array.from(r.data), `${H}x${W} -> ${oh}x${ow}, simd ${simd}`).toEqual(Array.from(e));
      }
    }
  });

  it('gives identical results on the SIMD and JS paths (stride-8 OpenPose-like and x4 IBP-like sizes)', () => {
    expect(useResizeSimd(true)).toBe(true); // Node has WebAssembly SIMD: the kernels really run here
    for (const [C, H, W, s] of [[5, 46, 46, 8], [3, 48, 64, 8], [2, 128, 128, 4], [2, 33, 17, 3]] as const) {
      const src = { data: random(C * H * W, C + H), dims: [C, H, W] };
      useResizeSimd(true);
      const a = resizeBicubic(src, H * s, W * s).data;
      useResizeSimd(false);
      const b = resizeBicubic(src, H * s, W * s).data;
      expect(a.length).toBe(b.length);
      let diff = 0;
      for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) diff++;
      expect(diff).toBe(0);
    }
  });

  it('interpolates float64 maps with the same arithmetic', () => {
    const f32 = random(2 * 6 * 5, 7);
    const f64 = Float64Array.from(f32, (v, i) => v + i * 1e-9); // not float32-representable
    for (const simd of [true, false]) {
      useResizeSimd(simd);
      expect(Array.from(resizeBicubic({ data: f64, dims: [2, 6, 5] }, 13, 17).data)).toEqual(Array.from(naive(f64, 2, 6, 5, 13, 17)));
    }
  });

  it('reuses its caches across sizes without mixing them up', () => {
    const a = { data: random(2 * 10 * 12, 1), dims: [2, 10, 12] };
    const b = { data: random(1 * 4 * 3, 2), dims: [1, 4, 3] };
    const first = Array.from(resizeBicubic(a, 80, 96).data);
    resizeBicubic(b, 9, 31); // smaller buffers, other tap tables
    resizeBicubic(b, 300, 7); // more rows than before: the scratch memory grows
    expect(Array.from(resizeBicubic(a, 80, 96).data)).toEqual(first);
    expect(Array.from(resizeBicubic(b, 9, 31).data)).toEqual(Array.from(naive(b.data, 1, 4, 3, 9, 31)));
  });

  it("takes the JS path for outputs over the kernels' memory cap, with the same values", () => {
    const src = Float32Array.from([0.5, -1, 2, 0.25, 3, -0.75]);
    const r = resizeBicubic({ data: src, dims: [1, 2, 3] }, 4100, 4100); // 67.2 MB > the 64 MiB cap
    for (const y of [0, 1, 1025, 2050, 4099])
      for (const x of [0, 3, 1366, 2733, 4098, 4099]) expect(r.data[y * 4100 + x], `${y}, ${x}`).toBe(pixel(src, 0, 2, 3, 4100, 4100, y, x));
  });

  it('writes into a caller-supplied out array and returns it', () => {
    const src = { data: random(2 * 5 * 6, 3), dims: [1, 2, 5, 6] };
    const out = new Float32Array(2 * 20 * 24).fill(Number.NaN);
    const r = resizeBicubic(src, 20, 24, out);
    expect(r.data).toBe(out);
    expect(r.dims).toEqual([2, 20, 24]);
    expect(Array.from(out)).toEqual(Array.from(resizeBicubic(src, 20, 24).data));
    // A view into a larger buffer works too (only its own range is written).
    const big = new Float32Array(2 + 2 * 20 * 24 + 2).fill(-7);
    resizeBicubic(src, 20, 24, big.subarray(2, 2 + 2 * 20 * 24));
    expect([big[0], big[1], big[big.length - 2], big[big.length - 1]]).toEqual([-7, -7, -7, -7]);
    expect(Array.from(big.subarray(2, 2 + 2 * 20 * 24))).toEqual(Array.from(out));
  });

  it('rejects a bad out array', () => {
    const data = random(2 * 5 * 6, 4);
    const t = { data, dims: [2, 5, 6] };
    expectCode(() => resizeBicubic(t, 10, 12, new Float64Array(240) as unknown as Float32Array), 'E_DTYPE');
    expectCode(() => resizeBicubic(t, 10, 12, [] as unknown as Float32Array), 'E_DTYPE');
    expectCode(() => resizeBicubic(t, 10, 12, new Float32Array(239)), 'E_SHAPE');
    const shared = new Float32Array(60 + 240);
    const overlapping = { data: shared.subarray(0, 60), dims: [2, 5, 6] };
    expectCode(() => resizeBicubic(overlapping, 10, 12, shared.subarray(30, 270)), 'E_ARGUMENT');
    // Same buffer, disjoint ranges: allowed.
    shared.set(data, 0);
    expect(Array.from(resizeBicubic(overlapping, 10, 12, shared.subarray(60)).data)).toEqual(Array.from(resizeBicubic(t, 10, 12).data));
  });
});
