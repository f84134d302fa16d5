import { describe, expect, it } from 'vitest';
import { pckCurve, pckCurveSvg } from '@posekit/metrics';
import { expectCode } from '../../../../test-support/errors.js';
import { gridData } from './helpers.js';

describe('pckCurveSvg', () => {
  it('draws the mean curve of a PckCurve as an SVG polyline', () => {
    const svg = pckCurveSvg(pckCurve(gridData(2, 4, [0, 10, 20, 40]), { thresholds: [0, 0.1, 0.2, 0.3] }), { title: 'PCK <bbox>' });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.endsWith('</svg>')).toBe(true);
    expect(svg).toContain('PCK &lt;bbox&gt;');
    const poly = /<polyline[^>]*points="([^"]+)"/.exec(svg);
    expect(poly![1]!.split(' ')).toHaveLength(4);
    expect(svg).toContain('threshold (× bbox size)');
  });

  it('draws one line per keypoint with names, and custom series with a legend', () => {
    const c = pckCurve(gridData(1, 2, [0, 10]), { thresholds: [0, 0.1] });
    const svg = pckCurveSvg(c, { keypointNames: ['nose', 'eye'] });
    expect(svg.match(/<polyline/g)).toHaveLength(3);
    expect(svg).toContain('>eye<');
    const custom = pckCurveSvg([
      { label: 'A', x: [0, 1], y: [0, 1] },
      { label: 'B', x: [0, 1], y: [-1, 0.5] },
    ]);
    expect(custom).toContain('>B</text>');
  });

  it('rejects bad series', () => {
    expectCode(() => pckCurveSvg([]), 'E_EMPTY');
    expectCode(() => pckCurveSvg([{ label: 'A', x: [0, 1], y: [0] }]), 'E_SHAPE');
    expectCode(() => pckCurveSvg([{ label: 'A', x: [0, NaN], y: [0, 1] }]), 'E_NONFINITE');
    const c = pckCurve(gridData(1, 2, [0, 10]), { thresholds: [0, 0.1] });
    expectCode(() => pckCurveSvg(c, { keypointNames: ['nose'] }), 'E_SHAPE');
    expectCode(() => pckCurveSvg(c, { width: 0 }), 'E_RANGE');
  });
});
