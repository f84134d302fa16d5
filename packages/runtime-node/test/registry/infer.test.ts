/** inferModelSpec on the real models of ../shared/models and on graphs of no known family. */
import { describe, expect, it } from 'vitest';
import { getModelPreset } from '@posekit/core';
import type { PoseSession } from '@posekit/core';
import { createSession } from '../../src/index.js';
import { familyOfSpec, inferModelSpec, layoutForKeypointCount } from '../../src/registry/index.js';
import { describeWithShared, sharedPath } from '../../../../test-support/shared.js';
import { buildConstModel } from '../support/onnx-builder.js';

const M = {
  pose: 'models/ultralight-nano-simplepose_256x192.onnx',
  rtmdet: 'models/rtmdet-nano_person_end2end.onnx',
  yolox: 'models/yolox_nano_416.onnx',
  yolo: 'models/yolo11n-pose_int8_640.onnx',
};

describeWithShared('inferModelSpec on the real models', Object.values(M), () => {
  it('each gets its preset back (names, sizes, kinds) and the right family', async () => {
    const cases: [string, string, string][] = [
      [M.pose, 'ultralight-simplepose-256x192', 'top-down'],
      [M.rtmdet, 'rtmdet-nano', 'detector'],
      [M.yolox, 'yolox-nano', 'detector'],
      [M.yolo, 'yolo11n-pose', 'one-stage'],
    ];
    for (const [file, preset, family] of cases) {
      const { session } = await createSession(sharedPath(file), { device: 'cpu' });
      try {
        const inf = inferModelSpec(session);
        expect(inf.family).toBe(family);
        expect(inf.spec).toEqual(getModelPreset(preset));
        expect(familyOfSpec(inf.spec)).toBe(family);
      } finally {
        await session.release();
      }
    }
  });
});

describe('inferModelSpec: graphs of no known family', () => {
  const fake = (outs: [string, (number | string)[]][]): PoseSession => ({
    run: async () => ({}),
    inputNames: ['x'],
    outputNames: outs.map((o) => o[0]),
    inputMetadata: [{ name: 'x', isTensor: true, type: 'float32', shape: [1, 3, 64, 64] }],
    outputMetadata: outs.map(([name, shape]) => ({ name, isTensor: true, type: 'float32', shape })),
  });
  it('E_MODEL_SPEC naming the outputs and asking for a spec', () => {
    for (const outs of [
      [['a', [1, 10]]],
      [['a', [1, 7, 7]]],
      [['a', [1, 4, 8, 8]], ['b', [1, 6, 8, 8]]],
      [['a', [1, 4, 8]], ['b', [1, 4, 8]]],
      [['a', [1, 4, 8, 8]], ['b', [1, 4, 8]], ['c', [1]]],
    ] as [string, (number | string)[]][][]) {
      expect(() => inferModelSpec(fake(outs))).toThrow(expect.objectContaining({ code: 'E_MODEL_SPEC', message: expect.stringMatching(/cannot tell the model family .*a \[1, .*pass a spec/) }));
    }
    expect(() => inferModelSpec({ ...fake([]), inputNames: [] })).toThrow(expect.objectContaining({ code: 'E_MODEL_SPEC' }));
  });
  it('keypoint layouts by count, and an unknown count leaves the layout out', async () => {
    expect(layoutForKeypointCount(17)).toBe('coco17');
    expect(layoutForKeypointCount(133)).toBe('coco_wholebody133');
    expect(layoutForKeypointCount(14)).toBe('crowdpose14');
    expect(layoutForKeypointCount(5)).toBeUndefined();
    const { session } = await createSession(buildConstModel({ inputName: 'img', height: 64, width: 48, batch: 1, outputs: [{ name: 'hm', dims: [5, 16, 12], data: new Float32Array(5 * 16 * 12) }] }), { device: 'cpu' });
    try {
      const inf = inferModelSpec(session);
      expect(inf.family).toBe('top-down');
      expect(inf.spec.input).toMatchObject({ name: 'img', width: 48, height: 64 });
      expect(inf.spec.output).toEqual({ kind: 'heatmap', name: 'hm', decoder: 'msra' });
      expect(inf.spec.keypointLayout).toBeUndefined();
    } finally {
      await session.release();
    }
  });
  it('familyOfSpec rejects an unknown output kind', () => {
    expect(() => familyOfSpec({ ...getModelPreset('rtmpose-t'), output: { kind: 'nope' } as never })).toThrow(expect.objectContaining({ code: 'E_MODEL_SPEC' }));
  });
});
