/**
 * The e2e harness page: runs the public API of @posekit/runtime-web in the browser on request of the Node
 * driver (`e2e/run.ts`) and returns plain JSON.
 */
import type { EstimateResult, ImageLike } from '@posekit/core';
import {
  type WebEstimator,
  type WebEstimatorConfig,
  createSession,
  createWebEstimator,
  createWorkerEstimator,
  decodeImage,
  toImageLike,
} from '../src/index.js';
import type { ErrorJson, HarnessApi, ImageResultJson, RunArgs, RunJson } from './harness-api.js';

const DET = '/models/rtmdet-nano_person_end2end.onnx';
const POSE = '/models/ultralight-nano-simplepose_256x192.onnx';
const ONE_STAGE = '/models/yolo11n-pose_int8_640.onnx';

function config(kind: RunArgs['kind'], device: RunArgs['device']): WebEstimatorConfig {
  return kind === 'top-down'
    ? { kind, device, detector: { model: DET, spec: 'rtmdet-nano' }, pose: { model: POSE, spec: 'ultralight-simplepose-256x192' } }
    : { kind, device, pose: { model: ONE_STAGE, spec: 'yolo11n-pose' } };
}

const newWorker = (): Worker => new Worker(new URL('../src/worker/entry.ts', import.meta.url), { type: 'module' });

function base64(bytes: Uint8Array | Uint8ClampedArray): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function toJson(name: string, img: ImageLike, r: EstimateResult, pixels: boolean): ImageResultJson {
  const out: ImageResultJson = {
    image: name,
    width: img.width,
    height: img.height,
    poses: r.poses.map((p) => ({ keypoints: Array.from(p.keypoints), score: p.score, ...(p.box ? { box: { ...p.box } } : {}) })),
    boxes: r.boxes.map((b) => ({ ...b })),
    timings: { ...r.timings },
  };
  if (pixels) out.rgbaBase64 = base64(img.data);
  return out;
}

function errorJson(e: unknown): ErrorJson {
  const o = e as { name?: string; code?: string; message?: string };
  return { name: String(o?.name ?? 'Error'), ...(o?.code ? { code: o.code } : {}), message: String(o?.message ?? e) };
}

async function caught(f: () => Promise<unknown>): Promise<ErrorJson | null> {
  try {
    await f();
    return null;
  } catch (e) {
    return errorJson(e);
  }
}

const garbage = (n: number): Uint8Array => Uint8Array.from({ length: n }, (_, i) => (i * 37 + 11) & 0xff);

async function pngPixels(b64: string): Promise<ImageData> {
  const bmp = await createImageBitmap(await (await fetch(`data:image/png;base64,${b64}`)).blob());
  const c = new OffscreenCanvas(bmp.width, bmp.height).getContext('2d')!;
  c.drawImage(bmp, 0, 0);
  return c.getImageData(0, 0, bmp.width, bmp.height);
}

const api: HarnessApi = {
  async run(args) {
    const t0 = performance.now();
    const cfg = config(args.kind, args.device);
    const est: WebEstimator = args.worker ? await createWorkerEstimator(cfg, { worker: newWorker() }) : await createWebEstimator(cfg);
    const createMs = performance.now() - t0;
    try {
      const results: ImageResultJson[] = [];
      for (const name of args.images) {
        const img = await decodeImage(`/samples/${name}`);
        const r = await est.estimate(img);
        results.push(toJson(name, img, r, args.pixels === true));
      }
      const out: RunJson = { sessions: est.sessions, results, createMs };
      return out;
    } finally {
      await est.dispose();
    }
  },

  async errors() {
    const out: Record<string, ErrorJson | null> = {};
    out['model-bytes'] = await caught(() => createSession(garbage(256), { device: 'wasm' }));
    out['model-404'] = await caught(() => createSession('/models/no-such-model.onnx', { device: 'wasm' }));
    out['model-spec'] = await caught(() => createWebEstimator({ kind: 'one-stage', device: 'wasm', pose: { model: POSE, spec: 'yolo11n-pose' } }));
    out['image-bytes'] = await caught(() => decodeImage(garbage(512)));
    out['image-broken-img'] = await caught(async () => {
      const img = new Image();
      img.src = 'data:image/jpeg;base64,' + btoa('not a jpeg at all');
      await new Promise((resolve) => {
        img.onload = resolve;
        img.onerror = resolve;
      });
      return toImageLike(img);
    });
    out['image-size'] = await caught(async () => toImageLike(new OffscreenCanvas(0, 0)));
    out['image-closed-bitmap'] = await caught(async () => {
      const bmp = await createImageBitmap(new ImageData(2, 2));
      bmp.close();
      return toImageLike(bmp);
    });
    out['worker-model-bytes'] = await caught(() =>
      createWorkerEstimator({ kind: 'one-stage', device: 'wasm', pose: { model: garbage(256), spec: 'yolo11n-pose' } }, { worker: newWorker() }),
    );
    out['worker-image-size'] = await caught(async () => {
      const est = await createWorkerEstimator(config('top-down', 'wasm'), { worker: newWorker() });
      try {
        return await est.estimate({ data: new Uint8Array(0), width: 0, height: 0, channels: 4, order: 'rgba' });
      } finally {
        await est.dispose();
      }
    });
    return out;
  },

  async session(device) {
    try {
      const s = await createSession(DET, { device });
      await s.session.release();
      return { provider: s.provider, attempts: s.attempts };
    } catch (e) {
      const err = errorJson(e);
      const attempts = (e as { details?: { attempts?: unknown } }).details?.attempts;
      return { error: err, ...(Array.isArray(attempts) ? { attempts } : {}) };
    }
  },

  async overlayPixels({ withPoses, bare, color }) {
    const [x, y] = [await pngPixels(withPoses), await pngPixels(bare)];
    const [r, g, b] = color;
    const near = (d: Uint8ClampedArray, i: number): boolean => Math.abs(d[i]! - r) + Math.abs(d[i + 1]! - g) + Math.abs(d[i + 2]! - b) <= 60;
    let inOverlay = 0;
    let inBare = 0;
    let differ = 0;
    for (let i = 0; i < x.data.length; i += 4) {
      if (near(x.data, i)) inOverlay++;
      if (near(y.data, i)) inBare++;
      if (Math.abs(x.data[i]! - y.data[i]!) + Math.abs(x.data[i + 1]! - y.data[i + 1]!) + Math.abs(x.data[i + 2]! - y.data[i + 2]!) > 30) differ++;
    }
    return { inOverlay, inBare, differ, size: `${x.width}x${x.height}` };
  },
};

(window as unknown as { posekitHarness: HarnessApi }).posekitHarness = api;
document.body.dataset['ready'] = '1';
