import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PDJ_FRACTIONS,
  effectiveNormFactors,
  keypointAuc,
  keypointDistances,
  keypointEpe,
  keypointNme,
  keypointPckAccuracy,
  pckCurveFromDistances,
  pckFromDistances,
  pdjCurve,
  posePckAccuracy,
  torsoDiameters,
} from '@posekit/core';
import type { KeypointPairs } from '@posekit/core';
import { expectCode } from '../../../../test-support/errors.js';
import { describeWithShared, sharedPath } from '../../../../test-support/shared.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Decode a plain fixture tensor: float32 -> Float32Array, float64 -> Float64Array, bool -> Uint8Array. */
function arr(t: Json): Float32Array | Float64Array | Uint8Array {
  const flat = (t.data as unknown[]).flat(Infinity) as Array<number | boolean>;
  if (t.dtype === 'float32') return Float32Array.from(flat as number[]);
  if (t.dtype === 'bool') return Uint8Array.from(flat, (v) => (v ? 1 : 0));
  return Float64Array.from(flat as number[]);
}

function pairsOf(inputs: Json): KeypointPairs {
  return {
    pred: arr(inputs.pred) as Float32Array,
    gt: arr(inputs.gt) as Float32Array,
    mask: arr(inputs.mask) as Uint8Array,
    n: inputs.pred.shape[0],
    k: inputs.pred.shape[1],
  };
}

/** One instance, two keypoints: (3, 4) px and (0, 1) px away from the GT. */
function tiny(): KeypointPairs {
  return {
    pred: new Float32Array([3, 4, 10, 11]),
    gt: new Float32Array([0, 0, 10, 10]),
    mask: new Uint8Array([1, 1]),
    n: 1,
    k: 2,
  };
}

describe('keypointDistances', () => {
  it('divides x and y by their own norm and stores float32', () => {
    const out = keypointDistances(new Float32Array(2), tiny(), new Float32Array([10, 10]));
    expect(out[0]).toBe(Math.fround(0.5));
    expect(out[1]).toBe(Math.fround(0.1));
    const aniso = keypointDistances(new Float32Array(2), tiny(), new Float64Array([3, 4]));
    expect(aniso[0]).toBe(Math.fround(Math.SQRT2));
  });

  it('masks an instance with a zero norm entry and treats negative norms as 1e6, without mutating the input', () => {
    const norm = new Float32Array([0, 5]);
    expect(Array.from(keypointDistances(new Float32Array(2), tiny(), norm))).toEqual([-1, -1]);
    expect(Array.from(norm)).toEqual([0, 5]);
    const neg = new Float64Array([-3, -3]);
    const d = keypointDistances(new Float32Array(2), tiny(), neg);
    expect(d[0]).toBe(Math.fround(5 / 1e6));
    expect(Array.from(neg)).toEqual([-3, -3]);
    expect(Array.from(effectiveNormFactors(new Float64Array(4), new Float64Array([-3, 0, 2, 0.5])))).toEqual([1e6, 1e6, 2, 0.5]);
  });

  it('marks masked keypoints with -1', () => {
    const p = { ...tiny(), mask: new Uint8Array([0, 1]) };
    expect(Array.from(keypointDistances(new Float32Array(2), p, new Float32Array([1, 1])))).toEqual([-1, 1]);
  });
});

