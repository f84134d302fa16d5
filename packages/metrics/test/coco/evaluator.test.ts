import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedPath, describeWithShared } from '../../../../test-support/shared.js';
import { CocoKeypointsEvaluator, evaluateKeypoints, formatSummary, loadCocoDataset } from '../../src/index.js';
import { gtDict, person, personKps, shifted } from './helpers.js';

const det = (imageId: number, kps: number[], score: number, categoryId = 1): Record<string, unknown> => ({ image_id: imageId, category_id: categoryId, keypoints: kps, score });

describe('evaluateKeypoints: pycocotools semantics', () => {
  it('a perfect detection gives 1 everywhere there is a GT and -1 for the empty large range', () => {
    const gt = gtDict([1], [person(1, 1, 100, 100, 50, 120)]); // area 6000: medium
    const e = evaluateKeypoints(gt, [det(1, personKps(100, 100, 50, 120), 0.9)]);
    // One TP: precision = 1 / (1 + eps) = 0.9999999999999998, exactly as pycocotools.
    expect(e.stats.map((s) => Math.round(s * 1e12) / 1e12)).toEqual([1, 1, 1, 1, -1, 1, 1, 1, 1, -1]);
    expect(e.precision.data[0]).toBe(1 / (1 + 2.220446049250313e-16));
    expect(e.stats[5]).toBe(1);
    expect(e.statsNames[0]).toBe('AP');
    expect(e.precision.dims).toEqual([10, 101, 1, 3, 1]);
    expect(e.recall.dims).toEqual([10, 1, 3, 1]);
  });

  it('an empty results list means no detections: AP = AR = 0 (pycocotools would raise)', () => {
    const gt = gtDict([1], [person(1, 1, 100, 100, 50, 120)]);
    const e = evaluateKeypoints(gt, []);
    expect(e.stats).toEqual([0, 0, 0, 0, -1, 0, 0, 0, 0, -1]);
  });

  it('crowd GTs absorb any number of detections, which are then ignored', () => {
    const crowdKps = new Array(51).fill(0);
    const gt = gtDict([1], [
      person(1, 1, 300, 100, 60, 150),
      { id: 2, image_id: 1, iscrowd: 1, keypoints: crowdKps, num_keypoints: 0, area: 20000, bbox: [0, 0, 200, 100] },
    ]);
    const dts = [
      det(1, personKps(300, 100, 60, 150), 0.5),
      det(1, personKps(20, 10, 60, 60), 0.9), // inside the crowd box
      det(1, personKps(80, 20, 60, 60), 0.8), // inside the crowd box too
    ];
    const e = evaluateKeypoints(gt, dts);
    expect(e.stats[0]).toBeCloseTo(1, 12);
    const im = e.evalImg(1, 1, 'all')!;
    expect(im.gtIds).toEqual([1, 2]); // ignored (crowd) last
    expect(im.dtIds).toEqual([2, 3, 1]); // score order
    expect(Array.from(im.dtMatches.data.subarray(0, 3))).toEqual([2, 2, 1]);
    expect(Array.from(im.dtIgnore.data.subarray(0, 3))).toEqual([1, 1, 0]);
    expect(im.gtIgnore).toEqual([0, 1]);
  });

  it('a num_keypoints == 0 GT is ignored: a detection on it is neither TP nor FP', () => {
    const g = person(2, 1, 10, 10, 50, 120, { num_keypoints: 0 });
    const gt = gtDict([1], [person(1, 1, 300, 100, 50, 120), g]);
    const with0 = evaluateKeypoints(gt, [det(1, personKps(300, 100, 50, 120), 0.5), det(1, personKps(10, 10, 50, 120), 0.9)]);
    expect(with0.stats[0]).toBeCloseTo(1, 12);
    expect(with0.evalImg(1, 1)!.gtIgnore).toEqual([0, 1]);
  });

  it('tied scores across images are ordered by image id (stable mergesort of the concatenation)', () => {
    const mk = (tpImage: number): number => {
      const gt = gtDict([1, 2], [person(1, tpImage, 100, 100, 50, 120)]);
      const fpImage = tpImage === 1 ? 2 : 1;
      return evaluateKeypoints(gt, [det(fpImage, personKps(400, 300, 50, 120), 0.5), det(tpImage, personKps(100, 100, 50, 120), 0.5)]).stats[1]!;
    };
    expect(mk(2)).toBe(0.5); // FP (image 1) comes first: precision 0.5 at every recall
    expect(mk(1)).toBeCloseTo(1, 12); // TP (image 1) first
  });

  it('tied scores within an image keep list order', () => {
    const gt = gtDict([1], [person(1, 1, 100, 100, 50, 120)]);
    const e = evaluateKeypoints(gt, [det(1, personKps(400, 300, 50, 120), 0.5), det(1, personKps(100, 100, 50, 120), 0.5), det(1, personKps(100, 100, 50, 120), 0.7)]);
    expect(e.evalImg(1, 1)!.dtIds).toEqual([3, 1, 2]);
  });

  it('only the top 20 detections of an image count (cut before matching)', () => {
    const gt = gtDict([1], [person(1, 1, 100, 100, 50, 120)]);
    const dts = Array.from({ length: 20 }, (_v, i) => det(1, personKps(300 + i, 300, 20, 20), 0.9));
    dts.push(det(1, personKps(100, 100, 50, 120), 0.1));
    const e = evaluateKeypoints(gt, dts);
    expect(e.stats[0]).toBe(0);
    expect(e.evalImg(1, 1)!.dtIds).toHaveLength(20);
  });

  it('area bounds are inclusive: 9216 is both medium and large', () => {
    const gt = gtDict([1], [person(1, 1, 100, 100, 96, 96)]); // area 9216
    const e = evaluateKeypoints(gt, [det(1, personKps(100, 100, 96, 96), 0.9)]);
    expect(e.stats[3]).toBeCloseTo(1, 12);
    expect(e.stats[4]).toBeCloseTo(1, 12);
    expect(e.stats[8]).toBe(1);
    expect(e.stats[9]).toBe(1);
  });

  it('absent categories stay -1 and are left out of the means', () => {
    const gt = gtDict([1], [person(1, 1, 100, 100, 50, 120)], [1, 2]);
    const e = evaluateKeypoints(gt, [det(1, personKps(100, 100, 50, 120), 0.9), det(1, personKps(300, 100, 50, 120), 0.9, 2)]);
    expect(e.precision.dims[2]).toBe(2);
    const [T, R, K, A, M] = e.precision.dims;
    let allMinus = true;
    for (let t = 0; t < T; t++) for (let r = 0; r < R; r++) for (let a = 0; a < A; a++) {
      if (e.precision.data[(((t * R + r) * K + 1) * A + a) * M]! !== -1) allMinus = false;
    }
    expect(allMinus).toBe(true);
    expect(e.stats[0]).toBeCloseTo(1, 12);
  });

  it('useCats = false reproduces pycocotools (nothing matches); useCats0Oks corrects it', () => {
    const gt = gtDict([1], [person(1, 1, 100, 100, 50, 120)]);
    const dts = [det(1, personKps(100, 100, 50, 120), 0.9)];
    expect(evaluateKeypoints(gt, dts, { useCats: false }).stats[0]).toBe(0);
    expect(evaluateKeypoints(gt, dts, { useCats: false, useCats0Oks: true }).stats[0]).toBeCloseTo(1, 12);
    expect(evaluateKeypoints(gt, dts, { useCats: false }).evalImg(1, -1)).not.toBeNull();
  });

  it('imgIds / catIds restrict the evaluation; results for categories not in the GT are ignored', () => {
    const gt = gtDict([1, 2], [person(1, 1, 100, 100, 50, 120), person(2, 2, 100, 100, 50, 120)]);
    const dts = [det(1, personKps(100, 100, 50, 120), 0.9), det(2, personKps(400, 300, 50, 120), 0.8), det(1, personKps(100, 100, 50, 120), 0.95, 7)];
    const all = evaluateKeypoints(gt, dts);
    expect(all.stats[6]).toBe(0.5);
    const only1 = evaluateKeypoints(gt, dts, { imgIds: [1] });
    expect(only1.stats[6]).toBe(1);
    expect(only1.params.imgIds).toEqual([1]);
    expect(only1.evalImg(2, 1)).toBeNull();
    expect(evaluateKeypoints(gt, dts, { catIds: [3] }).stats).toEqual(new Array(10).fill(-1));
  });

  it('OKS matrices per (image, category): rows in score order, columns in annotation order', () => {
    const gt = gtDict([1], [person(1, 1, 100, 100, 50, 120), person(2, 1, 300, 100, 50, 120)]);
    const e = evaluateKeypoints(gt, [det(1, personKps(300, 100, 50, 120), 0.4), det(1, shifted(personKps(100, 100, 50, 120), 2, 1), 0.8)]);
    const m = e.ious(1, 1)!;
    expect(m.dtIds).toEqual([2, 1]);
    expect(m.gtIds).toEqual([1, 2]);
    expect(m.oks.dims).toEqual([2, 2]);
    expect(m.oks.data[1]! < 1e-3 && m.oks.data[0]! > 0.9 && m.oks.data[3] === 1).toBe(true);
    expect(e.ious(9, 1)).toBeNull();
  });

  it('custom sigmas and keypoint counts (CrowdPose-14); sigma/keypoint mismatch -> E_LAYOUT_MISMATCH', () => {
    const k14 = (x: number, y: number): number[] => Array.from({ length: 14 }, (_v, i) => [x + (i % 4) * 10, y + Math.floor(i / 4) * 25, 2]).flat();
    const gt = {
      images: [{ id: 1 }],
      categories: [{ id: 1, name: 'person' }],
      annotations: [{ id: 1, image_id: 1, category_id: 1, keypoints: k14(100, 100), num_keypoints: 14, area: 5000, bbox: [95, 95, 45, 110] }],
    };
    const sig = [0.079, 0.079, 0.072, 0.072, 0.062, 0.062, 0.107, 0.107, 0.087, 0.087, 0.089, 0.089, 0.079, 0.079];
    const e = evaluateKeypoints(gt, [det(1, k14(101, 100), 0.9)], { sigmas: sig });
    expect(e.stats[0]).toBeGreaterThan(0.5);
    expect(() => evaluateKeypoints(gt, [det(1, k14(101, 100), 0.9)])).toThrow(expect.objectContaining({ code: 'E_LAYOUT_MISMATCH' }));
  });

  it('per-keypoint AP: each keypoint evaluated alone', () => {
    const gt = gtDict([1], [person(1, 1, 100, 100, 50, 120)]);
    const kps = personKps(100, 100, 50, 120);
    kps[3 * 5] += 40; // keypoint 5 far off
    const e = evaluateKeypoints(gt, [det(1, kps, 0.9)], { perKeypoint: true });
    const pk = e.perKeypoint!;
    expect(pk.names[0]).toBe('kp0');
    expect(pk.ap).toHaveLength(17);
    expect(pk.ap[5]).toBe(0);
    expect(pk.ap.filter((a, i) => i !== 5 && Math.abs(a - 1) < 1e-12)).toHaveLength(16);
    expect(pk.stats[0]).toHaveLength(10);
  });

  it('the evaluator exposes the stages; results before they ran are an E_STATE error', () => {
    const gt = loadCocoDataset(gtDict([1], [person(1, 1, 100, 100, 50, 120)]));
    const E = new CocoKeypointsEvaluator(gt, [det(1, personKps(100, 100, 50, 120), 0.9)]);
    expect(() => E.stats).toThrow(expect.objectContaining({ code: 'E_STATE' }));
    E.evaluate();
    expect(() => E.precision).toThrow(expect.objectContaining({ code: 'E_STATE' }));
    E.accumulate();
    expect(E.precision.data[0]).toBeCloseTo(1, 12);
    expect(E.summarize()[0]).toBeCloseTo(1, 12);
    expect(E.evalImgs()).toHaveLength(3);
    expect(E.timings.evaluateMs).toBeGreaterThanOrEqual(0);
  });
});

