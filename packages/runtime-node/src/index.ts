/**
 * `@posekit/runtime-node`: run ONNX pose models in Node with onnxruntime-node.
 *
 * Sessions on CUDA or CPU with a report of which execution provider runs and why others were refused
 * ({@link createSession}), image loading with sharp ({@link loadImage}), and factories that bind model files to
 * their `ModelSpec` presets ({@link createNodeTopDown}, {@link createNodeOneStage}, {@link createNodeBottomUp}).
 * A model registry resolves names such as `rtmpose-t` to cached, checksummed, resumable downloads
 * ({@link resolveModel}, {@link downloadModel}), and {@link inferModelSpec} tells a bare model's family from its outputs.
 * The estimators, specs, decoders and renderers themselves live in `@posekit/core`.
 *
 * @packageDocumentation
 */
export { createSession } from './session.js';
export type { CreateSessionOptions, ModelSource, NodeDevice, NodeProvider, NodeSession, ProviderAttempt } from './session.js';
export { loadImage } from './image.js';
export type { LoadImageOptions, RawPixels } from './image.js';
export { createNodeBottomUp, createNodeOneStage, createNodeTopDown } from './estimators.js';
export type { NodeBottomUpConfig, NodeEstimator, NodeModelOptions, NodeOneStageConfig, NodeTopDownConfig } from './estimators.js';
export { cachedModelPath, defaultCacheDir, downloadModel, entrySpec, familyOfSpec, inferModelSpec, layoutForKeypointCount, listModels, modelRegistry, resolveModel } from './registry/index.js';
export type { DownloadOptions, DownloadProgress, DownloadResult, FetchLike, FetchResponseLike, InferredSpec, ModelArchive, ModelEntry, ModelFamily, ResolvedModel, ResolveModelOptions } from './registry/index.js';
