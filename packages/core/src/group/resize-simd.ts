/**
 * WebAssembly SIMD kernels for the two passes of {@link resizeBicubic}, generated here as bytes (no build step,
 * no binary asset). The horizontal kernels `h2`/`h4` write 2 or 4 buffer columns that share their 4 source taps
 * (one f64x2 lane per column). Each vertical kernel `kR` writes R output rows that share their 4 source rows:
 * `out[j][x] = f32(((s0[x]·w[4j] + s1[x]·w[4j+1]) + s2[x]·w[4j+2]) + s3[x]·w[4j+3])`, two columns per step in
 * f64x2 lanes. IEEE double multiply/add and the round-to-nearest demotion are exactly the scalar JS operations,
 * so the kernels give bit-identical results to the JS loop (tested); they only do two lanes at a time.
 *
 * Compiled lazily on first use, never on import; where WebAssembly or its SIMD proposal is unavailable (old
 * engines, a CSP without `wasm-unsafe-eval`) {@link resizeKernels} returns null and the caller uses plain JS.
 * @internal
 * @module
 */

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

/** Instantiated kernels and their memory. @internal */
export interface ResizeKernels {
  /** The module's linear memory (grow-only, starts at one 64 KiB page). */
  readonly memory: WasmMemory;
  /**
   * `kR(r0, r1, r2, r3, out, stride, npairs, wptr)`: r0..r3 byte addresses of f64 source rows, `out` byte
   * address of the first f32 output row, `stride` bytes between output rows, `npairs` ≥ 1 column pairs,
   * `wptr` byte address of 4R f64 weights (row-major: 4 per output row).
   */
  readonly k1: KernelFn;
  readonly k2: KernelFn;
  readonly k4: KernelFn;
  /**
   * `hP(in, tmp, rows, inStride, tmpStride, s0, s1, s2, s3, wptr)`, P = 2 or 4 outputs (1 or 2 column pairs)
   * that share their taps: for each of `rows` ≥ 1 rows, `tmp[j] = f32(((in[s0]·w0j + in[s1]·w1j) + in[s2]·w2j)
   * + in[s3]·w3j)` stored as f64. `in`/`tmp` byte addresses of the first f64 input / f64 buffer row, strides in
   * bytes, s0..s3 byte offsets of the taps in a row, `wptr` the pair-interleaved f64 weights
   * (`w00 w01 w10 w11 w20 w21 w30 w31`, then the next pair).
   */
  readonly h2: HKernelFn;
  readonly h4: HKernelFn;
}

type HKernelFn = (inp: number, tmp: number, rows: number, inStride: number, tmpStride: number, s0: number, s1: number, s2: number, s3: number, wptr: number) => void;

type KernelFn = (r0: number, r1: number, r2: number, r3: number, out: number, stride: number, npairs: number, wptr: number) => void;

const I32 = 0x7f;
const V128 = 0x7b;

function uleb(n: number): number[] {
  const b: number[] = [];
  do {
    let x = n & 0x7f;
    n >>>= 7;
    if (n !== 0) x |= 0x80;
    b.push(x);
  } while (n !== 0);
  return b;
}
const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];
const name = (s: string): number[] => [...uleb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];
const get = (i: number): number[] => [0x20, ...uleb(i)];
const set = (i: number): number[] => [0x21, ...uleb(i)];
const simd = (op: number, ...imm: number[]): number[] => [0xfd, ...uleb(op), ...imm];
const F64X2_SPLAT = 0x14;
const V128_LOAD = 0x00;
const F64X2_ADD = 0xf0;
const F64X2_MUL = 0xf2;
const F32X4_DEMOTE_F64X2_ZERO = 0x5e;
const F64X2_PROMOTE_LOW_F32X4 = 0x5f;
const V128_STORE = 0x0b;
const V128_STORE64_LANE = 0x5b;

/** Function body of the R-row kernel (params 0..7 as in {@link ResizeKernels}). */
function kernelBody(R: number): number[] {
  // i32 locals: pT (tmp byte offset) 8, pO (out byte offset) 9, out row j address 10..12 (j = 1..3), count 13;
  // v128 locals: source lanes 14..17, splatted weights 18..
  const pT = 8;
  const pO = 9;
  const rowAddr = 10;
  const count = 13;
  const v = 14;
  const w = 18;
  const c: number[] = [];
  for (let j = 1; j < R; j++) c.push(...get(4), ...get(5), 0x41, ...uleb(j), 0x6c, 0x6a, ...set(rowAddr + j - 1));
  for (let j = 0; j < 4 * R; j++) c.push(...get(7), 0x2b, 3, ...uleb(8 * j), ...simd(F64X2_SPLAT), ...set(w + j));
  c.push(0x03, 0x40); // loop (do-while: npairs >= 1)
  for (let k = 0; k < 4; k++) c.push(...get(k), ...get(pT), 0x6a, ...simd(V128_LOAD, 3, 0), ...set(v + k));
  for (let j = 0; j < R; j++) {
    c.push(...get(j === 0 ? 4 : rowAddr + j - 1), ...get(pO), 0x6a);
    c.push(...get(v), ...get(w + 4 * j), ...simd(F64X2_MUL));
    for (let k = 1; k < 4; k++) c.push(...get(v + k), ...get(w + 4 * j + k), ...simd(F64X2_MUL), ...simd(F64X2_ADD));
    c.push(...simd(F32X4_DEMOTE_F64X2_ZERO), ...simd(V128_STORE64_LANE, 2, 0, 0));
  }
  c.push(...get(pT), 0x41, 16, 0x6a, ...set(pT));
  c.push(...get(pO), 0x41, 8, 0x6a, ...set(pO));
  // ++count < npairs -> repeat
  c.push(...get(count), 0x41, 1, 0x6a, 0x22, ...uleb(count), ...get(6), 0x49, 0x0d, 0);
  c.push(0x0b, 0x0b);
  const body = [...vec([[...uleb(6), I32], [...uleb(4 + 4 * R), V128]]), ...c];
  return [...uleb(body.length), ...body];
}

