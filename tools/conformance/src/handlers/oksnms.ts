import { boxNms, oksIou, oksNms, rescore, softOksNms } from '@posekit/core';
import type { Checker } from '../check.js';
import { num, numbers, tensor, type Fixture } from '../fixture.js';
import type { Handler } from '../handler.js';

interface Case {
  name: string;
  inputs: Record<string, unknown>;
  params: Record<string, unknown>;
  expected: Record<string, unknown>;
}

/** Distance in float32 ulps at the expected value (the fixture's "float32 exact, <= 1 ulp"). */
function ulp32(x: number): number {
  const a = Math.abs(Math.fround(x));
  if (a === 0) return 2 ** -149;
  const e = Math.floor(Math.log2(a));
  return 2 ** Math.max(e - 23, -149);
}

/** `float32` tensors stay Float32Array (the reference's dtype drives the arithmetic), others Float64Array. */
function data(v: unknown): Float32Array | Float64Array {
  const t = tensor(v);
  return t.data instanceof Float32Array ? t.data : Float64Array.from(t.data as ArrayLike<number>);
}

function sigmasOf(params: Record<string, unknown>): number[] | undefined {
  return params['sigmas'] === null || params['sigmas'] === undefined ? undefined : numbers(params['sigmas']);
}

function visOf(params: Record<string, unknown>): number | undefined {
  return params['vis_thr'] === null || params['vis_thr'] === undefined ? undefined : num(params['vis_thr']);
}

function cases(fx: Fixture): Case[] {
  return fx['cases'] as Case[];
}

function runOksIou(fx: Fixture, check: Checker): void {
  for (const c of cases(fx)) {
    const aG = numbers(c.inputs['a_g'])[0]!;
    const out = oksIou(data(c.inputs['g']), data(c.inputs['d']), aG, data(c.inputs['a_d']), {
      sigmas: sigmasOf(c.params),
      visThr: visOf(c.params),
    });
    const exp = numbers((c.expected as { ious: unknown }).ious);
    check.exact(`${c.name}/ious.length`, out.length, exp.length);
    for (let i = 0; i < Math.min(out.length, exp.length); i++) check.close(`${c.name}/ious[${i}]`, out[i]!, exp[i]!, ulp32(exp[i]!));
  }
}

function runOksNms(fx: Fixture, check: Checker): void {
  for (const c of cases(fx)) {
    const kT = tensor(c.inputs['keypoints']);
    const input = {
      n: kT.shape[0]!,
      k: kT.shape[1]!,
      keypoints: data(c.inputs['keypoints']),
      areas: data(c.inputs['areas']),
      scores: data(c.inputs['scores']),
    };
    const perJoint = c.params['score_per_joint'] === true;
    const opts = { sigmas: sigmasOf(c.params), visThr: visOf(c.params), scorePerJoint: perJoint };
    const thr = num(c.params['thr']);
    check.exact(`${c.name}/keep_oks_nms`, Array.from(oksNms(input, thr, opts)), c.expected['keep_oks_nms']);
    const soft = softOksNms(input, thr, { ...opts, maxDets: num(c.params['max_dets']) });
    check.exact(`${c.name}/keep_soft_oks_nms`, Array.from(soft), c.expected['keep_soft_oks_nms']);
  }
}

function runRescore(fx: Fixture, check: Checker): void {
  const tol = (fx['tolerance'] as { scores: number }).scores;
  for (const c of cases(fx)) {
    const type = c.params['type'] as 'gaussian' | 'linear';
    const scores = data(c.inputs['scores']);
    const before = Array.from(scores);
    const out = rescore(data(c.inputs['overlap']), scores, num(c.params['thr']), type);
    check.close(`${c.name}/scores`, out, numbers(c.expected['scores']), tol);
    check.exact(`${c.name}/input unchanged`, Array.from(scores), before);
  }
}

function runBoxNms(fx: Fixture, check: Checker): void {
  for (const c of cases(fx)) {
    const dets = data(c.inputs['dets_xyxys']);
    const n = dets.length / 5;
    const boxes = new Float64Array(n * 4);
    const scores = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < 4; j++) boxes[i * 4 + j] = dets[i * 5 + j]!;
      scores[i] = dets[i * 5 + 4]!;
    }
    check.exact(`${c.name}/keep`, Array.from(boxNms(boxes, scores, num(c.params['thr']), { offset: 1 })), c.expected['keep']);
  }
}

/** Handlers for the `oksnms/` fixtures, keyed by the fixture's `kind`. */
export const handlers: Record<string, Handler> = {
  'mmpose-nms/oks_iou': runOksIou,
  'mmpose-nms/oks_nms': runOksNms,
  'mmpose-nms/rescore': runRescore,
  'mmpose-nms/box_nms': runBoxNms,
};
