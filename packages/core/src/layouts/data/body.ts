/**
 * MPII-16, CrowdPose-14 and AIC-14 layouts.
 *
 * @internal
 * @module
 */
import type { KeypointLayout } from '../types.js';
import { buildLayout, leftRightSwaps } from './util.js';

const MPII16_NAMES: readonly string[] = [
  'right_ankle', 'right_knee', 'right_hip', 'left_hip', 'left_knee', 'left_ankle',
  'pelvis', 'thorax', 'upper_neck', 'head_top',
  'right_wrist', 'right_elbow', 'right_shoulder', 'left_shoulder', 'left_elbow', 'left_wrist',
];

/**
 * MPII sigmas as listed in MMPose `mpii.py` ("Adapted from COCO dataset"); MPII itself is evaluated with PCKh,
 * these only serve OKS-style scoring.
 * @internal
 */
export const MPII16_SIGMAS: readonly number[] = [
  0.089, 0.083, 0.107, 0.107, 0.083, 0.089, 0.026, 0.026, 0.026, 0.026, 0.062, 0.072, 0.179, 0.179, 0.072, 0.062,
];

/** MPII-16 (`mpii16`): MMPose `configs/_base_/datasets/mpii.py`. */
export const MPII16: KeypointLayout = /* @__PURE__ */ buildLayout(
  'mpii16',
  MPII16_NAMES,
  [
    ['right_ankle', 'right_knee'], ['right_knee', 'right_hip'], ['right_hip', 'pelvis'], ['pelvis', 'left_hip'],
    ['left_hip', 'left_knee'], ['left_knee', 'left_ankle'], ['pelvis', 'thorax'], ['thorax', 'upper_neck'],
    ['upper_neck', 'head_top'], ['upper_neck', 'right_shoulder'], ['right_shoulder', 'right_elbow'],
    ['right_elbow', 'right_wrist'], ['upper_neck', 'left_shoulder'], ['left_shoulder', 'left_elbow'],
    ['left_elbow', 'left_wrist'],
  ],
  leftRightSwaps(MPII16_NAMES),
  MPII16_SIGMAS,
);

const CROWDPOSE14_NAMES: readonly string[] = [
  'left_shoulder', 'right_shoulder', 'left_elbow', 'right_elbow', 'left_wrist', 'right_wrist',
  'left_hip', 'right_hip', 'left_knee', 'right_knee', 'left_ankle', 'right_ankle', 'top_head', 'neck',
];

/** CrowdPose sigmas, MMPose `crowdpose.py` (CrowdPose `crowdposetools`). @internal */
export const CROWDPOSE14_SIGMAS: readonly number[] = [
  0.079, 0.079, 0.072, 0.072, 0.062, 0.062, 0.107, 0.107, 0.087, 0.087, 0.089, 0.089, 0.079, 0.079,
];

/** CrowdPose-14 (`crowdpose14`): MMPose `configs/_base_/datasets/crowdpose.py`. */
export const CROWDPOSE14: KeypointLayout = /* @__PURE__ */ buildLayout(
  'crowdpose14',
  CROWDPOSE14_NAMES,
  [
    ['left_ankle', 'left_knee'], ['left_knee', 'left_hip'], ['right_ankle', 'right_knee'], ['right_knee', 'right_hip'],
    ['left_hip', 'right_hip'], ['left_shoulder', 'left_hip'], ['right_shoulder', 'right_hip'],
    ['left_shoulder', 'right_shoulder'], ['left_shoulder', 'left_elbow'], ['right_shoulder', 'right_elbow'],
    ['left_elbow', 'left_wrist'], ['right_elbow', 'right_wrist'], ['top_head', 'neck'], ['right_shoulder', 'neck'],
    ['left_shoulder', 'neck'],
  ],
  leftRightSwaps(CROWDPOSE14_NAMES),
  CROWDPOSE14_SIGMAS,
);

const AIC14_NAMES: readonly string[] = [
  'right_shoulder', 'right_elbow', 'right_wrist', 'left_shoulder', 'left_elbow', 'left_wrist',
  'right_hip', 'right_knee', 'right_ankle', 'left_hip', 'left_knee', 'left_ankle', 'head_top', 'neck',
];

/**
 * AI Challenger sigmas, MMPose `aic.py` (AI_Challenger_2017 `keypoint_eval.py`, where delta = 2 x sigma).
 * @internal
 */
export const AIC14_SIGMAS: readonly number[] = [
  0.01388152, 0.01515228, 0.01057665, 0.01417709, 0.01497891, 0.01402144, 0.03909642, 0.03686941, 0.01981803,
  0.03843971, 0.03412318, 0.02415081, 0.01291456, 0.01236173,
];

/** AIC-14 (`aic14`, AI Challenger): MMPose `configs/_base_/datasets/aic.py`. */
export const AIC14: KeypointLayout = /* @__PURE__ */ buildLayout(
  'aic14',
  AIC14_NAMES,
  [
    ['right_wrist', 'right_elbow'], ['right_elbow', 'right_shoulder'], ['right_shoulder', 'neck'],
    ['neck', 'left_shoulder'], ['left_shoulder', 'left_elbow'], ['left_elbow', 'left_wrist'],
    ['right_ankle', 'right_knee'], ['right_knee', 'right_hip'], ['right_hip', 'left_hip'], ['left_hip', 'left_knee'],
    ['left_knee', 'left_ankle'], ['head_top', 'neck'], ['right_shoulder', 'right_hip'], ['left_shoulder', 'left_hip'],
  ],
  leftRightSwaps(AIC14_NAMES),
  AIC14_SIGMAS,
);
