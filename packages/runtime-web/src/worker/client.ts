/**
 * The page side of worker mode: an estimator whose models run in a Web Worker.
 *
 * @module
 */
import { PosekitError } from '@posekit/core';
import type { EstimateResult } from '@posekit/core';
import { type ModelRef, type WebEstimateOptions, type WebEstimator, type WebEstimatorConfig, checkConfig } from '../estimator.js';
import { type WebImageSource, toImageLike } from '../image/source.js';
import { type MessageEndpoint, WORKER_PROTOCOL_VERSION, type WorkerRequest, type WorkerResponse, deserializeError } from './protocol.js';

/** A `Worker` as {@link createWorkerEstimator} uses it: a {@link MessageEndpoint} that can be terminated. */
export interface WorkerLike extends MessageEndpoint {
  /** Stop the worker (`Worker.terminate()`); absent on plain message ports. */
  terminate?(): void;
}

/** Options of {@link createWorkerEstimator}. */
export interface WorkerEstimatorOptions {
  /**
   * The worker (or any {@link MessageEndpoint}) running {@link serveEstimator}, e.g.
   * `new Worker(new URL('./pose.worker.ts', import.meta.url), { type: 'module' })`.
   */
  worker: WorkerLike;
  /** Terminate the worker on `dispose()` (default true). */
  terminateOnDispose?: boolean;
  /** Base for relative model URLs (default: the page's `document.baseURI` / `location.href`). */
  baseUrl?: string;
}

/** Per-call options of a worker estimator: core's options plus how the pixels travel. */
export interface WorkerEstimateOptions extends WebEstimateOptions {
  /**
   * Transfer (move) the pixel buffer of an `ImageLike` / `ImageData` you pass instead of copying it; your
   * array is detached afterwards. Pixels this package reads from an element, canvas or bitmap are always
   * transferred (they are a fresh buffer). Default false.
   */
  transfer?: boolean;
}

/** A worker-backed estimator: the {@link WebEstimator} shape. */
export interface WorkerEstimator extends WebEstimator {
  /** Like {@link WebEstimator.estimate}, with {@link WorkerEstimateOptions}. */
  estimate(image: WebImageSource, options?: WorkerEstimateOptions): Promise<EstimateResult>;
}

function pageBase(): string | undefined {
  const g = globalThis as { document?: { baseURI?: string }; location?: { href?: string } };
  return g.document?.baseURI ?? g.location?.href;
}

/** Model URLs resolve against the worker script inside a worker: resolve them against the page first. */
function absolutize(ref: ModelRef, base: string | undefined): ModelRef {
  const m = ref.model;
  if (typeof m === 'string' && base !== undefined) return { ...ref, model: new URL(m, base).href };
  if (typeof URL !== 'undefined' && m instanceof URL) return { ...ref, model: m.href };
  return ref;
}

/**
 * Start an estimator in a Web Worker and talk to it with the same `estimate()` / `dispose()` shape as
 * {@link createWebEstimator}. The page converts each image to RGBA pixels ({@link toImageLike}) and transfers the
 * buffer; sessions, preprocessing, inference and decoding run in the worker, so the page stays responsive.
 *
 * @param config - the estimator config (plain data; model URLs are resolved against the page)
 * @param options - the worker and its lifetime
 * @returns the estimator once the worker has created its sessions
 * @throws PosekitError with the worker's error code (`E_DOWNLOAD`, `E_MODEL_LOAD`, `E_PROVIDER` ...), `E_STATE`
 *   when the worker fails (script error) or is used after `dispose()`
 *
 * @example
 * ```ts
 * const worker = new Worker(new URL('./pose.worker.ts', import.meta.url), { type: 'module' });
 * const est = await createWorkerEstimator({ kind: 'one-stage', pose: { model: '/models/yolo11n-pose.onnx', spec: 'yolo11n-pose' } }, { worker });
 * const { poses } = await est.estimate(video);
 * ```
 */
