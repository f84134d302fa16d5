/**
 * Node convenience factories: open the model files on the chosen device and bind them to their
 * {@link ModelSpec} presets, returning a ready estimator that releases its sessions on `dispose()`.
 *
 * @module
 */
import {
  PosekitError,
  createBottomUpEstimator,
  createOneStageEstimator,
  createTopDownEstimator,
  getModelPreset,
} from '@posekit/core';
import type {
  BottomUpOptions,
  EstimateOptions,
  ModelSpec,
  OneStageOptions,
  PoseEstimator,
  TopDownEstimateOptions,
  TopDownOptions,
} from '@posekit/core';
import type { CreateSessionOptions, ModelSource, NodeDevice, NodeSession, ProviderAttempt, NodeProvider } from './session.js';
import { createSession } from './session.js';

/** A Node estimator: a core estimator plus where its models run. */
export type NodeEstimator<O> = PoseEstimator<O> & {
  /** Provider of each model (`detector`, `pose` or `model`). */
  readonly providers: Readonly<Record<string, NodeProvider>>;
  /** Every provider attempt per model, with the reasons for refusals. */
  readonly attempts: Readonly<Record<string, ProviderAttempt[]>>;
};

/** Shared options of the Node factories. */
export interface NodeModelOptions {
  /** Execution provider for every model (default `'auto'`: CUDA if it starts, else CPU). */
  device?: NodeDevice;
  /** Further session options (threads, onnxruntime options) for every model. */
  session?: Omit<CreateSessionOptions, 'device'>;
}

function resolveSpec(spec: ModelSpec | string | undefined, fallback: string): ModelSpec {
  if (spec === undefined) return getModelPreset(fallback);
  if (typeof spec === 'string') return getModelPreset(spec);
  return spec;
}

async function open(models: Record<string, ModelSource>, opts: NodeModelOptions): Promise<Record<string, NodeSession>> {
  const out: Record<string, NodeSession> = {};
  try {
    for (const [key, src] of Object.entries(models)) out[key] = await createSession(src, { ...opts.session, device: opts.device ?? 'auto' });
  } catch (e) {
    await Promise.all(Object.values(out).map((s) => s.session.release()));
    throw e;
  }
  return out;
}

function wrap<O>(est: PoseEstimator<O>, sessions: Record<string, NodeSession>): NodeEstimator<O> {
  const providers: Record<string, NodeProvider> = {};
  const attempts: Record<string, ProviderAttempt[]> = {};
  for (const [k, s] of Object.entries(sessions)) {
    providers[k] = s.provider;
    attempts[k] = s.attempts;
  }
  return { estimate: est.estimate.bind(est), dispose: est.dispose.bind(est), providers, attempts };
}

/** Build the estimator; if the specs do not fit the sessions, release the sessions before rethrowing. */
async function build<O>(sessions: Record<string, NodeSession>, make: () => PoseEstimator<O>): Promise<NodeEstimator<O>> {
  try {
    return wrap(make(), sessions);
  } catch (e) {
    await Promise.all(Object.values(sessions).map((s) => s.session.release()));
    throw e;
  }
}

/** Configuration of {@link createNodeTopDown}. */
export interface NodeTopDownConfig extends NodeModelOptions {
  /** Person detector model (path, `file:` URL or bytes). Optional when every call passes `boxes`. */
  detector?: ModelSource;
  /** Detector spec or preset name (default `'rtmdet-nano'`). */
  detectorSpec?: ModelSpec | string;
  /** Pose model (path, `file:` URL or bytes). */
  pose: ModelSource;
  /** Pose spec or preset name (default `'ultralight-simplepose-256x192'`). */
  poseSpec?: ModelSpec | string;
  /** Estimator options (flip test, OKS-NMS, thresholds). */
  options?: TopDownOptions;
}

