/**
 * Parameters of AlphaPose's parametric pose-NMS (RMPE) as plain data, with the two constant sets the
 * reference uses as named presets.
 *
 * Reference: MVIG-SJTU/AlphaPose @ c60106d1, `alphapose/utils/pPose_nms.py` (module constants and the
 * `pose_nms` global overwrite).
 *
 * @module
 */
import { PosekitError, describeValue } from '../errors.js';
import { checkOptionKeys } from '../option-keys.js';

/**
 * The constants of AlphaPose's parametric pose-NMS. All are plain numbers; pass them explicitly to
 * {@link poseNms} (there is no global state).
 */
export interface PoseNmsParams {
  /** δ1: scale of the score term `tanh(s_pick/δ1)·tanh(s_j/δ1)`. Must be non-zero. Reference default 1. */
  delta1: number;
  /** μ: weight of the spatial term `Σ exp(-d/δ2)`. Reference default 1.7. */
  mu: number;
  /** δ2: length scale of the spatial term, pixels. Must be > 0. Reference default 2.65. */
  delta2: number;
  /** γ: a candidate joins the pick's cluster when its similarity is `> γ`. Reference default 22.48. */
  gamma: number;
  /**
   * Keypoint-score threshold: a pick is dropped when its max keypoint score (before or after merging) is
   * `< scoreThreds`; the full-body path also uses it to mask candidate keypoints. Reference default 0.3.
   */
  scoreThreds: number;
  /** A candidate joins the cluster when its matched-keypoint count is `>= matchThreds`. Reference default 5. */
  matchThreds: number;
  /** ref_dist = alpha · max(box width, box height), pixels per unit. Reference default 0.1. */
  alpha: number;
  /**
   * Minimum `2.25·(x extent)·(y extent)` of a merged pose, px²; smaller poses are dropped. AlphaPose's
   * `--min_box_area` (`areaThres` argument). Default 0.
   */
  areaThres: number;
  /** Full-body only: face keypoints use δ2·faceFactor and a match radius of faceFactor·ref. Default 1.9. */
  faceFactor: number;
  /** Full-body only: hand keypoints use δ2·handFactor and a match radius of handFactor·ref. Default 0.55. */
  handFactor: number;
  /** Full-body only: weight of the hands' score term. Default 0.1. */
  handWeightScore: number;
  /** Full-body only: weight of the face's score term. Default 1.0. */
  faceWeightScore: number;
  /** Full-body only: weight of the hands' spatial term. Default 1.5. */
  handWeightDist: number;
  /** Full-body only: weight of the face's spatial term. Default 1.0. */
  faceWeightDist: number;
}

/**
 * AlphaPose's module constants (`pPose_nms.py` at c60106d1): δ1 = 1, μ = 1.7, δ2 = 2.65, γ = 22.48,
 * scoreThreds = 0.3, matchThreds = 5, alpha = 0.1, areaThres = 0 and the full-body weights. These are in
 * effect for 17-keypoint models and for full-body models trained with the heatmap loss.
 */
export const POSE_NMS_DEFAULTS: Readonly<PoseNmsParams> = Object.freeze({
  delta1: 1,
  mu: 1.7,
  delta2: 2.65,
  gamma: 22.48,
  scoreThreds: 0.3,
  matchThreds: 5,
  alpha: 0.1,
  areaThres: 0,
  faceFactor: 1.9,
  handFactor: 0.55,
  handWeightScore: 0.1,
  faceWeightScore: 1.0,
  handWeightDist: 1.5,
  faceWeightDist: 1.0,
});

/**
 * The constants AlphaPose's `pose_nms` switches to for 133/136-keypoint models with
 * `use_heatmap_loss=False` (regression heads): δ1 = 1, μ = 1.65, δ2 = 8, γ = 3.6, scoreThreds = 0.01,
 * matchThreds = 3, alpha = 0.15; the rest as {@link POSE_NMS_DEFAULTS}.
 *
 * Quirk of the reference: it writes these into the module **globals**, so they stay in force for every
 * later call in the process (17-keypoint calls included). posekit never keeps state: pass this preset
 * explicitly where the reference would have had it in effect (the fixtures record `constants_in_effect`).
 */
export const POSE_NMS_FULLBODY_REGRESSION: Readonly<PoseNmsParams> = Object.freeze({
  ...POSE_NMS_DEFAULTS,
  delta1: 1.0,
  mu: 1.65,
  delta2: 8.0,
  gamma: 3.6,
  scoreThreds: 0.01,
  matchThreds: 3.0,
  alpha: 0.15,
});

const PARAM_KEYS: readonly (keyof PoseNmsParams)[] = Object.keys(POSE_NMS_DEFAULTS) as (keyof PoseNmsParams)[];

/**
 * Merge `params` over {@link POSE_NMS_DEFAULTS} and check every name (a misspelt one must not be ignored) and
 * value (finite numbers; δ1 ≠ 0, δ2 > 0, alpha ≥ 0, factors > 0).
 * @internal
 */
export function resolvePoseNmsParams(fn: string, params: Partial<PoseNmsParams> | undefined): PoseNmsParams {
  checkOptionKeys(`${fn} (params)`, params, PARAM_KEYS);
  const p: PoseNmsParams = { ...POSE_NMS_DEFAULTS, ...(params ?? {}) };
  for (const key of PARAM_KEYS) {
    const v = p[key];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new PosekitError('E_RANGE', `${fn}: params.${key} must be a finite number; received ${describeValue(v)}`, {
        field: key,
        expected: 'finite number',
        received: v,
      });
    }
  }
  const positive = (key: keyof PoseNmsParams): void => {
    if (!(p[key] > 0)) {
      throw new PosekitError('E_RANGE', `${fn}: params.${key} must be > 0; received ${p[key]}`, {
        field: key,
        expected: '> 0',
        received: p[key],
      });
    }
  };
  if (p.delta1 === 0) {
    throw new PosekitError('E_RANGE', `${fn}: params.delta1 must be non-zero; received 0`, { field: 'delta1', expected: '!= 0', received: 0 });
  }
  positive('delta2');
  positive('faceFactor');
  positive('handFactor');
  if (p.alpha < 0) {
    throw new PosekitError('E_RANGE', `${fn}: params.alpha must be >= 0; received ${p.alpha}`, { field: 'alpha', expected: '>= 0', received: p.alpha });
  }
  return p;
}
