/**
 * Lazy access to onnxruntime-web (the `onnxruntime-web/webgpu` entry: WebGPU and WASM execution providers in
 * one build) and the one-time WASM settings of its `env`.
 *
 * The import is dynamic so that importing `@posekit/runtime-web` loads no runtime and touches no global: the
 * first {@link createSession} call does. Bundlers split the runtime into its own chunk.
 *
 * @module
 */
import { PosekitError } from '@posekit/core';

/** The onnxruntime-web module (its `onnxruntime-web/webgpu` entry). */
export type OrtWeb = typeof import('onnxruntime-web/webgpu');

/**
 * Where onnxruntime-web finds its `.wasm` (and `.mjs` glue) files: a URL prefix ending in `/`, or the files
 * themselves. Passed to `ort.env.wasm.wasmPaths`.
 */
export type WasmPaths = string | WasmFilePaths;

/** The onnxruntime-web files themselves (absolute URLs), when a prefix does not fit your layout. */
export interface WasmFilePaths {
  /** URL of `ort-wasm-simd-threaded.asyncify.wasm`. */
  wasm?: string | URL;
  /** URL of `ort-wasm-simd-threaded.asyncify.mjs` (the Emscripten glue; needed with the non-bundled entries). */
  mjs?: string | URL;
}

/** Settings that onnxruntime-web reads once, when its WASM runtime starts. */
export interface WasmSettings {
  /** See {@link WasmPaths}. Default: next to the onnxruntime-web module (what Vite and webpack 5 emit). */
  wasmPaths?: WasmPaths;
  /** WASM intra-op threads (`ort.env.wasm.numThreads`). Threads need a cross-origin-isolated page. */
  numThreads?: number;
}

let ortPromise: Promise<OrtWeb> | undefined;
let started: { wasmPaths: string; numThreads: number | undefined } | undefined;

/** Import onnxruntime-web once. @internal */
export function loadOrt(): Promise<OrtWeb> {
  ortPromise ??= import('onnxruntime-web/webgpu').catch((e: unknown) => {
    ortPromise = undefined;
    throw new PosekitError('E_PROVIDER', `createSession: could not load onnxruntime-web (import 'onnxruntime-web/webgpu'): ${String(e)}`, {
      expected: 'onnxruntime-web ~1.30 installed (peer dependency)',
      received: String(e),
    }, { cause: e });
  });
  return ortPromise;
}

const key = (p: WasmPaths | undefined): string => (p === undefined ? '' : typeof p === 'string' ? p : JSON.stringify({ wasm: String(p.wasm ?? ''), mjs: String(p.mjs ?? '') }));

/**
 * Apply `wasmPaths` / `numThreads` before the WASM runtime starts. onnxruntime-web reads them only once, so a
 * later session that asks for different values gets an error instead of being silently ignored.
 * @internal
 */
export function applyWasmSettings(ort: OrtWeb, s: WasmSettings): void {
  if (s.numThreads !== undefined && !(Number.isInteger(s.numThreads) && s.numThreads >= 1 && s.numThreads <= 64)) {
    throw new PosekitError('E_RANGE', `createSession: numThreads must be an integer in [1, 64]; received ${s.numThreads}`, { expected: '[1, 64]', received: s.numThreads });
  }
  if (started) {
    const wantPaths = s.wasmPaths === undefined ? started.wasmPaths : key(s.wasmPaths);
    const wantThreads = s.numThreads ?? started.numThreads;
    if (wantPaths !== started.wasmPaths || wantThreads !== started.numThreads) {
      throw new PosekitError(
        'E_STATE',
        `createSession: onnxruntime-web's WASM runtime already started with wasmPaths ${JSON.stringify(started.wasmPaths || '(default)')} and numThreads ${started.numThreads ?? '(default)'}; ` +
          `received wasmPaths ${JSON.stringify(wantPaths || '(default)')} and numThreads ${wantThreads ?? '(default)'}. Set them on the first session only.`,
        { expected: started, received: { wasmPaths: wantPaths, numThreads: wantThreads } },
      );
    }
    return;
  }
  if (s.wasmPaths !== undefined) ort.env.wasm.wasmPaths = s.wasmPaths;
  if (s.numThreads !== undefined) ort.env.wasm.numThreads = s.numThreads;
  started = { wasmPaths: key(s.wasmPaths), numThreads: s.numThreads };
}
