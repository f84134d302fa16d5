/**
 * Top-down estimator: person detector -> MMPose-style affine crops -> pose model (one batched run when the
 * batch dimension is dynamic) -> heatmap / SimCC decoding -> back-projection -> optional flip test and OKS-NMS.
 *
 * Reference flow: `open-mmlab/mmpose` `mmpose/apis/inference.py` `inference_topdown` +
 * `TopdownAffine` + `TopdownPoseEstimator.predict` / `add_pred_to_datasample`, scored like `CocoMetric`.
 *
 * @module
 */
import { PosekitError } from '../errors.js';
import type { ImageLike } from '../image/index.js';
import type { Box, Pose } from '../types.js';
import type { DetectorOptions, DetectorStage } from './detector.js';
import { createDetectorStage } from './detector.js';
import type { ModelBinding } from './session.js';
import { disposeOutputs, runFloat32, validateModelSpec } from './session.js';
import {
  backProjectTopdown,
  checkImageArg,
  cropPerson,
  decodePoseOutputs,
  flipInputW,
  flipPoseOutputs,
  layoutFlipIndices,
  oksNmsKeep,
} from './stages.js';
import type { EstimateOptions, EstimateResult, PoseEstimator } from './types.js';
import { instanceScore, now } from './types.js';

/** Options of {@link createTopDownEstimator}. Defaults follow MMPose's COCO top-down configs. */
export interface TopDownOptions {
  /** Detector options (score threshold 0.3 by default, see the detector spec's thresholds). */
  detector?: DetectorOptions;
  /** Flip test: also run the horizontally flipped crops and average (MMPose `flip_test`, default false). */
  flipTest?: boolean;
  /** Shift flipped heatmaps one pixel right before averaging (MMPose `shift_heatmap`, default false). */
  shiftHeatmap?: boolean;
  /**
   * OKS-NMS threshold over the poses of one image (MMPose `CocoMetric` uses 0.9); `undefined` (default)
   * keeps every pose, as `inference_topdown` does.
   */
  oksNmsThreshold?: number;
  /** Keypoint score threshold of the instance score (MMPose `CocoMetric` `keypoint_score_thr`, default 0.2). */
  keypointScoreThreshold?: number;
  /** Drop poses whose instance score is below this (default 0: keep all). */
  minPoseScore?: number;
  /** Release both sessions in `dispose()` (default false: the caller owns them). */
  ownsSessions?: boolean;
}

/** Per-call options of the top-down estimator. */
export interface TopDownEstimateOptions extends EstimateOptions {
  /**
   * Person boxes (image pixels) to use instead of running the detector. A box without `score` counts as 1.
   * Required when the estimator has no detector; with neither, the whole image is one box.
   */
  boxes?: readonly Box[];
}

/** Configuration of {@link createTopDownEstimator}. */
export interface TopDownConfig {
  /** Person detector session + spec (`detector-end2end` or `detector-yolox`); optional when boxes are given. */
  detector?: ModelBinding;
  /** Pose model session + spec (`heatmap` or `simcc` output, `affine` crop). */
  pose: ModelBinding;
  /** Options. */
  options?: TopDownOptions;
}

/** Grow-only Float32Array pool so buffers are allocated once and reused across calls. */
class Grow {
  buf: Float32Array;
  constructor(n: number) {
    this.buf = new Float32Array(n);
  }
  need(n: number): Float32Array {
    if (this.buf.length < n) this.buf = new Float32Array(Math.max(n, 2 * this.buf.length));
    return this.buf;
  }
}

/**
 * Create a top-down estimator.
 *
 * Per `estimate(image)`: detector boxes with score >= 0.3 (or `options.boxes`) -> each box to centre/scale
 * (×1.25, aspect fixed to the pose input's w:h) -> affine crop -> pose model -> decode (MSRA / DARK / UDP / SimCC
 * per the pose spec) -> keypoints back to image pixels -> instance score `box score × mean(keypoint scores > 0.2)`.
 *
 * @param config - detector and pose bindings, options
 * @returns the estimator
 * @throws PosekitError `E_MODEL_SPEC` when a spec does not fit its session or is not a top-down pose / detector spec
 */
