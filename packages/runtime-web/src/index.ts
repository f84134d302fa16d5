/**
 * `@posekit/runtime-web`: run posekit's estimators in the browser with onnxruntime-web.
 *
 * - {@link createSession}: an onnxruntime-web session on WebGPU when the page has an adapter, else WASM, reporting
 *   the provider used and why WebGPU was refused.
 * - {@link toImageLike} / {@link decodeImage}: `<img>`, `<video>`, canvases, `ImageBitmap`, `ImageData`, bytes ->
 *   RGBA pixels for `@posekit/core`.
 * - {@link createWebEstimator}: a top-down or one-stage estimator from plain-data config, on the main thread;
 *   {@link createWorkerEstimator} + {@link serveEstimator}: the same in a Web Worker.
 *
 * onnxruntime-web is a peer dependency, loaded on the first session (not at import). Importing this module has
 * no side effects.
 *
 * @packageDocumentation
 */
export { type ModelSource, type FetchLike, loadModelBytes } from './model-source.js';
export type { WasmPaths, WasmFilePaths, WasmSettings } from './ort.js';
export {
  type WebDevice,
  type WebProvider,
  type WebGpuAdapterInfo,
  type ProviderAttempt,
  type WebSessionOptions,
  type WebSession,
  createSession,
} from './session.js';
export { type WebImageSource, toImageLike, decodeImage } from './image/source.js';
export {
  type ModelRef,
  type WebEstimatorCommon,
  type WebTopDownConfig,
  type WebOneStageConfig,
  type WebEstimatorConfig,
  type SessionReport,
  type SessionReports,
  type WebEstimateOptions,
  type WebEstimator,
  type BuiltEstimator,
  createWebEstimator,
} from './estimator.js';
export {
  WORKER_PROTOCOL_VERSION,
  type InitRequest,
  type EstimateRequest,
  type DisposeRequest,
  type WorkerRequest,
  type ReadyResponse,
  type ResultResponse,
  type DisposedResponse,
  type ErrorResponse,
  type WorkerResponse,
  type SerializedError,
  type MessageEndpoint,
} from './worker/protocol.js';
export { type EstimatorBuilder, type ServeOptions, serveEstimator } from './worker/host.js';
export { type WorkerLike, type WorkerEstimatorOptions, type WorkerEstimateOptions, type WorkerEstimator, createWorkerEstimator } from './worker/client.js';
