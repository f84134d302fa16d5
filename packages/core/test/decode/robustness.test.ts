/**
 * Bad input to the decoders: bounded blur kernels, option objects (type, unknown names, booleans), `out`,
 * float32 overflow (PosekitError instead of NaN / Infinity) and messages that name the offending value. The
 * reference-parity NaNs (all-zero maps) stay as they are.
 */
import { describe, expect, it } from 'vitest';
import {
  decodeAlphaPoseSimple,
  decodeDark,
  decodeHrnetFinalPreds,
  decodeIntegral,
  decodeMsra,
  decodeRmpeLegacy,
  decodeSimcc,
  decodeUdp,
  gaussianBlurHeatmaps,
  getGaussianKernel,
  getHeatmapMaximum,
  getSimccMaximum,
  getSimccNormalized,
  simccDarkKernelSize,
} from '../../src/index.js';
import { blurMap, kernel32, rowValue } from '../../src/decode/blur.js';
import { rowBlock } from '../../src/decode/modulate.js';
import { expectCode } from '../../../../test-support/errors.js';
import { gaussian, zeros } from './helpers.js';

/** Two 8×8 maps with a blob each (refinable peaks away from the border). */
function maps8(): { data: Float32Array; dims: number[] } {
  const t = zeros(1, 2, 8, 8);
  gaussian(t, 0, 0, 3.3, 4.1);
  gaussian(t, 0, 1, 4.2, 3.6);
  return t;
}

function simccPair(): { x: { data: Float32Array; dims: number[] }; y: { data: Float32Array; dims: number[] } } {
  const x = { data: new Float32Array(64), dims: [1, 1, 64] };
  const y = { data: new Float32Array(64), dims: [1, 1, 64] };
  for (let i = 0; i < 64; i++) {
    x.data[i] = Math.exp(-((i - 20.3) ** 2) / 50);
    y.data[i] = Math.exp(-((i - 41.7) ** 2) / 50);
  }
  return { x, y };
}

const hm = maps8();
const { x: sx, y: sy } = simccPair();
const box4 = [0, 0, 32, 32];

/** Every decoder that takes an options object, called with `options` (and `out`). */
const calls: [string, (options: unknown, out?: unknown) => unknown][] = [
  ['getHeatmapMaximum', (o, out) => getHeatmapMaximum(hm, o as never, out as never)],
  ['decodeMsra', (o, out) => decodeMsra(hm, o as never, out as never)],
  ['decodeDark', (o, out) => decodeDark(hm, o as never, out as never)],
  ['decodeUdp', (o, out) => decodeUdp(hm, o as never, out as never)],
  ['getSimccMaximum', (o, out) => getSimccMaximum(sx, sy, o as never, out as never)],
  ['decodeSimcc', (o, out) => decodeSimcc(sx, sy, o as never, out as never)],
  ['getSimccNormalized', (o, out) => getSimccNormalized(sx, o as never, out as never)],
  ['decodeHrnetFinalPreds', (o, out) => decodeHrnetFinalPreds(hm, [16, 16], [0.16, 0.16], o as never, out as never)],
  ['decodeAlphaPoseSimple', (o, out) => decodeAlphaPoseSimple(hm, box4, o as never, out as never)],
  ['decodeIntegral', (o, out) => decodeIntegral(hm, box4, o as never, out as never)],
  ['decodeRmpeLegacy', (o, out) => decodeRmpeLegacy(hm, [0, 0], [32, 32], o as never, out as never)],
];

/** Every option name each decoder documents, with a valid value (the estimators pass subsets of these). */
const allOptions: Record<string, Record<string, unknown>> = {
  getHeatmapMaximum: { invalid: 'zero' },
  decodeMsra: { inputSize: [32, 32], outputSpace: 'input' },
  decodeDark: { inputSize: [32, 32], outputSpace: 'input', blurKernelSize: 11, maxStep: 1, exactModulation: false },
  decodeUdp: { inputSize: [32, 32], outputSpace: 'input', blurKernelSize: 11, refineInvalid: false, maxStep: 1, exactModulation: true },
  getSimccMaximum: { applySoftmax: true },
  decodeSimcc: { applySoftmax: false, splitRatio: 2, sigma: [4.9, 5.66], useDark: true, decodeVisibility: true, decodeBeta: 150, refineInvalid: true },
  getSimccNormalized: { sigma: 4.9 },
  decodeHrnetFinalPreds: { postProcess: false, pixelStd: 200 },
  decodeAlphaPoseSimple: { hmsFlip: hm },
  decodeIntegral: { normType: 'sigmoid', hmsFlip: hm },
  decodeRmpeLegacy: { inputSize: [32, 32], outputSpace: 'image' },
};

