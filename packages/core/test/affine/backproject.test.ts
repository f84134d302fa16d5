import { describe, expect, it } from 'vitest';
import { expectCode } from '../../../../test-support/errors.js';
import {
  alphaposeBackProject,
  cropBoxMatrix,
  getWarpMatrix,
  rmpeCropBoxMatrix,
  topdownBackProject,
  transformBox,
  transformBoxInvert,
  transformPoints,
  transformPreds,
} from '../../src/affine/index.js';

describe('topdownBackProject (MMPose)', () => {
  it('kp / input * s + c - s / 2, score copied, in place', () => {
    const kp = Float32Array.from([0, 0, 0.9, 192, 256, 0.1, 96, 128, 0.5]);
    topdownBackProject(kp, kp, [60, 120], [187.5, 250], [192, 256], 3);
    expect(Array.from(kp)).toEqual(Array.from(Float32Array.from([-33.75, -5, 0.9, 153.75, 245, 0.1, 60, 120, 0.5])));
  });
  it('is the inverse of the warp (rot 0) up to float32 point rounding', () => {
    const m = getWarpMatrix(new Float64Array(6), [60, 120], [187.5, 250], 0, [192, 256])!;
    const img = [10, 20, 55.5, 170.25];
    const inp = transformPoints(new Float64Array(4), m, img);
    const back = topdownBackProject(new Float64Array(4), inp, [60, 120], [187.5, 250], [192, 256]);
    for (let i = 0; i < 4; i++) expect(back[i]).toBeCloseTo(img[i]!, 4);
  });
  it.each([
    ['stride 1', () => topdownBackProject(new Float64Array(4), [1, 2, 3, 4], [0, 0], [1, 1], [1, 1], 1), 'E_RANGE'],
    ['odd length', () => topdownBackProject(new Float64Array(4), [1, 2, 3], [0, 0], [1, 1], [1, 1]), 'E_SHAPE'],
    ['input size 0', () => topdownBackProject(new Float64Array(4), [1, 2, 3, 4], [0, 0], [1, 1], [0, 1]), 'E_RANGE'],
    ['center null', () => topdownBackProject(new Float64Array(2), [1, 2], null as never, [1, 1], [1, 1]), 'E_ARGUMENT'],
    ['keypoints null', () => topdownBackProject(new Float64Array(2), null as never, [0, 0], [1, 1], [1, 1]), 'E_ARGUMENT'],
    ['scale NaN', () => topdownBackProject(new Float64Array(2), [1, 2], [0, 0], [NaN, 1], [1, 1]), 'E_NONFINITE'],
    ['center Infinity', () => topdownBackProject(new Float64Array(2), [1, 2], [Infinity, 0], [1, 1], [1, 1]), 'E_NONFINITE'],
    ['input size NaN', () => topdownBackProject(new Float64Array(2), [1, 2], [0, 0], [1, 1], [NaN, 1]), 'E_NONFINITE'],
  ])('rejects %s', (_n, f, code) => {
    expectCode(f, code);
  });
  it('passes a NaN keypoint ("missing") through', () => {
    const out = topdownBackProject(new Float64Array(4), [NaN, NaN, 96, 128], [60, 120], [187.5, 250], [192, 256]);
    expect(Number.isNaN(out[0]!)).toBe(true);
    expect([out[2], out[3]]).toEqual([60, 120]);
  });
});

describe('transformPreds (HRNet / AlphaPose)', () => {
  it('x = cx + (x_hm - W/2) w / W, y scaled by the width too', () => {
    const out = transformPreds(new Float64Array(2), [12, 40], [60, 120], [187.5, 250], [48, 64])!;
    expect(out[0]).toBeCloseTo(60 + (12 - 24) * (187.5 / 48), 6);
    expect(out[1]).toBeCloseTo(120 + (40 - 32) * (187.5 / 48), 6);
  });
  it('alphaposeBackProject takes center and size from the crop box', () => {
    const a = alphaposeBackProject(new Float64Array(2), [12, 40], [-33.75, -5, 153.75, 245], [48, 64])!;
    const b = transformPreds(new Float64Array(2), [12, 40], [60, 120], [187.5, 250], [48, 64])!;
    expect(Array.from(a)).toEqual(Array.from(b));
  });
  it('returns null for a degenerate box', () => {
    expect(transformPreds(new Float64Array(2), [1, 1], [0, 0], [0, 0], [48, 64])).toBeNull();
    expect(alphaposeBackProject(new Float64Array(2), [1, 1], [10, 0, 10, 50], [48, 64])).toBeNull();
  });
  it('uses only the box width, as the references: a zero height still back-projects', () => {
    const want = transformPreds(new Float64Array(2), [12, 40], [60, 120], [187.5, 250], [48, 64])!;
    const got = transformPreds(new Float64Array(2), [12, 40], [60, 120], [187.5, 0], [48, 64]);
    expect(got).not.toBeNull();
    expect(Array.from(got!)).toEqual(Array.from(want));
    const viaBox = alphaposeBackProject(new Float64Array(2), [12, 40], [-33.75, 120, 153.75, 120], [48, 64]);
    expect(Array.from(viaBox!)).toEqual(Array.from(want));
  });
  it('rejects missing and non-finite centres, scales, sizes and boxes', () => {
    expectCode(() => transformPreds(new Float64Array(2), [1, 1], null as never, [10, 10], [48, 64]), 'E_ARGUMENT', /center/);
    expectCode(() => transformPreds(new Float64Array(2), [1, 1], [0, 0], [10, NaN], [48, 64]), 'E_NONFINITE', /scale\[1\]/);
    expectCode(() => alphaposeBackProject(new Float64Array(2), [1, 1], null as never, [48, 64]), 'E_ARGUMENT', /bbox/);
    expectCode(() => alphaposeBackProject(new Float64Array(2), [1, 1], [0, 0, NaN, 10], [48, 64]), 'E_NONFINITE', /bbox\[2\]/);
  });
});

