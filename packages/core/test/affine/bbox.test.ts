import { describe, expect, it } from 'vitest';
import { expectCode } from '../../../../test-support/errors.js';
import { bboxCsToXyxy, bboxXywhToCs, bboxXyxyToCs, boxToCenterScale, centerScaleToBox, fixAspectRatio, xywhToCs } from '../../src/affine/index.js';

describe('MMPose box conversions', () => {
  it('bboxXyxyToCs / bboxXywhToCs / bboxCsToXyxy on a batch', () => {
    const xyxy = [10, 20, 110, 220, 0, 0, 192, 256];
    const cs = bboxXyxyToCs(new Float64Array(8), xyxy, 1.25);
    expect(Array.from(cs)).toEqual([60, 120, 125, 250, 96, 128, 240, 320]);
    expect(Array.from(bboxXywhToCs(new Float64Array(8), [10, 20, 100, 200, 0, 0, 192, 256], 1.25))).toEqual(Array.from(cs));
    expect(Array.from(bboxCsToXyxy(new Float64Array(8), cs, 1.25))).toEqual(xyxy);
  });
  it('fixAspectRatio uses a strict > (equal aspect keeps (h r, h))', () => {
    const cs = [0, 0, 100, 200, 0, 0, 200, 100, 0, 0, 192, 256];
    const out = fixAspectRatio(new Float64Array(12), cs, 192 / 256);
    expect(Array.from(out)).toEqual([0, 0, 150, 200, 0, 0, 200, 200 / 0.75, 0, 0, 192, 256]);
    // in place
    const v = Float64Array.from(cs);
    fixAspectRatio(v, v, 0.75);
    expect(Array.from(v)).toEqual(Array.from(out));
  });
  it.each([
    ['length not multiple of 4', () => bboxXyxyToCs(new Float64Array(8), [1, 2, 3], 1), 'E_SHAPE'],
    ['out too short', () => bboxXyxyToCs(new Float64Array(2), [1, 2, 3, 4], 1), 'E_SHAPE'],
    ['padding 0', () => bboxXyxyToCs(new Float64Array(4), [1, 2, 3, 4], 0), 'E_RANGE'],
    ['aspect NaN', () => fixAspectRatio(new Float64Array(4), [1, 2, 3, 4], NaN), 'E_RANGE'],
  ])('rejects %s', (_n, f, code) => {
    expect(f).toThrowError(expect.objectContaining({ code }));
  });
});

describe('HRNet / AlphaPose box conversions', () => {
  it('xywhToCs: aspect fix, 200-px units, x1.25', () => {
    expect(Array.from(xywhToCs(new Float64Array(4), [10, 20, 100, 200], 0.75))).toEqual([60, 120, 0.9375, 1.25]);
    expect(Array.from(xywhToCs(new Float64Array(4), [50.5, 60.25, 200, 100], 0.75))).toEqual([150.5, 110.25, 1.25, Math.fround(Math.fround(100 * (200 / 0.75) / 100 / 200) * 1.25)]);
  });
  it('keeps the references\' quirk: no x1.25 when center.x == -1', () => {
    expect(Array.from(xywhToCs(new Float64Array(4), [-51, 0, 100, 200], 0.75))).toEqual([-1, 100, 0.75, 1]);
  });
  it('boxToCenterScale (pixels) and centerScaleToBox', () => {
    const cs = boxToCenterScale(new Float64Array(4), [10, 20, 110, 220], 0.75);
    expect(Array.from(cs)).toEqual([60, 120, 187.5, 250]);
    expect(Array.from(centerScaleToBox(new Float64Array(4), cs))).toEqual([-33.75, -5, 153.75, 245]);
  });
});

describe('box conversions reject missing and non-finite boxes', () => {
  it('a missing box array is E_ARGUMENT, not a TypeError', () => {
    expectCode(() => bboxXyxyToCs(new Float64Array(4), null as never), 'E_ARGUMENT', /boxes must be a flat array of numbers, 4 per box; received null/);
    expectCode(() => bboxXyxyToCs(null as never, [0, 0, 1, 1]), 'E_ARGUMENT', /out must be a writable array of 4 numbers/);
    expectCode(() => xywhToCs(new Float64Array(4), undefined as never, 0.75), 'E_ARGUMENT');
  });
  it('a NaN coordinate is E_NONFINITE at entry and leaves out untouched', () => {
    const out = Float64Array.from([7, 7, 7, 7, 7, 7, 7, 7]);
    expectCode(() => bboxXyxyToCs(out, [0, 0, 10, 10, 0, NaN, 10, 10]), 'E_NONFINITE', /boxes\[5\] must be a finite number; received NaN/);
    expect(Array.from(out)).toEqual([7, 7, 7, 7, 7, 7, 7, 7]);
    expectCode(() => boxToCenterScale(new Float64Array(4), [0, 0, Infinity, 10], 0.75), 'E_NONFINITE');
    expectCode(() => centerScaleToBox(new Float64Array(4), [0, 0, NaN, 10]), 'E_NONFINITE');
    expectCode(() => bboxCsToXyxy(new Float64Array(4), [NaN, 0, 1, 1]), 'E_NONFINITE');
  });
  it('fixAspectRatio does not swallow a NaN scale (was [0, 0, 1, 1])', () => {
    expectCode(() => fixAspectRatio(new Float64Array(4), [0, 0, NaN, 1], 1), 'E_NONFINITE', /cs\[2\]/);
  });
});
