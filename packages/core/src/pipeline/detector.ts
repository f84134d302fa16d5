/**
 * The person-detector stage of the top-down estimator: letterbox -> run -> read boxes (end2end or YOLOX raw
 * head + box NMS) -> undo the letterbox.
 *
 * @module
 */
import { Tensor } from 'onnxruntime-common';
import { PosekitError } from '../errors.js';
import type { ImageLike } from '../image/index.js';
import type { Box } from '../types.js';
import type { Candidates } from './rows.js';
import { decodeYoloxHead, readEnd2EndDetections } from './rows.js';
import type { ModelBinding } from './session.js';
import { disposeOutputs, runFloat32, validateModelSpec } from './session.js';
import { fillModelInput, nmsKeep, type InputTransform } from './stages.js';
import { now } from './types.js';

/** Options of the detector stage. */
export interface DetectorOptions {
  /** Minimum box score (default: the spec's `thresholds.score`, else 0.3). */
  scoreThreshold?: number;
  /** Box-NMS IoU for detectors without NMS in the graph (default: the spec's `thresholds.nmsIou`, else 0.45). */
  nmsIou?: number;
  /** Class kept (default: the spec's `thresholds.personClass`, else 0). */
  classId?: number;
  /** Keep at most this many boxes, highest score first (default 100). */
  maxBoxes?: number;
}

/** Boxes from one detector run, with its timings. @internal */
export interface DetectorRun {
  boxes: Box[];
  preprocessMs: number;
  inferenceMs: number;
  postprocessMs: number;
}

/** A reusable detector stage (owns its input buffer). @internal */
export interface DetectorStage {
  detect(image: ImageLike, opts?: DetectorOptions): Promise<DetectorRun>;
}

/**
 * Map candidate boxes from model-input pixels back to the image (undo letterbox / stretch), clip to the image,
 * and return them as `Box` objects in the order of `keep`, dropping boxes clipped to zero area. @internal
 */
export function candidatesToBoxes(c: Candidates, keep: ArrayLike<number>, tr: InputTransform, imgW: number, imgH: number, max: number): Box[] {
  const out: Box[] = [];
  for (let q = 0; q < keep.length && out.length < max; q++) {
    const i = keep[q]!;
    const b = c.boxes;
    const x1 = Math.min(Math.max((b[4 * i]! - tr.padX) / tr.scaleX, 0), imgW);
    const y1 = Math.min(Math.max((b[4 * i + 1]! - tr.padY) / tr.scaleY, 0), imgH);
    const x2 = Math.min(Math.max((b[4 * i + 2]! - tr.padX) / tr.scaleX, 0), imgW);
    const y2 = Math.min(Math.max((b[4 * i + 3]! - tr.padY) / tr.scaleY, 0), imgH);
    // A box clipped to nothing (entirely outside the image) cannot be cropped: drop it.
    if (!(x2 > x1 && y2 > y1)) continue;
    out.push({ x1, y1, x2, y2, score: c.scores[i]!, label: c.labels[i]! });
  }
  return out;
}

/** Indices `0..n-1` sorted by score, descending (stable). @internal */
export function orderByScore(scores: Float32Array, n: number): Int32Array {
  const idx = new Int32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  return idx.sort((a, b) => scores[b]! - scores[a]! || a - b);
}

/**
 * Build a detector stage for a `detector-end2end` or `detector-yolox` spec.
 * @throws PosekitError `E_MODEL_SPEC` when the spec is not a detector or does not match the session
 */
export function createDetectorStage(fn: string, binding: ModelBinding): DetectorStage {
  const { session, spec } = binding;
  validateModelSpec(fn, session, spec);
  const o = spec.output;
  if (o.kind !== 'detector-end2end' && o.kind !== 'detector-yolox') {
    throw new PosekitError('E_MODEL_SPEC', `${fn}: the detector spec ${JSON.stringify(spec.name)} must have output kind 'detector-end2end' or 'detector-yolox'; received '${o.kind}'`, {
      expected: ['detector-end2end', 'detector-yolox'],
      received: o.kind,
    });
  }
  const { width: W, height: H } = spec.input;
  const input = new Float32Array(3 * W * H);
  const th = spec.thresholds ?? {};
  return {
    async detect(image, opts = {}) {
      const t0 = now();
      const tr = fillModelInput(fn, input, 0, image, spec);
      const t1 = now();
      const { outputs } = await runFloat32(session, spec.input.name, input, [1, 3, H, W]);
      const t2 = now();
      try {
        const scoreThreshold = opts.scoreThreshold ?? th.score ?? 0.3;
        const classId = opts.classId ?? th.personClass ?? 0;
        const max = opts.maxBoxes ?? 100;
        let cands: Candidates;
        let keep: ArrayLike<number>;
        if (o.kind === 'detector-end2end') {
          cands = readEnd2EndDetections(outputs[o.detsName] as Tensor & { data: Float32Array }, outputs[o.labelsName] as unknown as { data: ArrayLike<number | bigint>; dims: readonly number[] }, {
            scoreThreshold,
            classId,
          });
          keep = orderByScore(cands.scores, cands.n);
        } else {
          cands = decodeYoloxHead(outputs[o.name] as Tensor & { data: Float32Array }, { inputWidth: W, inputHeight: H, strides: o.strides, classId, scoreThreshold });
          keep = nmsKeep(cands.boxes, cands.scores, opts.nmsIou ?? th.nmsIou ?? 0.45, th.nmsOffset ?? 0);
        }
        const boxes = candidatesToBoxes(cands, keep, tr, image.width, image.height, max);
        return { boxes, preprocessMs: t1 - t0, inferenceMs: t2 - t1, postprocessMs: now() - t2 };
      } finally {
        disposeOutputs(outputs);
      }
    },
  };
}
