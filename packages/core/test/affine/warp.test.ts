import { describe, expect, it } from 'vitest';
import { expectCode } from '../../../../test-support/errors.js';
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
    expect(getWarpMatrix(new Float64Array(6), [0, 0], [10, 0], 0, [192, 256], [0, 0], false, 'mmpose-unfixed')).toBeNull();
  });
  it('needs only the box width for the fixed-aspect conventions (the references never read the height)', () => {
    for (const conv of ['mmpose', 'hrnet'] as const) {
      const want = getWarpMatrix(new Float64Array(6), [60, 120], [187.5, 250], 30, [192, 256], [0, 0], false, conv)!;
      for (const h of [0, -5]) {
        const m = getWarpMatrix(new Float64Array(6), [60, 120], [187.5, h], 30, [192, 256], [0, 0], false, conv);
        expect(m).not.toBeNull();
        expect(Array.from(m!)).toEqual(Array.from(want));
      }
    }
  });
  it('hrnet: the shift term scale * shift is float32 like the reference (affine/hrnet.json boxes[1], rot 30)', () => {
    // get_affine_transform(center, scale * 200, 30, [192, 256], shift=float32 [0.1, -0.05]) from the fixture.
    const want = [0.6651075071556177, 0.3840000108971219, -56.66236657247484, -0.384000022615872, 0.6651075188743683, 133.14902871067102];
    const m = getWarpMatrix(new Float64Array(6), [150.5, 110.25], [250, Math.fround(Math.fround(1.66666675) * 200)], 30, [192, 256], [0.1, -0.05], false, 'hrnet')!;
    closeTo(m, want, 1e-12);
  });
  it('rejects an unknown convention, missing and non-finite arguments', () => {
    const o = new Float64Array(6);
    expectCode(() => getWarpMatrix(o, [0, 0], [10, 10], 0, [192, 256], [0, 0], false, 'opencv' as never), 'E_ARGUMENT', /'mmpose', 'mmpose-unfixed', 'hrnet'; received "opencv"/);
    expectCode(() => getWarpMatrix(o, null as never, [10, 10], 0, [192, 256]), 'E_ARGUMENT', /center must be an array of 2 numbers/);
    expectCode(() => getWarpMatrix(o, [0, 0], [10], 0, [192, 256]), 'E_SHAPE');
    expectCode(() => getWarpMatrix(o, [NaN, 0], [10, 10], 0, [192, 256]), 'E_NONFINITE', /center\[0\]/);
    expectCode(() => getWarpMatrix(o, [0, 0], [10, Infinity], 0, [192, 256]), 'E_NONFINITE', /scale\[1\]/);
    expectCode(() => getWarpMatrix(o, [0, 0], [10, 10], NaN, [192, 256]), 'E_NONFINITE', /rot/);
    expectCode(() => getWarpMatrix(o, [0, 0], [10, 10], 0, [192, 256], [NaN, 0]), 'E_NONFINITE', /shift/);
    expectCode(() => getUdpWarpMatrix(o, [0, 0], null as never, 0, [192, 256]), 'E_ARGUMENT', /scale/);
    expectCode(() => getUdpWarpMatrix(o, [0, 0], [10, 10], 0, [192, NaN]), 'E_NONFINITE', /outputSize\[1\]/);
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
  it('converts degrees like np.deg2rad: rot * (pi / 180), not rot * pi / 180', () => {
    // A case where the two forms differ in the last bit of sin and the float32 entry shows it.
    const sw = 159.16665283637244;
    const sx = 191 / sw;
    const m = getUdpWarpMatrix(new Float64Array(6), [0, 0], [sw, 100], 3, [192, 256])!;
    expect(m[1]).toBe(Math.fround(-Math.sin(3 * (Math.PI / 180)) * sx));
    expect(m[1]).not.toBe(Math.fround(-Math.sin((3 * Math.PI) / 180) * sx));
  });
});
