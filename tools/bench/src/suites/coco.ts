/**
 * `pnpm bench coco [--gt gt.json --dt results.json] [--json]`: COCO keypoint evaluation
 * (evaluate + accumulate + summarize, loading timed apart) against pycocotools and faster-coco-eval on the
 * same kind of set (shared/spec/metrics-and-nms.md §8: 5,000 images, 11,324 GT, 29,464 detections).
 *
 * Without files, a seeded COCO-like set of that size is generated in-process: persons with 17 keypoints
 * (some crowd regions, some unlabelled num_keypoints == 0 persons), detections with keypoint jitter
 * proportional to the person's size, duplicates and false positives.
 */
import { readFileSync } from 'node:fs';
import { resourceUsage } from 'node:process';
import { evaluateKeypoints, formatSummary, loadCocoDataset, loadCocoResults, type CocoDataset, type CocoResults } from '@posekit/metrics';
import { measure, readBaselines, withReference, type Suite } from '../harness.js';
import { mulberry32 } from '../../../../test-support/random.js';

function poisson(r: () => number, lam: number): number {
  const l = Math.exp(-lam);
  let k = 0;
  let p = 1;
  do {
    k++;
    p *= r();
  } while (p > l);
  return k - 1;
}

function gauss(r: () => number): number {
  return Math.sqrt(-2 * Math.log(r() + 1e-12)) * Math.cos(2 * Math.PI * r());
}

/** Mean COCO-17 pose in a unit box (x, y), a rough standing person. */
const TEMPLATE: readonly [number, number][] = [
  [0.5, 0.08], [0.53, 0.06], [0.47, 0.06], [0.57, 0.08], [0.43, 0.08], [0.65, 0.22], [0.35, 0.22], [0.72, 0.38], [0.28, 0.38],
  [0.75, 0.52], [0.25, 0.52], [0.6, 0.55], [0.4, 0.55], [0.62, 0.75], [0.38, 0.75], [0.63, 0.95], [0.37, 0.95],
];

/**
 * A seeded COCO-like keypoint set (GT dict and results list), about 11k GT and 29k detections for 5,000
 * images.
 */
export function generateCocoLikeSet(images = 5000, seed = 20240): { gt: object; dt: object[] } {
  const r = mulberry32(seed);
  const imgs: object[] = [];
  const anns: Record<string, unknown>[] = [];
  const dts: object[] = [];
  let annId = 1;
  for (let im = 1; im <= images; im++) {
    imgs.push({ id: im, width: 640, height: 480, file_name: `${im}.jpg` });
    const persons = poisson(r, 2.2);
    for (let p = 0; p < persons; p++) {
      const h = 40 + r() * 300;
      const w = h * (0.35 + r() * 0.3);
      const x = r() * (640 - w);
      const y = r() * (480 - h);
      const area = w * h * (0.55 + r() * 0.2);
      const crowd = r() < 0.026;
      const labelled = !crowd && r() < 0.66;
      const kps: number[] = [];
      let nk = 0;
      for (const [u, v] of TEMPLATE) {
        const vis = labelled && r() < 0.85 ? (r() < 0.8 ? 2 : 1) : 0;
        if (vis > 0) {
          kps.push(Math.round(x + (u + 0.03 * gauss(r)) * w), Math.round(y + (v + 0.02 * gauss(r)) * h), vis);
          nk++;
        } else kps.push(0, 0, 0);
      }
      anns.push({
        id: annId++, image_id: im, category_id: 1, iscrowd: crowd ? 1 : 0, num_keypoints: nk, area: Math.round(area * 100) / 100,
        bbox: [Math.round(x * 100) / 100, Math.round(y * 100) / 100, Math.round(w * 100) / 100, Math.round(h * 100) / 100], keypoints: kps,
      });
      // Detections of this person: usually one, sometimes a duplicate; jitter grows with size.
      if (crowd) continue;
      const copies = r() < 0.88 ? (r() < 0.22 ? 2 : 1) : 0;
      for (let c = 0; c < copies; c++) {
        const sd = Math.sqrt(area) * (0.02 + 0.08 * r());
        const kp: number[] = [];
        TEMPLATE.forEach(([u, v]) => {
          kp.push(Math.round((x + u * w + sd * gauss(r)) * 100) / 100, Math.round((y + v * h + sd * gauss(r)) * 100) / 100, Math.round(r() * 100) / 100);
        });
        dts.push({ image_id: im, category_id: 1, keypoints: kp, score: Math.round((0.3 + 0.7 * r()) * 1000) / 1000 });
      }
    }
    // False positives anywhere in the image.
    const fps = poisson(r, 3.3);
    for (let f = 0; f < fps; f++) {
      const h = 30 + r() * 250;
      const w = h * 0.5;
      const x = r() * (640 - w);
      const y = r() * (480 - h);
      const kp: number[] = [];
      TEMPLATE.forEach(([u, v]) => {
        kp.push(Math.round((x + u * w + 5 * gauss(r)) * 100) / 100, Math.round((y + v * h + 5 * gauss(r)) * 100) / 100, Math.round(r() * 100) / 100);
      });
      dts.push({ image_id: im, category_id: 1, keypoints: kp, score: Math.round(r() * 0.6 * 1000) / 1000 });
    }
  }
  const names = ['nose', 'left_eye', 'right_eye', 'left_ear', 'right_ear', 'left_shoulder', 'right_shoulder', 'left_elbow', 'right_elbow', 'left_wrist',
    'right_wrist', 'left_hip', 'right_hip', 'left_knee', 'right_knee', 'left_ankle', 'right_ankle'];
  return { gt: { images: imgs, annotations: anns, categories: [{ id: 1, name: 'person', supercategory: 'person', keypoints: names }] }, dt: dts };
}

