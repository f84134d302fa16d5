/**
 * Handlers for the `decode/` fixtures. Every `expected` field of every case is compared; the decoders are
 * driven by the fixture's own `params` / `inputs`, so hidden fixtures of the same kinds run unchanged.
 *
 * Tolerances (fixtures README): 1e-4 px for coordinates (float32 paths); heatmap values, scores and
 * probabilities (dimensionless, ≤ ~1 here) 1e-6; integer argmax locations exactly.
 */
import { decodeDark, decodeMsra, decodeUdp, gaussianBlurHeatmaps, getGaussianKernel, getHeatmapMaximum } from '@posekit/core';
import type { HeatmapDecodeResult, TensorLike } from '@posekit/core';
import type { Checker } from '../check.js';
import { flat, numbers, tensor } from '../fixture.js';
import type { Fixture } from '../fixture.js';
import type { Handler } from '../handler.js';

const PX = 1e-4;
const VAL = 1e-6;
const EXACT = 0;

type Obj = Record<string, unknown>;

interface Case {
  name: string;
  inputs: Obj;
  params?: Obj;
  expected: Obj;
}

function cases(fx: Fixture): Case[] {
  const c = fx['cases'];
  if (!Array.isArray(c)) throw new Error('fixture has no cases array');
  return c as Case[];
}

/** A float32 tensor from a fixture tensor, as `[N, ...]` (a missing batch axis is added, zero-copy). */
function batched(v: unknown, rank: number): TensorLike<Float32Array> {
  const t = tensor(v);
  const data = t.data instanceof Float32Array ? t.data : Float32Array.from(t.data as ArrayLike<number>);
  const dims = t.shape.length === rank - 1 ? [1, ...t.shape] : t.shape;
  if (dims.length !== rank) throw new Error(`expected a rank ${rank - 1} or ${rank} tensor, got shape [${t.shape.join(', ')}]`);
  return { data, dims };
}

function pair(v: unknown, what: string): [number, number] {
  const a = flat(v);
  if (a.length !== 2) throw new Error(`${what}: expected 2 numbers, got ${a.length}`);
  return [a[0]!, a[1]!];
}

/** Compare a decode result's keypoints and scores. */
function checkResult(check: Checker, prefix: string, res: HeatmapDecodeResult, exp: Obj, kpKey: string, scoreKey: string | null, kpTol = PX): void {
  if (exp[kpKey] !== undefined) check.close(`${prefix}/${kpKey}`, res.keypoints, flat(exp[kpKey]), kpTol);
  if (scoreKey !== null && exp[scoreKey] !== undefined) check.close(`${prefix}/${scoreKey}`, res.scores, flat(exp[scoreKey]), VAL);
}

/** Report expected keys this handler does not know (so a richer hidden fixture cannot pass silently). */
function unknownKeys(check: Checker, prefix: string, exp: Obj, known: readonly string[]): void {
  for (const key of Object.keys(exp)) if (!known.includes(key)) check.fail(`${prefix}/${key}`, 'expected field not checked by the decode handler');
}

/** argmax_locs_xy / argmax_vals with MMPose's (-1, -1) convention. */
function checkArgmax(check: Checker, prefix: string, hm: TensorLike<Float32Array>, exp: Obj): void {
  const m = getHeatmapMaximum(hm, { invalid: 'mmpose' });
  check.close(`${prefix}/argmax_locs_xy`, m.keypoints, flat(exp['argmax_locs_xy']), EXACT);
  check.close(`${prefix}/argmax_vals`, m.scores, flat(exp['argmax_vals']), VAL);
}

/** params.heatmap_size_wh must describe the tensor; input_size_wh drives the scaling. */
function sizes(check: Checker, prefix: string, hm: TensorLike<Float32Array>, params: Obj): { input: [number, number] } {
  const input = pair(params['input_size_wh'], 'input_size_wh');
  if (params['heatmap_size_wh'] !== undefined) {
    check.exact(`${prefix}/params.heatmap_size_wh matches the tensor`, pair(params['heatmap_size_wh'], 'heatmap_size_wh'), [hm.dims[3], hm.dims[2]]);
  }
  return { input };
}

