/**
 * Ready-made worker script: hosts one estimator for {@link createWorkerEstimator}. This module's only job is its
 * side effect (it starts listening on the worker's `self`), so it is a separate entry
 * (`@posekit/runtime-web/worker`), never imported by the main barrel.
 *
 * ```ts
 * const worker = new Worker(new URL('@posekit/runtime-web/worker', import.meta.url), { type: 'module' }); // webpack 5
 * // Vite: import PoseWorker from '@posekit/runtime-web/worker?worker'; const worker = new PoseWorker();
 * ```
 *
 * @module
 */
import { serveEstimator } from './host.js';

serveEstimator();
