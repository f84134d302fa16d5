/**
 * One-stage estimator for YOLO-pose style models (Ultralytics YOLOv8/11-pose): letterbox -> one run -> rows
 * above the score threshold -> box NMS -> undo the letterbox.
 *
 * Reference: `ultralytics` `ultralytics/models/yolo/pose/predict.py` (`PosePredictor.postprocess`:
 * `non_max_suppression(conf=0.25, iou=0.7)`, `scale_boxes`, `scale_coords`, both clipped to the image).
 *
 * @module
 */
import { Tensor } from 'onnxruntime-common';
import { PosekitError } from '../errors.js';
import type { ImageLike } from '../image/index.js';
import type { Box, Pose } from '../types.js';
import { orderByScore } from './detector.js';
import { decodeYoloPoseRows } from './rows.js';
import type { ModelBinding } from './session.js';
import { disposeOutputs, runFloat32, validateModelSpec } from './session.js';
import { checkImageArg, fillModelInput, nmsKeep } from './stages.js';
import type { EstimateOptions, EstimateResult, PoseEstimator } from './types.js';
import { instanceScore, now } from './types.js';

/** Options of {@link createOneStageEstimator}. Defaults follow Ultralytics `predict`. */
export interface OneStageOptions {
  /** Keep rows with person score `> scoreThreshold` (default: spec `thresholds.score`, else 0.25). */
  scoreThreshold?: number;
  /** Box-NMS IoU (default: spec `thresholds.nmsIou`, else 0.7). */
  nmsIou?: number;
  /** Box-NMS area convention (default: spec `thresholds.nmsOffset`, else 0 = continuous, as torchvision). */
  nmsOffset?: 0 | 1;
  /** Keep at most this many people (Ultralytics `max_det`, default 300). */
  maxDetections?: number;
  /**
   * Instance score: `'box'` (default: the row's person score, as Ultralytics reports it) or `'box×keypoints'`
   * (MMPose `CocoMetric`: box score × mean keypoint score above `keypointScoreThreshold`).
   */
  instanceScore?: 'box' | 'box×keypoints';
  /** Keypoint threshold of the `'box×keypoints'` score (default 0.2). */
  keypointScoreThreshold?: number;
  /** Release the session in `dispose()` (default false). */
  ownsSession?: boolean;
}

/** Configuration of {@link createOneStageEstimator}. */
export interface OneStageConfig extends ModelBinding {
  /** Options. */
  options?: OneStageOptions;
}

/**
 * Create a one-stage estimator for a `yolo-pose` spec.
 *
 * @param config - session, spec (`yolo-pose` output, `letterbox` or `stretch` crop) and options
 * @throws PosekitError `E_MODEL_SPEC` when the spec does not fit the session or is not `yolo-pose`
 */
export function createOneStageEstimator(config: OneStageConfig): PoseEstimator<EstimateOptions> {
  const fn = 'createOneStageEstimator';
  if (typeof config !== 'object' || config === null) throw new PosekitError('E_ARGUMENT', `${fn}: expected { session, spec, options? }; received ${config === null ? 'null' : typeof config}`);
  const { session, spec } = config;
  const opts = config.options ?? {};
  validateModelSpec(fn, session, spec);
  const o = spec.output;
  if (o.kind !== 'yolo-pose') {
    throw new PosekitError('E_MODEL_SPEC', `${fn}: spec ${JSON.stringify(spec.name)} must have output kind 'yolo-pose'; received '${o.kind}'`, { expected: 'yolo-pose', received: o.kind });
  }
  if (spec.crop.mode === 'affine') {
    throw new PosekitError('E_MODEL_SPEC', `${fn}: spec ${JSON.stringify(spec.name)} must use crop mode 'letterbox' or 'stretch'; received 'affine'`, { expected: ['letterbox', 'stretch'], received: 'affine' });
  }
  const { width: W, height: H } = spec.input;
  const input = new Float32Array(3 * W * H);
  const th = spec.thresholds ?? {};
  const layoutName = spec.keypointLayout;
  let disposed = false;
  return {
    async estimate(image: ImageLike, callOpts: EstimateOptions = {}): Promise<EstimateResult> {
      if (disposed) throw new PosekitError('E_STATE', `${fn}: estimate() called after dispose()`);
      const t0 = now();
      checkImageArg(fn, image);
      const tr = fillModelInput(fn, input, 0, image, spec);
      const t1 = now();
      const { outputs: res } = await runFloat32(session, spec.input.name, input, [1, 3, H, W]);
      const t2 = now();
      const poses: Pose[] = [];
      const boxes: Box[] = [];
      try {
        const out = res[o.name] as Tensor & { data: Float32Array };
        const c = decodeYoloPoseRows(out, { scoreThreshold: opts.scoreThreshold ?? th.score ?? 0.25 });
        const iou = opts.nmsIou ?? th.nmsIou ?? 0.7;
        const keep = c.n > 0 ? nmsKeep(c.boxes, c.scores, iou, opts.nmsOffset ?? th.nmsOffset ?? 0) : orderByScore(c.scores, 0);
        const m = Math.min(keep.length, opts.maxDetections ?? 300);
        const k = c.k;
        const kps = c.keypoints!;
        const iw = image.width;
        const ih = image.height;
        const clip = (v: number, hi: number): number => (v < 0 ? 0 : v > hi ? hi : v);
        const minScore = callOpts.minPoseScore ?? 0;
        for (let q = 0; q < m; q++) {
          const i = keep[q]!;
          const b = c.boxes;
          const box: Box = {
            x1: clip((b[4 * i]! - tr.padX) / tr.scaleX, iw),
            y1: clip((b[4 * i + 1]! - tr.padY) / tr.scaleY, ih),
            x2: clip((b[4 * i + 2]! - tr.padX) / tr.scaleX, iw),
            y2: clip((b[4 * i + 3]! - tr.padY) / tr.scaleY, ih),
            score: c.scores[i]!,
            label: 0,
          };
          const kp = new Float32Array(3 * k);
          const base = 3 * k * i;
          for (let j = 0; j < k; j++) {
            kp[3 * j] = clip((kps[base + 3 * j]! - tr.padX) / tr.scaleX, iw);
            kp[3 * j + 1] = clip((kps[base + 3 * j + 1]! - tr.padY) / tr.scaleY, ih);
            kp[3 * j + 2] = kps[base + 3 * j + 2]!;
          }
          const score = opts.instanceScore === 'box×keypoints' ? instanceScore(box.score!, kp, opts.keypointScoreThreshold ?? 0.2) : box.score!;
          if (score < minScore) continue;
          const pose: Pose = { keypoints: kp, score, box };
          if (layoutName !== undefined) pose.layout = layoutName;
          poses.push(pose);
          boxes.push(box);
        }
      } finally {
        disposeOutputs(res);
      }
      if (opts.instanceScore === 'box×keypoints') {
        // Re-scored: order by the new score (NMS order was by box score).
        poses.sort((a, b) => b.score - a.score);
        boxes.length = 0;
        for (const p of poses) boxes.push(p.box!);
      }
      const t3 = now();
      return { poses, boxes, timings: { preprocessMs: t1 - t0, inferenceMs: t2 - t1, postprocessMs: t3 - t2, totalMs: t3 - t0 } };
    },
    async dispose(): Promise<void> {
      if (disposed) return;
      disposed = true;
      if (opts.ownsSession) await session.release?.();
    },
  };
}
