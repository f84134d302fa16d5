/**
 * "Precision follows out": into a Float32Array the MMPose / RMPE box and point helpers round every step to float32
 * like the references' float32 arrays and tensors. Each case below is one where computing in double and rounding
 * once lands one float32 step away from the reference (values from ../shared/fixtures/affine).
 */
import { describe, expect, it } from 'vitest';
import { bboxCsToXyxy, bboxXyxyToCs, fixAspectRatio, flipBbox, topdownBackProject, transformBoxInvert } from '../../src/affine/index.js';

const f = Math.fround;

describe('float32 steps into a Float32Array, double otherwise', () => {
  it('bboxCsToXyxy: x2 = x1 + w carries the float32 rounding of x1 (mmpose.json bbox_cs2xyxy_roundtrip)', () => {
    const xyxy = Float32Array.from([397.096649, 83.7941895, 654.716003, 296.478333]);
    const cs = bboxXyxyToCs(new Float32Array(4), xyxy, 1);
    expect(Array.from(cs)).toEqual([525.9063110351562, 190.13626098632812, 257.6193542480469, 212.68414306640625]);
    // numpy float32: [397.09662, 83.79419, 654.71594, 296.47833]; double-then-round gives 654.716003 for x2.
    expect(Array.from(bboxCsToXyxy(new Float32Array(4), cs, 1))).toEqual([397.09661865234375, 83.794189453125, 654.7159423828125, 296.47833251953125]);
    expect(bboxCsToXyxy(new Float64Array(4), cs, 1)[2]).toBeCloseTo(654.7159881591797, 10);
  });
  it('fixAspectRatio multiplies by the float32 aspect ratio (mmpose.json fix_aspect_ratio 256x192)', () => {
    const r = 256 / 192; // a Python float, rounded to float32 by numpy's float32 arrays
    const out = fixAspectRatio(new Float32Array(4), Float32Array.from([0, 0, 100, 200]), r);
    expect(out[2]).toBe(f(f(200) * f(r)));
    expect(fixAspectRatio(new Float64Array(4), [0, 0, 100, 200], r)[2]).toBe(200 * r);
  });
  it('topdownBackProject: kp / size * scale + center - scale / 2 step by step (mmpose.json back-projection row 0)', () => {
    const kp = Float32Array.from([71.8720245, 124.955406]);
    const out = topdownBackProject(new Float32Array(2), kp, Float32Array.from([60, 120]), Float32Array.from([187.5, 250]), [192, 256]);
    expect(Array.from(out)).toEqual([36.437530517578125, 117.02676391601562]); // fixture: 36.4375305, 117.026764
    expect(f(topdownBackProject(new Float64Array(2), kp, [60, 120], [187.5, 250], [192, 256])[0]!)).toBe(36.437522888183594);
  });
  it('flipBbox: (w - x) is rounded before the - 1 (mmpose.json flip_bbox_xyxy_image_640x480)', () => {
    const box = Float32Array.from([397.096649, 83.7941895, 654.716003, 296.478333]);
    expect(flipBbox(new Float32Array(4), box, 640)[0]).toBe(f(-15.7160034));
    expect(flipBbox(new Float64Array(4), box, 640)[0]).toBe(640 - box[2]! - 1);
  });
  it('transformBoxInvert: the float32 transformBoxInvert_batch (alphapose.json rmpe_legacy row 5)', () => {
    const ul = Float32Array.from([121.655327, 11.8300991]);
    const br = Float32Array.from([366.529785, 67.6492462]);
    const hm = Float32Array.from([26.854539216926728, 32.52299677957138, 22.95088200587834, 23.611077242932254]);
    const out = transformBoxInvert(new Float32Array(4), hm, ul, br, 256, 192, 64);
    expect(Array.from(out)).toEqual([258.655121, 42.4077682, 238.740417, -3.05684853].map(f));
  });
});
