import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
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
import { describeWithShared, sharedPath } from '../../../../test-support/shared.js';
import { expectCode } from '../../../../test-support/errors.js';
import { gridData } from './helpers.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('evaluatePck', () => {
  it('normalises by max(w, h) of the GT box with a strict threshold', () => {
    // bbox 100 x 200 -> size 200; offsets 0, 10, 20, 40 px -> 0, 0.05, 0.1, 0.2
    const data = gridData(2, 4, [0, 10, 20, 40]);
    const r = evaluatePck(data, { thr: 0.1 });
    expect(Array.from(r.PCK!.acc)).toEqual([1, 1, 0, 0]);
    expect(r.PCK!.avgAcc).toBe(0.5);
    expect(r.metrics).toEqual({ 'PCK@thr-0.1': 0.5 });
  });

  it('head and torso normalisers, with the predicted torso when the GT torso is < 1 px', () => {
    const data = gridData(1, 8, [0, 0, 0, 0, 0, 0, 0, 5]);
    const r = evaluatePck(data, { thr: 0.3, normItem: ['head', 'torso'] });
    // head 20: 5 / 20 = 0.25 < 0.3
    expect(r.PCKh!.acc[7]).toBe(1);
    // torso = |gt[4] - gt[5]| = 20 px -> 0.25
    expect(r.tPCK!.acc[7]).toBe(1);
    expect(r.torsoFallback).toEqual([]);
    const collapsed = pckDatasetFromSamples([
      { gt: [0, 0, 2, 0, 0, 2, 0, 0, 2, 0, 0, 2, 5, 5, 2, 5, 5, 2], pred: [0, 0, 0, 0, 0, 0, 0, 0, 10, 0, 0, 0], visible: [1, 1, 1, 1, 1, 1] },
    ]);
    const t = evaluatePck(collapsed, { thr: 0.5, normItem: 'torso' });
    expect(t.torsoFallback).toEqual([0]);
  });

  it('ignores keypoints with visibility 0', () => {
    const data = gridData(1, 4, [0, 100, 0, 0], { visible: [1, 0, 1, 1] });
    const r = evaluatePck(data, { thr: 0.1 });
    expect(Array.from(r.PCK!.acc)).toEqual([1, -1, 1, 1]);
    expect(r.PCK!.cnt).toBe(3);
  });

  it('rejects bad input', () => {
    const data = gridData(1, 4, [0, 0, 0, 0]);
    expectCode(() => evaluatePck(data, { normItem: 'elbow' as PckNormItem }), 'E_ARGUMENT');
    expectCode(() => evaluatePck(data, { thr: -1 }), 'E_RANGE');
    expectCode(() => evaluatePck(data, { thr: NaN }), 'E_RANGE');
    const { bboxes: _b, ...noBox } = data;
    expectCode(() => evaluatePck(noBox as PckDataset), 'E_FIELD');
    expectCode(() => evaluatePck({ ...data, visible: new Float32Array(3) }), 'E_SHAPE');
    expectCode(() => evaluatePck({ ...data, visible: new Float32Array([1, NaN, 1, 1]) }), 'E_NONFINITE');
    expectCode(() => evaluatePck({ ...data, pred: Array.from(data.pred) as unknown as Float32Array }), 'E_DTYPE');
    expectCode(() => evaluatePck({ ...data, n: 0 }), 'E_EMPTY');
    expectCode(() => evaluatePck({ ...data, bboxes: new Float32Array([0, 0, Infinity, 1]) }), 'E_NONFINITE');
    const bad = data.pred.slice();
    bad[0] = NaN;
    expectCode(() => evaluatePck({ ...data, pred: bad }), 'E_NONFINITE');
  });
});

describe('pckDatasetFromSamples', () => {
  it('reads K*3 gt with visibility, Box objects and float64 storage', () => {
    const d = pckDatasetFromSamples([{ gt: [1, 2, 2, 3, 4, 0], pred: [1, 2, 3, 4], bbox: { x1: 0, y1: 0, x2: 5, y2: 6 }, headSize: 3 }], { dtype: 'float64' });
    expect(d.k).toBe(2);
    expect(d.gt).toBeInstanceOf(Float64Array);
    expect(Array.from(d.visible)).toEqual([2, 0]);
    expect(Array.from(d.bboxes!)).toEqual([0, 0, 5, 6]);
    expect(Array.from(d.headSizes!)).toEqual([3]);
  });

  it('rejects empty and malformed samples', () => {
    expectCode(() => pckDatasetFromSamples([]), 'E_EMPTY');
    expectCode(() => pckDatasetFromSamples([{ gt: [1, 2, 2], pred: [1, 2, 3, 4, 5] }]), 'E_SHAPE');
    expectCode(() => pckDatasetFromSamples([{ gt: [1, 2], pred: [1, 2], visible: [1, 1] }]), 'E_SHAPE');
    expectCode(() => pckDatasetFromSamples([{ gt: [1, 2, 2], pred: [1, 2], bbox: [1, 2] }]), 'E_FIELD');
    expectCode(() => pckDatasetFromSamples([{ gt: [1, 2], pred: [1, 2] }], { k: 1 }), 'E_FIELD');
    expectCode(() => pckDatasetFromSamples('x' as unknown as PckSample[]), 'E_ARGUMENT');
  });
});

