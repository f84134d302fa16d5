import { describe, expect, it } from 'vitest';
import { describeWithShared } from '../../../../test-support/shared.js';
import { oksIou, oksNms, rescore, softOksNms, type OksNmsInput } from '../../src/nms/index.js';
import { mulberry32 } from '../../../../test-support/random.js';
import { arr, fixture } from './helpers.js';
import { thrownCode } from '../../../../test-support/errors.js';

function ulp32(x: number): number {
  const a = Math.abs(Math.fround(x));
  return a === 0 ? 2 ** -149 : 2 ** Math.max(Math.floor(Math.log2(a)) - 23, -149);
}

describeWithShared('MMPose NMS fixtures', ['fixtures/oksnms'], () => {
  it('oksIou: float32 results within 1 ulp for every case (COCO-17, custom sigmas, vis_thr, K = 133, empty)', () => {
    for (const c of fixture('oksnms/oks_iou.json').cases as any[]) {
      const out = oksIou(arr(c.inputs.g), arr(c.inputs.d), arr(c.inputs.a_g)[0]!, arr(c.inputs.a_d), {
        sigmas: c.params.sigmas ?? undefined,
        visThr: c.params.vis_thr ?? undefined,
      });
      const exp = arr(c.expected.ious);
      expect(out.length, c.name).toBe(exp.length);
      out.forEach((v, i) => expect(Math.abs(v - exp[i]!), c.name).toBeLessThanOrEqual(ulp32(exp[i]!)));
    }
  });
  it('oksNms / softOksNms: keep lists exact', () => {
    for (const c of fixture('oksnms/oks_nms.json').cases as any[]) {
      const input: OksNmsInput = {
        n: c.inputs.keypoints.shape[0],
        k: c.inputs.keypoints.shape[1],
        keypoints: arr(c.inputs.keypoints),
        areas: arr(c.inputs.areas),
        scores: arr(c.inputs.scores),
      };
      const opts = { sigmas: c.params.sigmas ?? undefined, visThr: c.params.vis_thr ?? undefined, scorePerJoint: c.params.score_per_joint };
      expect(Array.from(oksNms(input, c.params.thr, opts)), c.name).toEqual(c.expected.keep_oks_nms);
      expect(Array.from(softOksNms(input, c.params.thr, { ...opts, maxDets: c.params.max_dets })), c.name).toEqual(c.expected.keep_soft_oks_nms);
    }
  });
  it('rescore: gaussian (numpy float32 exp) and linear within 1e-12, input untouched', () => {
    for (const c of fixture('oksnms/rescore.json').cases as any[]) {
      const scores = arr(c.inputs.scores);
      const before = Array.from(scores);
      const out = rescore(arr(c.inputs.overlap), scores, c.params.thr, c.params.type);
      const exp = arr(c.expected.scores);
      out.forEach((v, i) => expect(Math.abs(v - exp[i]!), c.name).toBeLessThanOrEqual(1e-12));
      expect(Array.from(scores)).toEqual(before);
    }
  });
});

/** Random instances: clusters of near-duplicates plus isolated ones, some tied scores. */
function instances(seed: number, n: number, k = 17): OksNmsInput & { keypoints: Float32Array; areas: Float32Array; scores: Float64Array } {
  const rand = mulberry32(seed);
  const keypoints = new Float32Array(n * k * 3);
  const areas = new Float32Array(n);
  const scores = new Float64Array(n);
  let cx = 0;
  let cy = 0;
  let size = 100;
  for (let i = 0; i < n; i++) {
    if (i % 4 === 0) {
      cx = rand() * 2000;
      cy = rand() * 1000;
      size = 40 + rand() * 200;
    }
    for (let j = 0; j < k; j++) {
      keypoints[(i * k + j) * 3] = cx + (j / k) * size + rand() * size * 0.1;
      keypoints[(i * k + j) * 3 + 1] = cy + ((j * 7) % k / k) * size * 2 + rand() * size * 0.1;
      keypoints[(i * k + j) * 3 + 2] = rand();
    }
    areas[i] = size * size * 2;
    scores[i] = i % 7 === 3 ? 0.5 : Math.round(rand() * 20) / 20; // ties on purpose
  }
  return { n, k, keypoints, areas, scores };
}

/** The reference algorithms written directly from MMPose's code on top of oksIou / rescore. */
function naiveOksNms(s: ReturnType<typeof instances>, thr: number): number[] {
  const order = Array.from({ length: s.n }, (_, i) => i).sort((a, b) => s.scores[b]! - s.scores[a]! || b - a);
  let rest = order;
  const keep: number[] = [];
  const kp = (i: number) => s.keypoints.subarray(i * s.k * 3, (i + 1) * s.k * 3);
  while (rest.length > 0) {
    const i = rest[0]!;
    keep.push(i);
    const others = rest.slice(1);
    const d = new Float32Array(others.length * s.k * 3);
    others.forEach((j, t) => d.set(kp(j), t * s.k * 3));
    const ovr = oksIou(kp(i), d, s.areas[i]!, Float32Array.from(others, (j) => s.areas[j]!));
    rest = others.filter((_, t) => ovr[t]! <= Math.fround(thr));
  }
  return keep;
}

