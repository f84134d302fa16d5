/**
 * Worker mode end to end in Node: the page side (createWorkerEstimator) and the worker side (serveEstimator)
 * over a real MessageChannel, the estimator built by core on onnxruntime-node sessions of the real models
 * (onnxruntime-web's WebGPU build does not run in Node; the browser run is in e2e/run.ts).
 */
import { createTopDownEstimator, getModelPreset } from '@posekit/core';
import type { ImageLike } from '@posekit/core';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { rejectedCode } from '../../../../test-support/errors.js';
import { describeWithShared, sharedPath } from '../../../../test-support/shared.js';
import type { WebEstimatorConfig } from '../../src/estimator.js';
import { createWorkerEstimator } from '../../src/worker/client.js';
import { type EstimatorBuilder, serveEstimator } from '../../src/worker/host.js';
import { type MessageEndpoint, WORKER_PROTOCOL_VERSION, type WorkerResponse } from '../../src/worker/protocol.js';

const DET = 'models/rtmdet-nano_person_end2end.onnx';
const POSE = 'models/ultralight-nano-simplepose_256x192.onnx';

/** The host's builder with onnxruntime-node sessions (model "URLs" are paths inside the shared folder). */
const nodeBuild: EstimatorBuilder = async (config) => {
  if (config.kind !== 'top-down') throw new Error('this test builds top-down only');
  const detSpec = typeof config.detector.spec === 'string' ? getModelPreset(config.detector.spec) : config.detector.spec;
  const poseSpec = typeof config.pose.spec === 'string' ? getModelPreset(config.pose.spec) : config.pose.spec;
  const det = await ort.InferenceSession.create(sharedPath(String(config.detector.model)));
  const pose = await ort.InferenceSession.create(sharedPath(String(config.pose.model)));
  const estimator = createTopDownEstimator({ detector: { session: det, spec: detSpec }, pose: { session: pose, spec: poseSpec } });
  const report = { provider: 'cpu' as never, attempts: [] };
  return { estimator, sessions: { detector: report, pose: report }, release: async () => Promise.all([det.release(), pose.release()]).then(() => undefined) };
};

const config: WebEstimatorConfig = { kind: 'top-down', detector: { model: DET, spec: 'rtmdet-nano' }, pose: { model: POSE, spec: 'ultralight-simplepose-256x192' } };

/** A smooth synthetic RGBA image (deterministic). */
function synthetic(w: number, h: number): ImageLike {
  const data = new Uint8Array(w * h * 4);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = 4 * (y * w + x);
      data[i] = (x * 255) / w;
      data[i + 1] = (y * 255) / h;
      data[i + 2] = ((x + y) * 97) & 0xff;
      data[i + 3] = 255;
    }
  }
  return { data, width: w, height: h, channels: 4, order: 'rgba' };
}

function channel(): { page: MessageEndpoint; worker: MessageEndpoint; close: () => void } {
  const { port1, port2 } = new MessageChannel();
  return { page: port1 as unknown as MessageEndpoint, worker: port2 as unknown as MessageEndpoint, close: () => (port1.close(), port2.close()) };
}