describe('evaluateMpiiPckh', () => {
  it('shifts predictions by +1 px, drops pelvis/thorax and weights joints by visible count', () => {
    const k = 16;
    const samples: PckSample[] = [];
    for (let i = 0; i < 2; i++) {
      const gt: number[] = [];
      const pred: number[] = [];
      for (let j = 0; j < k; j++) {
        gt.push(50 + j * 10, 50);
        // Predictions 1 px up-left of the GT are exact after MMPose's +1 shift; joint 0 is given without
        // the offset ((1, 1) px error after the shift) and joint 9 is 20 px off.
        const off = j === 0 ? 0 : -1;
        pred.push(50 + j * 10 + off + (j === 9 ? 20 : 0), 50 + off);
      }
      samples.push({ gt, pred, visible: Array.from({ length: k }, (_, j) => (j === 15 && i === 0 ? 0 : 1)), headSize: 10 });
    }
    const data = pckDatasetFromSamples(samples);
    // thr 0.05 x head 10 = 0.5 px: the exact joints hit, joint 0 (1.4 px) and joint 9 (20 px) miss
    const r = evaluateMpiiPckh(data, { thr: 0.05 });
    expect(r.perJoint[0]).toBe(0);
    expect(r.perJoint[9]).toBe(0);
    expect(r.perJoint[1]).toBe(100);
    expect(r.parts.Head).toBe(0);
    expect(r.parts.Ankle).toBe(50); // (joint 0 + joint 5) / 2
    expect(r.jointWeights[6]).toBe(0);
    expect(r.jointWeights[7]).toBe(0);
    expect(r.jointWeights[15]).toBe(1 / 27); // 14 joints x 2 instances - 1 invisible
    expect(r.jointWeights[1]).toBe(2 / 27);
    // 11 joints at 100 % with weight 2/27 and joint 15 at 100 % with weight 1/27 (0 and 9 miss)
    expect(r.PCKh).toBeCloseTo((100 * (11 * 2 + 1)) / 27, 12);
    expect(r.table.values).toHaveLength(51 * 16);
    expect(r.table.thresholds[10]).toBe(0.1);
    expect(r.metrics['PCK']).toBe(r.PCKh);
    expect(r.metrics['PCK@0.1']).toBe(r.PCKh01);
    // joint 0 is off by (1, 1) px after the shift: sqrt(2) / 10 = 0.141 head sizes
    expect(r.table.values[14 * 16]).toBe(0);
    expect(r.table.values[15 * 16]).toBe(100);
  });

  it('requires 16 joints and head sizes', () => {
    expectCode(() => evaluateMpiiPckh(gridData(1, 4, [0, 0, 0, 0])), 'E_LAYOUT_MISMATCH');
    const noHead = pckDatasetFromSamples([{ gt: new Array(48).fill(1), pred: new Array(32).fill(1) }]);
    expectCode(() => evaluateMpiiPckh(noHead), 'E_FIELD');
  });
});

describe('evaluateJhmdbPck', () => {
  it('reports parts and rejects head normalisation / wrong K', () => {
    const data = gridData(2, 15, new Array(15).fill(0));
    const r = evaluateJhmdbPck(data, { thr: 0.2, normItem: ['bbox', 'torso'] });
    expect(r.PCK!.parts.Sho).toBe(1);
    expect(r.metrics['tPCK']).toBe(1);
    expect(Object.keys(r.metrics)).toContain('Ank tPCK');
    expectCode(() => evaluateJhmdbPck(data, { normItem: 'head' }), 'E_ARGUMENT');
    expectCode(() => evaluateJhmdbPck(gridData(1, 4, [0, 0, 0, 0])), 'E_LAYOUT_MISMATCH');
  });
});

describeWithShared('PCK metric classes vs MMPose fixture', ['fixtures/pck/metric_classes.json'], () => {
  it('metric_classes.json: ratios exact, AUC/EPE/NME within 1e-6 relative', () => {
    const fx = JSON.parse(readFileSync(sharedPath('fixtures/pck/metric_classes.json'), 'utf8')) as Json;
    const f32 = (t: Json): Float32Array => Float32Array.from((t.data as unknown[]).flat(Infinity) as number[]);
    for (const c of fx.cases as Json[]) {
      const data = pckDatasetFromSamples(
        (c.inputs.samples as Json[]).map((s) => {
          const sample: PckSample = { pred: f32(s.pred_keypoints), gt: f32(s.gt_keypoints), visible: f32(s.keypoints_visible) };
          if (s.bboxes) sample.bbox = f32(s.bboxes);
          if (s.head_size) sample.headSize = f32(s.head_size)[0]!;
          return sample;
        }),
      );
      const p = c.params as Json;
      let got: Record<string, number>;
      let exact = true;
      if (c.class === 'PCKAccuracy') {
        const r = evaluatePck(data, { thr: p.thr, normItem: p.norm_item });
        got = { PCK: r.PCK!.avgAcc, PCKh: r.PCKh!.avgAcc, tPCK: r.tPCK!.avgAcc };
      } else if (c.class === 'MpiiPCKAccuracy') got = evaluateMpiiPckh(data, { thr: p.thr }).metrics;
      else if (c.class === 'JhmdbPCKAccuracy') got = evaluateJhmdbPck(data, { thr: p.thr, normItem: p.norm_item }).metrics;
      else {
        exact = false;
        if (c.class === 'AUC') got = { AUC: evaluateAuc(data, { normFactor: p.norm_factor, numThrs: p.num_thrs }).auc };
        else if (c.class === 'EPE') got = { EPE: evaluateEpe(data) };
        else got = { NME: evaluateNme(data, { normMode: p.norm_mode, normItem: p.norm_item, datasetName: p.dataset_meta?.dataset_name }).nme };
      }
      for (const [key, value] of Object.entries(c.expected as Record<string, number>)) {
        if (exact) expect(got[key], `${c.name}/${key}`).toBe(value);
        else expect(Math.abs(got[key]! - value), `${c.name}/${key}`).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(value)));
      }
    }
  });
});