describe('blur kernel size bound (1 to 1023 taps)', () => {
  it('rejects kernels above 1023 taps with E_RANGE before doing any work', () => {
    const t0 = performance.now();
    expectCode(() => getGaussianKernel(2 ** 31 + 1), 'E_RANGE', /odd integer from 1 to 1023; received 2147483649/);
    expectCode(() => gaussianBlurHeatmaps({ data: new Float32Array(4), dims: [1, 1, 2, 2] }, 2 ** 31 + 1), 'E_RANGE', /1023/);
    expectCode(() => decodeDark(hm, { blurKernelSize: 100001 }), 'E_RANGE', /blurKernelSize.*received 100001/);
    expectCode(() => decodeUdp(hm, { blurKernelSize: 100001 }), 'E_RANGE', /blurKernelSize.*received 100001/);
    expectCode(() => decodeDark(hm, { blurKernelSize: 1025 }), 'E_RANGE');
    expect(performance.now() - t0).toBeLessThan(1000);
  });

  it('accepts every realistic size up to the bound, including kernels wider than the map', () => {
    const k = getGaussianKernel(1023);
    expect(k.length).toBe(1023);
    expect(k.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(simccDarkKernelSize(30)).toBe(197);
    for (const ks of [17, 1023]) {
      for (const r of [decodeDark(hm, { blurKernelSize: ks }), decodeUdp(hm, { blurKernelSize: ks })]) {
        expect(r.keypoints.every((v) => Number.isFinite(v))).toBe(true);
      }
      expect(gaussianBlurHeatmaps(hm, ks).data.every((v) => Number.isFinite(v))).toBe(true);
    }
  });

  it('bounds the SimCC-DARK kernel derived from sigma (E_RANGE above 1023 taps)', () => {
    expectCode(() => simccDarkKernelSize(160), 'E_RANGE', /kernel size 1063; at most 1023/);
    expectCode(() => simccDarkKernelSize(1e8), 'E_RANGE');
    expectCode(() => decodeSimcc(sx, sy, { useDark: true, sigma: 160 }), 'E_RANGE', /1023/);
    expect(decodeSimcc(sx, sy, { useDark: true, sigma: 150 }).keypoints.every((v) => Number.isFinite(v))).toBe(true);
  });

  it('skips zero-padding rows of wide kernels without changing a bit (whole-map blur and windowed row pass)', () => {
    const t = maps8();
    const h = 8;
    const w = 8;
    for (const ks of [7, 17, 1023]) {
      const kern = kernel32(ks);
      const r = (ks - 1) >> 1;
      // Whole-map blur against the plain OpenCV column order over all r offsets.
      const out = new Float32Array(64);
      const tmp = new Float32Array(64);
      blurMap(t.data, 64, h, w, kern, out, tmp);
      const rows = new Float32Array(64);
      for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) rows[y * w + x] = rowValue(t.data, 64, w, y, x, kern);
      for (let y = 0; y < h; y++) {
        for (let x = 0; x < w; x++) {
          let s = Math.fround(rows[y * w + x]! * kern[r]!);
          for (let m = 1; m <= r; m++) {
            const a = y - m >= 0 ? rows[(y - m) * w + x]! : 0;
            const b = y + m < h ? rows[(y + m) * w + x]! : 0;
            s = Math.fround(Math.fround(a + b) * kern[r + m]! + s);
          }
          expect(out[y * w + x]).toBe(s);
        }
      }
      // Windowed row pass (DARK / UDP fast path) over rows far outside the map.
      const y0 = 3 - 2 - r;
      const nRows = 5 + 2 * r;
      const R = new Float64Array(nRows * 5);
      rowBlock(t.data, 0, h, w, kern, y0, nRows, 1, 5, R);
      for (let i = 0; i < nRows; i++) {
        const yy = y0 + i;
        for (let j = 0; j < 5; j++) expect(R[i * 5 + j]).toBe(yy >= 0 && yy < h ? rowValue(t.data, 0, w, yy, 1 + j, kern) : 0);
      }
    }
  });
});