function rssMiB(): number {
  return process.memoryUsage().rss / 2 ** 20;
}

export const suite: Suite = {
  description: 'COCO keypoint eval (evaluate+accumulate+summarize) vs pycocotools / faster-coco-eval, 5k images',
  async run(ctx) {
    let peak = rssMiB();
    const gtFile = ctx.flag('gt');
    const dtFile = ctx.flag('dt');
    if ((gtFile === undefined) !== (dtFile === undefined)) throw new Error('bench coco: give both --gt and --dt, or neither');
    let gtText: string;
    let dtText: string;
    if (gtFile !== undefined && dtFile !== undefined) {
      gtText = readFileSync(gtFile, 'utf8');
      dtText = readFileSync(dtFile, 'utf8');
      ctx.note(`# set: ${gtFile} + ${dtFile}`);
    } else {
      const t0 = performance.now();
      const set = generateCocoLikeSet();
      gtText = JSON.stringify(set.gt);
      dtText = JSON.stringify(set.dt);
      ctx.note(`# set: generated in-process (seed 20240) in ${(performance.now() - t0).toFixed(0)} ms`);
    }
    peak = Math.max(peak, rssMiB());
    const t0 = performance.now();
    const gt: CocoDataset = loadCocoDataset(gtText, { file: gtFile ?? 'generated-gt' });
    const t1 = performance.now();
    const dt: CocoResults = loadCocoResults(dtText, gt, { file: dtFile ?? 'generated-dt' });
    const t2 = performance.now();
    peak = Math.max(peak, rssMiB());
    ctx.note(`# ${gt.imageIds.length} images, ${gt.annotations.count} GT (${Array.from(gt.annotations.iscrowd).filter((c) => c).length} crowd, ` +
      `${Array.from(gt.annotations.numKeypoints).filter((n) => n > 0).length} with keypoints), ${dt.count} detections`);
    ctx.note(`# loading: gt ${(t1 - t0).toFixed(1)} ms, results ${(t2 - t1).toFixed(1)} ms (pycocotools: COCO() 65 ms, loadRes 595 ms)`);

    const base = readBaselines('metrics-nms-baselines.json') as
      | { pycocotools_cocoeval_keypoints?: { 'evaluate+accumulate+summarize'?: { median_s?: number } }; faster_coco_eval_keypoints?: { 'evaluate+accumulate+summarize'?: { median_s?: number } } }
      | undefined;
    const pyMs = base?.pycocotools_cocoeval_keypoints?.['evaluate+accumulate+summarize']?.median_s;
    const fceMs = base?.faster_coco_eval_keypoints?.['evaluate+accumulate+summarize']?.median_s;
    let stats: number[] = [];
    // CPU time per run too: on a shared, loaded machine it is a steadier number than wall time.
    const cpu: number[] = [];
    const res = await measure('coco_eval_5k', () => {
      const c0 = process.cpuUsage();
      const e = evaluateKeypoints(gt, dt);
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
      stats = e.stats;
      peak = Math.max(peak, rssMiB());
    }, { warmup: 2, minRuns: 7, minTimeMs: 1000 });
    const timedCpu = cpu.slice(2).sort((a, b) => a - b);
    const maxRssMiB = Math.max(peak, resourceUsage().maxRSS / 1024);
    const out = withReference(res, pyMs === undefined ? undefined : pyMs * 1000, 'pycocotools COCOeval keypoints (median 3831 ms)');
    out['images'] = gt.imageIds.length;
    out['gt'] = gt.annotations.count;
    out['dt'] = dt.count;
    out['load_gt_ms'] = Math.round((t1 - t0) * 10) / 10;
    out['load_results_ms'] = Math.round((t2 - t1) * 10) / 10;
    out['peak_rss_mib'] = Math.round(maxRssMiB);
    out['cpu_median_ms'] = Math.round(timedCpu[Math.floor(timedCpu.length / 2)]! * 10) / 10;
    if (fceMs !== undefined) out['speedup_vs_faster_coco_eval'] = Math.round(((fceMs * 1000) / res.median_ms) * 10) / 10;
    out['stats'] = stats;
    ctx.report(out);
    if (fceMs !== undefined) ctx.note(`# faster-coco-eval 1.7.1 median ${fceMs * 1000} ms -> ${out['speedup_vs_faster_coco_eval']}x`);
    ctx.note(`# peak RSS ${out['peak_rss_mib']} MiB; CPU time per run (median) ${out['cpu_median_ms']} ms`);
    if (!ctx.json) ctx.note(formatSummary(stats));
  },
};
