import {
  effectiveNormFactors,
  keypointAuc,
  keypointEpe,
  keypointNme,
  keypointPckAccuracy,
  pdjCurve,
  posePckAccuracy,
} from '@posekit/core';
import type { KeypointPairs } from '@posekit/core';
import {
  evaluateAuc,
  evaluateEpe,
  evaluateJhmdbPck,
  evaluateMpiiPckh,
  evaluateNme,
  evaluatePck,
  pckDatasetFromSamples,
} from '@posekit/metrics';
import type { PckDataset, PckNormItem, PckSample } from '@posekit/metrics';
import type { Checker } from '../check.js';
import type { Fixture } from '../fixture.js';
import { num, numbers, tensor } from '../fixture.js';
import type { Handler } from '../handler.js';

/**
 * PCK-family fixtures (shared/fixtures/pck, spec metrics-and-nms.md §6-7). Accuracies are ratios of counts
 * and must match exactly; EPE / NME / AUC (float32 sums) within 1e-6 relative, as the fixtures' tolerance
 * note says. Every case is driven by its own `params`, so hidden fixtures of the same kinds run unchanged.
 */

/** Relative tolerance for EPE / NME / AUC (fixture tolerance note: "~1e-6 rel"). */
const REL_TOL = 1e-6;

type Case = { name: string; inputs: Record<string, unknown>; params?: Record<string, unknown>; expected: Record<string, unknown>; [k: string]: unknown };

/** A float tensor as its typed array (float32 stays Float32Array, float64 stays Float64Array). */
function floats(v: unknown): Float32Array | Float64Array {
  const t = tensor(v);
  if (t.data instanceof Float32Array || t.data instanceof Float64Array) return t.data;
  return Float64Array.from(t.data as ArrayLike<number>);
}

function maskOf(v: unknown): Uint8Array {
  const t = tensor(v);
  return Uint8Array.from(t.data as ArrayLike<number>, (x) => (x !== 0 ? 1 : 0));
}

function pairsOf(inputs: Record<string, unknown>): KeypointPairs {
  const t = tensor(inputs['pred']);
  return { pred: floats(inputs['pred']), gt: floats(inputs['gt']), mask: maskOf(inputs['mask']), n: t.shape[0]!, k: t.shape[1]! };
}

function closeRel(check: Checker, name: string, actual: number, expected: unknown): void {
  const e = num(expected);
  check.close(name, actual, e, REL_TOL * Math.max(1, Math.abs(e)));
}

/** Exact comparison of a ratio (or a vector of ratios). */
function exactNums(check: Checker, name: string, actual: ArrayLike<number> | number, expected: unknown): void {
  check.close(name, actual, typeof actual === 'number' ? num(expected) : numbers(expected), 0);
}

/** Run `body`; a thrown error becomes a failure of that case instead of aborting the file. */
function guarded(check: Checker, name: string, body: () => void): void {
  try {
    body();
  } catch (e) {
    check.fail(name, `threw ${(e as Error)?.stack ?? String(e)}`);
  }
}

function cases(fixture: Fixture): Case[] {
  return (fixture['cases'] as Case[] | undefined) ?? [];
}

function checkPckTriple(check: Checker, name: string, r: { acc: Float64Array; avgAcc: number; cnt: number }, expected: Record<string, unknown>): void {
  exactNums(check, `${name}/acc`, r.acc, expected['acc']);
  exactNums(check, `${name}/avg_acc`, r.avgAcc, expected['avg_acc']);
  check.exact(`${name}/cnt`, r.cnt, expected['cnt']);
}

