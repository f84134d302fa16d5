/**
 * Bad input to posesToSvg: option objects (kind, unknown names, booleans, numbers), poses, boxes, skeletons and
 * images of the wrong kind. Each used to throw a TypeError, write "NaN" into the markup, or be silently ignored.
 */
import { describe, expect, it } from 'vitest';
import { posesToSvg, type Pose } from '../../src/index.js';
import { expectCode } from '../../../../test-support/errors.js';

function pose(): Pose {
  const kp = new Float32Array(17 * 3);
  for (let i = 0; i < 17; i++) kp.set([10 + 3 * i, 20 + 2 * i, 0.9], 3 * i);
  return { keypoints: kp, score: 0.8, box: { x1: 5, y1: 6, x2: 70, y2: 80, score: 0.95 }, layout: 'coco17' };
}

const size = { width: 100, height: 90 };

describe('posesToSvg: bad input', () => {
  it('options: not an object, missing, misspelt', () => {
    expectCode(() => posesToSvg([pose()], null as never), 'E_ARGUMENT', /^posesToSvg: options must be an object; received null/);
    expectCode(() => posesToSvg([pose()], undefined as never), 'E_RANGE', /width must be a finite number > 0; received null/);
    expectCode(() => posesToSvg([pose()], { ...size, radious: 3 } as never), 'E_ARGUMENT', /unknown option "radious"; allowed: width, height, layout/);
    expectCode(() => posesToSvg([pose()], { width: '100', height: 90 } as never), 'E_RANGE', /width must be a finite number > 0; received "100"/);
  });

  it('numbers, booleans, arrays and strings of the wrong kind', () => {
    expectCode(() => posesToSvg([pose()], { ...size, radius: NaN }), 'E_RANGE', /radius must be a finite number in \[0, Infinity\]; received NaN/);
    expectCode(() => posesToSvg([pose()], { ...size, radius: '5' as never }), 'E_RANGE', /radius/);
    expectCode(() => posesToSvg([pose()], { ...size, lineWidth: -1 }), 'E_RANGE', /lineWidth/);
    expectCode(() => posesToSvg([pose()], { ...size, keypointThreshold: NaN }), 'E_RANGE', /keypointThreshold/);
    expectCode(() => posesToSvg([pose()], { ...size, drawBoxes: 'false' as never }), 'E_ARGUMENT', /drawBoxes must be true or false; received "false"/);
    expectCode(() => posesToSvg([pose()], { ...size, colors: 'red' as never }), 'E_ARGUMENT', /colors must be an array; received "red"/);
    expectCode(() => posesToSvg([pose()], { ...size, skeleton: 5 as never }), 'E_ARGUMENT', /skeleton must be an array/);
    expectCode(() => posesToSvg([pose()], { ...size, skeleton: [5] as never }), 'E_ARGUMENT', /skeleton must hold \[a, b\] pairs; received 5/);
    expectCode(() => posesToSvg([pose()], { ...size, image: 5 as never }), 'E_ARGUMENT', /image must be a string; received 5/);
    expectCode(() => posesToSvg([pose()], { ...size, boxes: 5 as never }), 'E_ARGUMENT', /boxes must be an array/);
  });

  it('poses and boxes of the wrong kind, NaN box corners and scores', () => {
    expectCode(() => posesToSvg([null as never], size), 'E_ARGUMENT', /poses\[0\].keypoints must be an array; received null/);
    expectCode(() => posesToSvg([{} as never], size), 'E_ARGUMENT', /poses\[0\].keypoints/);
    expectCode(() => posesToSvg([{ ...pose(), score: undefined as never }], size), 'E_NONFINITE', /poses\[0\].score must be a finite number; received undefined/);
    expectCode(() => posesToSvg([{ ...pose(), box: { x1: NaN, y1: 0, x2: 1, y2: 1 } }], size), 'E_NONFINITE', /box.x1 must be a finite number; received NaN/);
    expectCode(() => posesToSvg([], { ...size, boxes: [null as never] }), 'E_NONFINITE', /box.x1/);
    expectCode(() => posesToSvg([], { ...size, boxes: [{ x1: 0, y1: 0, x2: 1, y2: 1, score: 'x' as never }] }), 'E_NONFINITE', /box score/);
  });

  it('escapes colours (attribute injection) and draws valid input as before', () => {
    const svg = posesToSvg([pose()], { ...size, colors: ['red" onload="alert(1)'] });
    expect(svg).not.toContain('" onload="');
    expect(svg).toContain('stroke="red&quot; onload=&quot;alert(1)"');
    const plain = posesToSvg([pose()], size);
    expect(plain.match(/<circle /g)).toHaveLength(17);
    expect(plain).toContain('>0.80</text>');
  });
});
