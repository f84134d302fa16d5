import { describe, expect, it } from 'vitest';
import { keypointBox, trackIou } from '../../src/track/iou.js';

describe('trackIou (tfjs BoundingBoxTracker.iou)', () => {
  it('hand-computed overlap, continuous coordinates (no +1)', () => {
    // [0,0,100,200] vs [10,0,110,200]: intersection 90·200 = 18000, union 20000 + 20000 − 18000 = 22000.
    expect(trackIou([0, 0, 100, 200], 0, [10, 0, 110, 200], 0)).toBeCloseTo(18000 / 22000, 15);
    // [0,0,10,10] vs [5,5,15,15]: 25 / (100 + 100 − 25) = 1/7
    expect(trackIou([0, 0, 10, 10], 0, [5, 5, 15, 15], 0)).toBeCloseTo(1 / 7, 15);
    expect(trackIou([1, 2, 3, 4], 0, [1, 2, 3, 4], 0)).toBe(1);
  });

  it('disjoint, touching and zero-area boxes give 0 (no 0 / 0)', () => {
    expect(trackIou([0, 0, 10, 10], 0, [20, 20, 30, 30], 0)).toBe(0);
    expect(trackIou([0, 0, 10, 10], 0, [10, 0, 20, 10], 0)).toBe(0);
    expect(trackIou([5, 5, 5, 5], 0, [5, 5, 5, 5], 0)).toBe(0);
  });

  it('reads boxes at offsets', () => {
    expect(trackIou([9, 9, 0, 0, 10, 10], 2, [7, 0, 0, 10, 10], 1)).toBe(1);
  });
});

describe('keypointBox', () => {
  it('box around keypoints with score > thr (strict), false when none', () => {
    const out = new Float64Array(6);
    const kp = [10, 20, 0.9, 50, 5, 0.3, 30, 60, 0.31, 99, 99, 0.1];
    expect(keypointBox(out, 2, kp, 0, 4, 0.3)).toBe(true);
    expect(Array.from(out)).toEqual([0, 0, 10, 20, 30, 60]);
    expect(keypointBox(out, 0, [1, 1, 0.2], 0, 1, 0.3)).toBe(false);
  });
});
