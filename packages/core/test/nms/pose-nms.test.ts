import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeWithShared, sharedPath } from '../../../../test-support/shared.js';
import { POSE_NMS_DEFAULTS, POSE_NMS_FULLBODY_REGRESSION, poseNms, poseNmsToPoses, type PoseNmsParams } from '../../src/nms/index.js';
import { arr, fixture, scene } from './helpers.js';
import { thrownCode } from '../../../../test-support/errors.js';

const NAMES: Record<string, keyof PoseNmsParams> = {
  delta1: 'delta1',
  mu: 'mu',
  delta2: 'delta2',
  gamma: 'gamma',
  scoreThreds: 'scoreThreds',
  matchThreds: 'matchThreds',
  alpha: 'alpha',
  face_factor: 'faceFactor',
  hand_factor: 'handFactor',
  hand_weight_score: 'handWeightScore',
  face_weight_score: 'faceWeightScore',
  hand_weight_dist: 'handWeightDist',
  face_weight_dist: 'faceWeightDist',
};

function paramsOf(fx: Record<string, any>): Partial<PoseNmsParams> {
  const p: Partial<PoseNmsParams> = { areaThres: fx.params.areaThres };
  for (const [k, v] of Object.entries(fx.params.constants_in_effect as Record<string, number>)) if (NAMES[k]) p[NAMES[k]] = v;
  return p;
}

function inputOf(fx: Record<string, any>) {
  const I = fx.inputs;
  return {
    n: I.bboxes_xyxy.shape[0] as number,
    k: I.pose_preds.shape[1] as number,
    boxes: arr(I.bboxes_xyxy),
    boxScores: arr(I.bbox_scores),
    poses: arr(I.pose_preds),
    scores: arr(I.pose_scores),
    boxIds: arr(I.bbox_ids),
  };
}

describeWithShared('poseNms: AlphaPose fixtures', ['fixtures/posenms'], () => {
  const files = readdirSync(sharedPath('fixtures/posenms')).filter((f) => f.endsWith('.json'));
  it('has the fixtures', () => expect(files.length).toBeGreaterThanOrEqual(9));
  for (const file of files) {
    it(`${file}: picks, clusters, trace; merged poses / scores / proposal scores float32-identical`, () => {
      const fx = fixture(`posenms/${file}`);
      const input = inputOf(fx);
      const r = poseNms(input, { params: paramsOf(fx), trace: true });
      const kept = fx.expected.kept as any[];
      expect(r.count).toBe(fx.expected.n_kept);
      expect(Array.from(r.pickIds)).toEqual(kept.map((e) => e.pick_id));
      const K = input.k;
      kept.forEach((e, i) => {
        expect(Array.from(r.clusterIds.subarray(r.clusterOffsets[i]!, r.clusterOffsets[i + 1]!))).toEqual(e.merged_bbox_ids);
        // torch's float32 summation order is reproduced: the values are the reference's float32 values
        expect(Array.from(r.poses.subarray(i * K * 2, (i + 1) * K * 2))).toEqual(Array.from(arr(e.pose), Math.fround));
        expect(Array.from(r.scores.subarray(i * K, (i + 1) * K))).toEqual(Array.from(arr(e.pose_scores), Math.fround));
        expect(r.proposalScores[i]).toBe(Math.fround(e.proposal_score[0]));
        expect(Array.from(r.boxes.subarray(i * 4, i * 4 + 4))).toEqual(Array.from(arr(e.bbox), Math.fround));
      });
      const steps = fx.expected.trace.steps as any[];
      expect(r.trace!.map((s) => s.pick)).toEqual(steps.map((s) => s.pick));
      r.trace!.forEach((s, i) => {
        expect(Array.from(s.remaining)).toEqual(steps[i].remaining);
        expect(Array.from(s.merged)).toEqual(steps[i].merged);
        expect(s.refDist).toBe(Math.fround(steps[i].ref_dist));
        const simi = steps[i].simi as number[];
        const scale = Math.max(1, ...simi.map(Math.abs));
        s.simi.forEach((v, t) => expect(Math.abs(v - simi[t]!)).toBeLessThanOrEqual(1e-6 * scale));
      });
      expect(r.zeroScoresReplaced).toBe(fx.expected.pose_scores_after_call.changed);
      // the fast path (no trace) decides the same
      const fast = poseNms(input, { params: paramsOf(fx) });
      expect(Array.from(fast.pickIds)).toEqual(Array.from(r.pickIds));
      expect(Array.from(fast.poses)).toEqual(Array.from(r.poses));
      expect(Array.from(fast.clusterIndices)).toEqual(Array.from(r.clusterIndices));
    });
  }

  it('regression constants: the fixture records them, the preset equals them', () => {
    const fx = fixture('posenms/halpe136_regression_consts.json');
    const p = paramsOf(fx);
    for (const key of ['delta1', 'mu', 'delta2', 'gamma', 'scoreThreds', 'matchThreds', 'alpha'] as const) {
      expect(POSE_NMS_FULLBODY_REGRESSION[key]).toBe(p[key]);
    }
    const d = paramsOf(fixture('posenms/one_person_dups.json'));
    for (const key of Object.keys(d) as (keyof PoseNmsParams)[]) expect(POSE_NMS_DEFAULTS[key]).toBe(d[key]);
  });
});

