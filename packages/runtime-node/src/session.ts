/**
 * Creating onnxruntime-node sessions with an execution-provider choice that says what it did: `auto` tries CUDA
 * then CPU and reports why each refused provider was refused.
 *
 * @module
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InferenceSession } from 'onnxruntime-node';
import { PosekitError } from '@posekit/core';

/** Which execution provider to use: `auto` = CUDA if it can start, else CPU. */
export type NodeDevice = 'auto' | 'cuda' | 'cpu';

/** An execution provider posekit's Node runtime knows how to ask for. */
export type NodeProvider = 'cuda' | 'cpu';

/** One provider that was tried, and why it was refused. */
export interface ProviderAttempt {
  /** The provider. */
  provider: NodeProvider;
  /** Whether the session started on it. */
  ok: boolean;
  /** Why it was refused (absent when `ok`). */
  reason?: string;
}

/** Options of {@link createSession}. */
export interface CreateSessionOptions {
  /** Execution provider choice (default `'auto'`). */
  device?: NodeDevice;
  /** CUDA device ordinal (default 0). */
  cudaDeviceId?: number;
  /** Intra-op threads for the CPU provider (default: onnxruntime's choice, one per core). */
  intraOpNumThreads?: number;
  /** Extra onnxruntime session options (`executionProviders` is set by posekit and ignored here). */
  sessionOptions?: InferenceSession.SessionOptions;
}

/** A started session and the story of how it was started. */
export interface NodeSession {
  /** The onnxruntime-node session (an onnxruntime-common `InferenceSession`). */
  session: InferenceSession;
  /** The provider it runs on. */
  provider: NodeProvider;
  /** Every provider tried, in order, with the reason for each refusal. */
  attempts: ProviderAttempt[];
}

/** A model: a file path, a `file:` URL, or the ONNX bytes. */
export type ModelSource = string | URL | Uint8Array;

/** Where onnxruntime-node keeps its native binaries for this platform, or undefined if it cannot be found. */
function ortBinDir(): string | undefined {
  try {
    const req = createRequire(import.meta.url);
    const entry = req.resolve('onnxruntime-node');
    return join(dirname(entry), '..', 'bin', 'napi-v6', process.platform, process.arch);
  } catch {
    return undefined;
  }
}

/**
 * Why the CUDA provider cannot start, checked before asking onnxruntime (which would print a native error
 * log and throw): the CUDA provider library that onnxruntime-node's install script downloads is missing.
 * Returns undefined when nothing is known to be wrong.
 */
function cudaUnavailableReason(): string | undefined {
  if (process.platform !== 'linux' && process.platform !== 'win32') return `onnxruntime-node has no CUDA provider for ${process.platform}/${process.arch}`;
  if (process.arch !== 'x64') return `onnxruntime-node has no CUDA provider for ${process.platform}/${process.arch}`;
  const dir = ortBinDir();
  if (!dir) return undefined;
  const lib = process.platform === 'win32' ? 'onnxruntime_providers_cuda.dll' : 'libonnxruntime_providers_cuda.so';
  if (!existsSync(join(dir, lib))) {
    return (
      `the CUDA provider binaries are not installed (${join(dir, lib)} is missing): onnxruntime-node downloads them in its ` +
      `install script, which was skipped or could not reach the network; see docs/guides/cuda.md`
    );
  }
  return undefined;
}

