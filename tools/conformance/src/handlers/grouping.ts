/**
 * `grouping/` fixtures: OpenPose PAF grouping (Hzzone/pytorch-openpose) and Improved-Body-Parts assignment,
 * run on the fixture's CHW maps with the fixture's own params. Every expected structure is compared: the
 * candidates (flat and per part), each limb's connections, `special_k`, the person rows and the poses.
 * Ids, coordinates of integer peaks and counts are exact; scores and refined coordinates use the README's
 * 1e-6. Pose keypoints are float32 by type, so they must equal the float32 rounding of the expected values.
 */
import { groupBodyParts, groupOpenPose } from '@posekit/core';
import type { GroupingResult } from '@posekit/core';
import type { Checker } from '../check.js';
import type { Fixture } from '../fixture.js';
import { num, tensor } from '../fixture.js';
import type { Handler } from '../handler.js';

const TOL = 1e-6;

type Row = unknown[];

/** A numeric param, or undefined (→ the library's reference default) when the fixture does not state it. */
function opt(p: Record<string, unknown>, key: string): number | undefined {
  return p[key] === undefined ? undefined : num(p[key]);
}

function maps(v: unknown): { data: Float32Array | Float64Array; dims: number[] } {
  const t = tensor(v);
  const data = t.data instanceof Float32Array || t.data instanceof Float64Array ? t.data : Float64Array.from(t.data as ArrayLike<number>);
  return { data, dims: t.shape };
}

/** Candidates: flat list `[x, y, score, id]` and the same grouped per part in `all_peaks`. */
function checkCandidates(check: Checker, r: GroupingResult, e: Record<string, unknown>, exactXY: boolean): void {
  const cand = e['candidate'] as Row[];
  const c = r.candidates;
  check.exact('candidate/count', c.count, cand.length);
  const n = Math.min(c.count, cand.length);
  const ids: number[] = [];
  const xs: number[] = [];
  const ys: number[] = [];
  const scores: number[] = [];
  for (let i = 0; i < n; i++) {
    ids.push(num(cand[i]![3]));
    xs.push(num(cand[i]![0]));
    ys.push(num(cand[i]![1]));
    scores.push(num(cand[i]![2]));
  }
  check.exact('candidate/id', Array.from({ length: n }, (_, i) => i), ids);
  if (exactXY) {
    check.exact('candidate/x', Array.from(c.x.subarray(0, n)), xs);
    check.exact('candidate/y', Array.from(c.y.subarray(0, n)), ys);
  } else {
    check.close('candidate/x', c.x.subarray(0, n), xs, TOL);
    check.close('candidate/y', c.y.subarray(0, n), ys, TOL);
  }
  check.close('candidate/score', c.score.subarray(0, n), scores, TOL);
  const allPeaks = e['all_peaks'] as Row[][];
  check.exact('all_peaks/parts', c.partStart.length - 1, allPeaks.length);
  allPeaks.forEach((peaks, p) => {
    const start = c.partStart[p] ?? 0;
    const got = (c.partStart[p + 1] ?? 0) - start;
    check.exact(`all_peaks[${p}]/count`, got, peaks.length);
    if (got !== peaks.length) return;
    check.exact(`all_peaks[${p}]/id`, Array.from({ length: got }, (_, i) => start + i), peaks.map((q) => num(q[3])));
    check.close(`all_peaks[${p}]/xy`, Array.from({ length: got }, (_, i) => [c.x[start + i]!, c.y[start + i]!]).flat(), peaks.flatMap((q) => [num(q[0]), num(q[1])]), exactXY ? 0 : TOL);
    check.close(`all_peaks[${p}]/score`, c.score.subarray(start, start + got), peaks.map((q) => num(q[2])), TOL);
  });
}

function checkConnections(check: Checker, r: GroupingResult, e: Record<string, unknown>, withLength: boolean): void {
  const all = e['connection_all'] as Row[][];
  check.exact('connection_all/limbs', r.connections.length, all.length);
  check.exact('special_k', r.specialK, (e['special_k'] as unknown[]).map(num));
  all.forEach((rows, k) => {
    const c = r.connections[k];
    const isSpecial = (e['special_k'] as unknown[]).map(num).includes(k);
    if (!c) {
      check.exact(`connection_all[${k}]/count`, isSpecial ? 'special' : 0, isSpecial ? 'special' : rows.length);
      return;
    }
    check.exact(`connection_all[${k}]/count`, c.count, rows.length);
    if (c.count !== rows.length) return;
    check.exact(
      `connection_all[${k}]/ids_ij`,
      Array.from({ length: c.count }, (_, n) => [c.idA[n], c.idB[n], c.i[n], c.j[n]]),
      rows.map((q) => [num(q[0]), num(q[1]), num(q[3]), num(q[4])]),
    );
    check.close(`connection_all[${k}]/score`, c.score, rows.map((q) => num(q[2])), TOL);
    if (withLength) check.close(`connection_all[${k}]/limb_len`, c.length, rows.map((q) => num(q[5])), TOL);
  });
}

