/**
 * Estimators built from a plain-data config: model sources + specs (or preset names) + device. The same config
 * drives a main-thread estimator ({@link createWebEstimator}) and a worker one ({@link createWorkerEstimator}).
 *
 * @module
 */
import { PosekitError, createOneStageEstimator, createTopDownEstimator, getModelPreset } from '@posekit/core';
import type { EstimateOptions, EstimateResult, ModelSpec, OneStageOptions, PoseEstimator, TopDownOptions } from '@posekit/core';
import { type WebImageSource, toImageLike } from './image/source.js';
import type { ModelSource } from './model-source.js';
import type { WasmPaths } from './ort.js';
import { type ProviderAttempt, type WebDevice, type WebProvider, type WebSession, createSession } from './session.js';

/** One model: where it comes from and its I/O conventions (a `ModelSpec` or a preset name from core's `modelPresets`). */
export interface ModelRef {
  /** URL, bytes or Blob of the ONNX model. */
  model: ModelSource;
  /** The spec, or a preset name such as `'rtmdet-nano'`, `'ultralight-simplepose-256x192'`, `'yolo11n-pose'`. */
  spec: ModelSpec | string;
}

/** Session settings shared by both estimator kinds (see {@link WebSessionOptions}). */
export interface WebEstimatorCommon {
  /** Provider choice for every model (default `'auto'`). */
  device?: WebDevice;
  /** `ort.env.wasm.wasmPaths` (read once per page / worker). */
  wasmPaths?: WasmPaths;
  /** `ort.env.wasm.numThreads` (read once per page / worker). */
  numThreads?: number;
  /** WebGPU adapter preference. */
  powerPreference?: 'low-power' | 'high-performance';
}

/** Top-down: a person detector, then a pose model on each person crop (core's `createTopDownEstimator`). */
export interface WebTopDownConfig extends WebEstimatorCommon {
  /** Discriminator. */
  kind: 'top-down';
  /** The person detector (e.g. spec `'rtmdet-nano'` or `'yolox-nano'`). */
  detector: ModelRef;
  /** The single-person pose model (e.g. `'ultralight-simplepose-256x192'`). */
  pose: ModelRef;
  /** Core's top-down options (flip test, OKS-NMS, thresholds); `ownsSessions` is managed here. */
  options?: Omit<TopDownOptions, 'ownsSessions'>;
}

/** One-stage: one multi-person model (core's `createOneStageEstimator`, e.g. YOLO-pose). */
export interface WebOneStageConfig extends WebEstimatorCommon {
  /** Discriminator. */
  kind: 'one-stage';
  /** The multi-person pose model (e.g. `'yolo11n-pose'`). */
  pose: ModelRef;
  /** Core's one-stage options (thresholds, NMS, instance score); `ownsSession` is managed here. */
  options?: Omit<OneStageOptions, 'ownsSession'>;
}

/** What {@link createWebEstimator} and {@link createWorkerEstimator} build. Plain data: it can be posted to a worker. */
export type WebEstimatorConfig = WebTopDownConfig | WebOneStageConfig;

/** How one model's session came about. */
export interface SessionReport {
  /** Provider the session runs on. */
  provider: WebProvider;
  /** Every provider tried for it, with reasons for refusals. */
  attempts: ProviderAttempt[];
}

/** Provider and attempts per model of an estimator. */
export interface SessionReports {
  /** The person detector's session (top-down only). */
  detector?: SessionReport;
  /** The pose model's session. */
  pose: SessionReport;
}

/** Per-call options: core's `EstimateOptions` (and the estimator-specific ones core adds). */
export type WebEstimateOptions = EstimateOptions & Record<string, unknown>;

/** A browser pose estimator: core's estimator over onnxruntime-web sessions, taking browser image sources. */
export interface WebEstimator {
  /**
   * Find the people in one image (any {@link WebImageSource}). Calls are queued: one runs at a time.
   * @throws PosekitError `E_STATE` after `dispose()`, image errors from {@link toImageLike}, core's errors
   */
  estimate(image: WebImageSource, options?: WebEstimateOptions): Promise<EstimateResult>;
  /** Release the sessions. Idempotent. */
  dispose(): Promise<void>;
  /** Provider and attempts per model (`detector` only for top-down). */
  readonly sessions: SessionReports;
}

/** Resolve a spec or preset name to a spec. @internal */
export function resolveSpec(fn: string, role: string, spec: ModelSpec | string): ModelSpec {
  if (typeof spec === 'string') return getModelPreset(spec);
  if (typeof spec !== 'object' || spec === null) {
    throw new PosekitError('E_ARGUMENT', `${fn}: ${role}.spec must be a ModelSpec object or a preset name; received ${spec === null ? 'null' : typeof spec}`, {
      expected: 'ModelSpec | string',
      received: spec === null ? 'null' : typeof spec,
      field: `${role}.spec`,
    });
  }
  return spec;
}