describe('options and out arguments', () => {
  it('rejects options that are not an object (null, number, string, array) with E_ARGUMENT', () => {
    for (const [name, call] of calls) {
      for (const bad of [null, 5, 'x', [], true]) expectCode(() => call(bad), 'E_ARGUMENT', new RegExp(`^${name}: options must be an object`));
    }
  });

  it('rejects misspelt option names, listing the allowed ones', () => {
    expectCode(() => decodeMsra(hm, { inputsize: [32, 32] } as never), 'E_ARGUMENT', /unknown option "inputsize"; allowed: inputSize, outputSpace/);
    expectCode(() => decodeDark(hm, { blurKernel: 11 } as never), 'E_ARGUMENT', /allowed: inputSize, outputSpace, blurKernelSize, maxStep, exactModulation/);
    expectCode(() => decodeSimcc(sx, sy, { split_ratio: 2 } as never), 'E_ARGUMENT', /unknown option "split_ratio"/);
    for (const [, call] of calls) expectCode(() => call({ notAnOption: 1 }), 'E_ARGUMENT', /unknown option "notAnOption"; allowed: /);
  });

  it('accepts every documented option name of every decoder', () => {
    for (const [name, call] of calls) expect(() => call(allOptions[name]), name).not.toThrow();
  });

  it('rejects non-boolean values of boolean options with E_ARGUMENT', () => {
    expectCode(() => decodeUdp(hm, { refineInvalid: 'no' as never }), 'E_ARGUMENT', /refineInvalid must be true or false; received "no"/);
    expectCode(() => decodeHrnetFinalPreds(hm, [16, 16], [0.16, 0.16], { postProcess: 'false' as never }), 'E_ARGUMENT', /postProcess/);
    expectCode(() => decodeDark(hm, { exactModulation: 1 as never }), 'E_ARGUMENT', /exactModulation/);
    expectCode(() => decodeUdp(hm, { exactModulation: 'yes' as never }), 'E_ARGUMENT', /exactModulation/);
    expectCode(() => getSimccMaximum(sx, sy, { applySoftmax: 1 as never }), 'E_ARGUMENT', /applySoftmax/);
    for (const key of ['applySoftmax', 'useDark', 'decodeVisibility', 'refineInvalid']) {
      expectCode(() => decodeSimcc(sx, sy, { [key]: 'true' }), 'E_ARGUMENT', new RegExp(`options.${key} must be true or false`));
    }
    // Booleans still work both ways.
    const on = decodeHrnetFinalPreds(hm, [16, 16], [0.16, 0.16], { postProcess: true });
    const off = decodeHrnetFinalPreds(hm, [16, 16], [0.16, 0.16], { postProcess: false });
    expect(Array.from(on.keypoints)).not.toEqual(Array.from(off.keypoints));
  });

  it('rejects an out that is not an object (null, number) with E_ARGUMENT', () => {
    for (const [name, call] of calls) {
      for (const bad of [null, 5, 'x']) expectCode(() => call({}, bad), 'E_ARGUMENT', new RegExp(`^${name}: out must be`));
    }
    expectCode(() => gaussianBlurHeatmaps(hm, 3, null as never), 'E_ARGUMENT', /out must be/);
    expectCode(() => gaussianBlurHeatmaps(hm, 3, 5 as never), 'E_ARGUMENT', /out must be/);
    // A previous result is still reused.
    const prev = decodeMsra(hm);
    expect(decodeMsra(hm, {}, prev)).toBe(prev);
  });
});

