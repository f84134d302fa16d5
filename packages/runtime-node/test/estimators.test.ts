import { expect, it } from 'vitest';
import { getModelPreset, isPosekitError } from '@posekit/core';
import { createNodeBottomUp, createNodeOneStage, createNodeTopDown, loadImage } from '../src/index.js';
import { describeWithShared, sharedPath } from '../../../test-support/shared.js';

const POSE = 'models/ultralight-nano-simplepose_256x192.onnx';
const DET = 'models/rtmdet-nano_person_end2end.onnx';
const YOLO = 'models/yolo11n-pose_int8_640.onnx';
const IMG = 'data/mmpose-tests/coco/000000000785.jpg';

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (isPosekitError(e)) return e.code;
    throw e;
  }
  throw new Error('expected a PosekitError, but the call succeeded');
}

describeWithShared('Node factories', [POSE, DET, YOLO, IMG], () => {
  it('createNodeTopDown reports providers and attempts, estimates, and releases its sessions on dispose', async () => {
    const est = await createNodeTopDown({ detector: sharedPath(DET), pose: sharedPath(POSE), device: 'auto', session: { intraOpNumThreads: 1 } });
    expect(Object.keys(est.providers).sort()).toEqual(['detector', 'pose']);
    expect(est.attempts['pose']!.at(-1)!.ok).toBe(true);
    const r = await est.estimate(await loadImage(sharedPath(IMG)));
    expect(r.poses).toHaveLength(1);
    expect(r.poses[0]!.score).toBeGreaterThan(0.5);
    await est.dispose();
    await est.dispose(); // idempotent
    expect(await codeOf(est.estimate(await loadImage(sharedPath(IMG))))).toBe('E_STATE');
  });

  it('a model whose inputs do not match its spec -> E_MODEL_SPEC', async () => {
    // The SimplePose model as a detector, and the YOLO-pose model with the SimplePose spec.
    expect(await codeOf(createNodeTopDown({ detector: sharedPath(POSE), pose: sharedPath(POSE), device: 'cpu' }))).toBe('E_MODEL_SPEC');
    expect(await codeOf(createNodeOneStage({ model: sharedPath(YOLO), spec: 'ultralight-simplepose-256x192', device: 'cpu' }))).toBe('E_MODEL_SPEC');
    const wrongSize = { ...getModelPreset('ultralight-simplepose-256x192'), input: { ...getModelPreset('ultralight-simplepose-256x192').input, width: 256, height: 256 } };
    try {
      await createNodeTopDown({ pose: sharedPath(POSE), poseSpec: wrongSize, device: 'cpu' });
      throw new Error('no throw');
    } catch (e) {
      expect(isPosekitError(e, 'E_MODEL_SPEC')).toBe(true);
      expect((e as Error).message).toContain('[N, 3, 256, 256]');
      expect((e as Error).message).toContain('[1, 3, 256, 192]');
    }
    expect(await codeOf(createNodeBottomUp({ model: sharedPath(POSE), spec: 'openpose-coco18', device: 'cpu' }))).toBe('E_MODEL_SPEC');
  });

  it('missing / corrupt models and bad configs -> E_FILE_NOT_FOUND / E_MODEL_LOAD / E_ARGUMENT', async () => {
    expect(await codeOf(createNodeTopDown({ pose: '/nonexistent/pose.onnx' }))).toBe('E_FILE_NOT_FOUND');
    expect(await codeOf(createNodeOneStage({ model: new Uint8Array([1, 2, 3]), device: 'cpu' }))).toBe('E_MODEL_LOAD');
    expect(await codeOf(createNodeTopDown(undefined as never))).toBe('E_ARGUMENT');
    expect(await codeOf(createNodeOneStage({ model: sharedPath(YOLO), spec: 'no-such-preset' }))).toBe('E_ARGUMENT');
  });
});
