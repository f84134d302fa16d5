/**
 * Lazy loader of the SIMD argmax module (argmax.wat) and its fixed memory layout. Nothing happens on
 * import: the module is compiled synchronously (it is ~550 bytes, far below the 4 KB limit browsers put
 * on synchronous compilation on the main thread) the first time a decoder or `createDecodeBuffer` asks
 * for it. When WebAssembly or SIMD128 is missing, or compilation is refused (a Content-Security-Policy
 * without `'wasm-unsafe-eval'`), {@link getArgmaxKernel} returns `null` and callers use the JS scan.
 *
 * @internal
 * @module
 */
import { ARGMAX_WASM_BASE64 } from './argmax-bytes.js';

/** Bytes per WebAssembly page. */
export const PAGE_BYTES = 65536;
/** Byte address of the per-row results (i32 each); one page: 16384 rows per kernel call. */
export const RESULT_BYTE = 0;
/** Rows one kernel call may write. */
export const RESULT_ROWS = PAGE_BYTES / 4;
/** Byte address of the staging area used to scan data that lives outside the module memory. */
export const STAGING_BYTE = PAGE_BYTES;
/** Staging area size in floats (4 pages = 256 KB: the longest row that can be staged; chunks use 32 KB of it, see scan-rows.ts). */
export const STAGING_FLOATS = PAGE_BYTES;
/** First byte available to decode buffers (the module declares 5 initial pages for the areas above). */
export const HEAP_BASE = 5 * PAGE_BYTES;

/** The structural subset of the WebAssembly JS API used here (the ES2022 lib has no WebAssembly types). */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports?: object) => { exports: Record<string, unknown> };
}

/** The instantiated kernel. */
export interface ArgmaxKernel {
  /** The module's linear memory (grow-only). */
  readonly memory: WasmMemory;
  /** Write the first argmax (or -1 for NaN / +-Infinity) of `rows` rows of `len` floats at byte `base` to `out`. */
  readonly argmaxRows: (base: number, rows: number, len: number, out: number) => void;
}

let kernel: ArgmaxKernel | null | undefined;
let enabled = true;

function decodeBase64(s: string): Uint8Array {
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

function instantiate(): ArgmaxKernel | null {
  const wa = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  if (wa === undefined || typeof atob !== 'function') return null;
  try {
    const bytes = decodeBase64(ARGMAX_WASM_BASE64);
    // validate() is false on engines without SIMD128 (the module uses v128).
    if (!wa.validate(bytes)) return null;
    const inst = new wa.Instance(new wa.Module(bytes), {});
    const memory = inst.exports['memory'] as WasmMemory;
    const argmaxRows = inst.exports['argmaxRows'] as ArgmaxKernel['argmaxRows'];
    return { memory, argmaxRows };
  } catch {
    // CSP (EvalError / CompileError), out of memory: the JS scan does the same job, slower.
    return null;
  }
}

/** The SIMD kernel, instantiated on first call; `null` when unavailable or disabled. */
export function getArgmaxKernel(): ArgmaxKernel | null {
  if (!enabled) return null;
  if (kernel === undefined) kernel = instantiate();
  return kernel;
}

/**
 * Forget the instantiated kernel so the next {@link getArgmaxKernel} instantiates again (tests simulate a
 * failing instantiation with it). Buffers already created keep the old memory; the decoders no longer
 * recognise it and copy or scan in JS, so nothing breaks.
 */
export function resetArgmaxKernel(): void {
  kernel = undefined;
}

/**
 * Turn the SIMD kernel off (tests force the JS fallback with it) or back on. Decode buffers created while
 * it is off are plain arrays; those created before keep their memory, which the decoders then scan in JS.
 */
export function setArgmaxKernelEnabled(on: boolean): void {
  enabled = on;
}