describe('keypointPckAccuracy', () => {
  it('uses a strict threshold and a macro mean', () => {
    const r = keypointPckAccuracy(tiny(), 0.5, new Float32Array([10, 10]));
    expect(Array.from(r.acc)).toEqual([0, 1]); // 0.5 is not < 0.5
    expect(r.avgAcc).toBe(0.5);
    expect(r.cnt).toBe(2);
  });

  it('returns -1 for keypoints without a valid instance and leaves them out of the mean', () => {
    const r = keypointPckAccuracy({ ...tiny(), mask: new Uint8Array([1, 0]) }, 0.6, new Float32Array([10, 10]));
    expect(Array.from(r.acc)).toEqual([1, -1]);
    expect(r.avgAcc).toBe(1);
    expect(r.cnt).toBe(1);
  });

  it('agrees with pckFromDistances', () => {
    const norm = new Float32Array([10, 10]);
    const d = keypointDistances(new Float32Array(2), tiny(), norm);
    expect(pckFromDistances(d, 1, 2, 0.2)).toEqual(keypointPckAccuracy(tiny(), 0.2, norm));
  });

  it('rejects bad input with stable codes', () => {
    const norm = new Float32Array([1, 1]);
    expectCode(() => keypointPckAccuracy({ ...tiny(), pred: new Float32Array(3) }, 0.1, norm), 'E_SHAPE');
    expectCode(() => keypointPckAccuracy({ ...tiny(), mask: new Uint8Array(3) }, 0.1, norm), 'E_SHAPE');
    expectCode(() => keypointPckAccuracy({ ...tiny(), pred: [1, 2, 3, 4] as unknown as Float32Array }, 0.1, norm), 'E_DTYPE');
    expectCode(() => keypointPckAccuracy({ ...tiny(), mask: [1, 1] as unknown as Uint8Array }, 0.1, norm), 'E_DTYPE');
    expectCode(() => keypointPckAccuracy({ ...tiny(), n: 0, pred: new Float32Array(0), gt: new Float32Array(0), mask: new Uint8Array(0) }, 0.1, new Float32Array(0)), 'E_EMPTY');
    expectCode(() => keypointPckAccuracy({ ...tiny(), k: 1.5 }, 0.1, norm), 'E_ARGUMENT');
    expectCode(() => keypointPckAccuracy({ ...tiny(), pred: new Float32Array([NaN, 0, 0, 0]) }, 0.1, norm), 'E_NONFINITE');
    expectCode(() => keypointPckAccuracy({ ...tiny(), gt: new Float32Array([0, Infinity, 0, 0]) }, 0.1, norm), 'E_NONFINITE');
    expectCode(() => keypointPckAccuracy(tiny(), 0.1, new Float32Array([NaN, 1])), 'E_NONFINITE');
    expectCode(() => keypointPckAccuracy(tiny(), 0.1, new Float32Array(3)), 'E_SHAPE');
    expectCode(() => keypointPckAccuracy(tiny(), NaN, norm), 'E_NONFINITE');
    expectCode(() => keypointPckAccuracy(tiny(), -0.1, norm), 'E_RANGE');
  });

  it('ignores non-finite coordinates of masked-out keypoints', () => {
    const p = { ...tiny(), pred: new Float32Array([NaN, NaN, 10, 11]), mask: new Uint8Array([0, 1]) };
    expect(keypointPckAccuracy(p, 0.5, new Float32Array([10, 10])).acc[1]).toBe(1);
  });
});

describe('pckCurveFromDistances', () => {
  it('equals pckFromDistances at every threshold, ties and unsorted thresholds included', () => {
    const n = 40;
    const k = 5;
    let seed = 7;
    const rnd = (): number => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const thresholds = [0.3, 0.05, 0.1, 0, 0.2, 0.1, 0.5];
    const d = new Float32Array(n * k);
    for (let i = 0; i < d.length; i++) {
      const r = rnd();
      // a third invalid, a third exactly on a (float32) threshold, the rest random
      d[i] = r < 0.33 ? -1 : r < 0.66 ? thresholds[Math.floor(rnd() * thresholds.length)]! : rnd() * 0.6;
    }
    for (let j = 0; j < n; j++) d[j * k + 4] = -1; // keypoint 4 never valid
    const c = pckCurveFromDistances(d, n, k, thresholds);
    thresholds.forEach((t, i) => {
      const r = pckFromDistances(d, n, k, t);
      expect(Array.from(c.acc.subarray(i * k, (i + 1) * k))).toEqual(Array.from(r.acc));
      expect(c.avgAcc[i]).toBe(r.avgAcc);
      expect(c.cnt[i]).toBe(r.cnt);
    });
    expect(Array.from(c.thresholds)).toEqual(thresholds);
    expectCode(() => pckCurveFromDistances(d, n, k, []), 'E_EMPTY');
    expectCode(() => pckCurveFromDistances(d, n, k, [0.1, -1]), 'E_RANGE');
    expectCode(() => pckCurveFromDistances(d, n, k + 1, [0.1]), 'E_SHAPE');
  });
});

