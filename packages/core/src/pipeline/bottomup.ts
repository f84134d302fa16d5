/**
 * Bottom-up estimator: letterbox -> one run -> (optionally) bicubic upsampling of the maps to the image ->
 * grouping (OpenPose PAFs, or Simple Pose body-part maps) -> poses in image pixels.
 *
 * Reference paths: Hzzone/pytorch-openpose `src/body.py` `Body.__call__` (maps resized ×stride with
 * `cv2.INTER_CUBIC`, padding cropped, resized to the image, then grouped); jialee93/Improved-Body-Parts
 * `evaluate.py` (same upsampling, then `find_peaks` / `find_connections` / `find_people`).
 *
 * @module
 */
import { PosekitError } from '../errors.js';
import { groupBodyParts, groupOpenPose, resizeBicubic } from '../group/index.js';
import type { ImageLike } from '../image/index.js';
import type { Box, Pose } from '../types.js';
import type { ModelBinding } from './session.js';
import { disposeOutputs, runFloat32, validateModelSpec } from './session.js';
import { checkImageArg, fillModelInput } from './stages.js';
import type { EstimateOptions, EstimateResult, PoseEstimator } from './types.js';
import { now } from './types.js';

/** Options of {@link createBottomUpEstimator}. */
export interface BottomUpOptions {
  /**
   * Upsample the maps to image resolution before grouping, as the references do (default true). `false`
   * groups at network resolution (the grouping's `stride` path: much faster, σ and distance prior scaled)
   * and maps the keypoints back through the letterbox.
   */
  upsample?: boolean;
  /**
   * Output layout: the model's 18 parts (`'openpose_coco18'`) or COCO-17 (neck dropped). Default: as the
   * reference outputs them, `'openpose_coco18'` for PAF models and `'coco17'` for body-part models.
   */
  layout?: 'openpose_coco18' | 'coco17';
  /** Extra options passed to the grouping (thresholds ...), see `groupOpenPose` / `groupBodyParts`. */
  grouping?: Record<string, unknown>;
  /** Release the session in `dispose()` (default false). */
  ownsSession?: boolean;
}

/** Configuration of {@link createBottomUpEstimator}. */
export interface BottomUpConfig extends ModelBinding {
  /** Options. */
  options?: BottomUpOptions;
}

/** The box around a pose's keypoints with score > 0 (bottom-up models predict no boxes). */
function keypointBox(p: Pose): Box | undefined {
  const kp = p.keypoints;
  let x1 = Infinity;
  let y1 = Infinity;
  let x2 = -Infinity;
  let y2 = -Infinity;
  for (let i = 0; i < kp.length; i += 3) {
    if (!(kp[i + 2]! > 0)) continue;
    x1 = Math.min(x1, kp[i]!);
    y1 = Math.min(y1, kp[i + 1]!);
    x2 = Math.max(x2, kp[i]!);
    y2 = Math.max(y2, kp[i + 1]!);
  }
  return x1 <= x2 ? { x1, y1, x2, y2, score: p.score } : undefined;
}

/**
 * Create a bottom-up estimator for a `paf` (OpenPose COCO-18) or `body-parts` (Simple Pose) spec.
 * Pose scores are the grouping's (OpenPose: the row's total score; Simple Pose: `1 − 1/total`).
 *
 * @param config - session, spec (`letterbox` or `stretch` crop) and options
 * @throws PosekitError `E_MODEL_SPEC` when the spec does not fit the session or is not a bottom-up kind
 */
