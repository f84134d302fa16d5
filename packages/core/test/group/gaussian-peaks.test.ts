import { describe, expect, it } from 'vitest';
import { createPeakWorkspace, gaussianPeaks, scipyGaussianHalfKernel } from '../../src/group/gaussian-peaks.js';
import { reflectIndex } from '../../src/group/numeric.js';
import { expectCode } from '../../../../test-support/errors.js';

/** Straightforward scipy-order blur (rows, then columns; centre, then pairs outermost first) of the whole map. */
function bruteBlur(m: ArrayLike<number>, H: number, W: number, sigma: number): Float64Array {
  const w = scipyGaussianHalfKernel(sigma);
  const r = w.length - 1;
  const v = new Float64Array(H * W);
  const b = new Float64Array(H * W);
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      let acc = w[0]! * m[y * W + x]!;
      for (let j = r; j >= 1; j--) acc += (m[reflectIndex(y - j, H) * W + x]! + m[reflectIndex(y + j, H) * W + x]!) * w[j]!;
      v[y * W + x] = acc;
    }
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      let acc = w[0]! * v[y * W + x]!;
      for (let j = r; j >= 1; j--) acc += (v[y * W + reflectIndex(x - j, W)]! + v[y * W + reflectIndex(x + j, W)]!) * w[j]!;
      b[y * W + x] = acc;
    }
  return b;
}

/** The reference's peak rule on a fully blurred map: ≥ 4 neighbours (0 outside), > thre1, row-major. */
function brutePeaks(m: ArrayLike<number>, H: number, W: number, sigma: number, thre1: number): number[] {
  const b = bruteBlur(m, H, W, sigma);
  const at = (y: number, x: number): number => (y < 0 || y >= H || x < 0 || x >= W ? 0 : b[y * W + x]!);
  const out: number[] = [];
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      const v = b[y * W + x]!;
      if (v > thre1 && v >= at(y - 1, x) && v >= at(y + 1, x) && v >= at(y, x - 1) && v >= at(y, x + 1)) out.push(y * W + x);
    }
  return out;
}

function peaksOf(m: Float32Array | Float64Array, C: number, H: number, W: number, sigma: number, thre1: number): number[][] {
  const ws = createPeakWorkspace(H, W, sigma);
  return Array.from({ length: C }, (_, c) => Array.from(ws.peaks.subarray(0, gaussianPeaks(ws, m, c, thre1, 'test', 'maps'))));
}

