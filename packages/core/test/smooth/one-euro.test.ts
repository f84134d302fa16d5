import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ONE_EURO_DEFAULTS, createOneEuroFilter, oneEuroAlpha } from '@posekit/core';
import { expectCode } from '../../../../test-support/errors.js';
import { mulberry32 } from '../../../../test-support/random.js';

interface GoldenCase {
  name: string;
  params: { freq: number; mincutoff: number; beta: number; dcutoff: number };
  timestamps: number[];
  values: number[][];
  filtered: number[][];
}
const golden = JSON.parse(readFileSync(fileURLToPath(new URL('./one-euro-golden.json', import.meta.url)), 'utf8')) as {
  source: string;
  cases: GoldenCase[];
};

/** Relative error, with an absolute floor of 1 so values near 0 are compared absolutely. */
function relErr(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(1, Math.abs(b));
}

/** Run a filter over a signal sampled at `ts`, one channel. */
function run(ts: readonly number[], xs: readonly number[], options?: Parameters<typeof createOneEuroFilter>[1]): number[] {
  const f = createOneEuroFilter(1, options);
  const v = new Float64Array(1);
  return ts.map((t, i) => {
    v[0] = xs[i]!;
    return f.apply(v, t, v)[0]!;
  });
}

/** Amplitude of the `hz` component of y over the samples with t >= from: projection on sin / cos. */
function amplitudeAt(ts: readonly number[], ys: readonly number[], hz: number, from: number): number {
  let s = 0;
  let c = 0;
  let n = 0;
  for (let i = 0; i < ts.length; i++) {
    if (ts[i]! < from) continue;
    s += ys[i]! * Math.sin(2 * Math.PI * hz * ts[i]!);
    c += ys[i]! * Math.cos(2 * Math.PI * hz * ts[i]!);
    n++;
  }
  return (2 / n) * Math.hypot(s, c);
}

/** Gain of the discrete first-order low-pass y += α(x − y) at frequency `hz`, sampling interval T. */
function discreteGain(alpha: number, hz: number, T: number): number {
  const w = 2 * Math.PI * hz * T;
  return alpha / Math.hypot(1 - (1 - alpha) * Math.cos(w), (1 - alpha) * Math.sin(w));
}

describe('createOneEuroFilter vs the casiez/OneEuroFilter reference (golden from Python)', () => {
  it('golden file names its source', () => {
    expect(golden.source).toMatch(/casiez\/OneEuroFilter @ 32a58a93/);
    expect(golden.cases.length).toBeGreaterThanOrEqual(5);
    expect(golden.cases.some((c) => c.params.beta > 0)).toBe(true);
  });
  for (const c of golden.cases) {
    it(`${c.name}: 3 channels match within 1e-12 relative (float64)`, () => {
      const p = c.params;
      const f = createOneEuroFilter(3, { frequency: p.freq, minCutoff: p.mincutoff, beta: p.beta, dCutoff: p.dcutoff });
      const v = new Float64Array(3);
      const out = new Float64Array(3);
      let worst = 0;
      for (let i = 0; i < c.timestamps.length; i++) {
        for (let ch = 0; ch < 3; ch++) v[ch] = c.values[ch]![i]!;
        f.apply(v, c.timestamps[i]!, out);
        for (let ch = 0; ch < 3; ch++) worst = Math.max(worst, relErr(out[ch]!, c.filtered[ch]![i]!));
      }
      expect(worst).toBeLessThanOrEqual(1e-12);
    });
  }
  it('the dt <= 0 case really has repeated and backward timestamps, and they change the output', () => {
    const c = golden.cases.find((g) => g.name === 'readme_params_dt_nonpositive')!;
    const ts = c.timestamps;
    expect(ts[1]).toBe(ts[0]);
    expect(ts[41]!).toBeLessThan(ts[40]!);
    // Dropping the non-increasing samples gives other numbers afterwards: they were not ignored.
    const keep = ts.map((t, i) => i === 0 || t > ts[i - 1]!);
    const p = c.params;
    const opts = { frequency: p.freq, minCutoff: p.mincutoff, beta: p.beta, dCutoff: p.dcutoff };
    const skipped = run(ts.filter((_, i) => keep[i]), c.values[0]!.filter((_, i) => keep[i]), opts);
    expect(Math.abs(skipped[skipped.length - 1]! - c.filtered[0]![ts.length - 1]!)).toBeGreaterThan(1e-9);
  });
  it('float32 values and output: the float32 rounding of the float64 path (state stays float64)', () => {
    const c = golden.cases[1]!;
    const p = c.params;
    const opts = { frequency: p.freq, minCutoff: p.mincutoff, beta: p.beta, dCutoff: p.dcutoff };
    const f32 = createOneEuroFilter(3, opts);
    const f64 = createOneEuroFilter(3, opts);
    const v32 = new Float32Array(3);
    const v64 = new Float64Array(3);
    const o32 = new Float32Array(3);
    const o64 = new Float64Array(3);
    for (let i = 0; i < c.timestamps.length; i++) {
      for (let ch = 0; ch < 3; ch++) {
        v32[ch] = c.values[ch]![i]!;
        v64[ch] = v32[ch]!;
      }
      f32.apply(v32, c.timestamps[i]!, o32);
      f64.apply(v64, c.timestamps[i]!, o64);
      for (let ch = 0; ch < 3; ch++) expect(o32[ch]).toBe(Math.fround(o64[ch]!));
    }
  });
});