export function createBottomUpEstimator(config: BottomUpConfig): PoseEstimator<EstimateOptions> {
  const fn = 'createBottomUpEstimator';
  if (typeof config !== 'object' || config === null) throw new PosekitError('E_ARGUMENT', `${fn}: expected { session, spec, options? }; received ${config === null ? 'null' : typeof config}`);
  const { session, spec } = config;
  const opts = config.options ?? {};
  validateModelSpec(fn, session, spec);
  const o = spec.output;
  if (o.kind !== 'paf' && o.kind !== 'body-parts') {
    throw new PosekitError('E_MODEL_SPEC', `${fn}: spec ${JSON.stringify(spec.name)} must have output kind 'paf' or 'body-parts'; received '${o.kind}'`, {
      expected: ['paf', 'body-parts'],
      received: o.kind,
    });
  }
  if (spec.crop.mode === 'affine') {
    throw new PosekitError('E_MODEL_SPEC', `${fn}: spec ${JSON.stringify(spec.name)} must use crop mode 'letterbox' or 'stretch'; received 'affine'`, { expected: ['letterbox', 'stretch'], received: 'affine' });
  }
  const { width: W, height: H } = spec.input;
  const input = new Float32Array(3 * W * H);
  const layout = opts.layout ?? (o.kind === 'paf' ? 'openpose_coco18' : 'coco17');
  const upsample = opts.upsample ?? true;
  let disposed = false;

  /**
   * Maps `[1, C, h, w]` -> image-resolution CHW maps, the reference's way: bicubic ×stride to the input size,
   * crop the unpadded window, bicubic to the image size.
   */
  function toImage(data: Float32Array, c: number, h: number, w: number, stride: number, tr: { padX: number; padY: number; scaleX: number; scaleY: number }, iw: number, ih: number): { data: Float32Array; dims: number[] } {
    const uw = w * stride;
    const uh = h * stride;
    const upT = stride === 1 ? { data, dims: [c, h, w] } : resizeBicubic({ data, dims: [c, h, w] }, uh, uw);
    // The valid (unpadded) window of the input, in input pixels.
    const x0 = Math.min(uw - 1, Math.max(0, Math.round(tr.padX)));
    const y0 = Math.min(uh - 1, Math.max(0, Math.round(tr.padY)));
    const vw = Math.min(uw - x0, Math.max(1, Math.round(iw * tr.scaleX)));
    const vh = Math.min(uh - y0, Math.max(1, Math.round(ih * tr.scaleY)));
    let win = upT.data;
    if (x0 !== 0 || y0 !== 0 || vw !== uw || vh !== uh) {
      win = new Float32Array(c * vw * vh);
      for (let ch = 0; ch < c; ch++) {
        for (let y = 0; y < vh; y++) {
          const src = ch * uw * uh + (y0 + y) * uw + x0;
          win.set(upT.data.subarray(src, src + vw), (ch * vh + y) * vw);
        }
      }
    }
    if (vw === iw && vh === ih) return { data: win, dims: [c, ih, iw] };
    return resizeBicubic({ data: win, dims: [c, vh, vw] }, ih, iw);
  }

  return {
    async estimate(image: ImageLike, callOpts: EstimateOptions = {}): Promise<EstimateResult> {
      if (disposed) throw new PosekitError('E_STATE', `${fn}: estimate() called after dispose()`);
      const t0 = now();
      checkImageArg(fn, image);
      const tr = fillModelInput(fn, input, 0, image, spec);
      const t1 = now();
      const { outputs: res } = await runFloat32(session, spec.input.name, input, [1, 3, H, W]);
      const t2 = now();
      let poses: Pose[];
      try {
        const iw = image.width;
        const ih = image.height;
        const read = (name: string): { data: Float32Array; dims: readonly number[] } => {
          const t = res[name];
          if (!t || !(t.data instanceof Float32Array) || t.dims.length !== 4 || t.dims[0] !== 1) {
            throw new PosekitError('E_MODEL_SPEC', `${fn}: output ${JSON.stringify(name)} must be float32 [1, C, h, w]; received ${t ? `${t.type} [${t.dims.join(', ')}]` : 'nothing'}`, {
              expected: '[1, C, h, w] float32',
              received: t?.dims,
            });
          }
          return { data: t.data, dims: t.dims };
        };
        const stride = o.stride;
        const userGrouping = opts.grouping ?? {};
        if (o.kind === 'paf') {
          const hm = read(o.heatmapName);
          const paf = read(o.pafName);
          const [, hc, h, w] = hm.dims as [number, number, number, number];
          const pc = paf.dims[1]!;
          if (upsample) {
            const hmImg = toImage(hm.data, hc, h, w, stride, tr, iw, ih);
            const pafImg = toImage(paf.data, pc, paf.dims[2]!, paf.dims[3]!, stride, tr, iw, ih);
            poses = groupOpenPose(hmImg, pafImg, { ...userGrouping, layout }).poses;
          } else {
            poses = groupOpenPose({ data: hm.data, dims: [hc, h, w] }, { data: paf.data, dims: [pc, paf.dims[2]!, paf.dims[3]!] }, { ...userGrouping, layout, stride }).poses;
            undoLetterbox(poses, tr, iw, ih);
          }
        } else {
          const all = read(o.name);
          const [, c, h, w] = all.dims as [number, number, number, number];
          if (c < o.limbs + o.parts) {
            throw new PosekitError('E_MODEL_SPEC', `${fn}: output ${JSON.stringify(o.name)} must have at least ${o.limbs + o.parts} channels (limbs + parts); received ${c}`, {
              expected: o.limbs + o.parts,
              received: c,
            });
          }
          const plane = h * w;
          const limbData = all.data.subarray(0, o.limbs * plane);
          const partData = all.data.subarray(o.limbs * plane, (o.limbs + o.parts) * plane);
          if (upsample) {
            const parts = toImage(partData, o.parts, h, w, stride, tr, iw, ih);
            const limbs = toImage(limbData, o.limbs, h, w, stride, tr, iw, ih);
            poses = groupBodyParts(parts, limbs, { ...userGrouping, layout }).poses;
          } else {
            poses = groupBodyParts({ data: partData, dims: [o.parts, h, w] }, { data: limbData, dims: [o.limbs, h, w] }, { ...userGrouping, layout, stride }).poses;
            undoLetterbox(poses, tr, iw, ih);
          }
        }
      } finally {
        disposeOutputs(res);
      }
      const minScore = callOpts.minPoseScore ?? 0;
      poses = poses.filter((p) => p.score >= minScore).sort((a, b) => b.score - a.score);
      const boxes: Box[] = [];
      for (const p of poses) {
        const b = keypointBox(p);
        if (b) {
          p.box = b;
          boxes.push(b);
        }
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

/** Model-input pixels -> image pixels for keypoints with score > 0 (missing parts stay at (0, 0, 0)). */
function undoLetterbox(poses: Pose[], tr: { padX: number; padY: number; scaleX: number; scaleY: number }, iw: number, ih: number): void {
  for (const p of poses) {
    const kp = p.keypoints;
    for (let i = 0; i < kp.length; i += 3) {
      if (!(kp[i + 2]! > 0)) continue;
      kp[i] = Math.min(Math.max((kp[i]! - tr.padX) / tr.scaleX, 0), iw);
      kp[i + 1] = Math.min(Math.max((kp[i + 1]! - tr.padY) / tr.scaleY, 0), ih);
    }
  }
}