describeWithShared('worker mode over a MessageChannel (real models, onnxruntime-node)', [DET, POSE], () => {
  const ch = channel();
  let stop: () => void;
  const boxes = [{ x1: 20, y1: 10, x2: 180, y2: 300, score: 0.9 }];
  const image = synthetic(240, 320);

  beforeAll(() => {
    stop = serveEstimator(ch.worker, { build: nodeBuild });
  });
  afterAll(() => {
    stop();
    ch.close();
  });

  it('estimate() in the worker == the same estimator called directly (options travel, results come back)', async () => {
    const est = await createWorkerEstimator(config, { worker: ch.page, terminateOnDispose: false });
    expect(est.sessions.pose.provider).toBe('cpu');
    const direct = await nodeBuild(config);
    const viaWorker = await est.estimate(image, { boxes });
    const ref = await direct.estimator.estimate(image, { boxes });
    expect(viaWorker.poses.length).toBe(1);
    expect(viaWorker.poses[0]!.keypoints).toBeInstanceOf(Float32Array);
    expect(Array.from(viaWorker.poses[0]!.keypoints)).toEqual(Array.from(ref.poses[0]!.keypoints));
    expect(viaWorker.poses[0]!.score).toBe(ref.poses[0]!.score);
    expect(viaWorker.boxes).toEqual(ref.boxes);
    expect(viaWorker.timings.totalMs).toBeGreaterThan(0);

    // The caller's pixels are copied by default, moved with transfer: true.
    const mine = synthetic(240, 320);
    await est.estimate(mine, { boxes });
    expect(mine.data.byteLength).toBe(240 * 320 * 4);
    await est.estimate(mine, { boxes, transfer: true });
    expect(mine.data.byteLength).toBe(0);

    // Core's error for a bad image crosses the boundary with the same code as in a direct call.
    const bad: ImageLike = { data: new Uint8Array(0), width: 0, height: 0, channels: 4, order: 'rgba' };
    const directCode = await rejectedCode(direct.estimator.estimate(bad));
    expect(directCode).toBeDefined();
    expect(await rejectedCode(est.estimate(bad))).toBe(directCode);

    await est.dispose();
    await est.dispose();
    expect(await rejectedCode(est.estimate(image))).toBe('E_STATE');
    await direct.estimator.dispose();
    await direct.release();
  });

  it('a failing init rejects createWorkerEstimator with the worker-side code (unknown preset -> E_ARGUMENT)', async () => {
    const c2 = channel();
    const stop2 = serveEstimator(c2.worker, { build: nodeBuild });
    const bad: WebEstimatorConfig = { ...config, pose: { model: POSE, spec: 'no-such-preset' } } as WebEstimatorConfig;
    expect(await rejectedCode(createWorkerEstimator(bad, { worker: c2.page, terminateOnDispose: false }))).toBe('E_ARGUMENT');
    stop2();
    c2.close();
  });

  it('raw protocol: estimate before init, version mismatch, double init, unknown request', async () => {
    const c3 = channel();
    const stop3 = serveEstimator(c3.worker, { build: nodeBuild });
    const replies: WorkerResponse[] = [];
    const got = new Promise<void>((resolve) => {
      c3.page.addEventListener('message', (ev) => {
        replies.push((ev as MessageEvent).data as WorkerResponse);
        if (replies.length === 6) resolve();
      });
    });
    c3.page.start?.();
    c3.page.postMessage({ type: 'estimate', id: 1, image }, []);
    c3.page.postMessage({ type: 'init', id: 2, protocol: WORKER_PROTOCOL_VERSION + 1, config }, []);
    c3.page.postMessage({ type: 'init', id: 3, protocol: WORKER_PROTOCOL_VERSION, config }, []);
    c3.page.postMessage({ type: 'init', id: 4, protocol: WORKER_PROTOCOL_VERSION, config }, []);
    c3.page.postMessage({ type: 'reboot', id: 5 }, []);
    c3.page.postMessage({ type: 'dispose', id: 6 }, []);
    await got;
    const byId = new Map(replies.map((r) => [r.id, r]));
    const code = (id: number): string | undefined => {
      const r = byId.get(id);
      return r?.type === 'error' ? r.error.code : r?.type;
    };
    expect(replies.map((r) => r.id)).toEqual([1, 2, 3, 4, 5, 6]); // in request order
    expect(code(1)).toBe('E_STATE');
    expect(code(2)).toBe('E_ARGUMENT');
    expect(code(3)).toBe('ready');
    expect(code(4)).toBe('E_STATE');
    expect(code(5)).toBe('E_ARGUMENT');
    expect(code(6)).toBe('disposed');
    stop3();
    c3.close();
  });
});

it('createWorkerEstimator: E_ARGUMENT without a worker or with a malformed config', async () => {
  expect(await rejectedCode(createWorkerEstimator(config, { worker: undefined as never }))).toBe('E_ARGUMENT');
  expect(await rejectedCode(createWorkerEstimator({ kind: 'bottom-up' } as never, { worker: channel().page }))).toBe('E_ARGUMENT');
  expect(await rejectedCode(createWorkerEstimator({ kind: 'top-down', pose: { model: 'x', spec: 'y' } } as never, { worker: channel().page }))).toBe('E_ARGUMENT');
});