describe('formatSummary', () => {
  it('prints the pycocotools lines exactly', () => {
    const lines = formatSummary([0.38686064909882045, 0.6238735819961483, 0.42188854663446745, 0.3901133111200296, 0.42783569526465354, 0.609492364836979, 0.8948961342688128, 0.6673545191910855, 0.6214596273291925, -1]).split('\n');
    expect(lines).toHaveLength(10);
    expect(lines[0]).toBe(' Average Precision  (AP) @[ IoU=0.50:0.95 | area=   all | maxDets= 20 ] = 0.387');
    expect(lines[1]).toBe(' Average Precision  (AP) @[ IoU=0.50      | area=   all | maxDets= 20 ] = 0.624');
    expect(lines[4]).toBe(' Average Precision  (AP) @[ IoU=0.50:0.95 | area= large | maxDets= 20 ] = 0.428');
    expect(lines[8]).toBe(' Average Recall     (AR) @[ IoU=0.50:0.95 | area=medium | maxDets= 20 ] = 0.621');
    expect(lines[9]).toBe(' Average Recall     (AR) @[ IoU=0.50:0.95 | area= large | maxDets= 20 ] = -1.000');
  });
  it('rounds exact ties half to even as Python does', () => {
    const line = formatSummary([0.0625, 0.3125, 0.5625, 0.1875, 0, 0, 0, 0, 0, 0]).split('\n');
    expect(line[0]!.endsWith('= 0.062')).toBe(true);
    expect(line[1]!.endsWith('= 0.312')).toBe(true);
    expect(line[2]!.endsWith('= 0.562')).toBe(true);
    expect(line[3]!.endsWith('= 0.188')).toBe(true);
  });
  it('rejects a wrong number of stats', () => {
    expect(() => formatSummary([1, 2])).toThrow(expect.objectContaining({ code: 'E_SHAPE' }));
  });
});

