/**
 * PCP, the Percentage of Correct Parts (Ferrari, Marín-Jiménez & Zisserman, "Progressive search space
 * reduction for human pose estimation", CVPR 2008), in its **strict** form as made explicit by Eichner,
 * Marín-Jiménez, Zisserman & Ferrari ("2D articulated human pose estimation and retrieval in (almost)
 * unconstrained still images", IJCV 2012): a limb (part) is correct when **both** of its endpoints lie
 * within `fraction` × the GT limb length of their GT positions (default fraction 0.5).
 *
 * A looser reading (endpoint errors averaged over the two ends) appeared in later papers and gives
 * higher numbers; the strict criterion is the one the original evaluation code applies, so it is the one
 * implemented here. Scores under the two readings are not comparable.
 *
 * @module
 */
import { PosekitError, describeValue } from '@posekit/core';
import { checkDataset, maskFromVisible } from './dataset.js';
import type { PckDataset } from './dataset.js';
import { checkOptions } from '../options.js';

/** A limb as a pair of keypoint indices. */
export type Limb = readonly [number, number];

/** A named set of limbs for a keypoint layout. */
export interface LimbSet {
  /** Limb names, one per limb. */
  readonly names: readonly string[];
  /** Keypoint index pairs. */
  readonly limbs: readonly Limb[];
}

/** COCO-17 limbs for PCP: upper/lower arms and legs, both sides (COCO has no head/neck segment). */
export const PCP_LIMBS_COCO17: LimbSet = Object.freeze({
  names: Object.freeze([
    'left_upper_arm',
    'right_upper_arm',
    'left_lower_arm',
    'right_lower_arm',
    'left_upper_leg',
    'right_upper_leg',
    'left_lower_leg',
    'right_lower_leg',
  ]),
  limbs: Object.freeze([
    [5, 7],
    [6, 8],
    [7, 9],
    [8, 10],
    [11, 13],
    [12, 14],
    [13, 15],
    [14, 16],
  ] as const),
});

/** MPII-16 limbs for PCP: the classic 10 parts (head, torso, upper/lower arms and legs). */
export const PCP_LIMBS_MPII16: LimbSet = Object.freeze({
  names: Object.freeze([
    'head',
    'torso',
    'right_upper_arm',
    'right_lower_arm',
    'left_upper_arm',
    'left_lower_arm',
    'right_upper_leg',
    'right_lower_leg',
    'left_upper_leg',
    'left_lower_leg',
  ]),
  limbs: Object.freeze([
    [8, 9],
    [7, 6],
    [12, 11],
    [11, 10],
    [13, 14],
    [14, 15],
    [2, 1],
    [1, 0],
    [3, 4],
    [4, 5],
  ] as const),
});

/** Options of {@link evaluatePcp}. */
export interface PcpOptions {
  /** Limbs to score: a {@link LimbSet} or plain index pairs. Default {@link PCP_LIMBS_COCO17}. */
  limbs?: LimbSet | readonly Limb[];
  /** Fraction of the GT limb length each endpoint error must not exceed (≤). Default 0.5 (PCP@0.5). */
  fraction?: number;
}

/** Result of {@link evaluatePcp}. */
export interface PcpResult {
  /** The fraction used. */
  fraction: number;
  /** Limb names (from the LimbSet, else `"a-b"`). */
  names: string[];
  /** Per-limb PCP `[L]` in [0, 1]; −1 for a limb never evaluated. */
  perLimb: Float64Array;
  /** Evaluated instances per limb `[L]` (both endpoints visible and GT limb length > 0). */
  counts: Uint32Array;
  /** Overall PCP: correct limbs / evaluated limbs over all limb types (0 if none). */
  pcp: number;
  /** Macro mean of `perLimb` over limbs that were evaluated (0 if none). */
  meanPerLimb: number;
}

/**
 * Strict PCP over a dataset. A limb instance is evaluated when both GT endpoints are visible (≠ 0) and
 * the GT limb is longer than 0; it is correct when ‖pred[a] − gt[a]‖ ≤ f·‖gt[a] − gt[b]‖ **and**
 * ‖pred[b] − gt[b]‖ ≤ f·‖gt[a] − gt[b]‖ (float64 arithmetic).
 *
 * @example
 * ```ts
 * const r = evaluatePcp(data, { limbs: PCP_LIMBS_COCO17, fraction: 0.5 });
 * r.pcp; r.perLimb; // overall and per limb
 * ```
 * @param data - the evaluation set
 * @param options - limbs (default COCO-17) and fraction (default 0.5)
 * @returns per-limb and overall PCP
 * @throws PosekitError E_RANGE for a limb index outside [0, K) or a negative fraction, E_EMPTY for no
 *   limbs, E_NONFINITE for non-finite coordinates of an evaluated limb, and on bad data
 * @throws PosekitError E_ARGUMENT when `options` is not an object, names an unknown option or has a `null`
 *   value, or `limbs` is neither an array of pairs nor a {@link LimbSet} with one string name per limb
 */