const functional: Handler = (fixture, check) => {
  for (const c of cases(fixture)) {
    const name = c.name;
    const fnName = c['function'] as string;
    const params = c.params ?? {};
    guarded(check, name, () => {
      const pairs = pairsOf(c.inputs);
      switch (fnName) {
        case 'keypoint_pck_accuracy': {
          const norm = floats(c.inputs['norm_factor']);
          const before = norm.slice();
          checkPckTriple(check, name, keypointPckAccuracy(pairs, num(params['thr']), norm), c.expected);
          // posekit never mutates the caller's norm; MMPose writes 1e6 into it, which effectiveNormFactors returns.
          check.exact(`${name}/norm_not_mutated`, Array.from(norm), Array.from(before));
          if (c.expected['norm_factor_after_call'] !== undefined) {
            const after = effectiveNormFactors(new Float64Array(norm.length), norm);
            exactNums(check, `${name}/norm_factor_after_call`, after, c.expected['norm_factor_after_call']);
          }
          break;
        }
        case 'keypoint_auc':
          closeRel(check, `${name}/auc`, keypointAuc(pairs, num(params['norm_factor'] ?? 30), num(params['num_thrs'] ?? 20)), c.expected['auc']);
          break;
        case 'keypoint_epe':
          closeRel(check, `${name}/epe`, keypointEpe(pairs), c.expected['epe']);
          break;
        case 'keypoint_nme':
          closeRel(check, `${name}/nme`, keypointNme(pairs, floats(c.inputs['normalize_factor'])), c.expected['nme']);
          break;
        default:
          check.fail(name, `unknown function ${JSON.stringify(fnName)}`);
      }
    });
  }
};

const posePck: Handler = (fixture, check) => {
  for (const c of cases(fixture)) {
    guarded(check, c.name, () => {
      const o = tensor(c.inputs['output']);
      const t = tensor(c.inputs['target']);
      const normalize = c.inputs['normalize'] === null || c.inputs['normalize'] === undefined ? undefined : floats(c.inputs['normalize']);
      const r = posePckAccuracy(
        { data: o.data as Float32Array, dims: o.shape },
        { data: t.data as Float32Array, dims: t.shape },
        maskOf(c.inputs['mask']),
        num(c.params?.['thr'] ?? 0.05),
        normalize,
      );
      checkPckTriple(check, c.name, r, c.expected);
    });
  }
};

const pdj: Handler = (fixture, check) => {
  const inputs = fixture['inputs'] as Record<string, unknown>;
  const expected = fixture['expected'] as { torso_diameter: unknown; curves: Array<{ fraction: number; per_joint: unknown; mean: number; cnt: number }> };
  const torsoPair = fixture['torso_pair'] as { a: string; b: string } | undefined;
  // "left_shoulder (5)" -> 5
  const idx = (s: string | undefined, dflt: number): number => {
    const m = s === undefined ? null : /\((\d+)\)/.exec(s);
    return m ? Number(m[1]) : dflt;
  };
  guarded(check, 'pdj', () => {
    const r = pdjCurve(pairsOf(inputs), expected.curves.map((c) => c.fraction), { torsoPair: [idx(torsoPair?.a, 5), idx(torsoPair?.b, 12)] });
    check.close('torso_diameter', r.torsoDiameter, numbers(expected.torso_diameter), 1e-9);
    expected.curves.forEach((c, i) => {
      const p = r.curve[i]!;
      exactNums(check, `f=${c.fraction}/per_joint`, p.perJoint, c.per_joint);
      exactNums(check, `f=${c.fraction}/mean`, p.mean, c.mean);
      check.exact(`f=${c.fraction}/cnt`, p.cnt, c.cnt);
    });
  });
};

function datasetOf(samples: Array<Record<string, unknown>>): PckDataset {
  const list: PckSample[] = samples.map((s) => {
    const sample: PckSample = {
      pred: floats(s['pred_keypoints']),
      gt: floats(s['gt_keypoints']),
      visible: floats(s['keypoints_visible']),
    };
    if (s['bboxes'] !== undefined) sample.bbox = floats(s['bboxes']);
    if (s['head_size'] !== undefined) sample.headSize = floats(s['head_size'])[0]!;
    return sample;
  });
  return pckDatasetFromSamples(list, { dtype: 'float32' });
}

function normItems(v: unknown): PckNormItem[] {
  return (Array.isArray(v) ? v : [v]) as PckNormItem[];
}

/** Compare every expected metric name; unknown names fail (never silently skipped). */
function compareMetrics(check: Checker, name: string, actual: Record<string, number>, expected: Record<string, unknown>, ratio: boolean): void {
  for (const [key, value] of Object.entries(expected)) {
    const a = actual[key];
    if (a === undefined) {
      check.fail(`${name}/${key}`, `posekit produced no metric ${JSON.stringify(key)} (has ${Object.keys(actual).join(', ')})`);
      continue;
    }
    if (ratio) exactNums(check, `${name}/${key}`, a, value);
    else closeRel(check, `${name}/${key}`, a, value);
  }
}

