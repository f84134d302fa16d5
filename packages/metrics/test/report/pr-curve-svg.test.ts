import { describe, expect, it } from 'vitest';
import { evaluateKeypoints, prCurves } from '../../src/index.js';
import { prCurveSvg } from '../../src/report/index.js';
import { gtDict, person, personKps, shifted } from '../coco/helpers.js';

const e = evaluateKeypoints(gtDict([1], [person(1, 1, 100, 100, 50, 120), person(2, 1, 300, 100, 80, 160)]), [
  { image_id: 1, category_id: 1, keypoints: shifted(personKps(100, 100, 50, 120), 2, 1), score: 0.9 },
  { image_id: 1, category_id: 1, keypoints: personKps(400, 300, 30, 60), score: 0.8 },
]);

describe('prCurveSvg', () => {
  it('renders a standalone SVG with axes, one curve per threshold, the mean and a legend', () => {
    const svg = prCurveSvg(e);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(svg).toContain('>Recall<');
    expect(svg).toContain('>Precision<');
    expect((svg.match(/<polyline /g) ?? []).length).toBe(11);
    expect(svg).toContain('OKS=0.50');
    expect(svg).toContain(`mean (AP) ${e.stats[0]!.toFixed(3)}`);
    expect(svg).not.toMatch(/NaN|undefined|<script|href=/);
  });
  it('can draw only the mean, from precomputed curves, with a custom size and title', () => {
    const svg = prCurveSvg(prCurves(e), { curves: 'mean', width: 300, height: 200, title: 'A & B <test>' });
    expect((svg.match(/<polyline /g) ?? []).length).toBe(1);
    expect(svg).toContain('width="300" height="200"');
    expect(svg).toContain('A &amp; B &lt;test&gt;');
  });
  it('rejects a bad size', () => {
    expect(() => prCurveSvg(e, { width: 0 })).toThrow(expect.objectContaining({ code: 'E_RANGE' }));
  });
});
