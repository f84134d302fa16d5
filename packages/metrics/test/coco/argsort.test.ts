import { describe, expect, it } from 'vitest';
import { stableArgsortDesc } from '../../src/coco/argsort.js';

/** Reference: stable sort by descending key (what np.argsort(-x, kind='mergesort') gives). */
function reference(keys: Float64Array, n: number): number[] {
  return Array.from({ length: n }, (_v, i) => i).sort((a, b) => (keys[b]! > keys[a]! ? 1 : keys[b]! < keys[a]! ? -1 : a - b));
}

describe('stableArgsortDesc', () => {
  for (const n of [0, 1, 5, 32, 33, 500, 20000]) {
    it(`n = ${n}: descending, ties in input order (insertion and radix paths)`, () => {
      let seed = n + 1;
      const rnd = (): number => {
        seed = (seed * 16807) % 2147483647;
        return seed / 2147483647;
      };
      // Many ties (rounded scores), negatives, zeros of both signs, large and tiny magnitudes.
      const keys = Float64Array.from({ length: n }, (_v, i) => (i % 7 === 0 ? -0 : i % 11 === 0 ? 0 : Math.round((rnd() - 0.3) * 20) / 10 * (i % 13 === 0 ? 1e200 : i % 17 === 0 ? 1e-300 : 1)));
      const idx = Int32Array.from({ length: n }, (_v, i) => i);
      stableArgsortDesc(idx, n, keys);
      expect(Array.from(idx)).toEqual(reference(keys, n));
    });
  }
  it('sorts a sub-list of positions into other keys', () => {
    const keys = Float64Array.from([0.1, 0.9, 0.5, 0.9, 0.2]);
    const idx = Int32Array.from([4, 3, 1, 0]);
    stableArgsortDesc(idx, 4, keys);
    expect(Array.from(idx)).toEqual([3, 1, 4, 0]);
  });
});
