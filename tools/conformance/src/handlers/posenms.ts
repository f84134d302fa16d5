import { poseNms, type PoseNmsParams } from '@posekit/core';
import type { Checker } from '../check.js';
import { f32, num, numbers, tensor, type Fixture } from '../fixture.js';
import type { Handler } from '../handler.js';

/** Fixture `constants_in_effect` keys (AlphaPose's module names) -> PoseNmsParams fields. */
const CONSTANT_NAMES: Record<string, keyof PoseNmsParams> = {
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
/** Constants of oks_pose_nms only (not used by pose_nms). */
const NOT_POSE_NMS = new Set(['vis_thr', 'oks_thr']);

interface KeptExpected {
  pick_id: number;
  bbox: unknown;
  bbox_score: unknown;
  merged_bbox_ids: unknown;
  pose: unknown;
  pose_scores: unknown;
  proposal_score: unknown;
}

interface StepExpected {
  pick: number;
  ref_dist: unknown;
  remaining: number[];
  simi: unknown[];
  num_match: unknown[];
  merged: number[];
}

/**
 * Tolerance for the trace's simi / num_match: 1e-6 relative to the step's largest value (at least 1e-6
 * absolute). posekit reproduces torch's float32 summation order; what remains is torch's SLEEF exp/tanh
 * (≤ 1 ulp per term, 6e-8 relative), so a few float32 ulps of the sum.
 */
function traceTol(values: number[]): number {
  let m = 1;
  for (const v of values) if (Math.abs(v) > m) m = Math.abs(v);
  return 1e-6 * m;
}

function runPoseNms(fx: Fixture, check: Checker): void {
  const inputs = fx['inputs'] as Record<string, unknown>;
  const params = fx['params'] as Record<string, unknown>;
  const expected = fx['expected'] as Record<string, unknown>;
  const tol = fx['tolerance'] as { pose: number; scores: number };

  const boxesT = tensor(inputs['bboxes_xyxy']);
  const poseT = tensor(inputs['pose_preds']);
  const n = boxesT.shape[0]!;
  const k = poseT.shape[1]!;
  check.exact('num_keypoints', k, params['num_keypoints']);

  const constants = params['constants_in_effect'] as Record<string, number>;
  const p: Partial<PoseNmsParams> = { areaThres: num(params['areaThres']) };
  for (const [name, value] of Object.entries(constants)) {
    const key = CONSTANT_NAMES[name];
    if (key !== undefined) p[key] = num(value);
    else if (!NOT_POSE_NMS.has(name)) check.fail(`constants_in_effect.${name}`, 'unknown constant');
  }

  const scoresIn = f32(inputs['pose_scores']);
  const scoresCopy = scoresIn.slice();
  const input = {
    n,
    k,
    boxes: f32(inputs['bboxes_xyxy']),
    boxScores: f32(inputs['bbox_scores']),
    poses: f32(inputs['pose_preds']),
    scores: scoresCopy,
    boxIds: numbers(inputs['bbox_ids']),
  };
  // Reference side effect reproduced on a copy: count the caller-visible writes.
  const r = poseNms(input, { params: p, trace: true, writeZeroScores: true });
  let changed = 0;
  for (let i = 0; i < scoresIn.length; i++) if (scoresCopy[i] !== scoresIn[i]) changed++;
  const after = expected['pose_scores_after_call'] as { changed: number };
  check.exact('pose_scores_after_call.changed', changed, after.changed);
  check.exact('zeroScoresReplaced', r.zeroScoresReplaced, after.changed);
  // ... and the default call leaves its input alone and gives the same result.
  const pristine = scoresIn.slice();
  const r2 = poseNms({ ...input, scores: pristine }, { params: p });
  check.exact('input not mutated by default', Array.from(pristine), Array.from(scoresIn));
  check.exact('default call = traced call (pick ids)', Array.from(r2.pickIds), Array.from(r.pickIds));
  check.close('default call = traced call (poses)', r2.poses, Array.from(r.poses), 0);

  check.exact('n_kept', r.count, expected['n_kept']);
  const kept = expected['kept'] as KeptExpected[];
  check.exact('kept pick ids', Array.from(r.pickIds), kept.map((e) => e.pick_id));
  const m = Math.min(kept.length, r.count);
  for (let i = 0; i < m; i++) {
    const e = kept[i]!;
    const tag = `kept[${i}]`;
    // the original float32 box, printed with 9 significant digits: exact as float32
    check.close(`${tag}.bbox`, r.boxes.subarray(i * 4, i * 4 + 4), numbers(e.bbox).map(Math.fround), 0);
    check.close(`${tag}.bbox_score`, r.boxScores[i]!, numbers(e.bbox_score), tol.scores);
    check.exact(
      `${tag}.merged_bbox_ids`,
      Array.from(r.clusterIds.subarray(r.clusterOffsets[i]!, r.clusterOffsets[i + 1]!)),
      numbers(e.merged_bbox_ids),
    );
    check.close(`${tag}.pose`, r.poses.subarray(i * k * 2, (i + 1) * k * 2), numbers(e.pose), tol.pose);
    check.close(`${tag}.pose_scores`, r.scores.subarray(i * k, (i + 1) * k), numbers(e.pose_scores), tol.scores);
    check.close(`${tag}.proposal_score`, r.proposalScores[i]!, numbers(e.proposal_score), tol.scores);
  }

  const steps = (expected['trace'] as { steps: StepExpected[] }).steps;
  const got = r.trace ?? [];
  check.exact('trace.steps', got.length, steps.length);
  check.exact('trace picks', got.map((s) => s.pick), steps.map((s) => s.pick));
  for (let i = 0; i < Math.min(got.length, steps.length); i++) {
    const g = got[i]!;
    const e = steps[i]!;
    const tag = `trace[${i}]`;
    check.exact(`${tag}.remaining`, Array.from(g.remaining), e.remaining);
    check.exact(`${tag}.merged`, Array.from(g.merged), e.merged);
    // a float32 value printed with 9 significant digits: exact as float32
    check.close(`${tag}.ref_dist`, g.refDist, Math.fround(num(e.ref_dist)), 0);
    const simi = e.simi.map(num);
    const match = e.num_match.map(num);
    check.close(`${tag}.simi`, g.simi, simi, traceTol(simi));
    check.close(`${tag}.num_match`, g.numMatch, match, traceTol(match));
  }
}

/** Handlers for the `posenms/` fixtures, keyed by the fixture's `kind`. */
export const handlers: Record<string, Handler> = {
  'alphapose-pose-nms': runPoseNms,
};
