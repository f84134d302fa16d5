/**
 * Validation of {@link PoseTrackerOptions} (once, at construction) and the defaults they resolve to.
 *
 * @internal
 * @module
 */
import { PosekitError, describeValue } from '../errors.js';
import { MAX_AGE_HINT, checkOptionKeys } from '../option-keys.js';
import { BOX_TRACKER_DEFAULTS, KEYPOINT_TRACKER_DEFAULTS } from './defaults.js';
import { checkFalloff, checkPositiveInt, checkUnit } from './oks.js';
import type { PoseTrackerOptions, ResolvedPoseTrackerOptions } from './types.js';

const KNOWN_KEYS: readonly string[] = [
  'similarity',
  'maxTracks',
  'maxAgeSec',
  'minSimilarity',
  'keypointConfidenceThreshold',
  'keypointFalloff',
  'minNumberOfKeypoints',
];

/** Check `options` and fill in the defaults. @internal */
export function resolveTrackerOptions(fn: string, options: PoseTrackerOptions | undefined): ResolvedPoseTrackerOptions {
  if (options === undefined) options = {};
  checkOptionKeys(fn, options, KNOWN_KEYS, MAX_AGE_HINT);
  const similarity = options.similarity ?? 'keypoints';
  if (similarity !== 'keypoints' && similarity !== 'box') {
    throw new PosekitError('E_ARGUMENT', `${fn}: similarity must be 'keypoints' or 'box'; received ${describeValue(similarity)}`, {
      field: 'similarity',
      expected: ['keypoints', 'box'],
      received: similarity,
    });
  }
  const base = similarity === 'box' ? BOX_TRACKER_DEFAULTS : KEYPOINT_TRACKER_DEFAULTS;
  const maxTracks = checkPositiveInt(fn, 'maxTracks', options.maxTracks ?? base.maxTracks);
  const maxAgeSec = options.maxAgeSec ?? base.maxAgeSec;
  if (typeof maxAgeSec !== 'number' || !(maxAgeSec > 0)) {
    throw new PosekitError('E_RANGE', `${fn}: maxAgeSec must be a number of seconds > 0 (Infinity allowed); received ${describeValue(maxAgeSec)}`, {
      field: 'maxAgeSec',
      expected: '> 0 seconds',
      received: maxAgeSec,
    });
  }
  const minSimilarity = checkUnit(fn, 'minSimilarity', options.minSimilarity ?? base.minSimilarity);
  const keypointConfidenceThreshold = checkUnit(fn, 'keypointConfidenceThreshold', options.keypointConfidenceThreshold ?? KEYPOINT_TRACKER_DEFAULTS.keypointConfidenceThreshold);
  const keypointFalloff = Object.freeze(checkFalloff(fn, options.keypointFalloff ?? KEYPOINT_TRACKER_DEFAULTS.keypointFalloff));
  const minNumberOfKeypoints = checkPositiveInt(fn, 'minNumberOfKeypoints', options.minNumberOfKeypoints ?? KEYPOINT_TRACKER_DEFAULTS.minNumberOfKeypoints);
  return Object.freeze({ similarity, maxTracks, maxAgeSec, minSimilarity, keypointConfidenceThreshold, keypointFalloff, minNumberOfKeypoints });
}
