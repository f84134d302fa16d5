/**
 * Bad input to the groupings and the bicubic resize: option objects (kind, unknown names, booleans), peak blurs and
 * output sizes that allocated gigabytes or ran for seconds, thresholds that make every empty pixel a peak, and NaN
 * maps. Each used to crash (TypeError / RangeError / the process being killed), hang, or be silently ignored.
 */
import { describe, expect, it } from 'vitest';
import { groupBodyParts, groupOpenPose, resizeBicubic } from '../../src/index.js';
import { expectCode } from '../../../../test-support/errors.js';

const maps = (c: number, h = 16, w = 16): { data: Float32Array; dims: number[] } => ({ data: new Float32Array(c * h * w), dims: [c, h, w] });
const hm = maps(19);
const paf = maps(38);
const limbs = maps(30);

describe('groupOpenPose / groupBodyParts: options', () => {
  it('reject options that are not an object and misspelt names (TypeError / ignored before)', () => {
    expectCode(() => groupOpenPose(hm, paf, null as never), 'E_ARGUMENT', /^groupOpenPose: options must be an object; received null/);
    expectCode(() => groupOpenPose(hm, paf, 5 as never), 'E_ARGUMENT');
    expectCode(() => groupOpenPose(hm, paf, { thre: 0.3 } as never), 'E_ARGUMENT', /unknown option "thre"; allowed: thre1, thre2/);
    expectCode(() => groupBodyParts(hm, limbs, null as never), 'E_ARGUMENT', /^groupBodyParts: options must be an object/);
    expectCode(() => groupBodyParts(hm, limbs, { nms_kernel: 3 } as never), 'E_ARGUMENT', /unknown option "nms_kernel"/);
    expect(groupOpenPose(hm, paf, { thre1: 0.1, layout: 'coco17' }).poses).toEqual([]);
  });

  it('groupBodyParts: a non-boolean fixCentroidAxes is refused (it was read as truthy / falsy)', () => {
    expectCode(() => groupBodyParts(hm, limbs, { fixCentroidAxes: 'no' as never }), 'E_ARGUMENT', /fixCentroidAxes must be true or false; received "no"/);
    expectCode(() => groupBodyParts(hm, limbs, { fixCentroidAxes: 1 as never }), 'E_ARGUMENT');
    expect(groupBodyParts(hm, limbs, { fixCentroidAxes: true }).poses).toEqual([]);
  });

  it('groupOpenPose: the peak blur is bounded to 1023 taps, and a sigma too small for scipy is refused', () => {
    const t0 = performance.now();
    expectCode(() => groupOpenPose(hm, paf, { sigma: 1e9 }), 'E_RANGE', /must have 1 to 1023 taps/); // RangeError (64 GB) before
    expectCode(() => groupOpenPose(hm, paf, { truncate: 1e6 }), 'E_RANGE', /received 6000001 taps/); // seconds before
    expectCode(() => groupOpenPose(hm, paf, { stride: 1e-300 }), 'E_RANGE');
    expectCode(() => groupOpenPose(hm, paf, { sigma: 1e-300 }), 'E_RANGE', /a finite 0.5 \/ σ²/); // NaN kernel
    expect(performance.now() - t0).toBeLessThan(1000);
    // 2·int(4·127.8 + 0.5) + 1 = 1023 taps: the largest accepted.
    expect(groupOpenPose(hm, paf, { sigma: 127.8 }).candidates.count).toBe(0);
  });

  it('a peak threshold that admits empty pixels is refused (every pixel became a peak: O(pixels²) pairs)', () => {
    expectCode(() => groupOpenPose(hm, paf, { thre1: -1 }), 'E_RANGE', /thre1 must be in \[0, Infinity\]; received -1/);
    expectCode(() => groupBodyParts(hm, limbs, { thre1: 0 }), 'E_RANGE', /thre1 must be > 0/);
    expect(groupOpenPose(hm, paf, { thre1: 0 }).candidates.count).toBe(0);
  });
});

describe('resizeBicubic', () => {
  it('bounds the output (1e9 × 1 got the process killed, 1e5 × 1e5 threw a RangeError)', () => {
    const m = maps(2, 4, 4);
    const t0 = performance.now();
    expectCode(() => resizeBicubic(m, 1e9, 1), 'E_RANGE', /outHeight must be an integer from 1 to 65536; received 1000000000/);
    expectCode(() => resizeBicubic(m, 1e5, 1e5), 'E_RANGE');
    expectCode(() => resizeBicubic(maps(4, 4, 4), 30000, 30000), 'E_RANGE', /must be at most 536870912 values/);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(resizeBicubic(m, 8, 8).dims).toEqual([2, 8, 8]);
  });

  it('refuses NaN / Infinity in the maps (spread to up to 16 output pixels silently)', () => {
    const m = maps(2, 4, 4);
    m.data[16 + 5] = NaN;
    expectCode(() => resizeBicubic(m, 8, 8), 'E_NONFINITE', /maps must be finite; received NaN at channel 1, row 1, column 1/);
    m.data[16 + 5] = -Infinity;
    expectCode(() => resizeBicubic(m, 8, 8), 'E_NONFINITE');
  });
});
