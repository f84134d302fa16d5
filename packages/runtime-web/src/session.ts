/**
 * Browser inference sessions: WebGPU when the page has an adapter, WASM otherwise, with the provider that was
 * actually used and the reason each refused one was refused.
 *
 * @module
 */
import type { InferenceSession } from 'onnxruntime-web/webgpu';
import { PosekitError } from '@posekit/core';
import { type FetchLike, type ModelSource, describeModelSource, loadModelBytes } from './model-source.js';
import { type OrtWeb, type WasmPaths, applyWasmSettings, loadOrt } from './ort.js';

/** Which execution provider to use: `auto` = WebGPU when an adapter is available, else WASM. */
export type WebDevice = 'auto' | 'webgpu' | 'wasm';

/** An execution provider of onnxruntime-web that posekit uses. */
export type WebProvider = 'webgpu' | 'wasm';

/** What the WebGPU probe found about the adapter (`GPUAdapter.info`). */
export interface WebGpuAdapterInfo {
  /** Vendor (`'google'` for Chromium's SwiftShader software adapter). */
  vendor: string;
  /** Architecture (`'swiftshader'` for the software adapter). */
  architecture: string;
  /** Description, often empty. */
  description: string;
  /** True for a software / fallback adapter (slow: expect CPU-like or slower speed). */
  isFallbackAdapter: boolean;
}

/** One provider that was tried, in order, with the reason it was refused when it was. */
export interface ProviderAttempt {
  /** The provider. */
  provider: WebProvider;
  /** Whether the session was created on it. */
  ok: boolean;
  /** Why it was refused (no `navigator.gpu`, no adapter, session creation error ...); absent when `ok`. */
  reason?: string;
  /** The WebGPU adapter found by the probe, when there was one. */
  adapter?: WebGpuAdapterInfo;
}

/** Options of {@link createSession}. */
export interface WebSessionOptions {
  /** Provider choice (default `'auto'`). `'webgpu'` throws `E_PROVIDER` when WebGPU is unavailable. */
  device?: WebDevice;
  /**
   * Where onnxruntime-web loads its `.wasm` from (`ort.env.wasm.wasmPaths`). Leave unset with Vite and
   * webpack 5, which emit the file next to the bundle; set it with bundlers that do not (see the browser guide).
   * Read once, on the first session.
   */
  wasmPaths?: WasmPaths;
  /** WASM threads (`ort.env.wasm.numThreads`; needs a cross-origin-isolated page). Read once, on the first session. */
  numThreads?: number;
  /** WebGPU adapter preference passed to `requestAdapter` and onnxruntime-web (`env.webgpu.powerPreference`). */
  powerPreference?: 'low-power' | 'high-performance';
  /** `fetch` used for URL models (default: the global `fetch`). */
  fetch?: FetchLike;
}

/** A created session and how it came about. */
export interface WebSession {
  /** The onnxruntime-web session; pass it to the `@posekit/core` estimators. */
  session: InferenceSession;
  /** The provider the session runs on. */
  provider: WebProvider;
  /** Every provider tried, in order (the last one is the one used). */
  attempts: ProviderAttempt[];
}

/** The parts of `navigator.gpu` the probe uses (WebGPU types are not in TypeScript's DOM lib). */
interface GpuLike {
  requestAdapter(options?: { powerPreference?: string }): Promise<{ info?: Partial<WebGpuAdapterInfo> } | null>;
}

/** Result of `probeWebGpu`. @internal */
export type WebGpuProbe = { ok: true; adapter: WebGpuAdapterInfo } | { ok: false; reason: string };

/**
 * Is WebGPU usable here? Asks `navigator.gpu.requestAdapter()`; never throws.
 * @param nav - the navigator (default `globalThis.navigator`; a worker's navigator works too)
 * @internal
 */
export async function probeWebGpu(nav: unknown = (globalThis as { navigator?: unknown }).navigator, powerPreference?: 'low-power' | 'high-performance'): Promise<WebGpuProbe> {
  const gpu = (nav as { gpu?: GpuLike } | undefined)?.gpu;
  if (gpu === undefined || gpu === null || typeof gpu.requestAdapter !== 'function') {
    const secure = (globalThis as { isSecureContext?: boolean }).isSecureContext;
    return {
      ok: false,
      reason:
        'navigator.gpu is undefined: this browser has no WebGPU' +
        (secure === false ? ' in an insecure context (WebGPU needs https:// or http://localhost)' : ' (or it is disabled)'),
    };
  }
  try {
    const adapter = await gpu.requestAdapter(powerPreference ? { powerPreference } : undefined);
    if (!adapter) {
      return {
        ok: false,
        reason: 'navigator.gpu.requestAdapter() returned null: no usable GPU adapter (blocklisted or disabled GPU; headless Chromium needs --enable-unsafe-webgpu)',
      };
    }
    const info = adapter.info ?? {};
    return {
      ok: true,
      adapter: {
        vendor: String(info.vendor ?? ''),
        architecture: String(info.architecture ?? ''),
        description: String(info.description ?? ''),
        isFallbackAdapter: Boolean(info.isFallbackAdapter ?? (adapter as { isFallbackAdapter?: boolean }).isFallbackAdapter ?? false),
      },
    };
  } catch (e) {
    return { ok: false, reason: `navigator.gpu.requestAdapter() threw: ${String(e)}` };
  }
}

