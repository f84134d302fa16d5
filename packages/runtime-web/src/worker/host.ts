/**
 * The worker side: host one estimator and answer {@link WorkerRequest}s.
 *
 * @module
 */
import { PosekitError } from '@posekit/core';
import { type BuiltEstimator, type WebEstimatorConfig, buildEstimator } from '../estimator.js';
import { type MessageEndpoint, WORKER_PROTOCOL_VERSION, type WorkerRequest, type WorkerResponse, serializeError } from './protocol.js';

/** What a worker host builds from the `init` config (by default {@link createWebEstimator}'s sessions + core estimator). */
export type EstimatorBuilder = (config: WebEstimatorConfig) => Promise<BuiltEstimator>;

/** Options of {@link serveEstimator}. */
export interface ServeOptions {
  /**
   * Build the estimator from the config the page sent. Default: onnxruntime-web sessions + core's estimators
   * (what {@link createWebEstimator} does). Replace it to host something else behind the same protocol.
   */
  build?: EstimatorBuilder;
}

/**
 * Serve an estimator over a message endpoint: call it once at the top of a worker script
 * (`serveEstimator()` uses the worker's `self`). The estimator is built on the page's `init` request and runs the
 * page's `estimate` requests one at a time, in order.
 *
 * @param endpoint - where requests arrive (default: `globalThis`, i.e. the worker's `self`)
 * @param options - see {@link ServeOptions}
 * @returns a function that stops listening
 *
 * @example
 * ```ts
 * // pose.worker.ts
 * import { serveEstimator } from '@posekit/runtime-web';
 * serveEstimator();
 * ```
 */
export function serveEstimator(endpoint: MessageEndpoint = globalThis as unknown as MessageEndpoint, options: ServeOptions = {}): () => void {
  const build = options.build ?? buildEstimator;
  let state: BuiltEstimator | undefined;
  let disposed = false;
  let queue: Promise<void> = Promise.resolve();

  const reply = (msg: WorkerResponse): void => endpoint.postMessage(msg, []);

  const handle = async (req: WorkerRequest): Promise<void> => {
    switch (req.type) {
      case 'init': {
        if (req.protocol !== WORKER_PROTOCOL_VERSION) {
          throw new PosekitError('E_ARGUMENT', `serveEstimator: the page speaks protocol ${req.protocol}, this worker ${WORKER_PROTOCOL_VERSION} (page and worker from different builds?)`, {
            expected: WORKER_PROTOCOL_VERSION,
            received: req.protocol,
          });
        }
        if (state || disposed) throw new PosekitError('E_STATE', 'serveEstimator: this worker already hosts an estimator; start one worker per estimator', { expected: 'one init', received: 'a second init' });
        state = await build(req.config);
        reply({ type: 'ready', id: req.id, sessions: state.sessions });
        return;
      }
      case 'estimate': {
        if (!state || disposed) {
          throw new PosekitError('E_STATE', `serveEstimator: estimate ${disposed ? 'after dispose' : 'before init'}`, { expected: 'an initialized estimator', received: disposed ? 'disposed' : 'no init' });
        }
        const result = await state.estimator.estimate(req.image, req.options);
        reply({ type: 'result', id: req.id, result });
        return;
      }
      case 'dispose': {
        if (state && !disposed) {
          disposed = true;
          await state.estimator.dispose();
          await state.release();
        }
        disposed = true;
        reply({ type: 'disposed', id: req.id });
        return;
      }
      default:
        throw new PosekitError('E_ARGUMENT', `serveEstimator: unknown request type ${JSON.stringify((req as { type?: unknown }).type)}`, {
          expected: ['init', 'estimate', 'dispose'],
          received: (req as { type?: unknown }).type,
        });
    }
  };

  const onMessage = (ev: MessageEvent | ErrorEvent | Event): void => {
    const req = (ev as MessageEvent).data as WorkerRequest;
    const id = typeof req === 'object' && req !== null && typeof req.id === 'number' ? req.id : -1;
    // One request at a time: sessions must not run concurrently, and replies keep request order.
    queue = queue.then(() => handle(req)).catch((e: unknown) => reply({ type: 'error', id, error: serializeError(e) }));
  };
  endpoint.addEventListener('message', onMessage);
  endpoint.start?.();
  return () => endpoint.removeEventListener('message', onMessage);
}