/** Check a config's shape before anything is loaded. @internal */
export function checkConfig(fn: string, config: WebEstimatorConfig): void {
  if (typeof config !== 'object' || config === null || (config.kind !== 'top-down' && config.kind !== 'one-stage')) {
    throw new PosekitError('E_ARGUMENT', `${fn}: config.kind must be 'top-down' or 'one-stage'; received ${JSON.stringify((config as { kind?: unknown } | null)?.kind)}`, {
      expected: ['top-down', 'one-stage'],
      received: (config as { kind?: unknown } | null)?.kind,
      field: 'kind',
    });
  }
  const refs: [string, unknown][] = config.kind === 'top-down' ? [['detector', config.detector], ['pose', config.pose]] : [['pose', config.pose]];
  for (const [role, ref] of refs) {
    if (typeof ref !== 'object' || ref === null || !('model' in ref) || !('spec' in ref)) {
      throw new PosekitError('E_ARGUMENT', `${fn}: config.${role} must be { model, spec }; received ${ref === null ? 'null' : typeof ref}`, {
        expected: '{ model: ModelSource, spec: ModelSpec | string }',
        received: ref === null ? 'null' : typeof ref,
        field: role,
      });
    }
  }
}

/** A core estimator with the sessions it runs on, as a worker host builds it (see {@link EstimatorBuilder}). */
export interface BuiltEstimator {
  /** Core's estimator (takes `ImageLike` pixels). */
  estimator: PoseEstimator<WebEstimateOptions>;
  /** Provider and attempts per model, reported to the page. */
  sessions: SessionReports;
  /** Release the sessions (after `estimator.dispose()`). */
  release: () => Promise<void>;
}

/** Estimator core-side plus its sessions, from a config. Shared by the page and the worker host. @internal */
export async function buildEstimator(config: WebEstimatorConfig): Promise<BuiltEstimator> {
  const fn = 'createWebEstimator';
  checkConfig(fn, config);
  const opts = { device: config.device, wasmPaths: config.wasmPaths, numThreads: config.numThreads, powerPreference: config.powerPreference };
  const created: WebSession[] = [];
  const release = async (): Promise<void> => {
    for (const s of created.splice(0)) await s.session.release().catch(() => undefined);
  };
  const open = async (role: string, ref: ModelRef): Promise<[WebSession, ModelSpec]> => {
    const spec = resolveSpec(fn, role, ref.spec);
    const s = await createSession(ref.model, opts);
    created.push(s);
    return [s, spec];
  };
  try {
    if (config.kind === 'top-down') {
      const [det, detSpec] = await open('detector', config.detector);
      const [pose, poseSpec] = await open('pose', config.pose);
      // Sessions are released by `release` (this module created them), not by core.
      const estimator = createTopDownEstimator({
        detector: { session: det.session, spec: detSpec },
        pose: { session: pose.session, spec: poseSpec },
        options: { ...config.options, ownsSessions: false },
      });
      return {
        estimator: estimator as PoseEstimator<WebEstimateOptions>,
        sessions: { detector: { provider: det.provider, attempts: det.attempts }, pose: { provider: pose.provider, attempts: pose.attempts } },
        release,
      };
    }
    const [pose, poseSpec] = await open('pose', config.pose);
    const estimator = createOneStageEstimator({ session: pose.session, spec: poseSpec, options: { ...config.options, ownsSession: false } });
    return { estimator: estimator as PoseEstimator<WebEstimateOptions>, sessions: { pose: { provider: pose.provider, attempts: pose.attempts } }, release };
  } catch (e) {
    await release();
    throw e;
  }
}

/**
 * Build a pose estimator on the page's main thread: creates one onnxruntime-web session per model (provider
 * per {@link createSession}) and core's top-down or one-stage estimator over them.
 *
 * For a page that must stay responsive while models run, use {@link createWorkerEstimator} with the same config.
 *
 * @param config - models, specs / preset names, device
 * @returns the estimator, with the provider each model runs on
 * @throws PosekitError from {@link createSession} (`E_DOWNLOAD`, `E_MODEL_LOAD`, `E_PROVIDER` ...), `E_MODEL_SPEC`
 *   when a model does not match its spec, `E_ARGUMENT` for a malformed config or unknown preset
 *
 * @example
 * ```ts
 * const est = await createWebEstimator({
 *   kind: 'top-down', device: 'auto',
 *   detector: { model: '/models/rtmdet-nano.onnx', spec: 'rtmdet-nano' },
 *   pose: { model: '/models/simplepose.onnx', spec: 'ultralight-simplepose-256x192' },
 * });
 * const { poses } = await est.estimate(document.querySelector('img')!);
 * ```
 */
export async function createWebEstimator(config: WebEstimatorConfig): Promise<WebEstimator> {
  const built = await buildEstimator(config);
  let queue: Promise<unknown> = Promise.resolve();
  let disposed = false;
  return {
    sessions: built.sessions,
    estimate(image, options) {
      if (disposed) return Promise.reject(new PosekitError('E_STATE', 'estimate: the estimator was disposed', { expected: 'a live estimator', received: 'disposed' }));
      // Convert now (the caller may redraw its canvas / advance its video right after calling), run in turn.
      let pixels;
      try {
        pixels = toImageLike(image);
      } catch (e) {
        return Promise.reject(e);
      }
      const run = queue.then(() => built.estimator.estimate(pixels, options));
      queue = run.catch(() => undefined);
      return run;
    },
    async dispose() {
      if (disposed) return;
      disposed = true;
      await queue;
      await built.estimator.dispose();
      await built.release();
    },
  };
}
