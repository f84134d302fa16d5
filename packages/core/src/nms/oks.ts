/**
 * MMPose's `oks_iou`: object keypoint similarity between one instance and others, as used by OKS-NMS.
 *
 * Reference: open-mmlab/mmpose @ 759b39c1, `mmpose/evaluation/functional/nms.py` (`oks_iou`). Restated in
 * shared/spec/metrics-and-nms.md §5. Not COCOeval's OKS (no grown-box rule; both areas are averaged).
 *
 * Numerics follow numpy's dtypes: with Float32Array keypoints `dx² + dy²` is float32; with Float32Array areas
 * `(a_g + a_d) / 2` is float32; the rest (÷ vars, ÷ area, exp, the pairwise sum, ÷ count) is float64, and the
 * result is rounded to float32 (MMPose stores it in a float32 array).
 *
 * @module
 */
import { PosekitError } from '../errors.js';
import { pairwiseSumF64 } from '../metrics/pairwise.js';
import { checkOptionKeys } from '../option-keys.js';
// MMPose's default sigmas, computed as the reference does: `[.26, .25, …] / 10.0` in float64 (pycocotools' values).
import { COCO17_SIGMAS } from '../layouts/data/coco.js';
import { checkArray, checkFinite, checkList, checkNumber, fail } from './validate.js';

const f = Math.fround;
/** np.spacing(1). */
const EPS = 2.220446049250313e-16;

/** Options shared by {@link oksIou}, {@link oksNms} and {@link softOksNms}. */
export interface OksOptions {
  /**
   * Per-keypoint OKS sigmas, K. Default: COCO-17 (`[.26, .25, .25, .35, .35, .79, .79, .72, .72, .62, .62,
   * 1.07, 1.07, .87, .87, .89, .89] / 10`); required when K ≠ 17. Each >= 1e-150.
   */
  sigmas?: ArrayLike<number>;
  /**
   * Keypoint visibility threshold. When given, only keypoints with score > visThr in **both** instances
   * count (an instance pair with none scores 0). Default: undefined (all keypoints count).
   */
  visThr?: number;
}

/** Resolved OKS constants (internal). @internal */
export interface OksConsts {
  k: number;
  /** (2σ)², float64. */
  vars: Float64Array;
  /** Largest of `vars` (for pruning bounds). */
  varMax: number;
  visThr: number | undefined;
  /** visThr as compared against float32 scores (numpy casts the Python float to float32). */
  visThr32: number | undefined;
  /** Scratch of K doubles for the exp terms. */
  buf: Float64Array;
}

/** Check the option names (`keys`), sigmas and visThr, and precompute vars = (2σ)². @internal */
export function resolveOks(fn: string, k: number, options: OksOptions | undefined, keys: readonly string[]): OksConsts {
  checkOptionKeys(fn, options, keys);
  const sig = options?.sigmas;
  let sigmas: ArrayLike<number>;
  if (sig === undefined || sig === null) {
    if (k !== 17) fail('E_LAYOUT_MISMATCH', fn, `sigmas are required for ${k} keypoints (the default is COCO-17)`, sig);
    sigmas = COCO17_SIGMAS;
  } else {
    checkList(fn, 'sigmas', sig, `of ${k}`);
    if (sig.length !== k) fail('E_LAYOUT_MISMATCH', fn, `sigmas must have one value per keypoint (${k})`, sig);
    // >= 1e-150: (2σ)² must not underflow to 0 (0 / 0 would make OKS NaN).
    checkFinite(fn, 'sigmas', sig, 1e-150);
    sigmas = sig;
  }
  const vars = new Float64Array(k);
  let varMax = 0;
  for (let i = 0; i < k; i++) {
    const s2 = sigmas[i]! * 2;
    vars[i] = s2 * s2;
    if (vars[i]! > varMax) varMax = vars[i]!;
  }
  const visThr = options?.visThr === undefined || options.visThr === null ? undefined : checkNumber(fn, 'visThr', options.visThr);
  return { k, vars, varMax, visThr, visThr32: visThr === undefined ? undefined : f(visThr), buf: new Float64Array(k) };
}

