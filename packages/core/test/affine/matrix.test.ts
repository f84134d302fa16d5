import { describe, expect, it } from 'vitest';
import { expectCode } from '../../../../test-support/errors.js';
import {
  createAffine,
  cvTransformPoints,
  getAffineTransform,
  identityAffine,
  invertAffine,
  multiplyAffine,
  transformPoint,
  transformPoints,
} from '../../src/affine/index.js';

const close = (a: ArrayLike<number>, b: ArrayLike<number>, eps = 1e-12): void => {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) expect(Math.abs(a[i]! - b[i]!)).toBeLessThanOrEqual(eps);
};

describe('2x3 affine basics', () => {
  const m = Float64Array.from([2, 0.5, 3, -1, 1.5, 4]);
  it('createAffine / identityAffine', () => {
    expect(Array.from(createAffine())).toEqual([1, 0, 0, 0, 1, 0]);
    expect(Array.from(identityAffine(Float64Array.from(m)))).toEqual([1, 0, 0, 0, 1, 0]);
  });
  it('invertAffine inverts and composes to the identity; in place works', () => {
    const inv = invertAffine(new Float64Array(6), m)!;
    close(multiplyAffine(new Float64Array(6), m, inv), [1, 0, 0, 0, 1, 0]);
    close(multiplyAffine(new Float64Array(6), inv, m), [1, 0, 0, 0, 1, 0]);
    const inPlace = Float64Array.from(m);
    expect(invertAffine(inPlace, inPlace)).toBe(inPlace);
    close(inPlace, inv);
  });
  it('invertAffine returns null for a singular matrix, rejects a non-finite or missing one', () => {
    expect(invertAffine(new Float64Array(6), [1, 2, 0, 2, 4, 0])).toBeNull();
    expectCode(() => invertAffine(new Float64Array(6), [1, 0, NaN, 0, 1, 0]), 'E_NONFINITE', /m\[2\] must be a finite number; received NaN/);
    expectCode(() => invertAffine(new Float64Array(6), null as never), 'E_ARGUMENT', /m must be an array of 6 numbers .*received null/);
    expectCode(() => invertAffine(new Float64Array(6), [1, 0, 0]), 'E_SHAPE');
    expectCode(() => invertAffine(null as never, [1, 0, 0, 0, 1, 0]), 'E_ARGUMENT');
  });
  it('multiplyAffine(a, b) applies b first', () => {
    const a = [1, 0, 10, 0, 1, 20];
    const b = [2, 0, 0, 0, 3, 0];
    const p = transformPoint([0, 0], multiplyAffine(new Float64Array(6), a, b), [1, 1]);
    expect(p).toEqual([12, 23]);
  });
  it('transformPoints with stride 3 copies the score; in place works', () => {
    const pts = [1, 2, 0.9, -1, 0, 0.5];
    const out = transformPoints(new Float64Array(6), m, pts, 3);
    expect(Array.from(out)).toEqual([2 + 1 + 3, -1 + 3 + 4, 0.9, -2 + 0 + 3, 1 + 0 + 4, 0.5]);
    const same = Float64Array.from(pts);
    transformPoints(same, m, same, 3);
    expect(Array.from(same)).toEqual(Array.from(out));
  });
});

describe('getAffineTransform', () => {
  it('recovers a known matrix from three points', () => {
    const m = [0.8, -0.3, 12, 0.25, 1.1, -7];
    const src = [0, 0, 100, 0, 0, 50];
    const dst = new Float64Array(6);
    for (let i = 0; i < 3; i++) transformPoint(dst.subarray(2 * i, 2 * i + 2), m, src.slice(2 * i, 2 * i + 2));
    // dst is rounded to float32 inside (Point2f), so compare at float32 precision of the points
    close(getAffineTransform(new Float64Array(6), src, dst)!, m, 1e-5);
  });
  it('returns null for collinear source points', () => {
    expect(getAffineTransform(new Float64Array(6), [0, 0, 1, 1, 2, 2], [0, 0, 1, 0, 0, 1])).toBeNull();
  });
});