describe('createOneEuroFilter properties', () => {
  it('has the reference defaults', () => {
    const f = createOneEuroFilter(2);
    expect(f.options).toEqual({ minCutoff: 1, beta: 0, dCutoff: 1, frequency: 30 });
    expect(ONE_EURO_DEFAULTS).toEqual(f.options);
    expect(f.channels).toBe(2);
  });

  it('first sample passes through; constant input gives constant output (beta > 0, irregular dt)', () => {
    const rnd = mulberry32(3);
    const f = createOneEuroFilter(4, { minCutoff: 0.5, beta: 2, dCutoff: 1.5 });
    const v = new Float64Array([-3.25, 0, 417.5, 1e6]);
    const out = new Float64Array(4);
    let t = 10;
    for (let i = 0; i < 200; i++) {
      f.apply(v, t, out);
      for (let c = 0; c < 4; c++) expect(relErr(out[c]!, v[c]!)).toBeLessThanOrEqual(1e-15);
      t += 0.005 + 0.1 * rnd();
    }
  });

  it('beta = 0: the step response is the analytic first-order low-pass 1 − Π(1 − α_i) with α from each dt', () => {
    const rnd = mulberry32(11);
    const fc = 1.3;
    const ts = [0.5];
    for (let i = 1; i < 80; i++) ts.push(ts[i - 1]! + 0.004 + 0.12 * rnd());
    const xs = ts.map((_, i) => (i === 0 ? 0 : 1));
    const ys = run(ts, xs, { minCutoff: fc });
    let prod = 1;
    expect(ys[0]).toBe(0);
    for (let i = 1; i < ts.length; i++) {
      prod *= 1 - oneEuroAlpha(fc, ts[i]! - ts[i - 1]!);
      expect(relErr(ys[i]!, 1 - prod)).toBeLessThanOrEqual(1e-12);
    }
  });

  it('irregular dt changes alpha accordingly: each step moves by α(cutoff, dt) of the remaining distance', () => {
    const fc = 2;
    const dts = [1 / 60, 1 / 15, 1 / 240, 0.5, 1 / 30];
    const ts = [1];
    for (const dt of dts) ts.push(ts[ts.length - 1]! + dt);
    const xs = [0, 10, 10, 10, 10, 10];
    const ys = run(ts, xs, { minCutoff: fc });
    const alphas = dts.map((_, i) => (ys[i + 1]! - ys[i]!) / (xs[i + 1]! - ys[i]!));
    for (let i = 0; i < dts.length; i++) expect(relErr(alphas[i]!, oneEuroAlpha(fc, dts[i]!))).toBeLessThanOrEqual(1e-12);
    // Longer gaps move further: α(1/15 s) > α(1/60 s) > α(1/240 s).
    expect(alphas[1]!).toBeGreaterThan(alphas[0]!);
    expect(alphas[0]!).toBeGreaterThan(alphas[2]!);
    expect(oneEuroAlpha(fc, 1 / 30)).toBeCloseTo(1 / (1 + 1 / (2 * Math.PI * fc) / (1 / 30)), 15);
  });

  it('frames vs seconds: a 2 Hz sine sampled at 30 Hz and at 60 Hz is attenuated alike (the mmpose #1176 bug is not)', () => {
    const fc = 1;
    const hz = 2;
    const gains: number[] = [];
    const frameGains: number[] = [];
    for (const rate of [30, 60]) {
      const ts = Array.from({ length: 10 * rate }, (_, i) => i / rate);
      const xs = ts.map((t) => Math.sin(2 * Math.PI * hz * t));
      const g = amplitudeAt(ts, run(ts, xs, { minCutoff: fc }), hz, 5);
      // The discrete filter's exact gain at this rate (steady state, 10 periods measured after 5 s).
      expect(Math.abs(g - discreteGain(oneEuroAlpha(fc, 1 / rate), hz, 1 / rate))).toBeLessThan(2e-3);
      gains.push(g);
      // Frame indices where seconds belong: t_e = 1 "second" per frame, what mmpose #1176 amounted to.
      const frames = ts.map((_, i) => i + 1);
      frameGains.push(amplitudeAt(ts, run(frames, xs, { minCutoff: fc }), hz, 5));
    }
    const continuous = 1 / Math.sqrt(1 + (hz / fc) ** 2); // 0.447
    // Stated tolerance: the two rates agree within 5 % and each is within 10 % of the continuous-time gain.
    expect(Math.abs(gains[0]! - gains[1]!) / gains[1]!).toBeLessThan(0.05);
    for (const g of gains) expect(Math.abs(g - continuous) / continuous).toBeLessThan(0.1);
    // With frames as seconds the filter barely attenuates (gain ~0.98): far outside the tolerance above.
    for (const g of frameGains) expect(Math.abs(g - continuous) / continuous).toBeGreaterThan(1);
  });

  it('beta > 0 follows fast movement with less lag than beta = 0', () => {
    const ts = Array.from({ length: 60 }, (_, i) => i / 30);
    const xs = ts.map((t) => 300 * t); // 300 px/s ramp
    const slow = run(ts, xs, { minCutoff: 1 });
    const fast = run(ts, xs, { minCutoff: 1, beta: 0.05 });
    const lag = (ys: number[]): number => xs[59]! - ys[59]!;
    expect(lag(fast)).toBeLessThan(lag(slow) / 3);
    expect(lag(fast)).toBeGreaterThan(0);
  });

  it('dt <= 0 before any interval uses `frequency`; afterwards the last valid interval', () => {
    const fc = 1;
    for (const frequency of [30, 120]) {
      const ys = run([2, 2], [0, 1], { minCutoff: fc, frequency });
      expect(relErr(ys[1]!, oneEuroAlpha(fc, 1 / frequency))).toBeLessThanOrEqual(1e-12);
    }
    // A 0.1 s interval, then a step back to 0.05 s: filtered with α(0.1 s), and the next interval is measured
    // from 0.05 s (0.15 s long), as the reference records every timestamp.
    const ys = run([0, 0.1, 0.05, 0.2], [0, 0, 1, 1], { minCutoff: fc });
    const a1 = oneEuroAlpha(fc, 0.1);
    expect(relErr(ys[2]!, a1)).toBeLessThanOrEqual(1e-12);
    const a3 = oneEuroAlpha(fc, 0.15);
    expect(relErr(ys[3]!, a1 + a3 * (1 - a1))).toBeLessThanOrEqual(1e-12);
  });

  it('t = 0 is an ordinary timestamp (unlike the Python port`s truthiness test)', () => {
    const ys = run([0, 0.25], [0, 1], { minCutoff: 1 });
    expect(relErr(ys[1]!, oneEuroAlpha(1, 0.25))).toBeLessThanOrEqual(1e-12);
  });

  it('reset() gives a fresh filter; channels are independent; out may alias values', () => {
    const f = createOneEuroFilter(2, { beta: 0.3 });
    const fresh = createOneEuroFilter(2, { beta: 0.3 });
    const v = new Float64Array(2);
    for (let i = 0; i < 10; i++) {
      v[0] = i * 3;
      v[1] = -i;
      f.apply(v, i / 30, v);
    }
    f.reset();
    const a = f.apply(new Float64Array([5, 7]), 100);
    const b = fresh.apply(new Float64Array([5, 7]), 100);
    expect(Array.from(a)).toEqual([5, 7]);
    expect(Array.from(b)).toEqual(Array.from(a));
    for (let i = 1; i < 10; i++) {
      const x = new Float64Array([5 + i, 7 - 2 * i]);
      expect(Array.from(f.apply(x, 100 + i / 25))).toEqual(Array.from(fresh.apply(x, 100 + i / 25)));
    }
    // Channel 1 of a 2-channel filter equals a 1-channel filter on the same signal.
    const two = createOneEuroFilter(2, { beta: 0.1 });
    const one = createOneEuroFilter(1, { beta: 0.1 });
    for (let i = 0; i < 20; i++) {
      const t = 0.3 + i * 0.031;
      const y2 = two.apply(new Float64Array([Math.sin(i), Math.cos(i) * 50]), t);
      const y1 = one.apply(new Float64Array([Math.cos(i) * 50]), t);
      expect(y2[1]).toBe(y1[0]);
    }
  });

  it('mask: a 0 channel is copied unfiltered and keeps its state (its next dt spans the gap)', () => {
    const f = createOneEuroFilter(2, { minCutoff: 1 });
    const out = new Float64Array(2);
    const mask = new Uint8Array([1, 1]);
    f.apply(new Float64Array([0, 0]), 1, out, mask);
    mask[1] = 0;
    f.apply(new Float64Array([1, 99]), 1.1, out, mask);
    expect(out[1]).toBe(99);
    expect(relErr(out[0]!, oneEuroAlpha(1, 0.1))).toBeLessThanOrEqual(1e-12);
    mask[1] = 1;
    f.apply(new Float64Array([1, 1]), 1.3, out, mask);
    // Channel 1 continues from its value at t = 1 with dt = 0.3 s, never having seen 99.
    expect(relErr(out[1]!, oneEuroAlpha(1, 0.3))).toBeLessThanOrEqual(1e-12);
  });

  it('no allocation with out: returns the given array', () => {
    const f = createOneEuroFilter(3);
    const out = new Float32Array(3);
    expect(f.apply(new Float32Array([1, 2, 3]), 0, out)).toBe(out);
    expect(f.apply(new Float32Array([1, 2, 3]), 0.1)).toBeInstanceOf(Float64Array);
  });
});

