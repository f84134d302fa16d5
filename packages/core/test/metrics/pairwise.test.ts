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

// a[i] = (0.1·i + 1/(i+3)) · (i % 3 ? 1 : −0.7), the same doubles in Python and JS.
const arr = (n: number): Float64Array => Float64Array.from({ length: n }, (_v, i) => (i * 0.1 + 1.0 / (i + 3)) * (i % 3 ? 1 : -0.7));
const sequential = (a: Float64Array): number => a.reduce((s, x) => s + x, 0);

describe('numpyPairwiseSum equals np.sum (float64)', () => {
  // Expected values are numpy's np.sum of the same arrays (float64, contiguous).
  const cases: [number, number][] = [
    [0, 0.0],
    [5, 0.732857142857143],
    [8, 1.660079365079365],
    [17, 6.609406323810349],
    [133, 374.3957189757827],
    [1010, 22082.711417297956],
    [4321, 404203.80033159105],
  ];
  for (const [n, want] of cases) {
    it(`n = ${n} equals np.sum bit for bit`, () => {
      expect(numpyPairwiseSum(arr(n))).toBe(want);
      // other array-likes take the copy path and give the same sum
      expect(numpyPairwiseSum(Array.from(arr(n)))).toBe(want);
    });
  }
  it('differs from a sequential sum where numpy does (the order matters)', () => {
    expect(sequential(arr(8))).not.toBe(numpyPairwiseSum(arr(8)));
    expect(sequential(arr(1010))).not.toBe(numpyPairwiseSum(arr(1010)));
  });
  it('np.mean = pairwise sum / n', () => {
    expect(numpyPairwiseSum(arr(133)) / 133).toBe(2.815005405832953);
    expect(numpyPairwiseSum(arr(17)) / 17).toBe(0.3887886072829617);
  });
  it('sums a sub-range', () => {
    const a = arr(40);
    expect(numpyPairwiseSum(a, 10, 17)).toBe(numpyPairwiseSum(a.slice(10, 27)));
    expect(numpyPairwiseSum(Array.from(a), 10, 17)).toBe(numpyPairwiseSum(a.slice(10, 27)));
  });
});

/** Exactly representable inputs, identical in JS and Python (integer arithmetic and one IEEE division). */
function values(n: number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => ((i * 7919) % 1013) / 977 - (0.5 * ((i * 31) % 7)) / 3);
}

describe('numpyPairwiseSum / numpyPairwiseSumF32 equal np.sum (float64 and float32 accumulators)', () => {
  // expected: numpy 2.4 np.sum(a) / np.sum(a.astype(np.float32)) on the same values
  const golden: [number, number, number][] = [
    [5, -0.41282838621630835, -0.41282838582992554],
    [9, 0.5885363357215969, 0.5885363817214966],
    [17, -0.03633572159672427, -0.03633558750152588],
    [133, 2.875639713408394, 2.8756394386291504],
    [300, 6.969123166154898, 6.969122886657715],
  ];
  for (const [n, s64, s32] of golden) {
    it(`n = ${n} matches numpy bit for bit (float64 and float32 accumulators)`, () => {
      const a = values(n);
      expect(numpyPairwiseSum(a, 0, n)).toBe(s64);
      expect(numpyPairwiseSumF32(Float32Array.from(a), 0, n)).toBe(s32);
    });
  }
  it('respects the offset', () => {
    const a = values(20);
    expect(numpyPairwiseSum(a, 3, 5)).toBe(a[3]! + a[4]! + a[5]! + a[6]! + a[7]!);
  });
});