describeWithShared('real data: mmpose-tests/coco/test_coco.json evaluated against itself', ['data/mmpose-tests/coco/test_coco.json'], () => {
  it('GT keypoints as detections give AP = AR = 1 in every range', () => {
    const text = readFileSync(sharedPath('data/mmpose-tests/coco/test_coco.json'), 'utf8');
    const gt = loadCocoDataset(text, { file: 'test_coco.json' });
    const raw = JSON.parse(text) as { annotations: { image_id: number; category_id: number; keypoints: number[]; num_keypoints: number }[] };
    const results = raw.annotations.filter((a) => a.num_keypoints > 0).map((a) => ({ image_id: a.image_id, category_id: a.category_id, keypoints: a.keypoints, score: 1 }));
    const e = evaluateKeypoints(gt, results, { perKeypoint: true });
    expect(e.stats).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
    expect(e.perKeypoint!.names[0]).toBe('nose');
    // A keypoint labelled in every person scores 1; elsewhere the copied (0, 0) points of unlabelled
    // keypoints are false positives of that keypoint's own evaluation (see the per-keypoint definition).
    const labelled = raw.annotations.filter((a) => a.num_keypoints > 0);
    e.perKeypoint!.ap.forEach((ap, j) => {
      const everywhere = labelled.every((a) => a.keypoints[3 * j + 2]! > 0);
      if (everywhere) expect(ap).toBe(1);
      else expect(ap > 0.8 && ap <= 1).toBe(true);
    });
  });
});
