/**
 * The messages between a page ({@link createWorkerEstimator}) and a worker hosting an estimator
 * ({@link serveEstimator}). Requests carry an `id`; each gets exactly one response with the same `id`.
 * Image pixels travel as transferable `ArrayBuffer`s; results come back by structured clone (they are small).
 *
 * @module
 */
import { PosekitError } from '@posekit/core';
import type { EstimateResult, ImageLike, PosekitErrorCode } from '@posekit/core';
import type { SessionReport, WebEstimateOptions, WebEstimatorConfig } from '../estimator.js';

/** Protocol version; the worker refuses an `init` of another version (page and worker from different builds). */
export const WORKER_PROTOCOL_VERSION = 1;

/** Page -> worker. */
export type WorkerRequest =
  | { type: 'init'; id: number; protocol: number; config: WebEstimatorConfig }
  | { type: 'estimate'; id: number; image: ImageLike; options?: WebEstimateOptions }
  | { type: 'dispose'; id: number };

/** A {@link PosekitError} (or another error) as plain data. */
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

/** Worker -> page. */
export type WorkerResponse =
  | { type: 'ready'; id: number; sessions: { detector?: SessionReport; pose: SessionReport } }
  | { type: 'result'; id: number; result: EstimateResult }
  | { type: 'disposed'; id: number }
  | { type: 'error'; id: number; error: SerializedError };

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

/** Plain data -> an error to throw on the page: a real {@link PosekitError} with the same code when it was one. @internal */
export function deserializeError(s: SerializedError): Error {
  if (s.code !== undefined) return new PosekitError(s.code, s.message, s.details ?? {});
  const e = new Error(s.message);
  e.name = s.name;
  return e;
}
