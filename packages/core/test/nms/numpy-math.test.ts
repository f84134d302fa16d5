import { describe, expect, it } from 'vitest';
import { npExpF32 } from '../../src/nms/numpy-math.js';

// numpy's pairwise sum (formerly tested here) now lives in src/metrics/pairwise.ts: see test/metrics/pairwise.test.ts.

function fromBits(b: number): number {
  return new Float32Array(new Uint32Array([b]).buffer)[0]!;
}

describe('npExpF32 (numpy SIMD float32 exp)', () => {
  it('reproduces numpy’s (not correctly rounded) float32 exp bit for bit', () => {
    // inputs and numpy 2.4 np.exp outputs as float32 bit patterns
    const xs = [3205287990, 3212836864, 3197737370, 3223322624, 3156465418, 3212835186, 3218708890, 3187463808, 3232759808, 3240361984];
    const ys = [1058255107, 1052531377, 1061004867, 1034427439, 1065186281, 1052532612, 1044058467, 1063404718, 998632019, 940854484];
    xs.forEach((xb, i) => expect(npExpF32(fromBits(xb))).toBe(fromBits(ys[i]!)));
    // the first one is where a correctly rounded exp differs (the MMPose _rescore fixture case)
    expect(Math.fround(Math.exp(fromBits(xs[0]!)))).not.toBe(fromBits(ys[0]!));
  });
  it('saturates like numpy', () => {
    expect(npExpF32(100)).toBe(Infinity);
    expect(npExpF32(-200)).toBe(0);
    expect(npExpF32(0)).toBe(1);
    expect(Number.isNaN(npExpF32(NaN))).toBe(true);
  });
});