describe('createOneEuroFilter errors', () => {
  it('rejects bad parameters with E_RANGE / E_NONFINITE / E_ARGUMENT', () => {
    expectCode(() => createOneEuroFilter(2, { minCutoff: 0 }), 'E_RANGE', /createOneEuroFilter: minCutoff must be > 0; received 0/);
    expectCode(() => createOneEuroFilter(2, { minCutoff: -1 }), 'E_RANGE');
    expectCode(() => createOneEuroFilter(2, { dCutoff: 0 }), 'E_RANGE', /dCutoff/);
    expectCode(() => createOneEuroFilter(2, { beta: -0.1 }), 'E_RANGE', /beta must be >= 0/);
    expectCode(() => createOneEuroFilter(2, { frequency: 0 }), 'E_RANGE', /frequency/);
    expectCode(() => createOneEuroFilter(2, { minCutoff: NaN }), 'E_NONFINITE');
    expectCode(() => createOneEuroFilter(2, { beta: Infinity }), 'E_NONFINITE');
    expectCode(() => createOneEuroFilter(2, { beta: '1' as unknown as number }), 'E_ARGUMENT');
    expectCode(() => createOneEuroFilter(2, { mincutoff: 1 } as never), 'E_ARGUMENT', /unknown option "mincutoff"/);
    expectCode(() => createOneEuroFilter(2, 5 as never), 'E_ARGUMENT');
    expectCode(() => createOneEuroFilter(0), 'E_RANGE', /channels/);
    expectCode(() => createOneEuroFilter(2.5), 'E_RANGE', /integer/);
    expectCode(() => createOneEuroFilter(undefined as unknown as number), 'E_ARGUMENT');
  });

  it('rejects bad calls with E_SHAPE / E_NONFINITE / E_ARGUMENT and leaves the state as it was', () => {
    const f = createOneEuroFilter(2);
    const ref = createOneEuroFilter(2);
    const out = new Float64Array(2);
    f.apply(new Float64Array([1, 2]), 0, out);
    ref.apply(new Float64Array([1, 2]), 0, out);
    expectCode(() => f.apply(new Float64Array(3), 0.1), 'E_SHAPE', /values must hold one value per channel \(2\); received Float64Array\(3\)/);
    expectCode(() => f.apply(new Float64Array(2), 0.1, new Float64Array(1)), 'E_SHAPE', /out/);
    expectCode(() => f.apply(new Float64Array(2), 0.1, out, new Uint8Array(1)), 'E_SHAPE', /mask/);
    expectCode(() => f.apply(new Float64Array(2), 0.1, out, [1, 1] as unknown as Uint8Array), 'E_ARGUMENT', /mask/);
    expectCode(() => f.apply([1, 2] as unknown as Float64Array, 0.1), 'E_ARGUMENT', /Float32Array or Float64Array/);
    expectCode(() => f.apply(new Float64Array([5, NaN]), 0.1), 'E_NONFINITE', /at channel 1/);
    expectCode(() => f.apply(new Float32Array([Infinity, 0]), 0.1), 'E_NONFINITE', /at channel 0/);
    expectCode(() => f.apply(new Float64Array(2), NaN), 'E_NONFINITE', /timestampSec/);
    expectCode(() => f.apply(new Float64Array(2), Infinity), 'E_NONFINITE');
    expectCode(() => f.apply(new Float64Array(2), '0.1' as unknown as number), 'E_ARGUMENT', /seconds/);
    const a = f.apply(new Float64Array([3, 4]), 0.1);
    const b = ref.apply(new Float64Array([3, 4]), 0.1);
    expect(Array.from(a)).toEqual(Array.from(b));
  });
});