export function evaluatePcp(data: PckDataset, options: PcpOptions = {}): PcpResult {
  const fn = 'evaluatePcp';
  const opts = checkOptions(fn, options, ['limbs', 'fraction']) as PcpOptions;
  checkDataset(fn, data);
  const fraction = opts.fraction ?? 0.5;
  if (typeof fraction !== 'number' || !Number.isFinite(fraction) || fraction < 0) {
    throw new PosekitError('E_RANGE', `${fn}: fraction must be a finite number >= 0; received ${describeValue(fraction)}`);
  }
  const set = opts.limbs ?? PCP_LIMBS_COCO17;
  if (typeof set !== 'object' || set === null) {
    throw new PosekitError('E_ARGUMENT', `${fn}: limbs must be an array of [a, b] pairs or a LimbSet {names, limbs}; received ${describeValue(set)}`, { field: 'limbs', received: describeValue(set) });
  }
  if (!Array.isArray(set)) {
    const ls = set as LimbSet;
    if (!Array.isArray(ls.limbs) || !Array.isArray(ls.names) || ls.names.length !== ls.limbs.length || !ls.names.every((nm) => typeof nm === 'string')) {
      throw new PosekitError('E_ARGUMENT', `${fn}: a LimbSet needs arrays limbs and names of equal length, names being strings; received limbs ${describeValue(ls.limbs)}, names ${describeValue(ls.names)}`, {
        field: 'limbs',
        received: `limbs ${describeValue(ls.limbs)}, names ${describeValue(ls.names)}`,
      });
    }
  }
  const limbs: readonly Limb[] = Array.isArray(set) ? (set as readonly Limb[]) : (set as LimbSet).limbs;
  if (limbs.length === 0) throw new PosekitError('E_EMPTY', `${fn}: limbs must not be empty`);
  const { n, k, pred, gt } = data;
  for (const l of limbs) {
    if (!Array.isArray(l) || l.length !== 2 || !l.every((i) => Number.isInteger(i) && i >= 0 && i < k)) {
      throw new PosekitError('E_RANGE', `${fn}: each limb must be two keypoint indices in [0, ${k - 1}]; received ${describeValue(l)} ${JSON.stringify(l)}`, {
        expected: `[0, ${k - 1}]`,
        received: l,
      });
    }
  }
  const names = Array.isArray(set) ? limbs.map(([a, b]) => `${a}-${b}`) : [...(set as LimbSet).names];
  const mask = maskFromVisible(data, 'nonzero');
  const L = limbs.length;
  const correct = new Uint32Array(L);
  const counts = new Uint32Array(L);
  for (let i = 0; i < n; i++) {
    for (let l = 0; l < L; l++) {
      const [a, b] = limbs[l]!;
      const ia = i * k + a;
      const ib = i * k + b;
      if (mask[ia] === 0 || mask[ib] === 0) continue;
      const gax = gt[2 * ia]!;
      const gay = gt[2 * ia + 1]!;
      const gbx = gt[2 * ib]!;
      const gby = gt[2 * ib + 1]!;
      const len = Math.sqrt((gax - gbx) ** 2 + (gay - gby) ** 2);
      const ea = Math.sqrt((pred[2 * ia]! - gax) ** 2 + (pred[2 * ia + 1]! - gay) ** 2);
      const eb = Math.sqrt((pred[2 * ib]! - gbx) ** 2 + (pred[2 * ib + 1]! - gby) ** 2);
      if (Number.isNaN(len + ea + eb) || !Number.isFinite(len + ea + eb)) {
        throw new PosekitError('E_NONFINITE', `${fn}: instance ${i} limb ${names[l]} has non-finite coordinates`, { item: i, field: names[l] });
      }
      if (!(len > 0)) continue;
      counts[l]!++;
      const t = fraction * len;
      if (ea <= t && eb <= t) correct[l]!++;
    }
  }
  const perLimb = new Float64Array(L);
  let totalCorrect = 0;
  let total = 0;
  let macro = 0;
  let evaluated = 0;
  for (let l = 0; l < L; l++) {
    totalCorrect += correct[l]!;
    total += counts[l]!;
    if (counts[l]! > 0) {
      perLimb[l] = correct[l]! / counts[l]!;
      macro += perLimb[l]!;
      evaluated++;
    } else {
      perLimb[l] = -1;
    }
  }
  return {
    fraction,
    names,
    perLimb,
    counts,
    pcp: total > 0 ? totalCorrect / total : 0,
    meanPerLimb: evaluated > 0 ? macro / evaluated : 0,
  };
}