const msra: Handler = (fx, check) => {
  for (const c of cases(fx)) {
    const p = c.params ?? {};
    const hm = batched(c.inputs['heatmaps'], 4);
    const { input } = sizes(check, c.name, hm, p);
    if (p['unbiased'] === true) check.fail(`${c.name}/params.unbiased`, 'decode.msra fixture asks for unbiased decoding (that is decode.dark)');
    if (p['scale_factor_wh'] !== undefined) {
      const sf = pair(p['scale_factor_wh'], 'scale_factor_wh');
      check.close(`${c.name}/params.scale_factor_wh`, [Math.fround(input[0] / hm.dims[3]!), Math.fround(input[1] / hm.dims[2]!)], sf, EXACT);
    }
    const exp = c.expected;
    unknownKeys(check, c.name, exp, ['argmax_locs_xy', 'argmax_vals', 'refined_heatmap_space_xy', 'keypoints_xy', 'scores']);
    checkArgmax(check, c.name, hm, exp);
    checkResult(check, c.name, decodeMsra(hm, { outputSpace: 'heatmap' }), exp, 'refined_heatmap_space_xy', null);
    checkResult(check, c.name, decodeMsra(hm, { inputSize: input }), exp, 'keypoints_xy', 'scores');
  }
};

const dark: Handler = (fx, check) => {
  const helperKernels = ((fx['helpers'] as Obj | undefined)?.['cv2_getGaussianKernel_ksize_sigma0'] ?? {}) as Obj;
  for (const [ks, weights] of Object.entries(helperKernels)) {
    check.close(`helpers/getGaussianKernel(${ks})`, getGaussianKernel(Number(ks)), flat(weights), 1e-12);
  }
  for (const c of cases(fx)) {
    const p = c.params ?? {};
    const hm = batched(c.inputs['heatmaps'], 4);
    const { input } = sizes(check, c.name, hm, p);
    if (p['unbiased'] === false) check.fail(`${c.name}/params.unbiased`, 'decode.dark fixture with unbiased = false');
    const exp = c.expected;
    unknownKeys(check, c.name, exp, ['argmax_locs_xy', 'argmax_vals', 'by_blur_kernel_size']);
    checkArgmax(check, c.name, hm, exp);
    const byK = (exp['by_blur_kernel_size'] ?? {}) as Obj;
    for (const ksText of Object.keys(byK)) {
      const ks = Number(ksText);
      const e = byK[ksText] as Obj;
      const pre = `${c.name}/k${ks}`;
      unknownKeys(check, pre, e, ['keypoints_xy', 'scores', 'refined_heatmap_space_xy', 'blurred_heatmaps']);
      checkResult(check, pre, decodeDark(hm, { inputSize: input, blurKernelSize: ks }), e, 'keypoints_xy', 'scores');
      checkResult(check, pre, decodeDark(hm, { outputSpace: 'heatmap', blurKernelSize: ks }), e, 'refined_heatmap_space_xy', null);
      if (e['blurred_heatmaps'] !== undefined) {
        check.close(`${pre}/blurred_heatmaps`, gaussianBlurHeatmaps(hm, ks).data, numbers(e['blurred_heatmaps']), VAL);
      }
    }
  }
};

const udp: Handler = (fx, check) => {
  for (const c of cases(fx)) {
    const p = c.params ?? {};
    const hm = batched(c.inputs['heatmaps'], 4);
    const { input } = sizes(check, c.name, hm, p);
    if (p['heatmap_type'] !== undefined && p['heatmap_type'] !== 'gaussian') {
      check.fail(`${c.name}/params.heatmap_type`, `unsupported heatmap_type ${String(p['heatmap_type'])}`);
    }
    const exp = c.expected;
    unknownKeys(check, c.name, exp, ['argmax_locs_xy', 'argmax_vals', 'by_blur_kernel_size']);
    checkArgmax(check, c.name, hm, exp);
    const byK = (exp['by_blur_kernel_size'] ?? {}) as Obj;
    for (const ksText of Object.keys(byK)) {
      const ks = Number(ksText);
      const e = byK[ksText] as Obj;
      const pre = `${c.name}/k${ks}`;
      unknownKeys(check, pre, e, ['keypoints_xy', 'scores', 'refined_heatmap_space_xy']);
      checkResult(check, pre, decodeUdp(hm, { inputSize: input, blurKernelSize: ks }), e, 'keypoints_xy', 'scores');
      checkResult(check, pre, decodeUdp(hm, { outputSpace: 'heatmap', blurKernelSize: ks }), e, 'refined_heatmap_space_xy', null);
    }
  }
};

/** Handlers for the `decode/` fixtures, keyed by the fixture's `kind`. */
export const handlers: Record<string, Handler> = {
  'decode.msra': msra,
  'decode.dark': dark,
  'decode.udp': udp,
};
