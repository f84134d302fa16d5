/**
 * Every decoder gives bit-identical results whichever argmax path runs: SIMD in place (decode buffer),
 * SIMD through staging (plain Float32Array), JS scan (kernel disabled), including the E_NONFINITE error.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  createDecodeBuffer,
  decodeAlphaPoseSimple,
  decodeDark,
  decodeHrnetFinalPreds,
  decodeMsra,
  decodeRmpeLegacy,
  decodeSimcc,
  decodeUdp,
  getHeatmapMaximum,
} from '../../src/index.js';
import type { TensorLike } from '../../src/index.js';
import { setArgmaxKernelEnabled } from '../../src/wasm/kernel.js';
import { mulberry32 } from '../../../../test-support/random.js';
import { realistic } from './helpers.js';

afterEach(() => {
  setArgmaxKernelEnabled(true);
});

type Out = { keypoints: Float32Array; scores: Float32Array; visibility?: Float32Array };

/** Run `f` on the plain tensors, on copies in decode buffers, and with the kernel disabled. */
function threeWays(tensors: TensorLike<Float32Array>[], f: (...t: TensorLike<Float32Array>[]) => Out): Out[] {
  const plain = f(...tensors);
  const bufs = tensors.map((t) => {
    const b = createDecodeBuffer(t.dims);
    b.data.set(t.data);
    return b;
  });
  const heap = f(...bufs);
  setArgmaxKernelEnabled(false);
  const js = f(...bufs);
  setArgmaxKernelEnabled(true);
  for (const b of bufs) b.release();
  return [plain, heap, js];
}

function expectSame(results: Out[]): void {
  const [a, ...rest] = results;
  for (const b of rest) {
    expect(Array.from(b.keypoints)).toEqual(Array.from(a!.keypoints));
    expect(Array.from(b.scores)).toEqual(Array.from(a!.scores));
    if (a!.visibility !== undefined) expect(Array.from(b.visibility!)).toEqual(Array.from(a!.visibility));
  }
}

/** Per-instance inputs of the image-space decoders (3 instances). */
const centers = [
  [100, 120],
  [40.5, 60.25],
  [300, 200],
];
const scales = [
  [0.96, 1.28],
  [0.5, 0.66],
  [1.5, 2],
];
const boxes = [
  [10, 20, 202, 276],
  [0, 0, 48, 64],
  [150.5, 80, 342.5, 336],
];
const pt1 = boxes.map((b) => [b[0]!, b[1]!]);
const pt2 = boxes.map((b) => [b[2]!, b[3]!]);

/** HRNet, RMPE and AlphaPose decoders (their argmax goes through the same paths). */
const imageSpace = [
  (t: TensorLike<Float32Array>) => decodeHrnetFinalPreds(t, centers, scales),
  (t: TensorLike<Float32Array>) => decodeRmpeLegacy(t, pt1, pt2),
  (t: TensorLike<Float32Array>) => decodeAlphaPoseSimple(t, boxes),
] as const;

/** Realistic maps plus the awkward ones: ties, plateaus, negative and all-zero maps. */
function heatmaps(w: number, h: number): TensorLike<Float32Array> {
  const t = realistic(3, 17, h, w, 11, 1);
  const hw = h * w;
  const r = mulberry32(5);
  const d = t.data;
  d.fill(0, 2 * hw, 3 * hw); // all zero
  for (let i = 3 * hw; i < 4 * hw; i++) d[i] = -r(); // negative
  for (let i = 4 * hw; i < 5 * hw; i++) d[i] = Math.floor(r() * 3) / 4; // many ties
  d.fill(0.5, 5 * hw, 6 * hw); // plateau
  d[7 * hw - 1] = 2; // maximum at the last element of map 6
  d[7 * hw] = 2; // maximum at the first element of map 7
  return { data: d, dims: t.dims };
}

