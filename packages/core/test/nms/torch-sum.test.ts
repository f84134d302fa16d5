import { describe, expect, it } from 'vitest';
import { levelSum, rowSum, torchInnerSum, torchOuterSum } from '../../src/nms/torch-sum.js';

const f = Math.fround;
/** float32 values spanning magnitudes, so the summation order shows in the result. */
function vals(n: number): Float32Array {
  return Float32Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 1e4 : 1) * (((i * 37) % 11) / 7 + 1e-3 * i));
}
function seq(a: ArrayLike<number>, idx: number[]): number {
  let s = 0;
  for (const i of idx) s = f(s + a[i]!);
  return s;
}
const range = (a: number, b: number): number[] => Array.from({ length: b - a }, (_, i) => a + i);

describe('torch CPU float32 summation order', () => {
  it('levelSum: sequential below 16, cascaded blocks of 16 above', () => {
    const a = vals(40);
    expect(levelSum(a, 0, 1, 9)).toBe(seq(a, range(0, 9)));
    // 20: block [0,16) goes to level 1, the tail [16,20) is summed from 0 and level 1 added last
    expect(levelSum(a, 0, 1, 20)).toBe(f(seq(a, range(16, 20)) + seq(a, range(0, 16))));
    // 40: two blocks carried into level 1 (the second carry adds to it), then the tail
    const l1 = f(seq(a, range(0, 16)) + seq(a, range(16, 32)));
    expect(levelSum(a, 0, 1, 40)).toBe(f(seq(a, range(32, 40)) + l1));
  });
  it('rowSum: four interleaved partial sums, leftovers into the first', () => {
    const a = vals(11);
    const p0 = f(seq(a, [0, 4]) + a[8]!);
    const withTail = f(f(p0 + a[9]!) + a[10]!);
    expect(rowSum(a, 0, 1, 11)).toBe(f(f(f(withTail + seq(a, [1, 5])) + seq(a, [2, 6])) + seq(a, [3, 7])));
    expect(rowSum(a, 0, 1, 3)).toBe(seq(a, [0, 1, 2]));
  });
  it('torchInnerSum(17): tail element first, then the 8 two-element lanes (AlphaPose’s K = 17 means)', () => {
    const a = vals(17);
    let s = a[16]!;
    for (let l = 0; l < 8; l++) s = f(s + f(a[l]! + a[8 + l]!));
    expect(torchInnerSum(a, 0, 17)).toBe(s);
    expect(torchInnerSum(a, 0, 5)).toBe(rowSum(a, 0, 1, 5));
  });
  it('torchOuterSum: whole 32-column blocks sequential, the other columns row_sum', () => {
    const rows = 6;
    const ncols = 34;
    const a = vals(rows * ncols);
    const col = (c: number): number[] => range(0, rows).map((r) => r * ncols + c);
    expect(torchOuterSum(a, 0, rows, ncols, 5)).toBe(seq(a, col(5)));
    // column 33: row_sum over 6 rows: p0 = r0 + r4, then + r5, then + p1 (r1) + p2 (r2) + p3 (r3)
    const c = col(33);
    const expected = f(f(f(f(f(a[c[0]!]! + a[c[4]!]!) + a[c[5]!]!) + a[c[1]!]!) + a[c[2]!]!) + a[c[3]!]!);
    expect(torchOuterSum(a, 0, rows, ncols, 33)).toBe(expected);
    // 17 columns (< 32): every column is a row_sum
    expect(torchOuterSum(a, 0, 6, 17, 3)).toBe(rowSum(a, 3, 17, 6));
    // fewer than 8 columns: blocks of 4 sequential
    expect(torchOuterSum(a, 0, 6, 5, 2)).toBe(levelSum(a, 2, 5, 6));
    expect(torchOuterSum(a, 0, 6, 5, 4)).toBe(rowSum(a, 4, 5, 6));
  });
});
