import { describe, expect, it } from 'vitest';
import { coordinateSearch, mulberry32 } from '../../src/fit/search.js';
import { mulberry32 as sharedMulberry32 } from '../../../../test-support/random.js';

describe('coordinateSearch', () => {
  it('maximises a smooth function inside the box, deterministically, within the budget', () => {
    let n = 0;
    const objective = (x: readonly number[]): number => {
      n++;
      return -((Math.log(x[0]!) - Math.log(3)) ** 2) - (x[1]! - 0.25) ** 2;
    };
    const dims = [
      { name: 'a', lo: 0.1, hi: 10, log: true },
      { name: 'b', lo: -1, hi: 1, log: false },
    ];
    const run = () => coordinateSearch(dims, [1, 0], objective([1, 0]), objective, { seed: 5, randomSamples: 8, rounds: 8, maxEvaluations: 200 }, () => 200 - n);
    const r = run();
    expect(r.x[0]).toBeCloseTo(3, 1);
    expect(r.x[1]).toBeCloseTo(0.25, 1);
    expect(n).toBeLessThanOrEqual(200);
    n = 0;
    expect(run()).toEqual(r);
  });
  it('mulberry32 is seeded and uniform in [0, 1)', () => {
    const a = mulberry32(9);
    const b = mulberry32(9);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(xs[10]).toBe(Array.from({ length: 11 }, () => b())[10]);
    expect(Math.abs(xs.reduce((s, x) => s + x, 0) / 1000 - 0.5)).toBeLessThan(0.05);
    // the private copy in src/fit/search.ts stays identical to the shared test helper
    const c = sharedMulberry32(9);
    expect(Array.from({ length: 1000 }, () => c())).toEqual(xs);
  });
});