export function createTopDownEstimator(config: TopDownConfig): PoseEstimator<TopDownEstimateOptions> {
  const fn = 'createTopDownEstimator';
  if (typeof config !== 'object' || config === null || typeof config.pose !== 'object' || config.pose === null) {
    throw new PosekitError('E_ARGUMENT', `${fn}: expected { pose: { session, spec }, detector?, options? }; received ${config === null ? 'null' : typeof config}`);
  }
  const opts = config.options ?? {};
  const { session, spec } = config.pose;
  const check = validateModelSpec(fn, session, spec);
  if (spec.output.kind !== 'heatmap' && spec.output.kind !== 'simcc') {
    throw new PosekitError('E_MODEL_SPEC', `${fn}: the pose spec ${JSON.stringify(spec.name)} must have output kind 'heatmap' or 'simcc'; received '${spec.output.kind}'`, {
      expected: ['heatmap', 'simcc'],
      received: spec.output.kind,
    });
  }
  if (spec.crop.mode !== 'affine') {
    throw new PosekitError('E_MODEL_SPEC', `${fn}: the pose spec ${JSON.stringify(spec.name)} must use crop mode 'affine'; received '${spec.crop.mode}'`, {
      expected: 'affine',
      received: spec.crop.mode,
    });
  }
  const detector: DetectorStage | undefined = config.detector ? createDetectorStage(fn, config.detector) : undefined;
  const layoutName = spec.keypointLayout;
  const flipIndices = opts.flipTest ? layoutFlipIndices(fn, layoutName) : undefined;
  const { width: W, height: H } = spec.input;
  const plane = 3 * W * H;
  const inputPool = new Grow(plane);
  const flipPool = new Grow(opts.flipTest ? plane : 0);
  const outPools = new Map<string, Grow>();
  let cs = new Float64Array(16);
  let disposed = false;

  /** Run the pose model on `n` crops already in `inputPool` and return outputs as batch tensors `[n, ...]`. */
  async function runPose(n: number, input: Float32Array): Promise<{ outputs: Record<string, { data: Float32Array; dims: number[] }>; ms: number }> {
    const names = spec.output.kind === 'heatmap' ? [spec.output.name] : spec.output.kind === 'simcc' ? [spec.output.xName, spec.output.yName] : [];
    let ms = 0;
    if (check.dynamicBatch) {
      const run = await runFloat32(session, spec.input.name, input.subarray(0, n * plane), [n, 3, H, W]);
      const res = run.outputs;
      ms += run.ms;
      try {
        const outputs: Record<string, { data: Float32Array; dims: number[] }> = {};
        for (const name of names) {
          const o = res[name]!;
          // Copy into a reused pool so the runtime's output can be released right away.
          const pool = outPools.get(name) ?? new Grow(o.data.length);
          outPools.set(name, pool);
          const buf = pool.need(o.data.length);
          buf.set(o.data as Float32Array);
          outputs[name] = { data: buf.subarray(0, o.data.length), dims: o.dims.slice() };
        }
        return { outputs, ms };
      } finally {
        disposeOutputs(res);
      }
    }
    const outputs: Record<string, { data: Float32Array; dims: number[] }> = {};
    for (let i = 0; i < n; i++) {
      const run = await runFloat32(session, spec.input.name, input.subarray(i * plane, (i + 1) * plane), [1, 3, H, W]);
      const res = run.outputs;
      ms += run.ms;
      try {
        for (const name of names) {
          const o = res[name]!;
          const per = o.data.length;
          const pool = outPools.get(name) ?? new Grow(per * n);
          outPools.set(name, pool);
          if (i === 0) {
            const buf = pool.need(per * n);
            outputs[name] = { data: buf.subarray(0, per * n), dims: [n, ...o.dims.slice(1)] };
          }
          const dst = outputs[name]!;
          if (dst.data.length !== per * n) {
            throw new PosekitError('E_SHAPE', `${fn}: output ${name} changed size between runs (${dst.data.length / n} vs ${per})`, { expected: dst.data.length / n, received: per });
          }
          dst.data.set(o.data as Float32Array, i * per);
        }
      } finally {
        disposeOutputs(res);
      }
    }
    return { outputs, ms };
  }

  return {
    async estimate(image: ImageLike, callOpts: TopDownEstimateOptions = {}): Promise<EstimateResult> {
      if (disposed) throw new PosekitError('E_STATE', `${fn}: estimate() called after dispose()`);
      const tStart = now();
      checkImageArg(fn, image);
      let pre = 0;
      let inf = 0;
      let post = 0;
      let boxes: Box[];
      if (callOpts.boxes !== undefined) {
        if (!Array.isArray(callOpts.boxes)) throw new PosekitError('E_ARGUMENT', `${fn}: options.boxes must be an array of Box; received ${typeof callOpts.boxes}`);
        boxes = callOpts.boxes.map((b, i) => {
          if (!(Number.isFinite(b?.x1) && Number.isFinite(b?.y1) && Number.isFinite(b?.x2) && Number.isFinite(b?.y2))) {
            throw new PosekitError('E_NONFINITE', `${fn}: options.boxes[${i}] must have finite x1, y1, x2, y2; received ${JSON.stringify(b)}`, { item: i, received: b });
          }
          return { ...b };
        });
      } else if (detector) {
        const d = await detector.detect(image, opts.detector);
        boxes = d.boxes;
        pre += d.preprocessMs;
        inf += d.inferenceMs;
        post += d.postprocessMs;
      } else {
        boxes = [{ x1: 0, y1: 0, x2: image.width, y2: image.height, score: 1 }];
      }
      const n = boxes.length;
      if (n === 0) return { poses: [], boxes, timings: { preprocessMs: pre, inferenceMs: inf, postprocessMs: post, totalMs: now() - tStart } };

      // Crops.
      let t = now();
      const input = inputPool.need(n * plane);
      if (cs.length < 4 * n) cs = new Float64Array(8 * n);
      for (let i = 0; i < n; i++) cropPerson(fn, input, i * plane, image, boxes[i]!, spec, cs, 4 * i);
      pre += now() - t;

      const main = await runPose(n, input);
      inf += main.ms;
      if (flipIndices) {
        t = now();
        const flipped = flipPool.need(n * plane);
        flipInputW(flipped, input, n * 3, H, W);
        pre += now() - t;
        // Keep the unflipped outputs: runPose reuses its pools, so copy them out first.
        const kept: Record<string, { data: Float32Array; dims: number[] }> = {};
        for (const [k, v] of Object.entries(main.outputs)) kept[k] = { data: v.data.slice(), dims: v.dims };
        const flip = await runPose(n, flipped);
        inf += flip.ms;
        t = now();
        flipPoseOutputs(fn, spec, kept, flip.outputs, flipIndices, opts.shiftHeatmap ?? false);
        main.outputs = kept;
        post += now() - t;
      }

      t = now();
      const dec = decodePoseOutputs(fn, spec, main.outputs);
      backProjectTopdown(dec.keypoints, n, dec.k, cs, W, H);
      const thr = opts.keypointScoreThreshold ?? 0.2;
      const minScore = callOpts.minPoseScore ?? opts.minPoseScore ?? 0;
      let poses: Pose[] = [];
      for (let i = 0; i < n; i++) {
        const k = dec.k;
        const kp = new Float32Array(3 * k);
        for (let j = 0; j < k; j++) {
          kp[3 * j] = dec.keypoints[2 * (i * k + j)]!;
          kp[3 * j + 1] = dec.keypoints[2 * (i * k + j) + 1]!;
          kp[3 * j + 2] = dec.scores[i * k + j]!;
        }
        const box = boxes[i]!;
        const score = instanceScore(box.score ?? 1, kp, thr);
        if (score < minScore) continue;
        const pose: Pose = { keypoints: kp, score, box };
        if (layoutName !== undefined) pose.layout = layoutName;
        poses.push(pose);
      }
      if (opts.oksNmsThreshold !== undefined && poses.length > 1) {
        const keep = oksNmsKeep(fn, poses, opts.oksNmsThreshold, layoutName);
        poses = Array.from(keep, (i) => poses[i]!);
      }
      poses.sort((a, b) => b.score - a.score);
      post += now() - t;
      return { poses, boxes, timings: { preprocessMs: pre, inferenceMs: inf, postprocessMs: post, totalMs: now() - tStart } };
    },
    async dispose(): Promise<void> {
      if (disposed) return;
      disposed = true;
      inputPool.buf = new Float32Array(0);
      flipPool.buf = new Float32Array(0);
      outPools.clear();
      if (opts.ownsSessions) {
        await session.release?.();
        await config.detector?.session.release?.();
      }
    },
  };
}
