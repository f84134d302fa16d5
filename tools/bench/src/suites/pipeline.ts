/**
 * `pnpm bench pipeline [--json] [--runs N] [--threads T]`: the real models end to end on real images, with each
 * frame's time split into `session.run` (inference) and everything else (pre-processing: letterbox, crops,
 * normalisation; post-processing: decoding, NMS, back-projection). Cases per model and per image: the skier
 * (000000000785.jpg, 1 person) and 000000197388.jpg (5 persons).
 *
 * Acceptance: pre + post of a top-down frame with 4+ people <= 10% of model time; one-stage post-processing
 * < 2 ms per frame.
 */
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import type { EstimateResult, ImageLike } from '@posekit/core';
import { createNodeOneStage, createNodeTopDown, loadImage } from '@posekit/runtime-node';
import type { BenchResult, Suite } from '../harness.js';
import { sharedDir } from '../harness.js';

const MODELS = {
  pose: 'models/ultralight-nano-simplepose_256x192.onnx',
  rtmdet: 'models/rtmdet-nano_person_end2end.onnx',
  yolox: 'models/yolox_nano_416.onnx',
  yolo: 'models/yolo11n-pose_int8_640.onnx',
};
const IMAGES: [string, string][] = [
  ['1p', 'data/mmpose-tests/coco/000000000785.jpg'],
  ['5p', 'data/mmpose-tests/coco/000000197388.jpg'],
];

function median(v: number[]): number {
  const s = [...v].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
function q(v: number[], p: number): number {
  const s = [...v].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * (s.length - 1)))]!;
}
const r4 = (x: number): number => Math.round(x * 1e4) / 1e4;

/** Run `estimate` `runs` times after 3 warm-ups and report the split of one frame's time. */
async function frame(name: string, runs: number, est: (img: ImageLike) => Promise<EstimateResult>, img: ImageLike): Promise<BenchResult> {
  for (let i = 0; i < 3; i++) await est(img);
  const total: number[] = [];
  const inf: number[] = [];
  const pre: number[] = [];
  const post: number[] = [];
  const other: number[] = [];
  let people = 0;
  for (let i = 0; i < runs; i++) {
    const r = await est(img);
    total.push(r.timings.totalMs);
    inf.push(r.timings.inferenceMs);
    pre.push(r.timings.preprocessMs);
    post.push(r.timings.postprocessMs);
    other.push(r.timings.totalMs - r.timings.inferenceMs);
    people = r.poses.length;
  }
  const infM = median(inf);
  const otherM = median(other);
  return {
    name,
    median_ms: r4(median(total)),
    min_ms: r4(Math.min(...total)),
    runs,
    p25_ms: r4(q(total, 0.25)),
    p75_ms: r4(q(total, 0.75)),
    people,
    inference_median_ms: r4(infM),
    preprocess_median_ms: r4(median(pre)),
    postprocess_median_ms: r4(median(post)),
    pre_post_median_ms: r4(otherM),
    pre_post_over_inference: r4(otherM / infM),
  };
}

export const suite: Suite = {
  description: 'real ONNX models on real images: session.run time vs pre + post-processing per frame (CPU provider)',
  async run(ctx) {
    const need = [...Object.values(MODELS), ...IMAGES.map((i) => i[1])];
    const missing = need.filter((p) => !existsSync(resolve(sharedDir, p)));
    if (missing.length > 0) {
      ctx.note(`# skipped: missing shared files ${missing.join(', ')}`);
      return;
    }
    const runs = Number(ctx.flag('runs') ?? 30);
    const threads = Number(ctx.flag('threads') ?? 2);
    const session = { intraOpNumThreads: threads };
    const p = (rel: string): string => resolve(sharedDir, rel);
    const imgs: [string, ImageLike][] = [];
    for (const [tag, rel] of IMAGES) imgs.push([tag, await loadImage(p(rel))]);
    // Timings are only comparable on an idle machine: print the load so a busy run is recognisable.
    ctx.note(`# CPU provider, intraOpNumThreads ${threads}, ${runs} timed runs per case; pre_post = total - session.run; load average ${loadavg().map((v) => v.toFixed(1)).join(' ')}`);

    const td = await createNodeTopDown({ detector: p(MODELS.rtmdet), pose: p(MODELS.pose), device: 'cpu', session });
    const tdx = await createNodeTopDown({ detector: p(MODELS.yolox), detectorSpec: 'yolox-nano', pose: p(MODELS.pose), device: 'cpu', session });
    const os = await createNodeOneStage({ model: p(MODELS.yolo), device: 'cpu', session });
    try {
      for (const [tag, img] of imgs) {
        const a = await frame(`topdown_rtmdet_simplepose_${tag}`, runs, (i) => td.estimate(i), img);
        ctx.report(a);
        const b = await frame(`topdown_yolox_simplepose_${tag}`, runs, (i) => tdx.estimate(i), img);
        ctx.report(b);
        const c = await frame(`onestage_yolo11n_pose_${tag}`, Math.max(5, Math.round(runs / 3)), (i) => os.estimate(i), img);
        ctx.report(c);
        ctx.note(
          `#   ${tag}: top-down rtmdet pre+post ${a['pre_post_median_ms']} ms = ${(100 * (a['pre_post_over_inference'] as number)).toFixed(1)}% of model time ` +
            `${a['inference_median_ms']} ms; yolox ${(100 * (b['pre_post_over_inference'] as number)).toFixed(1)}%; ` +
            `one-stage post ${c['postprocess_median_ms']} ms (pre ${c['preprocess_median_ms']} ms, model ${c['inference_median_ms']} ms)`,
        );
      }
    } finally {
      await td.dispose();
      await tdx.dispose();
      await os.dispose();
    }
  },
};
