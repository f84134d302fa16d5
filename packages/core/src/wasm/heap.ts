/**
 * Decode buffers: float32 tensors allocated inside the SIMD kernel's linear memory, so that a model can
 * write its output straight into them and the decoders scan them in place (no copy).
 *
 * @module
 */
import { PosekitError, describeValue } from '../errors.js';
import type { TensorLike } from '../tensor.js';
import { HEAP_BASE, PAGE_BYTES, getArgmaxKernel } from './kernel.js';
import type { ArgmaxKernel } from './kernel.js';

/**
 * A float32 tensor whose storage lives in the decoders' WebAssembly memory (see
 * {@link createDecodeBuffer}). Pass it (or an onnxruntime `Tensor` built on its `data`) to any decoder.
 */
export interface DecodeBuffer extends TensorLike<Float32Array> {
  /**
   * The elements, a view on the WebAssembly memory (or a plain array when SIMD is unavailable). Read it
   * when you need it: creating another buffer may grow the memory, which detaches every earlier view;
   * this getter then re-derives the view, but a copy of the old reference (for example inside an
   * onnxruntime `Tensor`) becomes an empty, detached array. Create all buffers first, then wrap them.
   */
  readonly data: Float32Array;
  /** Shape, outermost first (as given). */
  readonly dims: readonly number[];
  /** `true` when `data` lives in the WebAssembly memory (the decoders' in-place SIMD path). */
  readonly inWasmMemory: boolean;
  /** Return the storage to the allocator; any later `data` access throws `E_STATE`. Idempotent. */
  release(): void;
}

/** Free blocks of the heap as [byteOffset, byteLength] pairs, sorted by offset, coalesced. */
const free: Array<[number, number]> = [];
/** End of the region handed out so far (bytes); memory beyond it up to memory.buffer.byteLength is free. */
let top = HEAP_BASE;
/** The kernel whose memory `free` / `top` describe (a re-instantiated kernel starts a fresh heap). */
let owner: ArgmaxKernel | null = null;

/** wasm32 linear memory holds at most 65536 pages of 64 KiB = 4 GiB (engines may allow less). */
const MAX_MEMORY_BYTES = 65536 * PAGE_BYTES;

function alloc(k: ArgmaxKernel, bytes: number, dims: readonly number[]): number {
  if (owner !== k) {
    owner = k;
    free.length = 0;
    top = HEAP_BASE;
  }
  for (let i = 0; i < free.length; i++) {
    const blk = free[i]!;
    if (blk[1] >= bytes) {
      const at = blk[0];
      if (blk[1] === bytes) free.splice(i, 1);
      else {
        blk[0] += bytes;
        blk[1] -= bytes;
      }
      return at;
    }
  }
  const have = k.memory.buffer.byteLength;
  const need = top + bytes - have;
  // Grow-only; this is the only place the memory ever grows (the decoders never allocate in it).
  if (need > 0) {
    const pages = Math.ceil(need / PAGE_BYTES);
    const total = have + pages * PAGE_BYTES;
    let refused: unknown = null;
    if (total > MAX_MEMORY_BYTES) refused = 'beyond the wasm32 limit';
    else {
      try {
        k.memory.grow(pages);
      } catch (e) {
        // RangeError: the engine's maximum is lower than 4 GiB, or the host is out of memory.
        refused = e;
      }
    }
    if (refused !== null) {
      const why = refused instanceof Error ? `the engine refused: ${refused.message}` : String(refused);
      throw new PosekitError(
        'E_RANGE',
        `createDecodeBuffer: [${dims.join(', ')}] needs ${bytes} bytes, but the decoders' WebAssembly memory cannot grow from ` +
          `${have} to ${total} bytes (${why}; ${top - HEAP_BASE - freeBytes()} bytes are held by live buffers; the limit is ` +
          `${MAX_MEMORY_BYTES} bytes = 4 GiB, and engines may allow less); release buffers you no longer need`,
        { expected: `total decode-buffer memory <= ${MAX_MEMORY_BYTES} bytes`, received: { requested: bytes, memoryBytes: have, wouldBe: total } },
        refused instanceof Error ? { cause: refused } : undefined,
      );
    }
  }
  const at = top;
  top += bytes;
  return at;
}

/** Bytes of released blocks below `top`. */
function freeBytes(): number {
  let s = 0;
  for (const blk of free) s += blk[1];
  return s;
}

