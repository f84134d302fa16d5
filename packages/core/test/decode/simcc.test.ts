import { describe, expect, it } from 'vitest';
import { decodeSimcc, getSimccMaximum, getSimccNormalized, simccDarkKernelSize } from '../../src/index.js';
import { expectCode } from '../../../../test-support/errors.js';

function vec(n: number, k: number, w: number): { data: Float32Array; dims: number[] } {
  return { data: new Float32Array(n * k * w), dims: [n, k, w] };
}
function bump(t: { data: Float32Array; dims: number[] }, row: number, mu: number, sigma: number, amp = 1): void {
  const w = t.dims[2]!;
  for (let i = 0; i < w; i++) t.data[row * w + i] = amp * Math.exp(-((i - mu) ** 2) / (2 * sigma * sigma));
}

describe('getSimccMaximum / decodeSimcc (MMPose SimCCLabel)', () => {
  it('takes per-axis argmaxes, score = min of the two maxima, / splitRatio', () => {
    const x = vec(1, 2, 384);
    const y = vec(1, 2, 512);
    bump(x, 0, 175, 4.9, 0.9);
    bump(y, 0, 471, 5.66, 0.6);
    bump(x, 1, 10, 4.9, 0.3);
    bump(y, 1, 20, 5.66, 0.8);
    const m = getSimccMaximum(x, y);
    expect(Array.from(m.keypoints)).toEqual([175, 471, 10, 20]);
    expect(Array.from(m.scores)).toEqual([Math.fround(0.6), Math.fround(0.3)]);
    const r = decodeSimcc(x, y, { splitRatio: 2 });
    expect(Array.from(r.keypoints)).toEqual([87.5, 235.5, 5, 10]);
    expect(r.visibility).toBeUndefined();
  });

  it('marks keypoints whose score is <= 0 with location -1 (-1 / splitRatio after decoding)', () => {
    const x = vec(1, 2, 8);
    const y = vec(1, 2, 8);
    x.data[3] = 0.5; // keypoint 0: y row all zero → score 0
    x.data.fill(-0.2, 8, 16);
    y.data.fill(-0.1, 8, 16);
    const m = getSimccMaximum(x, y);
    expect(Array.from(m.keypoints)).toEqual([-1, -1, -1, -1]);
    expect(Array.from(m.scores)).toEqual([0, Math.fround(-0.2)]);
    expect(Array.from(decodeSimcc(x, y).keypoints)).toEqual([-0.5, -0.5, -0.5, -0.5]);
  });

  it('applySoftmax turns the scores into probabilities (argmax unchanged)', () => {
    const x = vec(1, 1, 384);
    const y = vec(1, 1, 512);
    bump(x, 0, 100, 4.9);
    const m = getSimccMaximum(x, y, { applySoftmax: true });
    expect(Array.from(m.keypoints)).toEqual([100, 0]);
    expect(m.scores[0]).toBeCloseTo(1 / 512, 9); // the all-zero y row is uniform
  });

  it('decodeVisibility = min over axes of max softmax(simcc · beta · sigma)', () => {
    const x = vec(1, 2, 384);
    const y = vec(1, 2, 512);
    bump(x, 0, 100, 4.9);
    bump(y, 0, 200, 5.66);
    const r = decodeSimcc(x, y, { sigma: [4.9, 5.66], decodeVisibility: true });
    expect(r.visibility).toBeInstanceOf(Float32Array);
    expect(r.visibility![0]!).toBeGreaterThan(0.99);
    expect(r.visibility![1]!).toBeCloseTo(1 / 512, 9);
  });

  it('useDark refines to sub-bin precision without touching the inputs', () => {
    const x = vec(1, 1, 384);
    const y = vec(1, 1, 512);
    bump(x, 0, 100.3, 4.9);
    bump(y, 0, 301.7, 5.66);
    const xs = x.data.slice();
    const ys = y.data.slice();
    const r = decodeSimcc(x, y, { sigma: [4.9, 5.66], useDark: true });
    expect(Math.abs(r.keypoints[0]! - 50.15)).toBeLessThan(0.02);
    expect(Math.abs(r.keypoints[1]! - 150.85)).toBeLessThan(0.02);
    expect(x.data).toEqual(xs);
    expect(y.data).toEqual(ys);
  });

  it('useDark: empty rows give NaN like the reference unless refineInvalid is false', () => {
    const x = vec(1, 2, 64);
    const y = vec(1, 2, 64);
    bump(x, 0, 20, 4.9);
    bump(y, 0, 30, 4.9);
    const ref = decodeSimcc(x, y, { sigma: 4.9, useDark: true });
    expect(Number.isNaN(ref.keypoints[2]!)).toBe(true);
    const marked = decodeSimcc(x, y, { sigma: 4.9, useDark: true, refineInvalid: false });
    expect(Array.from(marked.keypoints.subarray(2))).toEqual([-0.5, -0.5]);
    expect(marked.keypoints[0]).toBe(ref.keypoints[0]);
  });

  it('derives the DARK kernel size from sigma as MMPose', () => {
    expect(simccDarkKernelSize(4.9)).toBe(29);
    expect(simccDarkKernelSize(5.66)).toBe(35);
    expect(simccDarkKernelSize(6)).toBe(37);
    expectCode(() => simccDarkKernelSize(0), 'E_RANGE');
  });

  it('rejects bad input', () => {
    expectCode(() => decodeSimcc(vec(1, 17, 384), vec(1, 16, 512)), 'E_SHAPE', /agree on N and K/);
    expectCode(() => decodeSimcc(vec(2, 17, 384), vec(1, 17, 512)), 'E_SHAPE');
    expectCode(() => decodeSimcc({ data: new Float32Array(384), dims: [1, 384] }, vec(1, 1, 512)), 'E_RANK');
    expectCode(() => decodeSimcc(vec(0, 17, 384), vec(0, 17, 512)), 'E_EMPTY');
    expectCode(() => decodeSimcc(vec(1, 1, 4), vec(1, 1, 4), { splitRatio: 0 }), 'E_RANGE');
    expectCode(() => decodeSimcc(vec(1, 1, 4), vec(1, 1, 4), { sigma: [1] as never }), 'E_ARGUMENT');
    const y = vec(1, 1, 4);
    y.data[2] = NaN;
    expectCode(() => decodeSimcc(vec(1, 1, 4), y), 'E_NONFINITE', /simccY/);
  });
});

describe('getSimccNormalized (MMPose get_simcc_normalized)', () => {
  it('clamps at 0 and divides a row by its max only when the max exceeds 1', () => {
    const t = vec(1, 2, 4);
    t.data.set([-1, 0.5, 2, 1, /* row 2 */ 0.2, -0.3, 0.9, 0.1]);
    const r = getSimccNormalized(t);
    expect(Array.from(r.data)).toEqual([0, 0.25, 1, 0.5, Math.fround(0.2), 0, Math.fround(0.9), Math.fround(0.1)]);
    expect(r.dims).toEqual([1, 2, 4]);
  });

  it('divides by sigma·sqrt(2π) first when sigma is given', () => {
    const t = vec(1, 1, 2);
    t.data.set([1, 0.5]);
    const r = getSimccNormalized(t, { sigma: 2 });
    expect(r.data[0]).toBeCloseTo(1 / (2 * Math.sqrt(2 * Math.PI)), 7);
    expectCode(() => getSimccNormalized(t, { sigma: -1 }), 'E_RANGE');
  });
});
