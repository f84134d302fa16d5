import { describe, expect, it } from 'vitest';
import { evaluateKeypoints, prCurves } from '../../src/index.js';
import { gtDict, person, personKps, shifted } from './helpers.js';

function sample() {
  const anns = [person(1, 1, 100, 100, 50, 120), person(2, 1, 300, 100, 80, 160), person(3, 2, 50, 50, 40, 90), person(4, 2, 200, 60, 120, 200)];
  const dts = [
    { image_id: 1, category_id: 1, keypoints: shifted(personKps(100, 100, 50, 120), 1, 2), score: 0.9 },
    { image_id: 1, category_id: 1, keypoints: shifted(personKps(300, 100, 80, 160), 6, -4), score: 0.6 },
    { image_id: 2, category_id: 1, keypoints: shifted(personKps(50, 50, 40, 90), 3, 3), score: 0.7 },
    { image_id: 2, category_id: 1, keypoints: personKps(500, 300, 40, 90), score: 0.8 },
  ];
  return evaluateKeypoints(gtDict([1, 2], anns), dts);
}

describe('prCurves', () => {
  it('gives one curve per threshold and a mean whose APs equal the COCO stats', () => {
    const e = sample();
    const c = prCurves(e);
    expect(c.recall).toHaveLength(101);
    expect(c.curves).toHaveLength(10);
    expect(c.curves[0]!.label).toBe('OKS=0.50');
    expect(c.curves[0]!.ap).toBe(e.stats[1]);
    expect(c.curves[5]!.ap).toBe(e.stats[2]);
    expect(c.mean.ap).toBe(e.stats[0]);
    expect(c.curves[0]!.precision).toHaveLength(101);
    expect(c.categoryIds).toEqual([1]);
  });
  it('selects area ranges and rejects unknown ones', () => {
    const e = sample();
    expect(prCurves(e, { areaLabel: 'large' }).mean.ap).toBe(e.stats[4]);
    expect(() => prCurves(e, { areaLabel: 'huge' })).toThrow(expect.objectContaining({ code: 'E_ARGUMENT' }));
    expect(() => prCurves(e, { maxDets: 7 })).toThrow(expect.objectContaining({ code: 'E_ARGUMENT' }));
    expect(() => prCurves(e, { categoryId: 5 })).toThrow(expect.objectContaining({ code: 'E_ARGUMENT' }));
  });
});