/** Function body of the horizontal kernel for P column pairs (params 0..9 as in {@link ResizeKernels}). */
function hKernelBody(P: number): number[] {
  // i32 locals: count 10, pIn 11, pTmp 12; v128 locals: splatted taps 13..16, pair weights 17..
  const count = 10;
  const pIn = 11;
  const pTmp = 12;
  const v = 13;
  const w = 17;
  const c: number[] = [...get(0), ...set(pIn), ...get(1), ...set(pTmp)];
  for (let j = 0; j < 4 * P; j++) c.push(...get(9), ...simd(V128_LOAD, 3, ...uleb(16 * j)), ...set(w + j));
  c.push(0x03, 0x40); // loop (do-while: rows >= 1)
  for (let k = 0; k < 4; k++) c.push(...get(pIn), ...get(5 + k), 0x6a, 0x2b, 3, 0, ...simd(F64X2_SPLAT), ...set(v + k));
  for (let p = 0; p < P; p++) {
    c.push(...get(pTmp));
    c.push(...get(v), ...get(w + 4 * p), ...simd(F64X2_MUL));
    for (let k = 1; k < 4; k++) c.push(...get(v + k), ...get(w + 4 * p + k), ...simd(F64X2_MUL), ...simd(F64X2_ADD));
    c.push(...simd(F32X4_DEMOTE_F64X2_ZERO), ...simd(F64X2_PROMOTE_LOW_F32X4), ...simd(V128_STORE, 3, ...uleb(16 * p)));
  }
  c.push(...get(pIn), ...get(3), 0x6a, ...set(pIn));
  c.push(...get(pTmp), ...get(4), 0x6a, ...set(pTmp));
  // ++count < rows -> repeat
  c.push(...get(count), 0x41, 1, 0x6a, 0x22, ...uleb(count), ...get(2), 0x49, 0x0d, 0);
  c.push(0x0b, 0x0b);
  const body = [...vec([[...uleb(3), I32], [...uleb(4 + 4 * P), V128]]), ...c];
  return [...uleb(body.length), ...body];
}

/** The module bytes: one memory `m`, kernels `k1`, `k2`, `k4`, `h2`, `h4`. */
function moduleBytes(): Uint8Array {
  const i32s = (n: number): number[] => vec(Array.from({ length: n }, () => [I32]));
  const type = section(1, vec([[0x60, ...i32s(8), 0], [0x60, ...i32s(10), 0]]));
  const funcs = section(3, vec([[0], [0], [0], [1], [1]]));
  const memory = section(5, vec([[0x00, 1]]));
  const exports = section(7, vec([[...name('m'), 0x02, 0], [...name('k1'), 0x00, 0], [...name('k2'), 0x00, 1], [...name('k4'), 0x00, 2], [...name('h2'), 0x00, 3], [...name('h4'), 0x00, 4]]));
  const code = section(10, vec([kernelBody(1), kernelBody(2), kernelBody(4), hKernelBody(1), hKernelBody(2)]));
  return Uint8Array.from([0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0, ...type, ...funcs, ...memory, ...exports, ...code]);
}

let kernels: ResizeKernels | null | undefined;

function instantiate(): ResizeKernels | null {
  const wa = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  if (wa === undefined) return null;
  try {
    const bytes = moduleBytes();
    // validate() is false on engines without SIMD128 (the kernels use v128).
    if (!wa.validate(bytes)) return null;
    const ex = new wa.Instance(new wa.Module(bytes), {}).exports;
    return { memory: ex['m'] as WasmMemory, k1: ex['k1'] as KernelFn, k2: ex['k2'] as KernelFn, k4: ex['k4'] as KernelFn, h2: ex['h2'] as HKernelFn, h4: ex['h4'] as HKernelFn };
  } catch {
    // A CSP without 'wasm-unsafe-eval' (EvalError / CompileError), out of memory: the JS loop does the same job.
    return null;
  }
}

/** The kernels, compiled on first call (~1 KB, fine for synchronous compilation); null where unavailable. @internal */
export function resizeKernels(): ResizeKernels | null {
  if (kernels === undefined) kernels = instantiate();
  return kernels;
}
