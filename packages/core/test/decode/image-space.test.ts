import { describe, expect, it } from 'vitest';
import { decodeAlphaPoseSimple, decodeHrnetFinalPreds, decodeIntegral, decodeRmpeLegacy } from '../../src/index.js';
import { expectCode } from '../../../../test-support/errors.js';
import { gaussian, zeros } from './helpers.js';

describe('decodeHrnetFinalPreds (HRNet get_final_preds)', () => {
  it('quarter-refines with the 1 < x < W-1 guard and maps x = c + (x_hm - W/2) · 200 s_w / W', () => {
    const t = zeros(2, 2, 64, 48);
    gaussian(t, 0, 0, 10.3, 20.2); // argmax (10, 20) → (10.25, 20.25)
    gaussian(t, 1, 1, 30, 40);
    const centers = [100, 150, 300, 40];
    const scales = [1.2, 1.6, 0.5, 0.6667];
    const r = decodeHrnetFinalPreds(t, centers, scales);
    const k = (200 * 1.2) / 48;
    expect(r.keypoints[0]).toBeCloseTo(100 + (10.25 - 24) * k, 3);
    expect(r.keypoints[1]).toBeCloseTo(150 + (20.25 - 32) * k, 3); // the width sets both axes
    // instance 0 keypoint 1 is empty: heatmap (0, 0)
    expect(r.keypoints[2]).toBeCloseTo(100 - 24 * k, 3);
    expect(r.keypoints[3]).toBeCloseTo(150 - 32 * k, 3);
    const k1 = (200 * 0.5) / 48;
    expect(r.keypoints[6]).toBeCloseTo(300 + (30 - 24) * k1, 3);
    const raw = decodeHrnetFinalPreds(t, centers, scales, { postProcess: false });
    expect(raw.keypoints[0]).toBeCloseTo(100 + (10 - 24) * k, 3);
  });

  it('accepts nested centre / scale rows and rejects bad ones', () => {
    const t = zeros(1, 1, 8, 6);
    expect(decodeHrnetFinalPreds(t, [[10, 10]], [[1, 1]]).keypoints.length).toBe(2);
    expectCode(() => decodeHrnetFinalPreds(t, [10], [1, 1]), 'E_SHAPE');
    expectCode(() => decodeHrnetFinalPreds(t, [10, NaN], [1, 1]), 'E_NONFINITE');
    expectCode(() => decodeHrnetFinalPreds(t, [10, 10], [0, 1]), 'E_RANGE');
    expectCode(() => decodeHrnetFinalPreds(t, 'x' as never, [1, 1]), 'E_ARGUMENT');
  });
});

describe('decodeAlphaPoseSimple (AlphaPose heatmap_to_coord_simple)', () => {
  it('back-projects through the padded box and averages a flipped-back map', () => {
    const t = zeros(1, 1, 64, 48);
    gaussian(t, 0, 0, 12, 30.3); // argmax (12, 30), y moves +0.25
    const box = [14.2, 33, 134.2, 193];
    const r = decodeAlphaPoseSimple(t, box);
    const s = 120 / 48;
    expect(r.keypoints[0]).toBeCloseTo(74.2 + (12 - 24) * s, 3);
    expect(r.keypoints[1]).toBeCloseTo(113 + (30.25 - 32) * s, 3);
    const flipped = zeros(1, 1, 64, 48);
    gaussian(flipped, 0, 0, 12, 30.3, 2, 0.5);
    const f = decodeAlphaPoseSimple(t, box, { hmsFlip: flipped });
    expect(f.scores[0]).toBeCloseTo((r.scores[0]! * 1.5) / 2, 6);
    expectCode(() => decodeAlphaPoseSimple(t, box, { hmsFlip: zeros(1, 2, 64, 48) }), 'E_SHAPE');
    expectCode(() => decodeAlphaPoseSimple(t, [0, 0, 0, 10]), 'E_RANGE');
    const bad = zeros(1, 1, 64, 48);
    bad.data[5] = NaN;
    expectCode(() => decodeAlphaPoseSimple(t, box, { hmsFlip: bad }), 'E_NONFINITE', /hmsFlip/);
  });
});