describe('decoders: SIMD in place, SIMD staged and JS scan agree', () => {
  for (const [w, h] of [
    [48, 64],
    [7, 5], // HW = 35, odd
    [33, 9], // HW = 297 (staged, not divisible by 4)
    [96, 128], // HW = 12288: longer than a staging chunk, staged one row at a time
  ] as const) {
    it(`MSRA / DARK / UDP / argmax on ${h}x${w} maps`, () => {
      const hm = heatmaps(w, h);
      expectSame(threeWays([hm], (t) => getHeatmapMaximum(t)));
      expectSame(threeWays([hm], (t) => decodeMsra(t)));
      expectSame(threeWays([hm], (t) => decodeDark(t, { blurKernelSize: 5 })));
      expectSame(threeWays([hm], (t) => decodeUdp(t, { blurKernelSize: 5 })));
      for (const f of imageSpace) expectSame(threeWays([hm], f));
    });
  }

  it('SimCC (plain, softmax, DARK, visibility) with ties and odd widths', () => {
    const r = mulberry32(9);
    for (const [wx, wy] of [
      [384, 512],
      [97, 130],
    ] as const) {
      const x = { data: Float32Array.from({ length: 2 * 17 * wx }, () => Math.floor(r() * 50) / 7 - 2), dims: [2, 17, wx] };
      const y = { data: Float32Array.from({ length: 2 * 17 * wy }, () => r() - 0.5), dims: [2, 17, wy] };
      expectSame(threeWays([x, y], (a, b) => decodeSimcc(a!, b!)));
      expectSame(threeWays([x, y], (a, b) => decodeSimcc(a!, b!, { applySoftmax: true, decodeVisibility: true })));
      expectSame(threeWays([x, y], (a, b) => decodeSimcc(a!, b!, { useDark: true, sigma: [4.9, 5.66] })));
    }
  });

  it('E_NONFINITE names the same element on every path (first / last element of a channel)', () => {
    for (const [where, value] of [
      [0, NaN],
      [3071, Infinity],
      [5 * 3072 + 3071, -Infinity],
      [9 * 3072, NaN],
    ] as const) {
      const hm = heatmaps(48, 64);
      hm.data[where] = value;
      const messages = [];
      for (const path of ['staged', 'heap', 'js'] as const) {
        let t: TensorLike<Float32Array> = hm;
        const b = createDecodeBuffer(hm.dims);
        b.data.set(hm.data);
        if (path !== 'staged') t = b;
        setArgmaxKernelEnabled(path !== 'js');
        for (const f of [decodeMsra, decodeDark, decodeUdp, getHeatmapMaximum, ...imageSpace] as const) {
          try {
            f(t);
            throw new Error('no throw');
          } catch (e) {
            expect((e as { code?: string }).code).toBe('E_NONFINITE');
            messages.push(`${f.name}: ${(e as Error).message}`);
          }
        }
        setArgmaxKernelEnabled(true);
        b.release();
      }
      const per = messages.length / 3;
      expect(messages[0]).toContain(`at flat index ${where}`);
      for (const m of messages) expect(m).toContain(`at flat index ${where} (instance ${Math.floor(where / (17 * 3072))}, keypoint ${Math.floor(where / 3072) % 17})`);
      expect(messages.slice(per, 2 * per)).toEqual(messages.slice(0, per));
      expect(messages.slice(2 * per)).toEqual(messages.slice(0, per));
    }
  });

  it('SimCC E_NONFINITE: x before y in row order on every path', () => {
    const msgs: string[] = [];
    for (const path of ['staged', 'heap', 'js'] as const) {
      const x = { data: new Float32Array(3 * 384).fill(0.1), dims: [1, 3, 384] };
      const y = { data: new Float32Array(3 * 512).fill(0.1), dims: [1, 3, 512] };
      x.data[2 * 384 + 383] = NaN; // row 2 of x
      y.data[1 * 512] = Infinity; // row 1 of y: reported first
      let a: TensorLike<Float32Array> = x;
      let b: TensorLike<Float32Array> = y;
      const ba = createDecodeBuffer(x.dims);
      const bb = createDecodeBuffer(y.dims);
      ba.data.set(x.data);
      bb.data.set(y.data);
      if (path !== 'staged') {
        a = ba;
        b = bb;
      }
      setArgmaxKernelEnabled(path !== 'js');
      expect(() => decodeSimcc(a, b)).toThrow(/simccY must be finite; received Infinity at flat index 512 \(row 1\)/);
      try {
        decodeSimcc(a, b);
      } catch (e) {
        msgs.push((e as Error).message);
      }
      setArgmaxKernelEnabled(true);
      ba.release();
      bb.release();
    }
    expect(new Set(msgs).size).toBe(1);
  });
});