/**
 * OKS of instance `gOff` of `g` against instance `dOff` of `d` (element offsets into flat K*3 arrays),
 * rounded to float32 like MMPose's result array.
 * @internal
 */
export function oksKernel(
  c: OksConsts,
  g: ArrayLike<number>,
  gOff: number,
  d: ArrayLike<number>,
  dOff: number,
  aG: number,
  aD: number,
  kptF32: boolean,
  areaF32: boolean,
): number {
  const { k, vars, buf } = c;
  // ((a_g + a_d) / 2 + np.spacing(1)): float32 sum and halving when the areas are float32, then float64
  const area = (areaF32 ? f(f(aG + aD) / 2) : (aG + aD) / 2) + EPS;
  const useVis = c.visThr !== undefined;
  const vt = kptF32 ? c.visThr32! : c.visThr!;
  let cnt = 0;
  for (let i = 0; i < k; i++) {
    const gi = gOff + i * 3;
    const di = dOff + i * 3;
    if (useVis && !(g[gi + 2]! > vt && d[di + 2]! > vt)) continue;
    let sq: number;
    if (kptF32) {
      const dx = f(d[di]! - g[gi]!);
      const dy = f(d[di + 1]! - g[gi + 1]!);
      sq = f(f(dx * dx) + f(dy * dy));
    } else {
      const dx = d[di]! - g[gi]!;
      const dy = d[di + 1]! - g[gi + 1]!;
      sq = dx * dx + dy * dy;
    }
    const e = sq / vars[i]! / area / 2;
    buf[cnt++] = Math.exp(-e);
  }
  if (cnt === 0) return 0;
  return f(pairwiseSumF64(buf, 0, cnt) / cnt);
}

/**
 * MMPose `oks_iou(g, d, a_g, a_d, sigmas, vis_thr)`: OKS of instance `g` against each instance of `d`.
 *
 * `e_k = (dx² + dy²) / (2σ_k)² / ((a_g + a_d)/2 + eps) / 2`; OKS = mean of exp(−e_k) over the selected
 * keypoints (all, or those with score > visThr in both), 0 if none. Float32 result (see the module notes for
 * which steps are float32).
 *
 * @param g - the reference instance, K*3 (x, y, score)
 * @param d - the other instances, N*K*3
 * @param aG - area of `g`, px² (>= 0)
 * @param aD - areas of `d`, N (>= 0)
 * @param options - sigmas (default COCO-17) and visThr
 * @returns OKS per instance of `d`, N (float32)
 * @throws PosekitError E_SHAPE (lengths), E_LAYOUT_MISMATCH (sigmas vs K), E_NONFINITE, E_RANGE (a negative
 *   area, a sigma below 1e-150), E_ARGUMENT (options not an object, unknown option name)
 */
export function oksIou(g: ArrayLike<number>, d: ArrayLike<number>, aG: number, aD: ArrayLike<number>, options?: OksOptions): Float32Array {
  const fn = 'oksIou';
  const gArr = checkList(fn, 'g', g, '[K*3]');
  if (gArr.length % 3 !== 0 || gArr.length === 0) {
    throw new PosekitError('E_SHAPE', `${fn}: g must have K*3 values (x, y, score), K >= 1; received ${gArr.length}`, {
      expected: 'K*3',
      received: gArr.length,
    });
  }
  const k = gArr.length / 3;
  const n = checkList(fn, 'aD', aD, '[N]').length;
  const dArr = checkArray(fn, 'd', d, n * k * 3, `[N*K*3] = ${n}*${k}*3`);
  checkNumber(fn, 'aG', aG, 0);
  checkFinite(fn, 'g', gArr);
  checkFinite(fn, 'd', dArr);
  checkFinite(fn, 'aD', aD, 0);
  const c = resolveOks(fn, k, options, ['sigmas', 'visThr']);
  const kptF32 = gArr instanceof Float32Array && dArr instanceof Float32Array;
  const areaF32 = aD instanceof Float32Array;
  const out = new Float32Array(n);
  for (let j = 0; j < n; j++) out[j] = oksKernel(c, gArr, 0, dArr, j * k * 3, areaF32 ? f(aG) : aG, aD[j]!, kptF32, areaF32);
  return out;
}