describe('float32 overflow: PosekitError instead of NaN / Infinity', () => {
  it('simccDarkKernelSize requires sigma', () => {
    expectCode(() => simccDarkKernelSize(undefined as never), 'E_RANGE', /sigma must be a finite number > 0; received undefined/);
  });

  it('decodeVisibility stays finite when simcc · beta · sigma overflows float32', () => {
    const ref = decodeSimcc(sx, sy, { decodeVisibility: true }).visibility!;
    const big = decodeSimcc(sx, sy, { decodeVisibility: true, decodeBeta: 1e38 }).visibility!;
    expect(Number.isFinite(big[0]!)).toBe(true);
    expect(big[0]).toBe(1); // all mass on the unique maximum, the limit of the softmax
    expect(ref[0]).toBeGreaterThan(0.5);
    const x = { data: sx.data.slice(), dims: sx.dims };
    x.data[20] = 1e36;
    const logit = decodeSimcc(x, sy, { decodeVisibility: true }).visibility!;
    expect(logit[0]).toBeGreaterThan(0);
    expect(logit[0]).toBeLessThanOrEqual(1);
    // A whole row of very negative logits (-Infinity after scaling) is evaluated safely too.
    const neg = { data: new Float32Array(64).fill(-1e36), dims: [1, 1, 64] };
    neg.data[5] = -1e35;
    expect(decodeSimcc(neg, neg, { decodeVisibility: true }).visibility![0]).toBe(1);
    expectCode(() => decodeSimcc(sx, sy, { decodeVisibility: true, decodeBeta: 1e39 }), 'E_RANGE', /decodeBeta must be at most float32 max/);
    expectCode(() => decodeSimcc(sx, sy, { sigma: 1e39 }), 'E_RANGE', /sigma must be at most float32 max/);
  });

  it('decodeSimcc bounds splitRatio to [1e-6, 1e6] (no Infinity or collapsed keypoints)', () => {
    expectCode(() => decodeSimcc(sx, sy, { splitRatio: 1e-50 }), 'E_RANGE', /splitRatio must be from 0.000001 to 1000000 \(bins per input pixel\); received 1e-50/);
    expectCode(() => decodeSimcc(sx, sy, { splitRatio: 1e39 }), 'E_RANGE', /received 1e\+39/);
    const lo = decodeSimcc(sx, sy, { splitRatio: 1e-6 }).keypoints;
    const hi = decodeSimcc(sx, sy, { splitRatio: 1e6 }).keypoints;
    expect(Array.from(lo)).toEqual([Math.fround(20 / Math.fround(1e-6)), Math.fround(42 / Math.fround(1e-6))]);
    expect(hi.every((v) => Number.isFinite(v) && v > 0)).toBe(true);
  });

  it('getSimccNormalized rejects a sigma whose float32 σ√(2π) is 0 or Infinity and handles huge values', () => {
    expectCode(() => getSimccNormalized(sx, { sigma: 1e-46 }), 'E_RANGE', /sigma · √\(2π\) must be a non-zero finite float32/);
    expectCode(() => getSimccNormalized(sx, { sigma: 1e39 }), 'E_RANGE');
    const t = { data: new Float32Array(8), dims: [1, 1, 8] };
    t.data[3] = 3e38;
    t.data[4] = 1e38;
    t.data[5] = -2e38;
    const r = getSimccNormalized(t, { sigma: 0.1 }).data;
    expect(Array.from(r)).toEqual([0, 0, 0, 1, Math.fround(Math.fround(1e38) / Math.fround(3e38)), 0, 0, 0]);
  });

  it('decodeUdp rejects maps whose values overflow the float32 modulation (E_RANGE), keeps finite cases', () => {
    const t = zeros(1, 1, 8, 8);
    t.data.fill(3e38);
    expectCode(() => decodeUdp(t), 'E_RANGE', /instance 0, keypoint 0 is not finite: its map \(maximum 3.*\) overflows the float32 Gaussian modulation/);
    // One huge cell or huge negative surroundings do not overflow into NaN: finite, not rejected.
    const one = zeros(1, 1, 8, 8);
    one.data[27] = 3e38;
    expect(decodeUdp(one).keypoints.every((v) => Number.isFinite(v))).toBe(true);
    const neg = zeros(1, 1, 8, 8);
    neg.data.fill(-3e38);
    neg.data[27] = 1;
    expect(decodeUdp(neg).keypoints.every((v) => Number.isFinite(v))).toBe(true);
  });

  it('keeps the reference-parity NaN of decodeUdp on all-zero maps (refineInvalid default)', () => {
    const t = zeros(1, 2, 8, 8);
    gaussian(t, 0, 0, 3, 4);
    const r = decodeUdp(t);
    expect(Number.isNaN(r.keypoints[2]!)).toBe(true);
    expect(decodeUdp(t, { refineInvalid: false }).keypoints.every((v) => Number.isFinite(v))).toBe(true);
  });

  it('gaussianBlurHeatmaps rejects maps whose float32 blur or rescaling overflows, keeps the 0/0 NaN', () => {
    const t = zeros(1, 1, 8, 8);
    t.data.fill(3e38);
    expectCode(() => gaussianBlurHeatmaps(t, 3), 'E_RANGE', /map of instance 0, keypoint 0 \(maximum 3.*\) cannot be modulated in float32/);
    expectCode(() => gaussianBlurHeatmaps(t, 11), 'E_RANGE');
    const neg = zeros(1, 1, 8, 8);
    neg.data.fill(-3e38);
    neg.data[27] = 1;
    expectCode(() => gaussianBlurHeatmaps(neg, 3), 'E_RANGE');
    const one = zeros(1, 1, 8, 8);
    one.data[27] = 3e38;
    const b = gaussianBlurHeatmaps(one, 3).data;
    expect(b.every((v) => Number.isFinite(v))).toBe(true);
    expect(Math.max(...b) / Math.fround(3e38)).toBeCloseTo(1, 6);
    expect(gaussianBlurHeatmaps(zeros(1, 1, 4, 4), 3).data.every((v) => Number.isNaN(v))).toBe(true);
  });

  it('decodeRmpeLegacy rejects corners beyond float32 and boxes whose image coordinates overflow', () => {
    expectCode(() => decodeRmpeLegacy(hm, [0, 0], [1e308, 1e308]), 'E_RANGE', /pt2\[0\] \(instance 0\) must lie within the float32 range.*received 1e\+308/);
    expectCode(() => decodeRmpeLegacy(hm, [0, 0], [3e38, 3e38], { inputSize: [1, 1e300] }), 'E_RANGE', /too large for the float32 back-projection/);
    expect(decodeRmpeLegacy(hm, [0, 0], [3e38, 3e38]).keypoints.every((v) => Number.isFinite(v))).toBe(true);
  });
});

