import { describe, expect, it } from 'vitest';
import { createTopDownEstimator, getModelPreset, isPosekitError } from '../../src/index.js';
import type { ImageLike } from '../../src/index.js';
import { Tensor } from 'onnxruntime-common';
import type { PoseSession } from '../../src/index.js';
import { fakeEnd2EndDetector, fakeHeatmapModel, isDisposed, newCounters } from './fake-sessions.js';

/** An RTMPose-style SimCC model (dynamic batch): peaks at x bin `bx` (of 384) and y bin `by` (of 512). */
function fakeSimcc(bx: number, by: number, disposed: { n: number }): PoseSession {
  const shape = (l: number): (number | string)[] => ['batch', 17, l];
  return {
    inputNames: ['input'],
    outputNames: ['simcc_x', 'simcc_y'],
    inputMetadata: [{ name: 'input', isTensor: true, type: 'float32', shape: ['batch', 3, 256, 192] }],
    outputMetadata: [
      { name: 'simcc_x', isTensor: true, type: 'float32', shape: shape(384) },
      { name: 'simcc_y', isTensor: true, type: 'float32', shape: shape(512) },
    ],
    async run(feeds) {
      const n = feeds['input']!.dims[0]!;
      const x = new Float32Array(n * 17 * 384);
      const y = new Float32Array(n * 17 * 512);
      for (let i = 0; i < n * 17; i++) {
        x[i * 384 + bx] = 0.7;
        y[i * 512 + by] = 0.6;
      }
      const tx = new Tensor('float32', x, [n, 17, 384]);
      const ty = new Tensor('float32', y, [n, 17, 512]);
      for (const t of [tx, ty]) {
        const d = t.dispose.bind(t);
        t.dispose = () => {
          disposed.n++;
          d();
        };
      }
      return { simcc_x: tx, simcc_y: ty };
    },
  };
}

const image: ImageLike = { data: new Uint8Array(640 * 480 * 3).fill(90), width: 640, height: 480, channels: 3, order: 'rgb' };
const pose = getModelPreset('ultralight-simplepose-256x192');
const det = getModelPreset('rtmdet-nano');

async function codeOf(p: Promise<unknown> | (() => unknown)): Promise<string> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    if (isPosekitError(e)) return e.code;
    throw e;
  }
  throw new Error('expected a PosekitError');
}

// Box (100, 50)-(200, 250): centre (150, 150), scale ×1.25 = (125, 250), aspect fixed to 3:4 -> (187.5, 250).
// Heatmap peak at cell (12, 40) with zero neighbours -> no quarter shift -> input (48, 160) ->
// image (48/192 · 187.5 + 150 − 93.75, 160/256 · 250 + 150 − 125) = (103.125, 181.25).
const EXPECTED = [103.125, 181.25];