describe('poseNms: behaviour', () => {
  it('does not mutate the input scores; writeZeroScores reproduces the reference side effect', () => {
    const s = scene(3, 2, 4, 17, 640, 480);
    const zeros = Array.from(s.scores).filter((v) => v === 0).length;
    expect(zeros).toBeGreaterThan(0);
    const before = s.scores.slice();
    const r = poseNms(s);
    expect(Array.from(s.scores)).toEqual(Array.from(before));
    expect(r.zeroScoresReplaced).toBe(zeros);
    const r2 = poseNms(s, { writeZeroScores: true });
    expect(Array.from(s.scores).filter((v) => v === 0).length).toBe(0);
    expect(Array.from(s.scores).filter((v) => v === Math.fround(1e-5)).length).toBe(zeros);
    expect(Array.from(r2.poses)).toEqual(Array.from(r.poses));
  });

  it('the pruned fast path gives exactly the reference loop’s result (random scenes, body and full-body)', () => {
    const cases: [number, number, number, number, number, number, Partial<PoseNmsParams>][] = [
      [11, 20, 5, 17, 1280, 720, {}],
      [12, 60, 5, 17, 1920, 1080, {}],
      [13, 30, 4, 17, 640, 480, { gamma: 8, matchThreds: 3 }],
      [14, 25, 3, 17, 800, 600, { delta2: 12, mu: 3, gamma: 30 }],
      [15, 6, 4, 136, 1280, 720, {}],
      [16, 6, 4, 133, 1280, 720, POSE_NMS_FULLBODY_REGRESSION],
      [17, 10, 5, 26, 640, 480, { alpha: 0.3 }],
    ];
    for (const [seed, people, dups, k, w, h, params] of cases) {
      const s = scene(seed, people, dups, k, w, h, 4);
      const full = poseNms(s, { params, trace: true });
      const fast = poseNms(s, { params });
      expect(Array.from(fast.pickIds), `seed ${seed}`).toEqual(Array.from(full.pickIds));
      expect(Array.from(fast.clusterIndices), `seed ${seed}`).toEqual(Array.from(full.clusterIndices));
      expect(Array.from(fast.clusterOffsets)).toEqual(Array.from(full.clusterOffsets));
      expect(Array.from(fast.poses)).toEqual(Array.from(full.poses));
      expect(Array.from(fast.scores)).toEqual(Array.from(full.scores));
      expect(Array.from(fast.proposalScores)).toEqual(Array.from(full.proposalScores));
      if (k === 17) expect(fast.count).toBeLessThan(s.n); // duplicates were merged
    }
  });

  it('merges one person’s duplicates into one pose and keeps separate people apart', () => {
    const s = scene(5, 4, 5, 17, 1920, 1080, 2);
    const r = poseNms(s);
    expect(r.count).toBe(4);
    expect(r.clusterIndices.length).toBe(20);
    const poses = poseNmsToPoses(r);
    expect(poses).toHaveLength(4);
    expect(poses[0]!.keypoints.length).toBe(17 * 3);
    expect(poses[0]!.keypoints[0]).toBe(r.poses[0]);
    expect(poses[0]!.keypoints[2]).toBe(r.scores[0]);
    expect(poses[0]!.score).toBe(r.proposalScores[0]);
    expect(poses[0]!.box!.score).toBe(r.boxScores[0]);
  });

  it('boxIds are reported per cluster; default ids are the candidate indices', () => {
    const s = scene(6, 2, 3, 17, 640, 480, 2);
    const ids = Float64Array.from({ length: s.n }, (_, i) => 100 + i);
    const a = poseNms(s);
    const b = poseNms({ ...s, boxIds: ids });
    expect(Array.from(b.clusterIds)).toEqual(Array.from(a.clusterIndices, (i) => 100 + i));
    expect(Array.from(a.clusterIds)).toEqual(Array.from(a.clusterIndices));
  });

  it('full-body options: by-k slices equal the reference slices for K = 136; per-candidate num_match ignores n', () => {
    const s = scene(21, 4, 3, 136, 1280, 720, 3);
    const ref = poseNms(s, { trace: true });
    const byK = poseNms(s, { trace: true, fullBodySlices: 'by-k' });
    expect(Array.from(byK.poses)).toEqual(Array.from(ref.poses));
    const per = poseNms(s, { trace: true, fullBodyMatch: 'per-candidate' });
    const st0 = ref.trace![0]!;
    const pt0 = per.trace![0]!;
    const nRem = st0.remaining.length;
    st0.numMatch.forEach((v, t) => expect(pt0.numMatch[t]).toBeCloseTo(v * nRem, 3));
    // 133 keypoints: 'by-k' moves the face/hand boundaries of num_match from 26/94 to 23/91
    const w = scene(22, 3, 3, 133, 1280, 720, 3);
    expect(() => poseNms(w, { fullBodySlices: 'by-k' })).not.toThrow();
  });

  it('degenerate parameters (γ above μ·K, matchThreds above K): no NaN in the output', () => {
    const s = scene(7, 3, 4, 17, 640, 480, 3);
    const r = poseNms(s, { params: { gamma: 1000, matchThreds: 100 } });
    expect(r.count).toBeGreaterThan(0);
    for (const v of r.poses) expect(Number.isFinite(v)).toBe(true);
    for (const v of r.scores) expect(Number.isFinite(v)).toBe(true);
  });

  it('empty candidate list -> empty result', () => {
    const r = poseNms({ n: 0, k: 17, boxes: [], boxScores: [], poses: [], scores: [] }, { trace: true });
    expect(r.count).toBe(0);
    expect(r.pickIds.length).toBe(0);
    expect(Array.from(r.clusterOffsets)).toEqual([0]);
    expect(r.trace).toEqual([]);
  });

  it('areaThres drops small merged poses', () => {
    const s = scene(8, 3, 3, 17, 640, 480, 2);
    const all = poseNms(s);
    const none = poseNms(s, { params: { areaThres: 1e9 } });
    expect(all.count).toBeGreaterThan(0);
    expect(none.count).toBe(0);
  });
});