describe('messages name the offending value', () => {
  it('decodeHrnetFinalPreds: a huge centre is reported as the centre, not as a degenerate scale', () => {
    expectCode(() => decodeHrnetFinalPreds(hm, [1e308, 1e308], [1, 1]), 'E_RANGE', /centers\[0\] \(instance 0\) must lie within the float32 range.*received 1e\+308/);
    expectCode(() => decodeHrnetFinalPreds(hm, [0, 0], [1e37, 1e37]), 'E_RANGE', /scales × pixelStd of instance 0 \(\[1e\+37, 1e\+37\] × 200 = \[2e\+39, 2e\+39\]\) is too large/);
    expectCode(() => decodeHrnetFinalPreds(hm, [0, 0], [0, 1]), 'E_RANGE', /scales of instance 0 is degenerate \(\[0, 1\]\)/);
  });

  it('decodeIntegral / decodeAlphaPoseSimple: a huge box is reported as out of float32 range, not degenerate', () => {
    let msg = '';
    try {
      decodeIntegral(hm, [0, 0, 1e39, 1e39]);
    } catch (e) {
      msg = (e as Error).message;
    }
    expect(msg).toMatch(/boxes\[2\] \(instance 0\) must lie within the float32 range.*received 1e\+39/);
    expect(msg).not.toMatch(/degenerate/);
    expectCode(() => decodeAlphaPoseSimple(hm, [0, 0, 1e39, 1]), 'E_RANGE', /boxes\[2\]/);
    expectCode(() => decodeAlphaPoseSimple(hm, [0, 0, 0, 10]), 'E_RANGE', /degenerate/);
  });
});
