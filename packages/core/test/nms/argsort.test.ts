import { describe, expect, it } from 'vitest';
import { argsortF32 } from '../../src/nms/argsort.js';
import { mulberry32 } from '../../../../test-support/random.js';

describe('argsortF32', () => {
  it('equals a comparator sort (ties by ascending index, −0 equal to 0, negatives, large values)', () => {
    const rand = mulberry32(3);
    const keys = Float32Array.from({ length: 700 }, (_, i) => (i % 9 === 0 ? 0.5 : i % 13 === 0 ? -0 : i % 11 === 0 ? 0 : (rand() - 0.3) * 10 ** Math.floor(rand() * 8 - 3)));
    for (const desc of [true, false]) {
      const expected = Array.from({ length: keys.length }, (_, i) => i).sort((a, b) => (desc ? keys[b]! - keys[a]! : keys[a]! - keys[b]!) || a - b);
      expect(Array.from(argsortF32(keys, keys.length, desc))).toEqual(expected);
    }
  });
  it('handles empty and single inputs', () => {
    expect(argsortF32(new Float32Array(0), 0, true).length).toBe(0);
    expect(Array.from(argsortF32([3], 1, false))).toEqual([0]);
  });
});