describe('poseNms: bad input', () => {
  const good = () => scene(9, 2, 2, 17, 640, 480);
  it('mismatched keypoint counts (poses for K=17, scores for K=16) -> E_SHAPE', () => {
    const s = good();
    expect(thrownCode(() => poseNms({ ...s, scores: s.scores.subarray(0, s.n * 16) }))).toBe('E_SHAPE');
    expect(() => poseNms({ ...s, k: 16, scores: s.scores.subarray(0, s.n * 16) })).toThrow(/poses must have 128 values .*received 136/);
  });
  it('wrong shapes -> E_SHAPE naming expected and received', () => {
    const s = good();
    expect(() => poseNms({ ...s, boxes: s.boxes.subarray(0, 12) })).toThrow(/boxes must have 16 values .* received 12/);
    expect(thrownCode(() => poseNms({ ...s, boxScores: [1] }))).toBe('E_SHAPE');
    expect(thrownCode(() => poseNms({ ...s, boxIds: [1, 2] }))).toBe('E_SHAPE');
  });
  it('NaN / Infinity -> E_NONFINITE', () => {
    const s = good();
    const scores = s.scores.slice();
    scores[5] = NaN;
    expect(thrownCode(() => poseNms({ ...s, scores }))).toBe('E_NONFINITE');
    const poses = s.poses.slice();
    poses[3] = Infinity;
    expect(thrownCode(() => poseNms({ ...s, poses }))).toBe('E_NONFINITE');
  });
  it('bad counts, params and options', () => {
    const s = good();
    expect(thrownCode(() => poseNms({ ...s, n: -1 }))).toBe('E_RANGE');
    expect(thrownCode(() => poseNms({ ...s, k: 0 }))).toBe('E_RANGE');
    expect(thrownCode(() => poseNms({ ...s, n: 1.5 }))).toBe('E_RANGE');
    expect(thrownCode(() => poseNms(s, { params: { delta2: 0 } }))).toBe('E_RANGE');
    expect(thrownCode(() => poseNms(s, { params: { delta1: 0 } }))).toBe('E_RANGE');
    expect(thrownCode(() => poseNms(s, { params: { gamma: NaN } }))).toBe('E_RANGE');
    expect(thrownCode(() => poseNms(s, { fullBodyMatch: 'x' as 'reference' }))).toBe('E_ARGUMENT');
    expect(thrownCode(() => poseNms(null as never))).toBe('E_ARGUMENT');
    expect(thrownCode(() => poseNms({ ...s, poses: 5 as never }))).toBe('E_ARGUMENT');
  });
});