describe('createTopDownEstimator', () => {
  for (const dynamic of [true, false]) {
    it(`detector boxes -> crops -> decode -> image pixels (${dynamic ? 'one batched run' : 'one run per person'})`, async () => {
      const c = newCounters();
      const dc = newCounters();
      // Letterbox 640x480 -> 320x240 (scale 0.5): the input box (50, 25)-(100, 125) is (100, 50)-(200, 250) in the image.
      const dets = [
        [50, 25, 100, 125, 0.8],
        [150, 25, 200, 125, 0.6],
        [0, 0, 10, 10, 0.2], // under the 0.3 threshold
      ];
      const est = createTopDownEstimator({
        detector: { session: fakeEnd2EndDetector(dc, dets), spec: det },
        pose: { session: fakeHeatmapModel(c, { dynamic, px: 12, py: 40, peak: 0.9 }), spec: pose },
      });
      const r = await est.estimate(image);
      expect(r.boxes).toHaveLength(2);
      expect(r.boxes[0]).toEqual({ x1: 100, y1: 50, x2: 200, y2: 250, score: Math.fround(0.8), label: 0 });
      expect(c.batches).toEqual(dynamic ? [2] : [1, 1]);
      expect(r.poses).toHaveLength(2);
      const p = r.poses[0]!;
      expect(p.layout).toBe('coco17');
      expect(p.box).toBe(r.boxes[0]);
      for (let k = 0; k < 17; k++) {
        expect(p.keypoints[3 * k]).toBeCloseTo(EXPECTED[0]!, 4);
        expect(p.keypoints[3 * k + 1]).toBeCloseTo(EXPECTED[1]!, 4);
        expect(p.keypoints[3 * k + 2]).toBeCloseTo(0.9, 6);
      }
      // CocoMetric instance score: box score × mean keypoint score.
      expect(p.score).toBeCloseTo(0.8 * 0.9, 6);
      expect(r.poses[1]!.score).toBeCloseTo(0.6 * 0.9, 6);
      expect(r.poses[1]!.keypoints[0]).toBeCloseTo(EXPECTED[0]! + 200, 4);
      // No leaks: every output tensor was disposed, every input tensor released.
      expect(c.outputsDisposed).toBe(c.outputs);
      expect(dc.outputsDisposed).toBe(dc.outputs);
      for (const t of [...c.inputs, ...dc.inputs]) expect(isDisposed(t)).toBe(true);
      const t = r.timings;
      expect(t.totalMs).toBeGreaterThanOrEqual(t.preprocessMs + t.inferenceMs + t.postprocessMs - 1e-6);
      await est.dispose();
      expect(await codeOf(est.estimate(image))).toBe('E_STATE');
    });
  }

  it('given boxes skip the detector; no detector and no boxes = the whole image; zero boxes = no poses', async () => {
    const c = newCounters();
    const dc = newCounters();
    const est = createTopDownEstimator({
      detector: { session: fakeEnd2EndDetector(dc, []), spec: det },
      pose: { session: fakeHeatmapModel(c, { dynamic: true, px: 12, py: 40, peak: 0.5 }), spec: pose },
    });
    const r = await est.estimate(image, { boxes: [{ x1: 100, y1: 50, x2: 200, y2: 250 }] });
    expect(dc.runs).toBe(0);
    expect(r.poses[0]!.keypoints[0]).toBeCloseTo(EXPECTED[0]!, 4);
    expect(r.poses[0]!.score).toBeCloseTo(0.5, 6); // a box without score counts as 1
    // Canvas-style RGBA input works the same.
    const rgba: ImageLike = { data: new Uint8ClampedArray(640 * 480 * 4).fill(90), width: 640, height: 480, channels: 4, order: 'rgba' };
    const r4 = await est.estimate(rgba, { boxes: [{ x1: 100, y1: 50, x2: 200, y2: 250 }] });
    expect(Array.from(r4.poses[0]!.keypoints)).toEqual(Array.from(r.poses[0]!.keypoints));
    const none = await est.estimate(image);
    expect(none.poses).toEqual([]);
    expect(none.boxes).toEqual([]);
    const whole = createTopDownEstimator({ pose: { session: fakeHeatmapModel(newCounters(), { dynamic: false, px: 24, py: 32, peak: 1 }), spec: pose } });
    const w = await whole.estimate(image);
    expect(w.boxes).toEqual([{ x1: 0, y1: 0, x2: 640, y2: 480, score: 1 }]);
  });

  it('SimCC pose model (RTMPose conventions): bins / split ratio -> input px -> image px; score = min of both maxima', async () => {
    const disposed = { n: 0 };
    const est = createTopDownEstimator({ pose: { session: fakeSimcc(96, 320, disposed), spec: getModelPreset('rtmpose-m') } });
    const r = await est.estimate(image, { boxes: [{ x1: 100, y1: 50, x2: 200, y2: 250, score: 1 }, { x1: 300, y1: 50, x2: 400, y2: 250, score: 1 }] });
    expect(r.poses).toHaveLength(2);
    const kp = r.poses[0]!.keypoints;
    expect(kp[0]).toBeCloseTo(EXPECTED[0]!, 4);
    expect(kp[1]).toBeCloseTo(EXPECTED[1]!, 4);
    expect(kp[2]).toBeCloseTo(0.6, 6);
    expect(disposed.n).toBe(2);
    const flip = createTopDownEstimator({ pose: { session: fakeSimcc(96, 320, disposed), spec: getModelPreset('rtmpose-m') }, options: { flipTest: true } });
    const f = await flip.estimate(image, { boxes: [{ x1: 100, y1: 50, x2: 200, y2: 250, score: 1 }] });
    // x bin 96 mirrors to 383 - 96 = 287: two half-height peaks, the first (96) wins; y unchanged.
    expect(f.poses[0]!.keypoints[0]).toBeCloseTo(EXPECTED[0]!, 4);
    expect(f.poses[0]!.keypoints[2]).toBeCloseTo(0.35, 6);
  });

  it('flip test doubles the runs and averages flipped-back heatmaps (a centred peak stays put)', async () => {
    const c = newCounters();
    // Column 24 of 48 mirrors to column 23: the average has two equal peaks -> first-index argmax at 23,
    // quarter shift towards 24 -> 23.25.
    const est = createTopDownEstimator({
      pose: { session: fakeHeatmapModel(c, { dynamic: true, px: 24, py: 40, peak: 0.8 }), spec: pose },
      options: { flipTest: true },
    });
    const r = await est.estimate(image, { boxes: [{ x1: 100, y1: 50, x2: 200, y2: 250, score: 1 }] });
    expect(c.runs).toBe(2);
    const kp = r.poses[0]!.keypoints;
    expect(kp[2]).toBeCloseTo(0.4, 6);
    expect(kp[0]).toBeCloseTo((23.25 * 4) / 192 * 187.5 + 150 - 93.75, 3);
    expect(c.outputsDisposed).toBe(c.outputs);
  });

  it('OKS-NMS removes a duplicate pose', async () => {
    const est = createTopDownEstimator({
      pose: { session: fakeHeatmapModel(newCounters(), { dynamic: true, px: 12, py: 40, peak: 0.9 }), spec: pose },
      options: { oksNmsThreshold: 0.9 },
    });
    const box = { x1: 100, y1: 50, x2: 200, y2: 250, score: 0.9 };
    const r = await est.estimate(image, { boxes: [box, { ...box, score: 0.5 }, { x1: 400, y1: 50, x2: 500, y2: 250, score: 0.7 }] });
    expect(r.poses.map((p) => p.box!.score)).toEqual([0.9, 0.7]);
  });

  it('bad inputs: wrong spec kind / names -> E_MODEL_SPEC; bad image -> image codes; bad boxes -> E_NONFINITE / E_RANGE', async () => {
    const s = fakeHeatmapModel(newCounters(), { dynamic: true, px: 1, py: 1, peak: 1 });
    expect(await codeOf(() => createTopDownEstimator({ pose: { session: s, spec: getModelPreset('yolo11n-pose') } }))).toBe('E_MODEL_SPEC');
    expect(await codeOf(() => createTopDownEstimator({ pose: { session: s, spec: { ...pose, input: { ...pose.input, name: 'images' } } } }))).toBe('E_MODEL_SPEC');
    expect(await codeOf(() => createTopDownEstimator({ pose: { session: s, spec: { ...pose, input: { ...pose.input, width: 256, height: 256 } } } }))).toBe('E_MODEL_SPEC');
    expect(await codeOf(() => createTopDownEstimator({ pose: { session: s, spec: pose }, detector: { session: s, spec: pose } }))).toBe('E_MODEL_SPEC');
    expect(await codeOf(() => createTopDownEstimator(null as never))).toBe('E_ARGUMENT');
    const est = createTopDownEstimator({ pose: { session: s, spec: pose } });
    expect(await codeOf(est.estimate({ ...image, width: 0 }))).toBe('E_IMAGE_SIZE');
    expect(await codeOf(est.estimate({ ...image, data: new Uint8Array(5) }))).toBe('E_SHAPE');
    expect(await codeOf(est.estimate(image, { boxes: [{ x1: NaN, y1: 0, x2: 1, y2: 1 }] }))).toBe('E_NONFINITE');
    expect(await codeOf(est.estimate(image, { boxes: [{ x1: 10, y1: 10, x2: 10, y2: 10 }] }))).toBe('E_RANGE');
  });
});