function naiveSoft(s: ReturnType<typeof instances>, thr: number, maxDets: number): number[] {
  let order = Array.from({ length: s.n }, (_, i) => i).sort((a, b) => s.scores[b]! - s.scores[a]! || b - a);
  let sc = Float64Array.from(order, (i) => s.scores[i]!);
  const keep: number[] = [];
  const kp = (i: number) => s.keypoints.subarray(i * s.k * 3, (i + 1) * s.k * 3);
  while (order.length > 0 && keep.length < maxDets) {
    const i = order[0]!;
    const others = order.slice(1);
    const d = new Float32Array(others.length * s.k * 3);
    others.forEach((j, t) => d.set(kp(j), t * s.k * 3));
    const ovr = oksIou(kp(i), d, s.areas[i]!, Float32Array.from(others, (j) => s.areas[j]!));
    const rs = rescore(ovr, sc.subarray(1), thr);
    const perm = Array.from({ length: others.length }, (_, t) => t).sort((a, b) => rs[b]! - rs[a]! || b - a);
    order = perm.map((t) => others[t]!);
    sc = Float64Array.from(perm, (t) => rs[t]!);
    keep.push(i);
  }
  return keep;
}

describe('oksNms / softOksNms', () => {
  it('equal the reference algorithms built from oksIou / rescore (pruning is exact), with ties', () => {
    for (const [seed, n, thr] of [
      [1, 40, 0.9],
      [2, 120, 0.5],
      [3, 64, 0.3],
      [4, 9, 0.9],
    ] as const) {
      const s = instances(seed, n);
      expect(Array.from(oksNms(s, thr)), `seed ${seed}`).toEqual(naiveOksNms(s, thr));
      expect(Array.from(softOksNms(s, thr, { maxDets: 30 })), `seed ${seed}`).toEqual(naiveSoft(s, thr, 30));
    }
  });
  it('scorePerJoint averages K scores; empty input and maxDets 0 give empty lists', () => {
    const s = instances(5, 8);
    const perJoint = new Float32Array(8 * 17).fill(0.5);
    perJoint[17 * 3] = 1;
    const keep = oksNms({ ...s, scores: perJoint }, 0.9, { scorePerJoint: true });
    expect(keep[0]).toBe(3);
    expect(oksNms({ n: 0, k: 17, keypoints: [], areas: [], scores: [] }, 0.9).length).toBe(0);
    expect(softOksNms(s, 0.9, { maxDets: 0 }).length).toBe(0);
    expect(softOksNms(s, 0.9, { maxDets: 3 }).length).toBe(3);
  });
  it('bad input -> PosekitError codes', () => {
    const s = instances(6, 4);
    expect(thrownCode(() => oksNms({ ...s, areas: s.areas.subarray(0, 3) }, 0.9))).toBe('E_SHAPE');
    expect(thrownCode(() => oksNms({ ...s, k: 16 }, 0.9))).toBe('E_SHAPE');
    const bad = s.scores.slice();
    bad[1] = NaN;
    expect(thrownCode(() => oksNms({ ...s, scores: bad }, 0.9))).toBe('E_NONFINITE');
    expect(thrownCode(() => oksNms(s, NaN))).toBe('E_RANGE');
    expect(thrownCode(() => softOksNms(s, 0.9, { maxDets: -1 }))).toBe('E_RANGE');
    expect(thrownCode(() => oksNms(s, 0.9, { sigmas: [0.1, 0.2] }))).toBe('E_LAYOUT_MISMATCH');
    expect(thrownCode(() => oksIou(new Float32Array(26 * 3), new Float32Array(26 * 3), 1, [1]))).toBe('E_LAYOUT_MISMATCH');
    expect(thrownCode(() => oksIou(new Float32Array(50), new Float32Array(51), 1, [1]))).toBe('E_SHAPE');
    expect(thrownCode(() => oksIou(new Float32Array(51), new Float32Array(50), 1, [1]))).toBe('E_SHAPE');
    expect(thrownCode(() => rescore([0.5], [0.5, 0.1], 0.9))).toBe('E_SHAPE');
    expect(thrownCode(() => rescore([0.5], [0.5], 0.9, 'cubic' as 'linear'))).toBe('E_ARGUMENT');
  });
  it('oksIou: identical instances give 1; vis threshold with no visible keypoint gives 0', () => {
    const g = new Float32Array(17 * 3).map((_, i) => (i % 3 === 2 ? 0.9 : i * 3));
    expect(oksIou(g, g, 1000, new Float32Array([1000]))[0]).toBe(1);
    expect(oksIou(g, g, 1000, new Float32Array([1000]), { visThr: 0.95 })[0]).toBe(0);
  });
});