describe('keypointEpe / keypointNme / keypointAuc', () => {
  it('EPE is the mean pixel distance of evaluated keypoints, 0 when none', () => {
    expect(keypointEpe(tiny())).toBe(3);
    expect(keypointEpe({ ...tiny(), mask: new Uint8Array(2) })).toBe(0);
  });

  it('NME divides by the norm', () => {
    expect(keypointNme(tiny(), new Float32Array([10, 10]))).toBeCloseTo(0.3, 7);
  });

  it('AUC integrates PCK over i/numThrs thresholds in pixels / normFactor', () => {
    // distances 5 and 1 px, normFactor 10 -> 0.5 and 0.1; thresholds 0, .25, .5, .75: avg 0, .5, .5, 1
    expect(keypointAuc(tiny(), 10, 4)).toBe(0.25 * 0 + 0.25 * 0.5 + 0.25 * 0.5 + 0.25 * 1);
    expectCode(() => keypointAuc(tiny(), 0, 4), 'E_RANGE');
    expectCode(() => keypointAuc(tiny(), 10, 0), 'E_RANGE');
  });
});

describe('posePckAccuracy', () => {
  const heat = (n: number, k: number, h: number, w: number, peaks: Array<[number, number]>): { data: Float32Array; dims: number[] } => {
    const data = new Float32Array(n * k * h * w);
    peaks.forEach(([x, y], m) => {
      if (x >= 0) data[m * h * w + y * w + x] = 1;
    });
    return { data, dims: [n, k, h, w] };
  };

  it('divides x by H and y by W by default (MMPose quirk)', () => {
    // H = 4, W = 8; pred 2 px right of the target: x error 2 / H = 0.5
    const out = heat(1, 1, 4, 8, [[5, 1]]);
    const tgt = heat(1, 1, 4, 8, [[3, 1]]);
    expect(posePckAccuracy(out, tgt, new Uint8Array([1]), 0.3).acc[0]).toBe(0); // 0.5 >= 0.3
    expect(posePckAccuracy(out, tgt, new Uint8Array([1]), 0.51).acc[0]).toBe(1);
    // with an explicit normalize [W, H] the error is 2 / 8 = 0.25
    expect(posePckAccuracy(out, tgt, new Uint8Array([1]), 0.3, new Float64Array([8, 4])).acc[0]).toBe(1);
  });

  it('puts an all-zero map at (-1, -1) and still measures it', () => {
    const out = heat(1, 1, 4, 4, [[-1, -1]]);
    const tgt = heat(1, 1, 4, 4, [[0, 0]]);
    // distance from (-1,-1) to (0,0) = sqrt(2)/4 = 0.354
    expect(posePckAccuracy(out, tgt, new Uint8Array([1]), 0.36).acc[0]).toBe(1);
    expect(posePckAccuracy(out, tgt, new Uint8Array([1]), 0.35).acc[0]).toBe(0);
  });

  it('rejects bad tensors', () => {
    const a = heat(1, 1, 4, 4, [[1, 1]]);
    expectCode(() => posePckAccuracy(a, heat(1, 1, 4, 5, [[1, 1]]), new Uint8Array([1])), 'E_SHAPE');
    expectCode(() => posePckAccuracy({ data: a.data, dims: [1, 16] }, a, new Uint8Array([1])), 'E_RANK');
    expectCode(() => posePckAccuracy({ data: new Float64Array(16) as unknown as Float32Array, dims: [1, 1, 4, 4] }, a, new Uint8Array([1])), 'E_DTYPE');
    const nan = heat(1, 1, 4, 4, [[1, 1]]);
    nan.data[3] = NaN;
    expectCode(() => posePckAccuracy(nan, a, new Uint8Array([1])), 'E_NONFINITE');
    expectCode(() => posePckAccuracy({ data: new Float32Array(0), dims: [1, 0, 4, 4] }, { data: new Float32Array(0), dims: [1, 0, 4, 4] }, new Uint8Array(0)), 'E_EMPTY');
  });
});