export async function createWorkerEstimator(config: WebEstimatorConfig, options: WorkerEstimatorOptions): Promise<WorkerEstimator> {
  const fn = 'createWorkerEstimator';
  checkConfig(fn, config);
  const worker = options?.worker;
  if (!worker || typeof worker.postMessage !== 'function' || typeof worker.addEventListener !== 'function') {
    throw new PosekitError('E_ARGUMENT', `${fn}: options.worker must be a Worker (or MessagePort) running serveEstimator()`, { expected: 'Worker', received: typeof worker, field: 'worker' });
  }
  const base = options.baseUrl ?? pageBase();
  const sent: WebEstimatorConfig =
    config.kind === 'top-down'
      ? { ...config, detector: absolutize(config.detector, base), pose: absolutize(config.pose, base) }
      : { ...config, pose: absolutize(config.pose, base) };

  let nextId = 1;
  let broken: PosekitError | undefined;
  let disposed = false;
  const pending = new Map<number, { resolve: (r: WorkerResponse) => void; reject: (e: unknown) => void }>();

  const onMessage = (ev: MessageEvent | ErrorEvent | Event): void => {
    const msg = (ev as MessageEvent).data as WorkerResponse;
    const p = pending.get(msg?.id);
    if (!p) return;
    pending.delete(msg.id);
    if (msg.type === 'error') p.reject(deserializeError(msg.error));
    else p.resolve(msg);
  };
  const onError = (ev: MessageEvent | ErrorEvent | Event): void => {
    const e = ev as ErrorEvent;
    const what = e.message ? `${e.message}${e.filename ? ` (${e.filename}:${e.lineno})` : ''}` : ev.type === 'messageerror' ? 'a message could not be deserialized' : 'the worker script failed to load or threw';
    broken = new PosekitError('E_STATE', `${fn}: the worker failed: ${what}`, { expected: 'a worker running serveEstimator()', received: what });
    for (const p of pending.values()) p.reject(broken);
    pending.clear();
  };
  worker.addEventListener('message', onMessage);
  worker.addEventListener('error', onError);
  worker.addEventListener('messageerror', onError);
  worker.start?.();

  const request = (req: WorkerRequest, transfer: Transferable[] = []): Promise<WorkerResponse> => {
    if (broken) return Promise.reject(broken);
    return new Promise((resolve, reject) => {
      pending.set(req.id, { resolve, reject });
      try {
        worker.postMessage(req, transfer);
      } catch (e) {
        pending.delete(req.id);
        reject(new PosekitError('E_ARGUMENT', `${fn}: could not post the ${req.type} request: ${String(e)}`, { received: String(e) }, { cause: e }));
      }
    });
  };
  const stop = (): void => {
    worker.removeEventListener('message', onMessage);
    worker.removeEventListener('error', onError);
    worker.removeEventListener('messageerror', onError);
    if (options.terminateOnDispose !== false) worker.terminate?.();
  };

  let ready: WorkerResponse;
  try {
    ready = await request({ type: 'init', id: nextId++, protocol: WORKER_PROTOCOL_VERSION, config: sent });
  } catch (e) {
    stop();
    throw e;
  }
  if (ready.type !== 'ready') throw new PosekitError('E_STATE', `${fn}: expected 'ready' from the worker; received '${ready.type}'`, { expected: 'ready', received: ready.type });

  return {
    sessions: ready.sessions,
    async estimate(image, opts) {
      if (disposed) throw new PosekitError('E_STATE', 'estimate: the estimator was disposed', { expected: 'a live estimator', received: 'disposed' });
      const pixels = toImageLike(image);
      const { transfer, ...coreOptions } = opts ?? {};
      // Pixels read from a drawable are ours (fresh getImageData buffer): move them. The caller's own arrays
      // are copied unless they opt in, so their ImageData / ImageLike stays usable.
      const ours = (image as { data?: unknown }).data !== pixels.data;
      const buffer = pixels.data.buffer;
      const xfer: Transferable[] = (ours || transfer === true) && buffer instanceof ArrayBuffer ? [buffer] : [];
      const req: WorkerRequest = { type: 'estimate', id: nextId++, image: pixels, ...(opts === undefined ? {} : { options: coreOptions }) };
      const res = await request(req, xfer);
      if (res.type !== 'result') throw new PosekitError('E_STATE', `estimate: expected 'result' from the worker; received '${res.type}'`, { expected: 'result', received: res.type });
      return res.result;
    },
    async dispose() {
      if (disposed) return;
      disposed = true;
      try {
        if (!broken) await request({ type: 'dispose', id: nextId++ });
      } finally {
        stop();
      }
    },
  };
}