describe('decodeIntegral (AlphaPose heatmap_to_coord_simple_regress)', () => {
  it('takes the expectation of the normalised map', () => {
    const box = [10, 20, 160, 220];
    const s = 150 / 48;
    // divide_sum on a Gaussian blob, softmax on peaked logits: both symmetric around (17, 25)
    const blob = zeros(1, 1, 64, 48);
    gaussian(blob, 0, 0, 17, 25, 1.5);
    const logits = zeros(1, 1, 64, 48);
    gaussian(logits, 0, 0, 17, 25, 1.5, 40);
    for (const [t, normType] of [
      [blob, 'divide_sum'],
      [logits, 'softmax'],
      [sharpen(blob), 'sigmoid'],
    ] as const) {
      const r = decodeIntegral(t, box, { normType });
      expect(r.keypoints[0]).toBeCloseTo(85 + (17 - 24) * s, 2);
      expect(r.keypoints[1]).toBeCloseTo(120 + (25 - 32) * s, 2);
      expect(r.scores[0]).toBeCloseTo(normType === 'sigmoid' ? 1 / (1 + Math.exp(-20)) : 1, 6);
    }
    // softmax over raw heatmap values (amplitude 1) is almost uniform: the expectation drifts to the middle
    const flat = decodeIntegral(blob, box, { normType: 'softmax' });
    expect(Math.abs(flat.keypoints[0]! - 85)).toBeLessThan(Math.abs(85 + (17 - 24) * s - 85));
  });

  it('averages the flip result as is and rejects bad input', () => {
    const t = zeros(1, 1, 8, 8);
    gaussian(t, 0, 0, 2, 4, 1);
    const m = zeros(1, 1, 8, 8);
    gaussian(m, 0, 0, 5, 4, 1);
    const box = [0, 0, 80, 80];
    const a = decodeIntegral(t, box, { normType: 'divide_sum' });
    const b = decodeIntegral(m, box, { normType: 'divide_sum' });
    const f = decodeIntegral(t, box, { normType: 'divide_sum', hmsFlip: m });
    expect(f.keypoints[0]).toBeCloseTo((a.keypoints[0]! + b.keypoints[0]!) / 2, 3);
    expectCode(() => decodeIntegral(zeros(1, 1, 8, 8), box, { normType: 'divide_sum' }), 'E_RANGE', /sums to 0/);
    expectCode(() => decodeIntegral(t, box, { normType: 'max' as never }), 'E_ARGUMENT');
    expectCode(() => decodeIntegral(t, [0, 0, 1]), 'E_SHAPE');
  });
});

/** A logit map: +20 on a 3x3 block around (17, 25), -40 elsewhere (sigmoid ≈ 0 there). */
function sharpen(t: { data: Float32Array; dims: number[] }): { data: Float32Array; dims: number[] } {
  const out = { data: new Float32Array(t.data.length).fill(-40), dims: t.dims };
  for (let y = 24; y <= 26; y++) for (let x = 16; x <= 18; x++) out.data[y * 48 + x] = 20;
  return out;
}

describe('decodeRmpeLegacy (RMPE getPrediction)', () => {
  it('adds 0.2 to every point, quarter-refines with the 0 < x < W-1 guard, and inverts the box transform', () => {
    const t = zeros(1, 2, 64, 48);
    gaussian(t, 0, 0, 1.2, 30); // argmax (1, 30): refined on x (0 < 1), y tie → 30
    const hm = decodeRmpeLegacy(t, [12, 30], [112, 230], { inputSize: [192, 256], outputSpace: 'heatmap' });
    expect(hm.keypoints[0]).toBeCloseTo(1.25 + 0.2, 6);
    expect(hm.keypoints[1]).toBeCloseTo(30.2, 5);
    expect(Array.from(hm.keypoints.subarray(2))).toEqual([Math.fround(0.2), Math.fround(0.2)]);
    const img = decodeRmpeLegacy(t, [12, 30], [112, 230], { inputSize: [192, 256] });
    // lenH = max(200, 100 · 256/192) = 200; lenW = 150; pad x = max(0, 74.5 - 49.5) = 25
    expect(img.keypoints[0]).toBeCloseTo(1.45 * (200 / 64) - 25 + 12, 3);
    expect(img.keypoints[1]).toBeCloseTo(30.2 * (200 / 64) + 30, 3);
    expectCode(() => decodeRmpeLegacy(t, [12, 30], [12, 230]), 'E_RANGE');
    expectCode(() => decodeRmpeLegacy(t, [12, 30, 1, 1], [112, 230]), 'E_SHAPE');
  });
});