/**
 * Open a detector and a top-down pose model and return a top-down estimator that owns both sessions.
 *
 * @example
 * ```ts
 * const est = await createNodeTopDown({ detector: 'rtmdet-nano.onnx', pose: 'simplepose.onnx', device: 'auto' });
 * const { poses } = await est.estimate(await loadImage('people.jpg'));
 * await est.dispose();
 * ```
 * @throws PosekitError `E_FILE_NOT_FOUND` / `E_MODEL_LOAD` / `E_PROVIDER` from {@link createSession},
 *   `E_MODEL_SPEC` when a model does not match its spec
 */
export async function createNodeTopDown(config: NodeTopDownConfig): Promise<NodeEstimator<TopDownEstimateOptions>> {
  if (typeof config !== 'object' || config === null || config.pose === undefined) {
    throw new PosekitError('E_ARGUMENT', `createNodeTopDown: expected { pose, detector?, device? }; received ${config === null ? 'null' : typeof config}`);
  }
  const poseSpec = resolveSpec(config.poseSpec, 'ultralight-simplepose-256x192');
  const detectorSpec = config.detector !== undefined ? resolveSpec(config.detectorSpec, 'rtmdet-nano') : undefined;
  const models: Record<string, ModelSource> = { pose: config.pose };
  if (config.detector !== undefined) models['detector'] = config.detector;
  const s = await open(models, config);
  return build(s, () =>
    createTopDownEstimator({
      pose: { session: s['pose']!.session, spec: poseSpec },
      ...(detectorSpec && s['detector'] ? { detector: { session: s['detector'].session, spec: detectorSpec } } : {}),
      options: { ...config.options, ownsSessions: true },
    }),
  );
}

/** Configuration of {@link createNodeOneStage}. */
export interface NodeOneStageConfig extends NodeModelOptions {
  /** The one-stage model (path, `file:` URL or bytes). */
  model: ModelSource;
  /** Spec or preset name (default `'yolo11n-pose'`). */
  spec?: ModelSpec | string;
  /** Estimator options. */
  options?: OneStageOptions;
}

/**
 * Open a one-stage (YOLO-pose) model and return an estimator that owns the session.
 * @throws PosekitError as {@link createNodeTopDown}
 */
export async function createNodeOneStage(config: NodeOneStageConfig): Promise<NodeEstimator<EstimateOptions>> {
  if (typeof config !== 'object' || config === null || config.model === undefined) {
    throw new PosekitError('E_ARGUMENT', `createNodeOneStage: expected { model, spec?, device? }; received ${config === null ? 'null' : typeof config}`);
  }
  const spec = resolveSpec(config.spec, 'yolo11n-pose');
  const s = await open({ model: config.model }, config);
  return build(s, () => createOneStageEstimator({ session: s['model']!.session, spec, options: { ...config.options, ownsSession: true } }));
}

/** Configuration of {@link createNodeBottomUp}. */
export interface NodeBottomUpConfig extends NodeModelOptions {
  /** The bottom-up model (path, `file:` URL or bytes). */
  model: ModelSource;
  /** Spec or preset name (`'openpose-coco18'` or `'simplepose-body-parts'`; required). */
  spec: ModelSpec | string;
  /** Estimator options. */
  options?: BottomUpOptions;
}

/**
 * Open a bottom-up (PAF or body-part) model and return an estimator that owns the session.
 * @throws PosekitError as {@link createNodeTopDown}
 */
export async function createNodeBottomUp(config: NodeBottomUpConfig): Promise<NodeEstimator<EstimateOptions>> {
  if (typeof config !== 'object' || config === null || config.model === undefined || config.spec === undefined) {
    throw new PosekitError('E_ARGUMENT', `createNodeBottomUp: expected { model, spec, device? }; received ${config === null ? 'null' : typeof config}`);
  }
  const spec = resolveSpec(config.spec, '');
  const s = await open({ model: config.model }, config);
  return build(s, () => createBottomUpEstimator({ session: s['model']!.session, spec, options: { ...config.options, ownsSession: true } }));
}
