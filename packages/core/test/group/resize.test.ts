import { describe, expect, it } from 'vitest';
import { expectCode } from '../../../../test-support/errors.js';
import { resizeBicubic } from '../../src/group/resize.js';

/** Keys cubic kernel, a = −0.75 (OpenCV's INTER_CUBIC), in double precision. */
function keys(t: number): number {
  const a = -0.75;
  const x = Math.abs(t);
  if (x <= 1) return (a + 2) * x ** 3 - (a + 3) * x ** 2 + 1;
  if (x < 2) return a * x ** 3 - 5 * a * x ** 2 + 8 * a * x - 4 * a;
  return 0;
}

/** Independent 1-D model of OpenCV's mapping: src = (d + 0.5) · in / out − 0.5, edge taps clamped. */
function resize1d(v: number[], out: number): number[] {
  const n = v.length;
  return Array.from({ length: out }, (_, d) => {
    const s = (d + 0.5) * (n / out) - 0.5;
    const i0 = Math.floor(s);
    const t = s - i0;
    let acc = 0;
    for (let k = -1; k <= 2; k++) acc += v[Math.min(n - 1, Math.max(0, i0 + k))]! * keys(t - k);
    return acc;
  });
}

describe('resizeBicubic', () => {
  it('keeps a constant map constant (any scale, both axes)', () => {
    const src = new Float32Array(2 * 5 * 7).fill(0.625);
    for (const [h, w] of [[40, 56], [3, 4], [5, 7], [11, 13]] as const) {
      const r = resizeBicubic({ data: src, dims: [2, 5, 7] }, h, w);
      expect(r.dims).toEqual([2, h, w]);
      for (const v of r.data) expect(v).toBeCloseTo(0.625, 6);
    }
  });

  it('treats a linear ramp like the Keys a = −0.75 model: exact only where the sample falls on t = 0 or 0.5', () => {
    const H = 6;
    const W = 9;
    const ramp = (x: number, y: number): number => 0.5 * x - 0.25 * y + 1;
    const src = new Float32Array(H * W);
    for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) src[y * W + x] = ramp(x, y);
    // Same size: every sample sits on a pixel centre (t = 0) -> identity.
    const same = resizeBicubic({ data: src, dims: [1, H, W] }, H, W);
    expect(Array.from(same.data)).toEqual(Array.from(src));
    // x8: interior values follow the separable Keys model. a = −0.75 (OpenCV) does not reproduce ramps
    // exactly (only a = −0.5 does): the error is a fixed fraction of the slope per phase, up to ~0.047 px.
    const big = resizeBicubic({ data: src, dims: [1, H, W] }, H * 8, W * 8);
    const colModel = resize1d(Array.from({ length: W }, (_, x) => 0.5 * x), W * 8);
    const rowModel = resize1d(Array.from({ length: H }, (_, y) => -0.25 * y + 1), H * 8);
    let maxDev = 0;
    for (let dy = 8; dy < (H - 1) * 8; dy++)
      for (let dx = 8; dx < (W - 1) * 8; dx++) {
        const v = big.data[dy * W * 8 + dx]!;
        expect(v).toBeCloseTo(colModel[dx]! + rowModel[dy]!, 5);
        const sx = (dx + 0.5) / 8 - 0.5;
        const sy = (dy + 0.5) / 8 - 0.5;
        if (sx >= 1 && sx <= W - 2 && sy >= 1 && sy <= H - 2) maxDev = Math.max(maxDev, Math.abs(v - ramp(sx, sy)));
      }
    // Largest phase bias of the a = −0.75 kernel is ~0.047 px, times |slope x| + |slope y| = 0.75.
    expect(maxDev).toBeGreaterThan(0.01);
    expect(maxDev).toBeLessThan(0.047 * 0.75 + 1e-3);
    // Halving: samples fall at t = 0.5 where the symmetric kernel is exact.
    const row = Float32Array.from({ length: 8 }, (_, x) => 0.5 * x + 1);
    const half = resizeBicubic({ data: row, dims: [1, 1, 8] }, 1, 4);
    for (const d of [1, 2]) expect(half.data[d]).toBeCloseTo(0.5 * (2 * d + 0.5) + 1, 6);
  });

  it('matches the analytic Keys / OpenCV model, including the replicated border', () => {
    const row = [0, 1, 4, 2, -3, 0.5];
    const expected = resize1d(row, 24);
    const r = resizeBicubic({ data: Float32Array.from(row), dims: [1, 1, 6] }, 1, 24);
    expected.forEach((v, i) => expect(r.data[i]).toBeCloseTo(v, 5));
    // Left of the first pixel centre every tap clamps to the edge sample except the last one.
    expect(r.data[0]).toBeCloseTo(keys(1.375), 6); // s = −0.375: taps −2..1 -> pixels 0, 0, 0, 1
    // Downsampling uses the same mapping.
    const down = resizeBicubic({ data: Float32Array.from(row), dims: [1, 1, 6] }, 1, 4);
    resize1d(row, 4).forEach((v, i) => expect(down.data[i]).toBeCloseTo(v, 5));
  });

  it('resizes each channel independently and separably', () => {
    const col = [1, -2, 0.5, 3];
    const src = new Float32Array(2 * 4 * 3);
    for (let y = 0; y < 4; y++) for (let x = 0; x < 3; x++) src[12 + y * 3 + x] = col[y]!;
    const r = resizeBicubic({ data: src, dims: [2, 4, 3] }, 10, 5);
    const ey = resize1d(col, 10);
    for (let y = 0; y < 10; y++)
      for (let x = 0; x < 5; x++) {
        expect(r.data[y * 5 + x]).toBe(0);
        expect(r.data[50 + y * 5 + x]).toBeCloseTo(ey[y]!, 5);
      }
  });

  it('rejects bad sizes and malformed maps', () => {
    const t = { data: new Float32Array(12), dims: [1, 3, 4] };
    expectCode(() => resizeBicubic(t, 0, 4), 'E_RANGE');
    expectCode(() => resizeBicubic(t, 4, 2.5), 'E_RANGE');
    expectCode(() => resizeBicubic({ data: new Float32Array(0), dims: [1, 0, 4] }, 4, 4), 'E_EMPTY');
    expectCode(() => resizeBicubic({ data: new Float32Array(12), dims: [3, 4] }, 4, 4), 'E_RANK');
    expectCode(() => resizeBicubic({ data: new Float32Array(11), dims: [1, 3, 4] }, 4, 4), 'E_SHAPE');
  });
});