describe('RMPE transformBox / transformBoxInvert', () => {
  it('transformBoxInvert(transformBox(p)) is within rounding of p', () => {
    const ul = [10, 20], br = [110, 220];
    const pts = [60.3, 100.7, 30.1, 200.2];
    const hm = transformBox(new Int32Array(4), pts, ul, br, 256, 192, 64);
    const back = transformBoxInvert(new Float64Array(4), hm, ul, br, 256, 192, 64);
    const cell = 200 / 64; // lenH / resH
    for (let i = 0; i < 4; i++) expect(Math.abs(back[i]! - pts[i]!)).toBeLessThanOrEqual(cell / 2 + 1e-9);
  });
  it('rejects a box without extent instead of dividing by zero (was [-Infinity, -Infinity])', () => {
    expectCode(() => transformBox(new Int32Array(2), [1, 1], [5, 5], [5, 5], 320, 256, 80), 'E_RANGE', /no extent/);
    expectCode(() => transformBoxInvert(new Float64Array(2), [1, 1], [5, 5], [5, 5], 320, 256, 80), 'E_RANGE', /no extent/);
    expectCode(() => transformBox(new Int32Array(2), [1, 1], null as never, [5, 5], 320, 256, 80), 'E_ARGUMENT', /ul/);
    expectCode(() => transformBoxInvert(new Float64Array(2), [1, 1], [0, 0], [NaN, 5], 320, 256, 80), 'E_NONFINITE', /br\[0\]/);
    expectCode(() => transformBoxInvert(new Float64Array(2), [1, 1], [0, 0], [5, 5], 320, NaN, 80), 'E_RANGE');
  });
  it('rounds half to even like Python round', () => {
    // box 48x64 at aspect 192/256: lenH = 64 = resH, lenW = 48, both offsets 0, so the map is the identity
    const out = transformBox(new Int32Array(4), [0.5, 1.5, 2.5, 3.5], [0, 0], [48, 64], 256, 192, 64);
    expect(Array.from(out)).toEqual([0, 2, 2, 4]);
  });
});

describe('crop box matrices (AlphaPose cv_cropBox, RMPE cropBox)', () => {
  it('maps the padded box corners to the crop corners', () => {
    const m = cropBoxMatrix(new Float64Array(6), [10, 20, 110, 220], [192, 256])!;
    // xmax = 109, lenW = 199 * 192 / 256 = 149.25, pad_x = floor((149.25 - 99) / 2) = 25
    const p = transformPoints(new Float64Array(4), m, [-15, 20, 134, 219]);
    const want = [0, 0, 191, 255];
    for (let i = 0; i < 4; i++) expect(p[i]).toBeCloseTo(want[i]!, 4);
    const inv = cropBoxMatrix(new Float64Array(6), [10, 20, 110, 220], [192, 256], true)!;
    const q = transformPoints(new Float64Array(2), inv, [0, 0]);
    expect(Array.from(q).map((v) => Math.round(v * 1e6) / 1e6)).toEqual([-15, 20]);
  });
  it('RMPE cropBox truncates ul and br - 1', () => {
    const a = rmpeCropBoxMatrix(new Float64Array(6), [10.7, 20.2], [111.9, 221.5], [192, 256])!;
    const b = cropBoxMatrix(new Float64Array(6), [10, 20, 111, 221], [192, 256])!;
    expect(Array.from(a)).toEqual(Array.from(b));
  });
  it('returns null for a zero-size box (OpenCV returns an all-zero matrix)', () => {
    expect(cropBoxMatrix(new Float64Array(6), [300, 100, 301, 101], [192, 256])).toBeNull();
  });
  it('treats boxes without pixels consistently: null, never a mirrored matrix', () => {
    // [5, 5, 6, 6]: one pixel (lenH = 0), singular; [5, 5, 5, 5]: no pixel (lenH < 0), was a negative-scale matrix.
    expect(cropBoxMatrix(new Float64Array(6), [5, 5, 6, 6], [192, 256])).toBeNull();
    expect(cropBoxMatrix(new Float64Array(6), [5, 5, 5, 5], [192, 256])).toBeNull();
    expect(cropBoxMatrix(new Float64Array(6), [5, 5, 5, 5], [192, 256], true)).toBeNull();
    expect(rmpeCropBoxMatrix(new Float64Array(6), [5, 5], [5, 5], [192, 256])).toBeNull();
    // The paste-back of a one-pixel box is the reference's rank-0 matrix onto its corner (affine/alphapose.json).
    expect(Array.from(cropBoxMatrix(new Float64Array(6), [5, 5, 6, 6], [192, 256], true)!, (v) => v + 0)).toEqual([0, 0, 5, 0, 0, 5]);
  });
  it('crop box matrices reject missing and non-finite boxes', () => {
    expectCode(() => cropBoxMatrix(new Float64Array(6), null as never, [192, 256]), 'E_ARGUMENT', /bbox must be an array of 4 numbers/);
    expectCode(() => cropBoxMatrix(new Float64Array(6), [0, 0, NaN, 10], [192, 256]), 'E_NONFINITE', /bbox\[2\]/);
    expectCode(() => rmpeCropBoxMatrix(new Float64Array(6), [0, 0], [10, 10], null as never), 'E_ARGUMENT', /outputSize/);
  });
});
