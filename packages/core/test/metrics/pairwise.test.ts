import { describe, expect, it } from 'vitest';
import { numpyPairwiseSum, numpyPairwiseSumF32 } from '@posekit/core';

describe('numpyPairwiseSum', () => {
  it('adds fewer than 8 values left to right', () => {
    expect(numpyPairwiseSum([0.1, 0.2, 0.3])).toBe(0.1 + 0.2 + 0.3);
    expect(numpyPairwiseSum([])).toBe(0);
  });

  it('uses 8 partial sums for 8..128 values', () => {
    // 1e16 and 1 cancel differently in pairwise vs sequential order.
    const a = [1e16, 1, -1e16, 1, 1, 1, 1, 1, 1];
    const r = a.slice(0, 8);
    const blocked = r[0]! + r[1]! + (r[2]! + r[3]!) + (r[4]! + r[5]! + (r[6]! + r[7]!)) + a[8]!;
    expect(numpyPairwiseSum(a)).toBe(blocked);
    let seq = 0;
    for (const v of a) seq += v;
    expect(blocked).not.toBe(seq); // the order matters for this input
  });

  it('splits above 128 at a multiple of 8', () => {
    const a = Array.from({ length: 300 }, (_, i) => Math.sin(i) * 1e3 + 1 / (i + 1));
    // n2 = 150 - 150 % 8 = 144
    expect(numpyPairwiseSum(a)).toBe(numpyPairwiseSum(a, 0, 144) + numpyPairwiseSum(a, 144, 156));
  });

  it('float32 variant rounds every partial sum', () => {
    const a = new Float32Array([16777216, 1, 1, 1]); // 2^24 + 1 is not a float32
    expect(numpyPairwiseSumF32(a)).toBe(16777216);
    expect(numpyPairwiseSum(a)).toBe(16777219);
  });
});