const metricClasses: Handler = (fixture, check) => {
  for (const c of cases(fixture)) {
    const cls = c['class'] as string;
    const params = c.params ?? {};
    guarded(check, c.name, () => {
      const data = datasetOf(c.inputs['samples'] as Array<Record<string, unknown>>);
      switch (cls) {
        case 'PCKAccuracy': {
          const r = evaluatePck(data, { thr: num(params['thr'] ?? 0.05), normItem: normItems(params['norm_item'] ?? 'bbox') });
          const got: Record<string, number> = {};
          for (const k of ['PCK', 'PCKh', 'tPCK'] as const) if (r[k]) got[k] = r[k]!.avgAcc;
          compareMetrics(check, c.name, got, c.expected, true);
          break;
        }
        case 'MpiiPCKAccuracy': {
          if (params['norm_item'] !== undefined && JSON.stringify(normItems(params['norm_item'])) !== '["head"]') {
            check.fail(c.name, `MpiiPCKAccuracy with norm_item ${JSON.stringify(params['norm_item'])} is not supported (head only)`);
            break;
          }
          // PCK and per-part values are sums of ratios × weights: bit-exact in float64 with numpy's pairwise order.
          compareMetrics(check, c.name, evaluateMpiiPckh(data, { thr: num(params['thr'] ?? 0.5) }).metrics, c.expected, true);
          break;
        }
        case 'JhmdbPCKAccuracy': {
          const r = evaluateJhmdbPck(data, { thr: num(params['thr'] ?? 0.05), normItem: normItems(params['norm_item'] ?? 'bbox') });
          compareMetrics(check, c.name, r.metrics, c.expected, true);
          break;
        }
        case 'AUC': {
          const r = evaluateAuc(data, { normFactor: num(params['norm_factor'] ?? 30), numThrs: num(params['num_thrs'] ?? 20) });
          compareMetrics(check, c.name, { AUC: r.auc }, c.expected, false);
          break;
        }
        case 'EPE':
          compareMetrics(check, c.name, { EPE: evaluateEpe(data) }, c.expected, false);
          break;
        case 'NME': {
          const mode = params['norm_mode'] as 'use_norm_item' | 'keypoint_distance';
          const meta = params['dataset_meta'] as { dataset_name?: string } | undefined;
          const indices = params['keypoint_indices'] as [number, number] | null | undefined;
          const opts: Parameters<typeof evaluateNme>[1] = { normMode: mode };
          const normItem = params['norm_item'] as string | null | undefined;
          if (normItem !== undefined && normItem !== null) {
            opts.normItem = normItem;
            // A norm item other than bbox_size is read from the samples, in its stored dtype (MMPose reads the
            // data-info field as it is); bbox_size is computed from the boxes by posekit.
            const samples = c.inputs['samples'] as Array<Record<string, unknown>>;
            if (normItem !== 'bbox_size' || samples.every((s) => s[normItem] !== undefined)) {
              const vals = samples.map((s) => floats(s[normItem])[0]!);
              const f32 = samples.every((s) => tensor(s[normItem]).dtype === 'float32');
              opts.normValues = f32 ? Float32Array.from(vals) : Float64Array.from(vals);
            }
          }
          if (indices) opts.keypointIndices = indices;
          if (meta?.dataset_name !== undefined) opts.datasetName = meta.dataset_name;
          const r = evaluateNme(data, opts);
          const dflt = params['default_pair'] as number[] | undefined;
          // The fixture names the default pair MMPose picked for the dataset: posekit must pick the same one.
          if (dflt !== undefined && !indices) check.exact(`${c.name}/default_pair`, Object.keys(r.metrics)[0], `@[${dflt.join(', ')}]`);
          compareMetrics(check, c.name, { NME: r.nme }, c.expected, false);
          break;
        }
        default:
          check.fail(c.name, `unknown metric class ${JSON.stringify(cls)}`);
      }
    });
  }
};

/** Handlers for the `pck/` fixtures, keyed by the fixture's `kind`. */
export const handlers: Record<string, Handler> = {
  'mmpose-keypoint-metrics/functional': functional,
  'mmpose-keypoint-metrics/pose_pck_accuracy': posePck,
  'mmpose-keypoint-metrics/pdj': pdj,
  'mmpose-keypoint-metrics/metric_classes': metricClasses,
};
