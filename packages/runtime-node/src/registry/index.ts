// Public API of registry/ (re-exported by src/index.ts): known model downloads, resolving a model argument,
// cached + resumable + checksummed downloads, and inferring a bare model's family and spec.
export type { ModelArchive, ModelEntry } from './entries.js';
export { entrySpec, listModels, modelRegistry } from './entries.js';
export type { ResolvedModel, ResolveModelOptions } from './resolve.js';
export { cachedModelPath, defaultCacheDir, resolveModel } from './resolve.js';
export type { DownloadOptions, DownloadProgress, DownloadResult, FetchLike, FetchResponseLike } from './download.js';
export { downloadModel } from './download.js';
export type { InferredSpec, ModelFamily } from './infer.js';
export { familyOfSpec, inferModelSpec, layoutForKeypointCount } from './infer.js';
