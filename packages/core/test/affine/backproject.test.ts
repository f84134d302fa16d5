import { describe, expect, it } from 'vitest';
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
  ])('rejects %s', (_n, f, code) => {
    expect(f).toThrowError(expect.objectContaining({ code }));
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
});
