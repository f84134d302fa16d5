import { describe, expect, it } from 'vitest';
import { describeWithShared } from '../../../../test-support/shared.js';
import { boxNms } from '../../src/nms/index.js';
import { arr, fixture } from './helpers.js';
import { thrownCode } from '../../../../test-support/errors.js';

describeWithShared('boxNms: MMPose nms fixture', ['fixtures/oksnms/box_nms.json'], () => {
  it('keep lists exact (+1 pixel convention)', () => {
    for (const c of fixture('oksnms/box_nms.json').cases as any[]) {
      const dets = arr(c.inputs.dets_xyxys);
      const n = dets.length / 5;
      const boxes = Float64Array.from({ length: n * 4 }, (_, i) => dets[Math.floor(i / 4) * 5 + (i % 4)]!);
      const scores = Float64Array.from({ length: n }, (_, i) => dets[i * 5 + 4]!);
      expect(Array.from(boxNms(boxes, scores, c.params.thr)), c.name).toEqual(c.expected.keep);
    }
  });
});

describe('boxNms', () => {
  it('offset 1 vs 0: the +1 convention changes IoU of small boxes', () => {
    const boxes = [0, 0, 10, 10, 1, 0, 11, 10];
    const scores = [0.9, 0.8];
    // offset 0: inter 9*10=90, union 110 -> 0.818; offset 1: inter 10*11=110, union 132 -> 0.833
    expect(Array.from(boxNms(boxes, scores, 0.82, { offset: 0 }))).toEqual([0, 1]);
    expect(Array.from(boxNms(boxes, scores, 0.82, { offset: 1 }))).toEqual([0]);
  });
  it('ties: higher index first (numpy argsort()[::-1]); zero-area boxes: MMPose suppresses a NaN IoU, torchvision keeps it', () => {
    expect(Array.from(boxNms([0, 0, 10, 10, 100, 100, 110, 110], [0.5, 0.5], 0.5))).toEqual([1, 0]);
    const degenerate = [5, 5, 5, 5, 5, 5, 5, 5];
    expect(Array.from(boxNms(degenerate, [0.9, 0.8], 0.5, { offset: 0 }))).toEqual([0, 1]);
    expect(Array.from(boxNms(degenerate, [0.9, 0.8], 0.5, { offset: 1 }))).toEqual([0]);
  });
  it('empty input -> empty list; bad input -> PosekitError', () => {
    expect(boxNms([], [], 0.5).length).toBe(0);
    expect(thrownCode(() => boxNms([0, 0, 1], [1], 0.5))).toBe('E_SHAPE');
    expect(thrownCode(() => boxNms([0, 0, 1, NaN], [1], 0.5))).toBe('E_NONFINITE');
    expect(thrownCode(() => boxNms([0, 0, 1, 1], [1], NaN))).toBe('E_RANGE');
    expect(thrownCode(() => boxNms([0, 0, 1, 1], [1], 0.5, { offset: 2 as 0 }))).toBe('E_ARGUMENT');
    expect(thrownCode(() => boxNms(null as never, [1], 0.5))).toBe('E_ARGUMENT');
  });
});