/** Deterministic pseudo-random numbers (LCG) so the maps are reproducible. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('scipyGaussianHalfKernel', () => {
  it('equals scipy _gaussian_kernel1d(3, 0, 12) bit for bit', () => {
    expect(Array.from(scipyGaussianHalfKernel(3))).toEqual([
      0.1329845385507837, 0.12579798346031065, 0.1064856940272447, 0.08065919989878699, 0.054671578245654065, 0.03315998842086742,
      0.017997500190860556, 0.008740878047691292, 0.0037987699403054824, 0.001477324778400407, 0.0005141076058219727,
      0.00016009476589197758, 4.46113427726488e-5,
    ]);
  });
  it('uses radius int(4 sigma + 0.5) for small sigma (stride path)', () => {
    expect(Array.from(scipyGaussianHalfKernel(0.375))).toEqual([0.9459553629712425, 0.027021688663104663, 6.298512741012613e-7]);
  });
});

describe('gaussianPeaks', () => {
  it('blurs like scipy.ndimage.gaussian_filter(sigma=3) on a 6 x 9 map (repeated reflection)', () => {
    // prettier-ignore
    const m = [0.0, 0.0, 0.6985119903183108, 0.0, 0.798939490963134, 0.0, 0.0, 0.7998795260549534, 0.5070681389233913, 0.506385001421571, 0.0, 0.0, 0.9332239002254337, 0.0, 0.84492680147361, 0.0, 0.9510229811957994, 0.0, 0.9364420618420031, 0.5561597755338971, 0.0, 0.7414216700278128, 0.6743897148867628, 0.6842052123845983, 0.0, 0.0, 0.640940141481311, 0.0, 0.6922222746448299, 0.6353867998907108, 0.0, 0.7985233458061055, 0.0, 0.0, 0.797933886097021, 0.0, 0.7132578641244521, 0.6125178041653119, 0.9410009752426018, 0.9916767169901963, 0.7236762546507963, 0.8088438090346699, 0.0, 0.7128902625665684, 0.8476243802545339, 0.0, 0.5532500397935409, 0.0, 0.9585229997993715, 0.0, 0.0, 0.0, 0.0, 0.6314361061322901];
    // prettier-ignore
    const scipy = [0.3838385834458208, 0.38601124615333293, 0.38906622977025546, 0.3913431012478351, 0.39184739404517965, 0.3907646277441805, 0.3890637954950841, 0.3876431054278553, 0.3869167194773079, 0.39233684256248946, 0.3939301179436787, 0.3958835996639777, 0.3966704877789754, 0.39551690574869464, 0.3928658948894777, 0.38990199643738827, 0.3876376305109194, 0.3865003632910474, 0.4064656431751761, 0.4070886516902968, 0.4071947466373942, 0.40547995571976037, 0.401544823766796, 0.3962717231463988, 0.39120976364760557, 0.3875565021857697, 0.3857485673781709, 0.421833211551518, 0.42138912956002134, 0.4194588948079908, 0.41498191928534545, 0.40797864317243693, 0.3998278068722069, 0.3924854764330535, 0.3873430296107999, 0.3848254448428529, 0.43433867647478586, 0.4330159092995297, 0.4294047958174936, 0.4226437094848594, 0.4131061922722336, 0.4025915856407132, 0.39339639620263633, 0.3870626637287479, 0.3839861711842069, 0.44120428326980593, 0.4393935451952609, 0.43484715572768584, 0.4268133439498239, 0.4158650264356246, 0.4040404104016567, 0.39382742635695955, 0.3868477784687511, 0.3834722808977201];
    const ws = createPeakWorkspace(6, 9, 3);
    const n = gaussianPeaks(ws, Float64Array.from(m), 0, -1, 'test', 'maps'); // thre1 < 0: every tile computed
    for (let i = 0; i < m.length; i++) expect(ws.b[i]).toBeCloseTo(scipy[i]!, 15);
    // The peak of this blurred map is (5, 0) = index 45; nothing else is a local maximum.
    expect(Array.from(ws.peaks.subarray(0, n))).toEqual([45]);
  });

  it('finds exactly the brute-force peaks on sparse blobs with distractors, plateaus and borders', () => {
    const H = 70;
    const W = 53;
    const C = 6;
    const next = rng(7);
    const m = new Float64Array(C * H * W);
    for (let c = 0; c < C; c++) {
      for (let b = 0; b < 6; b++) {
        const cx = next() * W;
        const cy = next() * H;
        const amp = 0.05 + next();
        const s = 1.5 + 3 * next();
        for (let y = 0; y < H; y++)
          for (let x = 0; x < W; x++) {
            const d2 = (x - cx) ** 2 + (y - cy) ** 2;
            if (d2 / (2 * s * s) > 4.6052) continue;
            const i = c * H * W + y * W + x;
            m[i] = Math.min(1, m[i]! + amp * Math.exp(-d2 / (2 * s * s)));
          }
      }
    }
    // A clipped plateau touching the top-left corner and a blob on the right edge.
    for (let y = 0; y < 5; y++) for (let x = 0; x < 6; x++) m[y * W + x] = 1;
    for (let y = 30; y < 33; y++) m[2 * H * W + y * W + (W - 1)] = 0.9;
    const got = peaksOf(m, C, H, W, 3, 0.1);
    for (let c = 0; c < C; c++) expect(got[c]).toEqual(brutePeaks(m.subarray(c * H * W, (c + 1) * H * W), H, W, 3, 0.1));
    expect(got.flat().length).toBeGreaterThan(10);
  });

  it('finds exactly the brute-force peaks on dense noisy maps with negative values (float32 input)', () => {
    const H = 41;
    const W = 67;
    const next = rng(11);
    const m = new Float32Array(2 * H * W);
    for (let i = 0; i < m.length; i++) m[i] = (next() - 0.3) * 0.4;
    for (const thre1 of [0.05, 0.1, -0.2]) {
      const got = peaksOf(m, 2, H, W, 3, thre1);
      for (let c = 0; c < 2; c++) expect(got[c]).toEqual(brutePeaks(m.subarray(c * H * W, (c + 1) * H * W), H, W, 3, thre1));
    }
  });

  it('handles maps smaller than the kernel and the stride-path sigma', () => {
    const next = rng(3);
    for (const [H, W, sigma] of [[5, 4, 3], [1, 9, 3], [12, 12, 0.375], [9, 1, 1]] as const) {
      const m = new Float64Array(H * W);
      for (let i = 0; i < m.length; i++) m[i] = next();
      expect(peaksOf(m, 1, H, W, sigma, 0.1)[0]).toEqual(brutePeaks(m, H, W, sigma, 0.1));
    }
  });

  it('rejects NaN and Infinity with E_NONFINITE naming the position', () => {
    const m = new Float32Array(2 * 20 * 20);
    m[400 + 3 * 20 + 7] = Number.NaN;
    const ws = createPeakWorkspace(20, 20, 3);
    expect(gaussianPeaks(ws, m, 0, 0.1, 'fn', 'heatmaps')).toBe(0);
    expect(() => gaussianPeaks(ws, m, 1, 0.1, 'fn', 'heatmaps')).toThrowError(/channel 1, row 3, column 7/);
    m[400 + 3 * 20 + 7] = Infinity;
    expectCode(() => gaussianPeaks(ws, m, 1, 0.1, 'fn', 'heatmaps'), 'E_NONFINITE');
  });
});
