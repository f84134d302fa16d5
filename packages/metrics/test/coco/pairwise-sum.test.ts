import { describe, expect, it } from 'vitest';
import { pairwiseSum } from '../../src/coco/pairwise-sum.js';

// a[i] = (0.1·i + 1/(i+3)) · (i % 3 ? 1 : −0.7), the same doubles in Python and JS.
const arr = (n: number): Float64Array => Float64Array.from({ length: n }, (_v, i) => (i * 0.1 + 1.0 / (i + 3)) * (i % 3 ? 1 : -0.7));
const sequential = (a: Float64Array): number => a.reduce((s, x) => s + x, 0);

describe('pairwiseSum (numpy pairwise order)', () => {
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
      expect(pairwiseSum(arr(n))).toBe(want);
    });
  }
  it('differs from a sequential sum where numpy does (the order matters)', () => {
    expect(sequential(arr(8))).not.toBe(pairwiseSum(arr(8)));
    expect(sequential(arr(1010))).not.toBe(pairwiseSum(arr(1010)));
  });
  it('np.mean = pairwise sum / n', () => {
    expect(pairwiseSum(arr(133)) / 133).toBe(2.815005405832953);
    expect(pairwiseSum(arr(17)) / 17).toBe(0.3887886072829617);
  });
  it('sums a sub-range', () => {
    const a = arr(40);
    expect(pairwiseSum(a, 10, 17)).toBe(pairwiseSum(a.slice(10, 27)));
  });
});
