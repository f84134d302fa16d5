// Public API of track/ (re-exported by src/index.ts): multi-person pose tracking after tfjs-models'
// pose-detection trackers (keypoint OKS or box IoU similarity, greedy matching, maxAgeSec / maxTracks).
export { createPoseTracker } from './tracker.js';
export { assignTracks } from './assign.js';
export { trackOks } from './oks.js';
export { KEYPOINT_TRACKER_DEFAULTS, BOX_TRACKER_DEFAULTS } from './defaults.js';
export type { PoseTrack, PoseTracker, PoseTrackerOptions, ResolvedPoseTrackerOptions, TrackSimilarity } from './types.js';