/** Read the model bytes, mapping file-system failures to posekit codes. */
function readModel(fn: string, model: ModelSource): { bytes: Uint8Array; label: string } {
  if (model instanceof Uint8Array) {
    if (model.byteLength === 0) throw new PosekitError('E_MODEL_LOAD', `${fn}: the model bytes are empty (0 bytes)`, { expected: 'ONNX bytes', received: 'Uint8Array(0)' });
    return { bytes: model, label: `<${model.byteLength} bytes>` };
  }
  let path: string;
  if (model instanceof URL) {
    if (model.protocol !== 'file:') {
      throw new PosekitError('E_ARGUMENT', `${fn}: only file: URLs can be opened directly; received ${model.protocol} (download the model first, e.g. with the posekit model registry)`, {
        expected: 'file: URL, path or bytes',
        received: model.href,
      });
    }
    path = fileURLToPath(model);
  } else if (typeof model === 'string' && model.length > 0) {
    path = model;
  } else {
    throw new PosekitError('E_ARGUMENT', `${fn}: model must be a path, a file: URL or a Uint8Array; received ${typeof model}`, {
      expected: 'string | URL | Uint8Array',
      received: typeof model,
    });
  }
  if (!existsSync(path)) {
    throw new PosekitError('E_FILE_NOT_FOUND', `${fn}: model file not found: ${path}`, { file: path, expected: 'an existing .onnx file', received: 'no such file' });
  }
  if (statSync(path).isDirectory()) {
    throw new PosekitError('E_MODEL_LOAD', `${fn}: model path is a folder, not a file: ${path}`, { file: path });
  }
  try {
    const bytes = readFileSync(path);
    if (bytes.byteLength === 0) throw new PosekitError('E_MODEL_LOAD', `${fn}: model file is empty (0 bytes): ${path}`, { file: path });
    return { bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), label: path };
  } catch (e) {
    if (e instanceof PosekitError) throw e;
    throw new PosekitError('E_IO', `${fn}: could not read model file ${path}: ${(e as Error).message}`, { file: path }, { cause: e });
  }
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Create an onnxruntime-node session on the chosen device.
 *
 * - `device: 'auto'` (default) tries CUDA, then CPU; `attempts` says why CUDA was refused (binaries not
 *   installed, driver/library load failure ...).
 * - `device: 'cuda'` uses CUDA or fails with `E_PROVIDER` (no silent CPU fallback).
 * - `device: 'cpu'` uses the CPU provider.
 *
 * @param model - model file path, `file:` URL, or ONNX bytes
 * @param options - device and session options
 * @returns the session, the provider it runs on, and every attempt
 * @throws PosekitError `E_FILE_NOT_FOUND` (no such file), `E_IO` (unreadable), `E_MODEL_LOAD` (empty / corrupt /
 *   unsupported model), `E_PROVIDER` (`device: 'cuda'` and CUDA cannot start), `E_ARGUMENT` (bad options)
 */
export async function createSession(model: ModelSource, options: CreateSessionOptions = {}): Promise<NodeSession> {
  const fn = 'createSession';
  const device = options.device ?? 'auto';
  if (device !== 'auto' && device !== 'cuda' && device !== 'cpu') {
    throw new PosekitError('E_ARGUMENT', `${fn}: device must be 'auto', 'cuda' or 'cpu'; received ${JSON.stringify(device)}`, {
      expected: ['auto', 'cuda', 'cpu'],
      received: device,
    });
  }
  const { bytes, label } = readModel(fn, model);
  const base: InferenceSession.SessionOptions = { ...options.sessionOptions };
  if (options.intraOpNumThreads !== undefined) base.intraOpNumThreads = options.intraOpNumThreads;
  const attempts: ProviderAttempt[] = [];
  const order: NodeProvider[] = device === 'auto' ? ['cuda', 'cpu'] : [device];
  for (const provider of order) {
    if (provider === 'cuda') {
      const pre = cudaUnavailableReason();
      if (pre !== undefined) {
        attempts.push({ provider, ok: false, reason: pre });
        continue;
      }
    }
    const ep: InferenceSession.ExecutionProviderConfig =
      provider === 'cuda' ? { name: 'cuda', deviceId: options.cudaDeviceId ?? 0 } : { name: 'cpu' };
    try {
      const session = await InferenceSession.create(bytes, { ...base, executionProviders: [ep] });
      attempts.push({ provider, ok: true });
      return { session, provider, attempts };
    } catch (e) {
      const reason = message(e);
      attempts.push({ provider, ok: false, reason });
      // A model onnxruntime cannot parse fails on every provider: report it as a model problem right away.
      // The CPU provider is always present, so its failure is the model's too.
      if (provider === 'cpu' || /protobuf|parsing|invalid model|ModelProto|Load model/i.test(reason)) {
        throw new PosekitError('E_MODEL_LOAD', `${fn}: onnxruntime could not load the model ${label}: ${reason}`, { file: label, attempts }, { cause: e });
      }
    }
  }
  const tried = attempts.map((a) => `${a.provider}: ${a.reason}`).join('; ');
  throw new PosekitError('E_PROVIDER', `${fn}: no execution provider could start (asked for ${device}): ${tried}`, {
    expected: device,
    received: attempts,
    attempts,
  });
}
