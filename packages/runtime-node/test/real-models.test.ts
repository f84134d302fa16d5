/**
 * The real models on real images: the 4 COCO val2017 images of mmpose's tests/data/coco, scored with
 * @posekit/metrics' pycocotools-exact keypoint evaluation. Reference numbers (a faithful MMPose-style pipeline
 * in Python, see ../shared/models/MODELS.md "Validation"): top-down AP 0.645, mean OKS on GT boxes 0.79,
 * YOLO11n-pose AP 0.488.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cocoOks, getLayout } from '@posekit/core';
import type { Box, ImageLike, Pose } from '@posekit/core';
import { evaluateKeypoints } from '@posekit/metrics';
import { createNodeOneStage, createNodeTopDown, loadImage } from '../src/index.js';
import type { NodeEstimator } from '../src/index.js';
import type { TopDownEstimateOptions, EstimateOptions } from '@posekit/core';
import { describeWithShared, sharedPath } from '../../../test-support/shared.js';

const COCO = 'data/mmpose-tests/coco';
const GT = `${COCO}/test_coco.json`;
const M = {
  pose: 'models/ultralight-nano-simplepose_256x192.onnx',
  rtmdet: 'models/rtmdet-nano_person_end2end.onnx',
  yolox: 'models/yolox_nano_416.onnx',
  yolo: 'models/yolo11n-pose_int8_640.onnx',
};

interface GtAnn {
  id: number;
  image_id: number;
  bbox: [number, number, number, number];
  area: number;
  keypoints: number[];
  num_keypoints: number;
}
interface GtJson {
  images: { id: number; file_name: string }[];
  annotations: GtAnn[];
}

function toResults(imageId: number, poses: readonly Pose[]): object[] {
  return poses.map((p) => ({ image_id: imageId, category_id: 1, keypoints: Array.from(p.keypoints), score: p.score }));
}

function iou(a: Box, b: [number, number, number, number]): number {
  const [bx, by, bw, bh] = b;
  const ix = Math.max(0, Math.min(a.x2, bx + bw) - Math.max(a.x1, bx));
  const iy = Math.max(0, Math.min(a.y2, by + bh) - Math.max(a.y1, by));
  const inter = ix * iy;
  return inter / ((a.x2 - a.x1) * (a.y2 - a.y1) + bw * bh - inter);
}

describeWithShared('real models on the COCO test images', [GT, M.pose, M.rtmdet, M.yolox, M.yolo], () => {
  let gt: GtJson;
  const images = new Map<number, ImageLike>();
  let topdown: NodeEstimator<TopDownEstimateOptions>;
  let topdownYolox: NodeEstimator<TopDownEstimateOptions>;
  let onestage: NodeEstimator<EstimateOptions>;
  const labelled = (): GtAnn[] => gt.annotations.filter((a) => a.num_keypoints > 0);

  beforeAll(async () => {
    gt = JSON.parse(readFileSync(sharedPath(GT), 'utf8')) as GtJson;
    for (const im of gt.images) images.set(im.id, await loadImage(sharedPath(`${COCO}/${im.file_name}`)));
    const session = { intraOpNumThreads: 2 };
    topdown = await createNodeTopDown({ detector: sharedPath(M.rtmdet), pose: sharedPath(M.pose), device: 'cpu', session });
    topdownYolox = await createNodeTopDown({ detector: sharedPath(M.yolox), detectorSpec: 'yolox-nano', pose: sharedPath(M.pose), device: 'cpu', session });
    onestage = await createNodeOneStage({ model: sharedPath(M.yolo), device: 'cpu', session });
  });
  afterAll(async () => {
    await topdown?.dispose();
    await topdownYolox?.dispose();
    await onestage?.dispose();
  });

  it('top-down RTMDet-nano (score > 0.3) + SimplePose: COCO AP >= 0.60 (reference 0.645)', async () => {
    const results: object[] = [];
    for (const [id, img] of images) {
      const r = await topdown.estimate(img);
      expect(r.timings.totalMs).toBeGreaterThan(0);
      expect(r.timings.inferenceMs).toBeGreaterThan(0);
      for (const p of r.poses) {
        expect(p.keypoints.length).toBe(51);
        expect(p.layout).toBe('coco17');
        expect(Number.isFinite(p.score)).toBe(true);
      }
      results.push(...toResults(id, r.poses));
    }
    const stats = evaluateKeypoints(gt, results).stats;
    console.info(`top-down rtmdet-nano + simplepose: AP ${stats[0]!.toFixed(4)} AP50 ${stats[1]!.toFixed(4)} AR ${stats[5]!.toFixed(4)}`);
    expect(stats[0]).toBeGreaterThanOrEqual(0.6);
  });

  it('top-down on the 12 GT boxes of labelled persons: mean OKS >= 0.77 (reference 0.79)', async () => {
    const sigmas = getLayout('coco17').sigmas!;
    const oks: number[] = [];
    for (const a of labelled()) {
      const [x, y, w, h] = a.bbox;
      const r = await topdown.estimate(images.get(a.image_id)!, { boxes: [{ x1: x, y1: y, x2: x + w, y2: y + h, score: 1 }] });
      expect(r.poses).toHaveLength(1);
      oks.push(cocoOks(r.poses[0]!.keypoints, { keypoints: a.keypoints, area: a.area, bbox: a.bbox }, sigmas));
    }
    expect(oks).toHaveLength(12);
    const mean = oks.reduce((s, v) => s + v, 0) / oks.length;
    console.info(`top-down on GT boxes: mean OKS ${mean.toFixed(4)} (per person ${oks.map((v) => v.toFixed(2)).join(' ')})`);
    expect(mean).toBeGreaterThanOrEqual(0.77);
  });

  it('one-stage YOLO11n-pose (letterbox 640, conf > 0.25, NMS 0.7): COCO AP >= 0.45 (reference 0.488)', async () => {
    const results: object[] = [];
    for (const [id, img] of images) {
      const r = await onestage.estimate(img);
      expect(r.boxes).toHaveLength(r.poses.length);
      results.push(...toResults(id, r.poses));
    }
    const stats = evaluateKeypoints(gt, results).stats;
    console.info(`one-stage yolo11n-pose: AP ${stats[0]!.toFixed(4)} AP50 ${stats[1]!.toFixed(4)} AR ${stats[5]!.toFixed(4)}`);
    expect(stats[0]).toBeGreaterThanOrEqual(0.45);
  });

  for (const [name, min] of [
    ['RTMDet-nano', 12],
    ['YOLOX-nano', 11],
  ] as const) {
    it(`${name} finds at least ${min} of the 12 labelled persons (box IoU >= 0.5)`, async () => {
      const est = name === 'RTMDet-nano' ? topdown : topdownYolox;
      let found = 0;
      for (const [id, img] of images) {
        const { boxes } = await est.estimate(img);
        for (const b of boxes) {
          expect(b.score!).toBeGreaterThanOrEqual(0.3);
          expect(b.x1).toBeGreaterThanOrEqual(0);
          expect(b.x2).toBeLessThanOrEqual(img.width);
        }
        for (const a of labelled().filter((g) => g.image_id === id)) if (boxes.some((b) => iou(b, a.bbox) >= 0.5)) found++;
      }
      expect(found).toBeGreaterThanOrEqual(min);
    });
  }

  it('the skier (000000000785.jpg): one person, high OKS', async () => {
    const r = await topdown.estimate(images.get(785)!);
    expect(r.boxes.length).toBe(1);
    const a = gt.annotations.find((g) => g.image_id === 785)!;
    expect(cocoOks(r.poses[0]!.keypoints, { keypoints: a.keypoints, area: a.area, bbox: a.bbox }, getLayout('coco17').sigmas!)).toBeGreaterThan(0.9);
  });
});