/** onnxruntime-web's message when none of the requested providers could start. */
const NO_BACKEND = /no available backend found/i;

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

async function tryCreate(ort: OrtWeb, bytes: Uint8Array, provider: WebProvider): Promise<InferenceSession> {
  return ort.InferenceSession.create(bytes, { executionProviders: [provider], graphOptimizationLevel: 'all' });
}

const DEVICES: readonly WebDevice[] = ['auto', 'webgpu', 'wasm'];

/**
 * Create an onnxruntime-web session for a model, choosing the execution provider.
 *
 * `device: 'auto'` uses WebGPU when `navigator.gpu.requestAdapter()` returns an adapter and a WebGPU session
 * can be created, else WASM; `attempts` says what was tried and why WebGPU was refused. `'webgpu'` and
 * `'wasm'` use only that provider.
 *
 * Mirrors `@posekit/runtime-node`'s `createSession` (same error codes, same `{ session, provider, attempts }`).
 *
 * @param model - URL, bytes or Blob of an ONNX model (see {@link ModelSource})
 * @param options - provider choice and WASM settings
 * @returns the session, the provider used and every attempt
 * @throws PosekitError `E_ARGUMENT` (unknown device), `E_RANGE` (numThreads), `E_DOWNLOAD` (URL fetch failed),
 *   `E_MODEL_LOAD` (bytes are not a model the runtime can load), `E_PROVIDER` (the requested provider is
 *   unavailable, or onnxruntime-web cannot be loaded), `E_STATE` (WASM settings changed after the runtime started)
 *
 * @example
 * ```ts
 * const { session, provider, attempts } = await createSession('/models/yolo11n-pose.onnx', { device: 'auto' });
 * const estimator = createOneStageEstimator({ session, spec: getModelPreset('yolo11n-pose') });
 * ```
 */
export async function createSession(model: ModelSource, options: WebSessionOptions = {}): Promise<WebSession> {
  const device = options.device ?? 'auto';
  if (!DEVICES.includes(device)) {
    throw new PosekitError('E_ARGUMENT', `createSession: device must be one of ${DEVICES.join(', ')}; received ${JSON.stringify(device)}`, {
      expected: DEVICES,
      received: device,
    });
  }
  const attempts: ProviderAttempt[] = [];
  const candidates: WebProvider[] = [];
  let adapter: WebGpuAdapterInfo | undefined;
  if (device !== 'wasm') {
    const probe = await probeWebGpu(undefined, options.powerPreference);
    if (probe.ok) {
      adapter = probe.adapter;
      candidates.push('webgpu');
    } else if (device === 'webgpu') {
      throw new PosekitError('E_PROVIDER', `createSession: device 'webgpu' requested but WebGPU is unavailable: ${probe.reason}`, {
        expected: 'webgpu',
        received: probe.reason,
        attempts: [{ provider: 'webgpu', ok: false, reason: probe.reason }],
      });
    } else {
      attempts.push({ provider: 'webgpu', ok: false, reason: probe.reason });
    }
  }
  if (device !== 'webgpu') candidates.push('wasm');

  // After the probe: an unavailable 'webgpu' fails before any download.
  const bytes = await loadModelBytes(model, options.fetch);
  const ort = await loadOrt();
  applyWasmSettings(ort, { wasmPaths: options.wasmPaths, numThreads: options.numThreads });
  if (options.powerPreference !== undefined) ort.env.webgpu.powerPreference = options.powerPreference;

  const what = describeModelSource(model);
  let lastError: unknown;
  for (const provider of candidates) {
    try {
      const session = await tryCreate(ort, bytes, provider);
      attempts.push(provider === 'webgpu' && adapter ? { provider, ok: true, adapter } : { provider, ok: true });
      return { session, provider, attempts };
    } catch (e) {
      lastError = e;
      const reason = errorText(e);
      attempts.push(provider === 'webgpu' && adapter ? { provider, ok: false, reason, adapter } : { provider, ok: false, reason });
    }
  }
  const reason = errorText(lastError);
  if (NO_BACKEND.test(reason)) {
    throw new PosekitError('E_PROVIDER', `createSession: no execution provider could start for ${what}: ${reason}`, { expected: candidates, received: reason, attempts }, { cause: lastError });
  }
  throw new PosekitError('E_MODEL_LOAD', `createSession: could not load the model ${what}: ${reason}`, { file: what, received: reason, attempts }, { cause: lastError });
}