function dealloc(at: number, bytes: number): void {
  let i = 0;
  while (i < free.length && free[i]![0] < at) i++;
  free.splice(i, 0, [at, bytes]);
  // Coalesce with the next, then the previous block; a block touching `top` shrinks the used region.
  const cur = free[i]!;
  const next = free[i + 1];
  if (next !== undefined && cur[0] + cur[1] === next[0]) {
    cur[1] += next[1];
    free.splice(i + 1, 1);
  }
  const prev = free[i - 1];
  if (prev !== undefined && prev[0] + prev[1] === cur[0]) {
    prev[1] += cur[1];
    free.splice(i, 1);
    i--;
  }
  const last = free[free.length - 1];
  if (last !== undefined && last[0] + last[1] === top) {
    top = last[0];
    free.pop();
  }
}

function checkDims(dims: unknown): number[] {
  const fn = 'createDecodeBuffer';
  if (!Array.isArray(dims) || dims.length === 0) {
    throw new PosekitError('E_ARGUMENT', `${fn}: dims must be a non-empty array of positive integers; received ${describeValue(dims)}`, {
      expected: 'number[] (e.g. [N, K, H, W])',
      received: dims,
    });
  }
  let size = 1;
  for (let i = 0; i < dims.length; i++) {
    const d: unknown = dims[i];
    if (typeof d !== 'number' || !Number.isInteger(d) || d < 1) {
      throw new PosekitError('E_ARGUMENT', `${fn}: dims[${i}] must be a positive integer; received ${describeValue(d)}`, {
        expected: 'integer >= 1',
        received: d,
      });
    }
    size *= d;
  }
  // wasm32 memory is at most 4 GiB; stay well clear of it.
  if (size * 4 > 2 ** 31) {
    throw new PosekitError('E_RANGE', `${fn}: [${dims.join(', ')}] needs ${size * 4} bytes; at most 2 GiB`, { expected: '<= 2^29 elements', received: size });
  }
  return dims.slice() as number[];
}

/**
 * Allocate a zero-filled float32 tensor inside the decoders' WebAssembly memory. Decoders given this
 * buffer (or any `Float32Array` on the same memory, e.g. an onnxruntime `Tensor` built on `buf.data`)
 * find the argmax of each map with the SIMD kernel in place, without copying: the fast path of
 * {@link decodeMsra}, {@link decodeDark}, {@link decodeUdp}, {@link decodeSimcc} and
 * {@link getHeatmapMaximum}.
 *
 * The memory only grows, and only inside this function: views taken before a growth are detached (see
 * {@link DecodeBuffer.data}). Release buffers you no longer need with `release()`; their space is reused.
 * Without WebAssembly SIMD (old engines, a CSP that forbids compilation) this returns a buffer on a
 * plain `Float32Array` (`inWasmMemory: false`) and the decoders use their JS scan.
 *
 * @param dims - shape, e.g. `[N, 17, 64, 48]` for heatmaps or `[N, 17, 384]` for SimCC
 * @returns the buffer, zero-filled
 * @throws PosekitError `E_ARGUMENT` (dims not positive integers), `E_RANGE` (more than 2 GiB)
 * @throws PosekitError `E_RANGE` when the WebAssembly memory cannot grow to hold the buffer: all live buffers
 *   together are limited to 4 GiB (wasm32), or less where the engine or the host allows less
 */
export function createDecodeBuffer(dims: readonly number[]): DecodeBuffer {
  const shape = checkDims(dims);
  const size = shape.reduce((a, b) => a * b, 1);
  const k = getArgmaxKernel();
  if (k === null) {
    let plain: Float32Array | null = new Float32Array(size);
    return {
      get data(): Float32Array {
        if (plain === null) throw released();
        return plain;
      },
      dims: shape,
      inWasmMemory: false,
      release(): void {
        plain = null;
      },
    };
  }
  // 16-byte aligned blocks: v128 loads are fastest aligned.
  const bytes = (size * 4 + 15) & ~15;
  const at = alloc(k, bytes, shape);
  let view = new Float32Array(k.memory.buffer, at, size);
  view.fill(0);
  let live = true;
  return {
    get data(): Float32Array {
      if (!live) throw released();
      if (view.buffer !== k.memory.buffer) view = new Float32Array(k.memory.buffer, at, size);
      return view;
    },
    dims: shape,
    inWasmMemory: true,
    release(): void {
      if (!live) return;
      live = false;
      if (owner === k) dealloc(at, bytes);
    },
  };
}

function released(): PosekitError {
  return new PosekitError('E_STATE', 'DecodeBuffer: data accessed after release()', { expected: 'a live buffer', received: 'released' });
}
