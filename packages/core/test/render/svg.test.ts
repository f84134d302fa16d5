import { describe, expect, it } from 'vitest';
import { getLayout, isPosekitError, posesToSvg } from '../../src/index.js';
import type { Pose } from '../../src/index.js';

function pose(score: number, lowIdx: number[] = []): Pose {
  const kp = new Float32Array(17 * 3);
  for (let i = 0; i < 17; i++) {
    kp[3 * i] = 10 + i * 3;
    kp[3 * i + 1] = 20 + i * 2;
    kp[3 * i + 2] = lowIdx.includes(i) ? 0.1 : 0.9;
  }
  return { keypoints: kp, score, box: { x1: 5, y1: 6, x2: 70, y2: 80, score: 0.95 }, layout: 'coco17' };
}

describe('posesToSvg', () => {
  it('draws one dot per visible keypoint and one line per edge between visible keypoints', () => {
    const svg = posesToSvg([pose(0.87, [0, 15])], { width: 100, height: 90 });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.endsWith('</svg>')).toBe(true);
    expect(svg).toContain('viewBox="0 0 100 90"');
    expect(svg.match(/<circle /g)).toHaveLength(15);
    const edges = getLayout('coco17').skeleton.filter(([a, b]) => ![0, 15].includes(a) && ![0, 15].includes(b));
    expect(svg.match(/<line /g)).toHaveLength(edges.length);
    expect(svg.match(/<rect class="box"/g)).toHaveLength(1);
    expect(svg).toContain('>0.87</text>');
  });

  it('embeds the image href escaped, draws extra boxes, cycles colours per person', () => {
    const svg = posesToSvg([pose(0.5), pose(0.4)], {
      width: 100,
      height: 90,
      image: 'data:image/png;base64,AAA"<x>',
      boxes: [{ x1: 0, y1: 0, x2: 10, y2: 10, score: 0.3 }],
      colors: ['red', 'blue'],
      keypointThreshold: 0.95,
    });
    expect(svg).toContain('href="data:image/png;base64,AAA&quot;&lt;x&gt;"');
    expect(svg).not.toContain('<x>');
    expect(svg.match(/<rect class="box"/g)).toHaveLength(3);
    expect(svg).toContain('stroke="red"');
    expect(svg).toContain('stroke="blue"');
    expect(svg.match(/<circle /g)).toBeNull();
  });

  it('explicit skeleton overrides the layout; no box -> score next to a keypoint', () => {
    const p = pose(0.66);
    delete p.box;
    const svg = posesToSvg([p], { width: 50, height: 50, skeleton: [[0, 1]] });
    expect(svg.match(/<line /g)).toHaveLength(1);
    expect(svg).toContain('>0.66</text>');
  });

  it('bad sizes -> E_RANGE; unknown layout -> E_UNKNOWN_LAYOUT; non-array -> E_ARGUMENT', () => {
    const code = (f: () => unknown): string => {
      try {
        f();
      } catch (e) {
        if (isPosekitError(e)) return e.code;
        throw e;
      }
      return 'none';
    };
    expect(code(() => posesToSvg([], { width: 0, height: 10 }))).toBe('E_RANGE');
    expect(code(() => posesToSvg([pose(1)], { width: 10, height: 10, layout: 'nope' }))).toBe('E_UNKNOWN_LAYOUT');
    expect(code(() => posesToSvg({} as never, { width: 10, height: 10 }))).toBe('E_ARGUMENT');
  });
});
