/**
 * posekit demo page: pick an image (a COCO sample served from the shared folder, a file, or the webcam), a
 * model family and a device, and see the poses drawn over it with the provider and timings.
 *
 * `document.body.dataset.state` is `idle | loading | running | done | error` (the e2e test waits on it).
 */
import { isPosekitError, posesToSvg } from '@posekit/core';
import type { EstimateResult, ImageLike } from '@posekit/core';
import {
  type SessionReport,
  type WebDevice,
  type WebEstimator,
  type WebEstimatorConfig,
  createWebEstimator,
  createWorkerEstimator,
  decodeImage,
} from '../src/index.js';

type Mode = 'top-down' | 'one-stage';

const CONFIGS: Record<Mode, WebEstimatorConfig> = {
  'top-down': {
    kind: 'top-down',
    detector: { model: '/models/rtmdet-nano_person_end2end.onnx', spec: 'rtmdet-nano' },
    pose: { model: '/models/ultralight-nano-simplepose_256x192.onnx', spec: 'ultralight-simplepose-256x192' },
  },
  'one-stage': { kind: 'one-stage', pose: { model: '/models/yolo11n-pose_int8_640.onnx', spec: 'yolo11n-pose' } },
};

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const sampleSel = $<HTMLSelectElement>('sample');
const fileInput = $<HTMLInputElement>('file');
const webcamBtn = $<HTMLButtonElement>('webcam');
const deviceSel = $<HTMLSelectElement>('device');
const workerBox = $<HTMLInputElement>('worker');
const showBox = $<HTMLInputElement>('show');
const runBtn = $<HTMLButtonElement>('run');
const statusEl = $<HTMLDivElement>('status');
const attemptsEl = $<HTMLDivElement>('attempts');
const canvas = $<HTMLCanvasElement>('canvas');
const overlay = $<HTMLDivElement>('overlay');
const ctx = canvas.getContext('2d')!;

let source: { kind: 'image'; pixels: ImageLike; name: string } | { kind: 'video'; video: HTMLVideoElement; stream: MediaStream } | undefined;
const estimators = new Map<string, Promise<WebEstimator>>();

function setState(state: string, text: string, error = false): void {
  document.body.dataset['state'] = state;
  statusEl.textContent = text;
  statusEl.classList.toggle('error', error);
}

function mode(): Mode {
  return (document.querySelector<HTMLInputElement>('input[name="mode"]:checked')?.value ?? 'top-down') as Mode;
}

function estimatorFor(m: Mode, device: WebDevice, inWorker: boolean): Promise<WebEstimator> {
  const key = `${m}|${device}|${inWorker}`;
  let p = estimators.get(key);
  if (!p) {
    const config = { ...CONFIGS[m], device };
    p = inWorker
      ? createWorkerEstimator(config, { worker: new Worker(new URL('../src/worker/entry.ts', import.meta.url), { type: 'module' }) })
      : createWebEstimator(config);
    // A failed load is not cached: the next Run tries again.
    p.catch(() => estimators.delete(key));
    estimators.set(key, p);
  }
  return p;
}

function describeSessions(s: { detector?: SessionReport; pose: SessionReport }): string {
  const one = (name: string, r: SessionReport): string =>
    `${name}: ${r.attempts.map((a) => `${a.provider} ${a.ok ? 'ok' : 'refused'}${a.reason ? ` (${a.reason})` : ''}${a.adapter ? ` [adapter ${a.adapter.vendor}/${a.adapter.architecture}${a.adapter.isFallbackAdapter ? ', software fallback' : ''}]` : ''}`).join(' -> ')}`;
  return [s.detector ? one('detector', s.detector) : '', one('pose', s.pose)].filter(Boolean).join('\n');
}

function providers(s: { detector?: SessionReport; pose: SessionReport }): string {
  return s.detector ? `detector ${s.detector.provider}, pose ${s.pose.provider}` : s.pose.provider;
}

function drawPixels(img: ImageLike): void {
  canvas.width = img.width;
  canvas.height = img.height;
  if (img.channels !== 4 || img.order !== 'rgba') throw new Error(`the demo draws RGBA pixels; received ${img.channels} channels ${img.order}`);
  const rgba = new Uint8ClampedArray(img.data.buffer as ArrayBuffer, img.data.byteOffset, img.data.byteLength);
  ctx.putImageData(new ImageData(rgba, img.width, img.height), 0, 0);
}

