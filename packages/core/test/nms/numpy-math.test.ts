import { describe, expect, it } from 'vitest';
import { npExpF32, pairwiseSum32, pairwiseSum64 } from '../../src/nms/numpy-math.js';

/** Exactly representable inputs, identical in JS and Python (integer arithmetic and one IEEE division). */
function values(n: number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => ((i * 7919) % 1013) / 977 - (0.5 * ((i * 31) % 7)) / 3);
}

function fromBits(b: number): number {
  return new Float32Array(new Uint32Array([b]).buffer)[0]!;
}

describe('pairwiseSum (numpy np.sum order)', () => {
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
      expect(pairwiseSum64(a, 0, n)).toBe(s64);
      expect(pairwiseSum32(Float32Array.from(a), 0, n)).toBe(s32);
    });
  }
  it('respects the offset', () => {
    const a = values(20);
    expect(pairwiseSum64(a, 3, 5)).toBe(a[3]! + a[4]! + a[5]! + a[6]! + a[7]!);
  });
});

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