function openpose(f: Fixture, check: Checker): void {
  const p = f['params'] as Record<string, unknown>;
  const inputs = f['inputs'] as Record<string, unknown>;
  const e = f['expected'] as Record<string, unknown>;
  const r = groupOpenPose(maps(inputs['heatmaps']), maps(inputs['pafs']), {
    thre1: opt(p, 'thre1'),
    thre2: opt(p, 'thre2'),
    midNum: opt(p, 'mid_num'),
    sigma: opt(p, 'gaussian_filter_sigma'),
    truncate: opt(p, 'gaussian_filter_truncate'),
    imageHeight: opt(p, 'image_height_for_distance_prior'),
    limbSeq: p['limbSeq_1based'] as [number, number][] | undefined,
    mapIdx: p['mapIdx'] as [number, number][] | undefined,
    newPersonLimbs: opt(p, 'new_person_only_for_k_lt'),
    minParts: opt(p, 'min_parts'),
    minMeanScore: opt(p, 'min_mean_score'),
    layout: 'openpose_coco18',
  });
  checkCandidates(check, r, e, true);
  checkConnections(check, r, e, false);
  const subset = e['subset'] as Row[];
  check.exact('subset/rows', r.subsets.length, subset.length);
  const n = Math.min(r.subsets.length, subset.length);
  for (let i = 0; i < n; i++) {
    const got = r.subsets[i]!;
    const exp = subset[i]!.map(num);
    check.exact(`subset[${i}]/ids_count`, [...Array.from(got.subarray(0, 18)), got[19]], [...exp.slice(0, 18), exp[19]]);
    check.close(`subset[${i}]/total`, got[18]!, exp[18], TOL);
  }
  const poses = e['poses'] as { keypoints: (Row | null)[]; score: unknown; count: unknown }[];
  check.exact('poses/count', r.poses.length, poses.length);
  poses.slice(0, r.poses.length).forEach((ep, i) => {
    const pose = r.poses[i]!;
    check.close(`poses[${i}]/score`, pose.score, ep.score, TOL);
    check.exact(`poses[${i}]/count`, r.subsets[i]![19], num(ep.count));
    const kp = ep.keypoints.flatMap((q) => (q === null ? [0, 0, 0] : [Math.fround(num(q[0])), Math.fround(num(q[1])), Math.fround(num(q[2]))]));
    check.close(`poses[${i}]/keypoints(float32)`, pose.keypoints, kp, 0);
    check.exact(`poses[${i}]/ids`, Array.from(r.subsets[i]!.subarray(0, 18)), ep.keypoints.map((q) => (q === null ? -1 : num(q[3]))));
  });
}

function bodyParts(f: Fixture, check: Checker): void {
  const p = f['params'] as Record<string, unknown>;
  const inputs = f['inputs'] as Record<string, unknown>;
  const e = f['expected'] as Record<string, unknown>;
  const r = groupBodyParts(maps(inputs['heatmaps']), maps(inputs['limbs']), {
    thre1: opt(p, 'thre1'),
    thre2: opt(p, 'thre2'),
    connectRatio: opt(p, 'connect_ration'),
    midNum: opt(p, 'mid_num'),
    lenRate: opt(p, 'len_rate'),
    connectionTole: opt(p, 'connection_tole'),
    offsetRadius: opt(p, 'offset_radius'),
    removeRecon: opt(p, 'remove_recon'),
    minParts: opt(p, 'delete_if_count_lt'),
    minMeanScore: opt(p, 'delete_if_mean_score_lt'),
    imageHeight: opt(p, 'image_width_arg'),
    limbs: p['limbSeq'] as [number, number][] | undefined,
    nmsKernel: opt(p, 'nms_kernel'),
    layout: 'openpose_coco18',
  });
  checkCandidates(check, r, e, false);
  checkConnections(check, r, e, true);
  const subset = e['subset'] as unknown[][][];
  check.exact('subset/rows', r.subsets.length, subset.length);
  const n = Math.min(r.subsets.length, subset.length);
  for (let i = 0; i < n; i++) {
    const got = r.subsets[i]!;
    const exp = subset[i]!.map((pair) => pair.map(num));
    check.exact(`subset[${i}]/ids_count`, [...Array.from({ length: 18 }, (_, q) => got[2 * q]), got[38]], [...exp.slice(0, 18).map((q) => q[0]), exp[19]![0]]);
    check.close(`subset[${i}]/attach_scores`, Array.from({ length: 18 }, (_, q) => got[2 * q + 1]!), exp.slice(0, 18).map((q) => q[1]!), TOL);
    check.close(`subset[${i}]/total`, got[36]!, exp[18]![0], TOL);
    check.close(`subset[${i}]/max_limb_len`, got[39]!, exp[19]![1], TOL);
  }
  const poses = e['poses'] as { keypoints: (Row | null)[]; score: unknown; count: unknown; max_limb_len: unknown; coco_score_1_minus_1_over_total: unknown }[];
  check.exact('poses/count', r.poses.length, poses.length);
  poses.slice(0, r.poses.length).forEach((ep, i) => {
    const pose = r.poses[i]!;
    const row = r.subsets[i]!;
    check.close(`poses[${i}]/score(total)`, row[36]!, ep.score, TOL);
    check.close(`poses[${i}]/coco_score`, pose.score, ep.coco_score_1_minus_1_over_total, TOL);
    check.exact(`poses[${i}]/count`, row[38], num(ep.count));
    check.close(`poses[${i}]/max_limb_len`, row[39]!, ep.max_limb_len, TOL);
    const kp = ep.keypoints.flatMap((q) => (q === null ? [0, 0, 0] : [Math.fround(num(q[0])), Math.fround(num(q[1])), Math.fround(num(q[2]))]));
    check.close(`poses[${i}]/keypoints(float32)`, pose.keypoints, kp, 0);
    check.exact(`poses[${i}]/ids`, Array.from({ length: 18 }, (_, q) => row[2 * q]), ep.keypoints.map((q) => (q === null ? -1 : num(q[3]))));
    check.close(`poses[${i}]/attach`, Array.from({ length: 18 }, (_, q) => row[2 * q + 1]!), ep.keypoints.map((q) => (q === null ? -1 : num(q[4]))), TOL);
  });
}

/** Handlers for the `grouping/` fixtures, keyed by the fixture's `kind`. */
export const handlers: Record<string, Handler> = {
  'grouping.openpose_paf': openpose,
  'grouping.ibp_body_parts': bodyParts,
};