describe('PDJ', () => {
  it('normalises by the GT left-shoulder / right-hip distance', () => {
    const k = 17;
    const gt = new Float32Array(k * 2);
    gt[5 * 2] = 0;
    gt[5 * 2 + 1] = 0;
    gt[12 * 2] = 30;
    gt[12 * 2 + 1] = 40; // torso diameter 50
    const pred = gt.slice();
    pred[0] = 4; // keypoint 0 off by 4 px = 0.08 torso
    const r = pdjCurve({ pred, gt, mask: new Uint8Array(k).fill(1), n: 1, k }, [0.05, 0.1]);
    expect(r.torsoDiameter[0]).toBe(50);
    expect(r.curve[0]!.perJoint[0]).toBe(0);
    expect(r.curve[1]!.perJoint[0]).toBe(1);
    expect(r.curve[0]!.mean).toBe(16 / 17);
    expect(DEFAULT_PDJ_FRACTIONS).toHaveLength(10);
    expectCode(() => pdjCurve({ pred, gt, mask: new Uint8Array(k), n: 1, k }, [0.1], { torsoPair: [5, 17] }), 'E_RANGE');
    expectCode(() => pdjCurve({ pred, gt, mask: new Uint8Array(k), n: 1, k }, []), 'E_EMPTY');
    expectCode(() => torsoDiameters(new Float64Array(2), gt, 1, k), 'E_SHAPE');
  });
});

describeWithShared('PCK kernels vs MMPose fixtures', ['fixtures/pck/functional.json', 'fixtures/pck/pose_pck_accuracy.json', 'fixtures/pck/pdj.json'], () => {
  const load = (name: string): Json => JSON.parse(readFileSync(sharedPath(`fixtures/pck/${name}`), 'utf8')) as Json;

  it('functional.json: accuracies exact, EPE/NME/AUC within 1e-6 relative', () => {
    const fx = load('functional.json');
    for (const c of fx.cases as Json[]) {
      const pairs = pairsOf(c.inputs);
      const rel = (a: number, e: number): void => expect(Math.abs(a - e)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(e)));
      if (c.function === 'keypoint_pck_accuracy') {
        const norm = arr(c.inputs.norm_factor) as Float32Array;
        const before = Array.from(norm);
        const r = keypointPckAccuracy(pairs, c.params.thr, norm);
        expect(Array.from(r.acc), c.name).toEqual(Array.from(arr(c.expected.acc)));
        expect(r.avgAcc, c.name).toBe(c.expected.avg_acc);
        expect(r.cnt, c.name).toBe(c.expected.cnt);
        expect(Array.from(norm), `${c.name}: caller's norm untouched`).toEqual(before);
        if (c.expected.norm_factor_after_call) {
          expect(Array.from(effectiveNormFactors(new Float64Array(norm.length), norm))).toEqual(Array.from(arr(c.expected.norm_factor_after_call)));
        }
      } else if (c.function === 'keypoint_auc') rel(keypointAuc(pairs, c.params.norm_factor, c.params.num_thrs), c.expected.auc);
      else if (c.function === 'keypoint_epe') rel(keypointEpe(pairs), c.expected.epe);
      else if (c.function === 'keypoint_nme') rel(keypointNme(pairs, arr(c.inputs.normalize_factor) as Float32Array), c.expected.nme);
      else throw new Error(`unknown function ${c.function}`);
    }
  });

  it('pose_pck_accuracy.json', () => {
    for (const c of load('pose_pck_accuracy.json').cases as Json[]) {
      const o = { data: arr(c.inputs.output) as Float32Array, dims: c.inputs.output.shape };
      const t = { data: arr(c.inputs.target) as Float32Array, dims: c.inputs.target.shape };
      const norm = c.inputs.normalize ? (arr(c.inputs.normalize) as Float64Array) : undefined;
      const r = posePckAccuracy(o, t, arr(c.inputs.mask) as Uint8Array, c.params.thr, norm);
      expect(Array.from(r.acc)).toEqual(Array.from(arr(c.expected.acc)));
      expect(r.avgAcc).toBe(c.expected.avg_acc);
      expect(r.cnt).toBe(c.expected.cnt);
    }
  });

  it('pdj.json', () => {
    const fx = load('pdj.json');
    const r = pdjCurve(pairsOf(fx.inputs), (fx.expected.curves as Json[]).map((c) => c.fraction));
    expect(Array.from(r.torsoDiameter)).toEqual(Array.from(arr(fx.expected.torso_diameter)));
    (fx.expected.curves as Json[]).forEach((c, i) => {
      expect(Array.from(r.curve[i]!.perJoint)).toEqual(Array.from(arr(c.per_joint)));
      expect(r.curve[i]!.mean).toBe(c.mean);
      expect(r.curve[i]!.cnt).toBe(c.cnt);
    });
  });
});