describe('cvTransformPoints (cv2.transform on float32)', () => {
  it('diagonal matrices (off-diagonal <= FLT_EPSILON): fused a x + t on the float32 matrix, one rounding', () => {
    const m = [1.024, 7.6e-17, 34.56, 3.7e-16, 1.024, 5.12];
    const pts = Float32Array.from([101.969574, 196.481415, 11.8110142, 132.929077]);
    const out = cvTransformPoints(new Float32Array(4), m, pts);
    const f = Math.fround;
    for (let i = 0; i < 2; i++) {
      expect(out[2 * i]).toBe(f(f(1.024) * pts[2 * i]! + f(34.56)));
      expect(out[2 * i + 1]).toBe(f(f(1.024) * pts[2 * i + 1]! + f(5.12)));
    }
    // and within float32 precision of exact math
    const ref = transformPoints(new Float64Array(4), m, pts);
    for (let i = 0; i < 4; i++) expect(Math.abs(out[i]! - ref[i]!)).toBeLessThan(1e-4);
  });
  it('reproduces OpenCV float32 cancellation for a 153x magnification (fixture values)', () => {
    // affine/mmpose.json get_warp_matrix row 80 (box 3, rot 30): expected x of the first keypoint is 104.101562.
    const m = [133.02225303193563, 76.80130080328316, -47595.717766826616, -76.80130080328311, 133.022253031935, 9838.05446167711];
    const out = cvTransformPoints(new Float32Array(2), m, Float32Array.from([300.600616, 100.431274]));
    expect(Math.abs(out[0]! - 104.101562)).toBeLessThan(1e-5);
  });
});

describe('point transforms reject bad shapes', () => {
  it.each([
    ['stride 1', () => transformPoints(new Float64Array(4), [1, 0, 0, 0, 1, 0], [1, 2, 3, 4], 1), 'E_RANGE'],
    ['odd length', () => transformPoints(new Float64Array(4), [1, 0, 0, 0, 1, 0], [1, 2, 3]), 'E_SHAPE'],
    ['out too short', () => transformPoints(new Float64Array(2), [1, 0, 0, 0, 1, 0], [1, 2, 3, 4]), 'E_SHAPE'],
    ['cv: out too short', () => cvTransformPoints(new Float32Array(2), [1, 0, 0, 0, 1, 0], new Float32Array(4)), 'E_SHAPE'],
  ])('%s', (_n, f, code) => {
    expect(f).toThrowError(expect.objectContaining({ code }));
  });
});

describe('invalid arguments: PosekitError, never TypeError or silent NaN', () => {
  const I = [1, 0, 0, 0, 1, 0];
  it('transformPoints: a missing or non-finite matrix, missing points', () => {
    expectCode(() => transformPoints(new Float64Array(2), null as never, [1, 2]), 'E_ARGUMENT', /m must be an array of 6 numbers/);
    expectCode(() => transformPoints(new Float64Array(2), [1, 0, 0, 0, NaN, 0], [1, 2]), 'E_NONFINITE', /m\[4\]/);
    expectCode(() => transformPoints(new Float64Array(2), I, null as never), 'E_ARGUMENT', /pts must be a flat array/);
    expectCode(() => transformPoints(null as never, I, [1, 2]), 'E_ARGUMENT', /out must be a writable array/);
  });
  it('transformPoints passes a NaN point ("missing") through and transforms the others', () => {
    const out = transformPoints(new Float64Array(4), [2, 0, 1, 0, 2, 1], [NaN, NaN, 1, 2]);
    expect(Number.isNaN(out[0]!) && Number.isNaN(out[1]!)).toBe(true);
    expect([out[2], out[3]]).toEqual([3, 5]);
  });
  it('multiplyAffine, transformPoint, cvTransformPoints, getAffineTransform', () => {
    expectCode(() => multiplyAffine(new Float64Array(6), I, [1, 0, Infinity, 0, 1, 0]), 'E_NONFINITE', /b\[2\]/);
    expectCode(() => transformPoint([0, 0], I, null as never), 'E_ARGUMENT', /p must be an array of 2/);
    expectCode(() => cvTransformPoints(new Float32Array(2), [NaN, 0, 0, 0, 1, 0], new Float32Array(2)), 'E_NONFINITE');
    expectCode(() => getAffineTransform(new Float64Array(6), null as never, [0, 0, 1, 0, 0, 1]), 'E_ARGUMENT', /src/);
    expectCode(() => getAffineTransform(new Float64Array(6), [0, 0, 1, 0, 0, NaN], [0, 0, 1, 0, 0, 1]), 'E_NONFINITE', /src\[5\]/);
    expectCode(() => identityAffine(new Float64Array(3)), 'E_SHAPE');
  });
});
