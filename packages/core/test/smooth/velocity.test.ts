import { describe, expect, it } from 'vitest';
import { VELOCITY_FILTER_DEFAULTS, createVelocityFilter, keypointsObjectScale } from '@posekit/core';
import { expectCode } from '../../../../test-support/errors.js';
import { mulberry32 } from '../../../../test-support/random.js';

/**
 * tfjs-models' `RelativeVelocityFilter` (shared/filters/relative_velocity_filter.ts @ 26a6d6c0) with its
 * `LowPassFilter` (shared/filters/low_pass_filter.ts @ 9af8c2af), restated step for step on one scalar with a
 * plain JS array window (newest first, `unshift` / `pop`), timestamps in integer microseconds as tfjs takes them.
 */
class TfjsRelativeVelocityFilter {
  private readonly window: Array<{ distance: number; duration: number }> = [];
  private lastValue = 0;
  private lastValueScale = 1;
  private lastTimestamp = -1;
  private lpInitialized = false;
  private lpStored = 0;

  constructor(
    private readonly windowSize: number,
    private readonly velocityScale: number,
  ) {}

  apply(value: number, microSeconds: number, valueScale: number): number {
    const us = Math.trunc(microSeconds);
    if (this.lastTimestamp >= us) return value;
    let alpha: number;
    if (this.lastTimestamp === -1) {
      alpha = 1;
    } else {
      const distance = value * valueScale - this.lastValue * this.lastValueScale;
      const duration = us - this.lastTimestamp;
      let cumulativeDistance = distance;
      let cumulativeDuration = duration;
      const maxCumulativeDuration = (1 + this.window.length) * (1e6 / 30);
      for (const el of this.window) {
        if (cumulativeDuration + el.duration > maxCumulativeDuration) break;
        cumulativeDistance += el.distance;
        cumulativeDuration += el.duration;
      }
      const velocity = cumulativeDistance / (cumulativeDuration * 1e-6);
      alpha = 1 - 1 / (1 + this.velocityScale * Math.abs(velocity));
      this.window.unshift({ distance, duration });
      if (this.window.length > this.windowSize) this.window.pop();
    }
    this.lastValue = value;
    this.lastValueScale = valueScale;
    this.lastTimestamp = us;
    // LowPassFilter.applyWithAlpha without threshold.
    let result: number;
    if (this.lpInitialized) result = this.lpStored + alpha * (value - this.lpStored);
    else {
      result = value;
      this.lpInitialized = true;
    }
    this.lpStored = result;
    return result;
  }
}

