import { describe, expect, it } from 'vitest';
import { createOneStageEstimator, getModelPreset, isPosekitError } from '../../src/index.js';
import type { ImageLike } from '../../src/index.js';
import { fakeFixedModel, isDisposed, newCounters } from './fake-sessions.js';

// 1280x960 image -> 640 letterbox centred: r = 0.5, resized 640x480, padY = round(80 - 0.1) = 80.
const image: ImageLike = { data: new Uint8Array(1280 * 960 * 3), width: 1280, height: 960, channels: 3, order: 'rgb' };
const spec = getModelPreset('yolo11n-pose');

/** `[1, 56, A]` channel-major from rows `[cx, cy, w, h, s, (x, y, v) × 17]`. */
function yoloOutput(rows: number[][], a: number): { data: Float32Array; dims: number[] } {
  const d = new Float32Array(56 * a);
  rows.forEach((r, i) => r.forEach((v, c) => (d[c * a + i] = v)));
  return { data: d, dims: [1, 56, a] };
}
function row(cx: number, cy: number, w: number, h: number, s: number): number[] {
  const r = [cx, cy, w, h, s];
  for (let k = 0; k < 17; k++) r.push(cx + k, cy, 0.5 + k / 100);
  return r;
}

describe('createOneStageEstimator', () => {
  it('threshold, box NMS 0.7, letterbox undone and clipped, tensors released', async () => {
    const rows = [
      row(100, 180, 40, 80, 0.9),
      row(101, 181, 40, 80, 0.8), // IoU with the first ~0.95 -> suppressed
      row(300, 300, 50, 50, 0.5),
      row(630, 300, 40, 40, 0.25), // not > 0.25
      row(5, 90, 20, 30, 0.6), // crosses the left edge and the top padding: clipped to the image
    ];
    const c = newCounters();
    const est = createOneStageEstimator({ session: fakeFixedModel(c, ['images', [1, 3, 640, 640]], { output0: yoloOutput(rows, 8400) }), spec });
    const r = await est.estimate(image);
    expect(r.poses.map((p) => p.score)).toEqual([0.9, 0.6, 0.5].map(Math.fround));
    const b = r.boxes[0]!;
    expect([b.x1, b.y1, b.x2, b.y2]).toEqual([(80 - 0) / 0.5, (140 - 80) / 0.5, 120 / 0.5, (220 - 80) / 0.5]);
    const kp = r.poses[0]!.keypoints;
    expect([kp[0], kp[1], kp[2]]).toEqual([200, 200, Math.fround(0.5)]);
    expect(kp[3 * 16]).toBeCloseTo((100 + 16) / 0.5, 4);
    const clipped = r.boxes[1]!;
    expect([clipped.x1, clipped.y1]).toEqual([0, 0]);
    expect(r.poses[1]!.box).toBe(clipped);
    expect(r.poses[0]!.layout).toBe('coco17');
    expect(c.outputsDisposed).toBe(c.outputs);
    expect(isDisposed(c.inputs[0]!)).toBe(true);

    const mm = createOneStageEstimator({
      session: fakeFixedModel(newCounters(), ['images', [1, 3, 640, 640]], { output0: yoloOutput(rows, 8400) }),
      spec,
      options: { instanceScore: 'box×keypoints', scoreThreshold: 0.55, nmsIou: 0.99 },
    });
    const r2 = await mm.estimate(image);
    expect(r2.poses).toHaveLength(3);
    const meanKp = Array.from({ length: 17 }, (_, k) => Math.fround(0.5 + k / 100)).reduce((s, v) => s + v, 0) / 17;
    expect(r2.poses[0]!.score).toBeCloseTo(0.9 * meanKp, 5);
    await est.dispose();
    try {
      await est.estimate(image);
      throw new Error('no throw');
    } catch (e) {
      expect(isPosekitError(e, 'E_STATE')).toBe(true);
    }
  });

  it('no row above the threshold -> no poses', async () => {
    const est = createOneStageEstimator({ session: fakeFixedModel(newCounters(), ['images', [1, 3, 640, 640]], { output0: yoloOutput([], 8400) }), spec });
    const r = await est.estimate(image);
    expect(r.poses).toEqual([]);
    expect(r.boxes).toEqual([]);
  });

  it('wrong kinds -> E_MODEL_SPEC', () => {
    const s = fakeFixedModel(newCounters(), ['images', [1, 3, 640, 640]], { output0: yoloOutput([], 10) });
    for (const bad of [getModelPreset('ultralight-simplepose-256x192'), { ...spec, crop: { mode: 'affine', padding: 1.25, fixAspectRatio: true } as const }]) {
      try {
        createOneStageEstimator({ session: s, spec: bad });
        throw new Error('no throw');
      } catch (e) {
        expect(isPosekitError(e, 'E_MODEL_SPEC')).toBe(true);
      }
    }
  });
});