function drawPoses(result: EstimateResult, width: number, height: number): void {
  overlay.innerHTML = posesToSvg(result.poses, { width, height, layout: 'coco17' });
  overlay.style.visibility = showBox.checked ? 'visible' : 'hidden';
}

function summary(result: EstimateResult, s: { detector?: SessionReport; pose: SessionReport }): string {
  const t = result.timings;
  return `${result.poses.length} pose(s) | provider: ${providers(s)} | ${t.totalMs.toFixed(1)} ms (preprocess ${t.preprocessMs.toFixed(1)}, inference ${t.inferenceMs.toFixed(1)}, postprocess ${t.postprocessMs.toFixed(1)})`;
}

function fail(e: unknown): void {
  const text = isPosekitError(e) ? `${e.code}: ${e.message}` : String(e);
  setState('error', text, true);
  console.error(e);
}

async function runImage(): Promise<void> {
  if (!source) {
    setState('idle', 'Pick an image first.');
    return;
  }
  if (source.kind === 'video') {
    stopWebcam();
    return;
  }
  const m = mode();
  setState('loading', 'Loading models...');
  const est = await estimatorFor(m, deviceSel.value as WebDevice, workerBox.checked);
  attemptsEl.textContent = describeSessions(est.sessions);
  setState('running', 'Running...');
  const pixels = source.pixels;
  drawPixels(pixels);
  const result = await est.estimate(pixels);
  drawPoses(result, pixels.width, pixels.height);
  document.body.dataset['poses'] = String(result.poses.length);
  document.body.dataset['provider'] = providers(est.sessions);
  setState('done', `${source.name}: ${summary(result, est.sessions)}`);
}

let webcamLoop = false;

async function startWebcam(): Promise<void> {
  const stream = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 }, audio: false });
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.srcObject = stream;
  await video.play();
  source = { kind: 'video', video, stream };
  webcamBtn.textContent = 'Stop webcam';
  const est = await estimatorFor(mode(), deviceSel.value as WebDevice, workerBox.checked);
  attemptsEl.textContent = describeSessions(est.sessions);
  webcamLoop = true;
  const frame = async (): Promise<void> => {
    if (!webcamLoop || source?.kind !== 'video') return;
    const { videoWidth: w, videoHeight: h } = video;
    if (canvas.width !== w || canvas.height !== h) Object.assign(canvas, { width: w, height: h });
    ctx.drawImage(video, 0, 0, w, h);
    try {
      // Estimate on the frame just drawn, so poses and picture match.
      const result = await est.estimate(canvas);
      drawPoses(result, w, h);
      setState('running', `webcam: ${summary(result, est.sessions)}`);
    } catch (e) {
      fail(e);
      webcamLoop = false;
      return;
    }
    requestAnimationFrame(() => void frame());
  };
  void frame();
}

function stopWebcam(): void {
  webcamLoop = false;
  if (source?.kind === 'video') source.stream.getTracks().forEach((t) => t.stop());
  source = undefined;
  webcamBtn.textContent = 'Webcam';
  setState('idle', 'Webcam stopped. Pick an image and press Run.');
}

async function useImage(input: string | Blob, name: string): Promise<void> {
  stopWebcam();
  setState('loading', `Decoding ${name}...`);
  const pixels = await decodeImage(input);
  source = { kind: 'image', pixels, name };
  drawPixels(pixels);
  overlay.innerHTML = '';
  setState('idle', `${name} (${pixels.width}x${pixels.height}): press Run.`);
}

async function listSamples(): Promise<void> {
  const res = await fetch('/samples/index.json');
  const files = res.ok ? ((await res.json()) as string[]) : [];
  if (files.length === 0) {
    statusEl.textContent = 'No sample images found (the shared folder is missing): choose a file or the webcam.';
    return;
  }
  sampleSel.innerHTML = files.map((f) => `<option value="${f}">${f}</option>`).join('');
  await useImage(`/samples/${files[0]}`, files[0]!);
}

sampleSel.addEventListener('change', () => void useImage(`/samples/${sampleSel.value}`, sampleSel.value).catch(fail));
fileInput.addEventListener('change', () => {
  const f = fileInput.files?.[0];
  if (f) void useImage(f, f.name).catch(fail);
});
webcamBtn.addEventListener('click', () => void (source?.kind === 'video' ? stopWebcam() : startWebcam().catch(fail)));
runBtn.addEventListener('click', () => void runImage().catch(fail));
showBox.addEventListener('change', () => {
  overlay.style.visibility = showBox.checked ? 'visible' : 'hidden';
});

void listSamples().catch(fail);
