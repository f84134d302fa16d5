/**
 * Test helpers for the grouping tests: load a grouping fixture's maps and params (the map decoding and
 * `areaDown` are test-support/maps.ts, shared with `pnpm bench group`).
 */
import { readFileSync } from 'node:fs';
import { fixtureMaps, type FixtureTensorJson } from '../../../../test-support/maps.js';
import { sharedPath } from '../../../../test-support/shared.js';
import type { OpenPoseOptions } from '../../src/group/openpose.js';
import type { BodyPartsOptions } from '../../src/group/body-parts.js';

export { areaDown } from '../../../../test-support/maps.js';

export interface Tensor64 {
  data: Float64Array;
  dims: number[];
}

/** Decode a fixture tensor (dense or `runs`) into a Float64Array. */
export function decode(v: FixtureTensorJson): Tensor64 {
  return fixtureMaps(v, Float64Array);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export function readGroupingFixture(name: string): Json {
  return JSON.parse(readFileSync(sharedPath(`fixtures/grouping/${name}.json`), 'utf8'));
}

export function openPoseOptions(p: Json): OpenPoseOptions {
  return {
    thre1: p.thre1,
    thre2: p.thre2,
    midNum: p.mid_num,
    sigma: p.gaussian_filter_sigma,
    imageHeight: p.image_height_for_distance_prior,
    limbSeq: p.limbSeq_1based,
    mapIdx: p.mapIdx,
    newPersonLimbs: p.new_person_only_for_k_lt,
    minParts: p.min_parts,
    minMeanScore: p.min_mean_score,
  };
}

export function bodyPartsOptions(p: Json): BodyPartsOptions {
  return {
    thre1: p.thre1,
    thre2: p.thre2,
    connectRatio: p.connect_ration,
    midNum: p.mid_num,
    lenRate: p.len_rate,
    connectionTole: p.connection_tole,
    offsetRadius: p.offset_radius,
    removeRecon: p.remove_recon,
    minParts: p.delete_if_count_lt,
    minMeanScore: p.delete_if_mean_score_lt,
    imageHeight: p.image_width_arg,
    limbs: p.limbSeq,
  };
}

/**
 * How many ground-truth people (18 parts `[x, y, v]`, image pixels) are recovered by distinct poses: a pose
 * recovers a person when at least half (and at least 3) of the joints both have are within `tol` pixels.
 */
export function matchedPeople(gt: number[][][], poses: { keypoints: Float32Array }[], tol: number): number {
  const used = new Set<number>();
  let n = 0;
  for (const person of gt) {
    let best = -1;
    let bestHits = 0;
    poses.forEach((p, i) => {
      if (used.has(i)) return;
      let hits = 0;
      let both = 0;
      person.forEach((q, k) => {
        if (q[2]! <= 0 || p.keypoints[3 * k + 2]! <= 0) return;
        both++;
        if (Math.hypot(p.keypoints[3 * k]! - q[0]!, p.keypoints[3 * k + 1]! - q[1]!) <= tol) hits++;
      });
      if (hits > bestHits && hits >= Math.max(3, both / 2)) {
        bestHits = hits;
        best = i;
      }
    });
    if (best >= 0) {
      used.add(best);
      n++;
    }
  }
  return n;
}
