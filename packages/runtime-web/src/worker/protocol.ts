/**
 * The messages between a page ({@link createWorkerEstimator}) and a worker hosting an estimator
 * ({@link serveEstimator}). Requests carry an `id`; each gets exactly one response with the same `id`.
 * Image pixels travel as transferable `ArrayBuffer`s; results come back by structured clone (they are small).
 *
 * @module
 */
import { PosekitError } from '@posekit/core';
import type { EstimateResult, ImageLike, PosekitErrorCode } from '@posekit/core';
import type { SessionReports, WebEstimateOptions, WebEstimatorConfig } from '../estimator.js';

/** Protocol version; the worker refuses an `init` of another version (page and worker from different builds). */
export const WORKER_PROTOCOL_VERSION = 1;

/** Page -> worker: build the estimator (first message). */
export interface InitRequest {
  /** Discriminator. */
  type: 'init';
  /** Request id, echoed by the response. */
  id: number;
  /** The page's {@link WORKER_PROTOCOL_VERSION}. */
  protocol: number;
  /** What to build (model URLs already absolute). */
  config: WebEstimatorConfig;
}

/** Page -> worker: estimate poses on one image. */
export interface EstimateRequest {
  /** Discriminator. */
  type: 'estimate';
  /** Request id, echoed by the response. */
  id: number;
  /** RGBA (or other) pixels; the buffer is usually transferred. */
  image: ImageLike;
  /** Core's per-call options. */
  options?: WebEstimateOptions;
}

/** Page -> worker: dispose the estimator and release its sessions. */
export interface DisposeRequest {
  /** Discriminator. */
  type: 'dispose';
  /** Request id, echoed by the response. */
  id: number;
}

/** Page -> worker. */
export type WorkerRequest = InitRequest | EstimateRequest | DisposeRequest;

/** Worker -> page: the estimator is built. */
export interface ReadyResponse {
  /** Discriminator. */
  type: 'ready';
  /** Id of the `init` request. */
  id: number;
  /** Provider and attempts per model. */
  sessions: SessionReports;
}

/** Worker -> page: the result of an `estimate` request. */
export interface ResultResponse {
  /** Discriminator. */
  type: 'result';
  /** Id of the `estimate` request. */
  id: number;
  /** Core's result (poses, boxes, timings), by structured clone. */
  result: EstimateResult;
}

/** Worker -> page: disposed. */
export interface DisposedResponse {
  /** Discriminator. */
  type: 'disposed';
  /** Id of the `dispose` request. */
  id: number;
}

/** Worker -> page: a request failed. */
export interface ErrorResponse {
  /** Discriminator. */
  type: 'error';
  /** Id of the failed request (-1 when the request had none). */
  id: number;
  /** The error as data. */
  error: SerializedError;
}

/** Worker -> page. */
export type WorkerResponse = ReadyResponse | ResultResponse | DisposedResponse | ErrorResponse;

/** A `PosekitError` (or another error) as plain data. */
export interface SerializedError {
  /** `'PosekitError'` or the original error's name. */
  name: string;
  /** Stable code for a PosekitError. */
  code?: PosekitErrorCode;
  /** Message. */
  message: string;
  /** Details, JSON-safe. */
  details?: Record<string, unknown>;
}

/**
 * The two ends of a message channel as the protocol uses them: a `Worker` (page side), a worker's `self`,
 * a `MessagePort` (browser or Node) all fit.
 */
export interface MessageEndpoint {
  /** Send, transferring the listed buffers. */
  postMessage(message: unknown, transfer: Transferable[]): void;
  /** Listen (`'message'`, plus `'error'` / `'messageerror'` where the endpoint has them). */
  addEventListener(type: 'message' | 'messageerror' | 'error', listener: (event: MessageEvent | ErrorEvent | Event) => void): void;
  /** Stop listening. */
  removeEventListener(type: 'message' | 'messageerror' | 'error', listener: (event: MessageEvent | ErrorEvent | Event) => void): void;
  /** `MessagePort.start()`: needed with `addEventListener` on ports. */
  start?(): void;
}

/** Details made safe for structured clone / JSON (drop functions, cyclic parts, native objects). */
function plainDetails(d: unknown): Record<string, unknown> | undefined {
  if (d === undefined || d === null || typeof d !== 'object') return undefined;
  try {
    return JSON.parse(JSON.stringify(d, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v))) as Record<string, unknown>;
  } catch {
    return { note: 'details could not be serialized' };
  }
}

/** Error -> plain data for `postMessage`. @internal */
export function serializeError(e: unknown): SerializedError {
  if (e instanceof PosekitError || (e instanceof Error && typeof (e as { code?: unknown }).code === 'string' && e.name === 'PosekitError')) {
    const pe = e as PosekitError;
    const out: SerializedError = { name: 'PosekitError', code: pe.code, message: pe.message };
    const details = plainDetails(pe.details);
    if (details) out.details = details;
    return out;
  }
  if (e instanceof Error) return { name: e.name, message: e.message };
  return { name: 'Error', message: String(e) };
}

/** Plain data -> an error to throw on the page: a real `PosekitError` with the same code when it was one. @internal */
export function deserializeError(s: SerializedError): Error {
  if (s.code !== undefined) return new PosekitError(s.code, s.message, s.details ?? {});
  const e = new Error(s.message);
  e.name = s.name;
  return e;
}
