import { describe, expect, it } from 'vitest';
import { getUdpWarpMatrix, getWarpMatrix, invertAffine, multiplyAffine } from '../../src/affine/index.js';

const closeTo = (a: ArrayLike<number>, b: ArrayLike<number>, eps: number): void => {
  for (let i = 0; i < b.length; i++) expect(Math.abs(a[i]! - b[i]!)).toBeLessThanOrEqual(eps);
};

/** Closed form of spec §2.2: M = k [[cos, sin], [-sin, cos]], t = (W/2, H/2) - M (c + s shift). */
function closedForm(c: number[], s: number[], rot: number, size: number[], shift: number[]): number[] {
  const t = (rot * Math.PI) / 180;
  const k = size[0]! / s[0]!;
  const a = k * Math.cos(t), b = k * Math.sin(t);
  const px = c[0]! + s[0]! * shift[0]!, py = c[1]! + s[1]! * shift[1]!;
  return [a, b, size[0]! / 2 - (a * px + b * py), -b, a, size[1]! / 2 - (-b * px + a * py)];
}

describe('getWarpMatrix', () => {
  const c = [150.5, 110.25], s = [250, 333.333344];
  for (const conv of ['mmpose', 'hrnet'] as const) {
    for (const rot of [0, 30, -45]) {
      it(`${conv} rot ${rot} matches the closed form (float32 point precision)`, () => {
        const m = getWarpMatrix(new Float64Array(6), c, s, rot, [192, 256], [0.1, -0.05], false, conv)!;
        closeTo(m, closedForm(c, s, rot, [192, 256], [0.1, -0.05]), 2e-4);
        const inv = getWarpMatrix(new Float64Array(6), c, s, rot, [192, 256], [0.1, -0.05], true, conv)!;
        closeTo(multiplyAffine(new Float64Array(6), m, inv), [1, 0, 0, 0, 1, 0], 1e-5);
      });
    }
  }
  it('mmpose-unfixed scales x and y independently', () => {
    const m = getWarpMatrix(new Float64Array(6), [100, 100], [100, 400], 0, [50, 100], [0, 0], false, 'mmpose-unfixed')!;
    closeTo(m, [0.5, 0, -25, 0, 0.25, 25], 1e-9);
  });
  it('returns null for a degenerate box or output size', () => {
    expect(getWarpMatrix(new Float64Array(6), [0, 0], [0, 10], 0, [192, 256])).toBeNull();
    expect(getWarpMatrix(new Float64Array(6), [0, 0], [10, 10], 0, [0, 256])).toBeNull();
    expect(getWarpMatrix(new Float64Array(6), [NaN, 0], [10, 10], 0, [192, 256])).toBeNull();
  });
});

describe('getUdpWarpMatrix', () => {
  it('maps the box extent onto W-1 / H-1 pixels, float32 entries', () => {
    const m = getUdpWarpMatrix(new Float64Array(6), [60, 120], [187.5, 250], 0, [192, 256])!;
    expect(Array.from(m, (v) => v + 0)).toEqual([Math.fround(191 / 187.5), 0, Math.fround((191 / 187.5) * (-60 + 93.75)), 0, Math.fround(255 / 250), Math.fround((255 / 250) * (-120 + 125))]);
    // box corners -> output corners
    const inv = invertAffine(new Float64Array(6), m)!;
    closeTo([inv[2]!, inv[5]!], [60 - 93.75, 120 - 125], 1e-4);
  });
  it('has the opposite rotation sign to getWarpMatrix (kept quirk)', () => {
    const u = getUdpWarpMatrix(new Float64Array(6), [0, 0], [100, 100], 30, [101, 101])!;
    const g = getWarpMatrix(new Float64Array(6), [0, 0], [100, 100], 30, [100, 100])!;
    expect(Math.sign(u[1]!)).toBe(-Math.sign(g[1]!));
  });
  it('returns null for a degenerate box', () => {
    expect(getUdpWarpMatrix(new Float64Array(6), [0, 0], [0, 1], 0, [192, 256])).toBeNull();
  });
});
