/**
 * Ready-made worker script: hosts one estimator for {@link createWorkerEstimator}. This module's only job is its
 * side effect (it starts listening on the worker's `self`), so it is a separate entry
 * (`@posekit/runtime-web/worker`), never imported by the main barrel.
 *
 * ```ts
 * // pose.worker.ts: the whole worker file; the page starts it with
 * // new Worker(new URL('./pose.worker.ts', import.meta.url), { type: 'module' })
 * import '@posekit/runtime-web/worker';
 * ```
 *
 * @module
 */
import { serveEstimator } from './host.js';

serveEstimator();