describe('createVelocityFilter', () => {
  it('has MediaPipe / tfjs BlazePose defaults', () => {
    const f = createVelocityFilter(3);
    expect(f.options).toEqual({ windowSize: 5, velocityScale: 10, minAllowedObjectScale: 1e-6, disableValueScaling: false });
    expect(VELOCITY_FILTER_DEFAULTS).toEqual(f.options);
  });

  it('matches a hand-computed case of the tfjs algorithm (window sums, the 1/30 s cap, pop, repeated timestamp)', () => {
    // windowSize 2, velocityScale 0.5, value scale 1. Timestamps 0, 20, 40, 50, 200, 200, 210 ms.
    const f = createVelocityFilter(1, { windowSize: 2, velocityScale: 0.5 });
    const step = (x: number, t: number): number => f.apply(new Float64Array([x]), t, 1)[0]!;
    expect(step(0, 0)).toBe(0); // first sample passes through
    // d = 1 over 20 ms, empty window: v = 50 /s, α = 1 − 1/(1 + 25) = 25/26.
    const y1 = 25 / 26;
    expect(step(1, 0.02)).toBeCloseTo(y1, 15);
    // d = 2 over 20 ms; cap (1 + 1)/30 s = 66.7 ms: (1, 20 ms) fits, so v = 3 / 0.04 = 75 /s, α = 37.5/38.5.
    const y2 = y1 + (37.5 / 38.5) * (3 - y1);
    expect(step(3, 0.04)).toBeCloseTo(y2, 14);
    // d = −1 over 10 ms; cap 3/30 s = 100 ms: both stored elements fit: v = (−1 + 2 + 1) / 0.05 = 40 /s, α = 20/21.
    const y3 = y2 + (20 / 21) * (2 - y2);
    expect(step(2, 0.05)).toBeCloseTo(y3, 14);
    // d = 0 over 150 ms; cap 100 ms: the newest stored element (10 ms) would make 160 ms: break. v = 0, α = 0.
    expect(step(2, 0.2)).toBeCloseTo(y3, 14);
    // Same timestamp: returned as is, nothing changes.
    expect(step(9, 0.2)).toBe(9);
    // Window now holds (0, 150 ms), (−1, 10 ms) (the (2, 20 ms) element was popped): d = 0, break on 160 ms.
    expect(step(2, 0.21)).toBeCloseTo(y3, 14);
  });

  it('matches the tfjs transcription on random signals: irregular dt with gaps, changing value scale, many window sizes', () => {
    for (const [windowSize, velocityScale, seed] of [
      [1, 10, 1],
      [5, 10, 2],
      [3, 0.7, 3],
      [12, 55, 4],
    ] as const) {
      const rnd = mulberry32(seed);
      const channels = 4;
      const f = createVelocityFilter(channels, { windowSize, velocityScale });
      const refs = Array.from({ length: channels }, () => new TfjsRelativeVelocityFilter(windowSize, velocityScale));
      const v = new Float64Array(channels);
      const out = new Float64Array(channels);
      let us = 1_000_000;
      let worst = 0;
      for (let i = 0; i < 400; i++) {
        const r = rnd();
        // Mostly 10–50 ms, sometimes a 0.3 s gap, sometimes a repeated or earlier timestamp.
        us += r < 0.05 ? 300_000 : r < 0.08 ? 0 : r < 0.1 ? -5_000 : 10_000 + Math.round(40_000 * rnd());
        const scale = 1 / (150 + 100 * rnd());
        for (let c = 0; c < channels; c++) v[c] = 200 * c + 50 * Math.sin(i / 7 + c) + 8 * (rnd() - 0.5);
        f.apply(v, us / 1e6, scale, out);
        for (let c = 0; c < channels; c++) {
          const y = refs[c]!.apply(v[c]!, us, scale);
          worst = Math.max(worst, Math.abs(out[c]! - y) / Math.max(1, Math.abs(y)));
        }
      }
      expect(worst).toBeLessThanOrEqual(1e-12);
    }
  });

  it('converts seconds to whole microseconds by rounding (4.1 s is 4100000 µs, not 4099999)', () => {
    expect(Math.trunc(4.1 * 1e6)).toBe(4099999);
    const f = createVelocityFilter(1, { windowSize: 1, velocityScale: 1 });
    const ref = new TfjsRelativeVelocityFilter(1, 1);
    for (const [x, t] of [
      [0, 4.05],
      [10, 4.1],
      [13, 4.11],
    ] as const) {
      expect(f.apply(new Float64Array([x]), t, 1)[0]).toBe(ref.apply(x, Math.round(t * 1e6), 1));
    }
  });

  it('a still signal stays still; a fast one is followed closely', () => {
    const f = createVelocityFilter(2);
    const out = new Float64Array(2);
    for (let i = 0; i < 30; i++) f.apply(new Float64Array([10, 100 * i]), i / 30, 1 / 200, out);
    expect(out[0]).toBe(10);
    // 3000 px/s over a 200 px object: 15 sizes/s, α = 1 − 1/151: lag under 1 px.
    expect(100 * 29 - out[1]!).toBeLessThan(1);
    expect(100 * 29 - out[1]!).toBeGreaterThan(0);
  });

  it('mask 0 passes a channel through and keeps its state; reset() starts afresh', () => {
    const f = createVelocityFilter(2, { windowSize: 2, velocityScale: 0.5 });
    const ref = new TfjsRelativeVelocityFilter(2, 0.5);
    const out = new Float64Array(2);
    const mask = new Uint8Array([1, 1]);
    f.apply(new Float64Array([0, 0]), 0, 1, out, mask);
    ref.apply(0, 0, 1);
    mask[1] = 0;
    f.apply(new Float64Array([5, 77]), 0.02, 1, out, mask);
    expect(out[1]).toBe(77);
    mask[1] = 1;
    f.apply(new Float64Array([5, 1]), 0.04, 1, out, mask);
    expect(out[1]).toBe(ref.apply(1, 40_000, 1));
    f.reset();
    f.apply(new Float64Array([3, 4]), 0.01, 1, out);
    expect(Array.from(out)).toEqual([3, 4]);
  });

  it('rejects bad options and calls', () => {
    expectCode(() => createVelocityFilter(2, { windowSize: 0 }), 'E_RANGE', /windowSize must be >= 1; received 0/);
    expectCode(() => createVelocityFilter(2, { windowSize: 2.5 }), 'E_RANGE', /integer/);
    expectCode(() => createVelocityFilter(2, { velocityScale: 0 }), 'E_RANGE', /velocityScale/);
    expectCode(() => createVelocityFilter(2, { minAllowedObjectScale: -1 }), 'E_RANGE');
    expectCode(() => createVelocityFilter(2, { velocityScale: NaN }), 'E_NONFINITE');
    expectCode(() => createVelocityFilter(2, { disableValueScaling: 1 as unknown as boolean }), 'E_ARGUMENT');
    expectCode(() => createVelocityFilter(2, { window: 3 } as never), 'E_ARGUMENT', /unknown option/);
    expectCode(() => createVelocityFilter(-1), 'E_RANGE');
    const f = createVelocityFilter(2);
    expectCode(() => f.apply(new Float64Array(1), 0, 1), 'E_SHAPE');
    expectCode(() => f.apply(new Float64Array(2), 0, 1, new Float32Array(3)), 'E_SHAPE');
    expectCode(() => f.apply(new Float64Array([0, NaN]), 0, 1), 'E_NONFINITE', /channel 1/);
    expectCode(() => f.apply(new Float64Array(2), NaN, 1), 'E_NONFINITE');
    expectCode(() => f.apply(new Float64Array(2), 0, 0), 'E_RANGE', /valueScale/);
    expectCode(() => f.apply(new Float64Array(2), 0, Infinity), 'E_NONFINITE');
    expectCode(() => (f.apply as (v: Float64Array, t: number) => Float64Array)(new Float64Array(2), 0), 'E_ARGUMENT', /valueScale/);
  });
});

describe('keypointsObjectScale', () => {
  it('is the mean of the keypoint box width and height (MediaPipe GetObjectScale)', () => {
    const kp = new Float32Array([10, 20, 0.9, 110, 60, 0.1, 50, 220, 0.8]);
    expect(keypointsObjectScale(kp)).toBe((100 + 200) / 2);
    expect(keypointsObjectScale(kp, 0.5)).toBe((40 + 200) / 2);
    expect(keypointsObjectScale(kp, 0.95)).toBe(0);
    expect(keypointsObjectScale(new Float32Array([5, 5, 1]))).toBe(0);
  });
});
