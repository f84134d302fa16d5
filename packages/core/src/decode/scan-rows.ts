/**
 * Batched first-index argmax over `rows` consecutive rows of `len` floats: the SIMD kernel in place when
 * the data live in its memory (a decode buffer), the kernel through a staging copy when that is faster
 * than the JS scan, the JS scan ({@link scanChannel}) otherwise. All three give identical indices.
 *
 * @internal
 * @module
 */
import { RESULT_BYTE, RESULT_ROWS, STAGING_BYTE, STAGING_FLOATS, getArgmaxKernel } from '../wasm/kernel.js';
import type { ArgmaxKernel } from '../wasm/kernel.js';
import { scanChannel } from './internal.js';

/**
 * Data outside the kernel memory go through the staging area only when rows have at least this many
 * floats and the batch at least {@link COPY_MIN_TOTAL}: each staged chunk costs a fixed ~0.6 µs (copy
 * set-up and the call), which the JS scan of short rows or tiny batches beats. Measured on Node 20
 * (V8 11.3), 2-core Xeon: 340 rows of 16 floats JS 5.7 µs / staged 5.5 µs, of 64 floats 18.1 / 9.2 µs,
 * of 3072 floats 789 / 339 µs; 17 rows of 64 floats 0.95 / 0.89 µs, of 32 floats 0.54 / 0.63 µs.
 */
export const COPY_MIN_LEN = 64;
/** Smallest batch (rows x len floats) worth staging; see {@link COPY_MIN_LEN}. */
export const COPY_MIN_TOTAL = 1024;
/**
 * Staged chunks hold whole rows up to this many floats (32 KB): a chunk that fits L1d is copied in and scanned
 * before it leaves L1, where a 256 KB chunk makes the kernel re-read it from L2. Measured with msra_N20 on a
 * plain Float32Array (340 rows of 3072 floats), interleaved runs: 0.18-0.20 ms per call with 2-row chunks
 * against 0.21-0.23 ms with 21-row (256 KB) chunks; 1-row chunks (4096) lose again to the per-call cost.
 * Rows longer than this are staged one at a time (up to the whole staging area).
 */
export const STAGING_CHUNK_FLOATS = 8192;

let i32: Int32Array | null = null;
let f32: Float32Array | null = null;

function views(k: ArgmaxKernel): void {
  if (i32 === null || i32.buffer !== k.memory.buffer) {
    i32 = new Int32Array(k.memory.buffer);
    f32 = new Float32Array(k.memory.buffer);
  }
}

/**
 * Copy `nr` kernel results to `idx[r0 ..]`. The kernel's -1 means "the lane sums are not finite", which
 * is also true of finite values near float32 max whose sum overflows: the exact JS scan decides.
 */
function collect(res: Int32Array, data: Float32Array, r0: number, nr: number, len: number, idx: Int32Array): void {
  const b = RESULT_BYTE >> 2;
  for (let j = 0; j < nr; j++) {
    const v = res[b + j]!;
    idx[r0 + j] = v >= 0 ? v : scanChannel(data, (r0 + j) * len, len);
  }
}

/**
 * Write into `idx[0 .. rows)` the first argmax of each row `data[r*len .. (r+1)*len)`, or -1 for a row
 * holding NaN / +-Infinity (the caller throws `E_NONFINITE` in its own order). The maxima are
 * `data[r*len + idx[r]]`.
 */
export function argmaxRows(data: Float32Array, rows: number, len: number, idx: Int32Array): void {
  const k = getArgmaxKernel();
  if (k !== null) {
    if (data.buffer === k.memory.buffer) {
      views(k);
      const res = i32!;
      const stride = len * 4;
      for (let r0 = 0; r0 < rows; r0 += RESULT_ROWS) {
        const nr = Math.min(RESULT_ROWS, rows - r0);
        k.argmaxRows(data.byteOffset + r0 * stride, nr, len, RESULT_BYTE);
        collect(res, data, r0, nr, len, idx);
      }
      return;
    }
    if (len >= COPY_MIN_LEN && len <= STAGING_FLOATS && rows * len >= COPY_MIN_TOTAL) {
      views(k);
      const res = i32!;
      const heap = f32!;
      const per = Math.min(RESULT_ROWS, Math.max(1, Math.floor(STAGING_CHUNK_FLOATS / len)));
      for (let r0 = 0; r0 < rows; r0 += per) {
        const nr = Math.min(per, rows - r0);
        heap.set(data.subarray(r0 * len, (r0 + nr) * len), STAGING_BYTE >> 2);
        k.argmaxRows(STAGING_BYTE, nr, len, RESULT_BYTE);
        collect(res, data, r0, nr, len, idx);
      }
      return;
    }
  }
  for (let r = 0; r < rows; r++) idx[r] = scanChannel(data, r * len, len);
}

/** A grow-only Int32Array scratch per key. */
const scratch = new Map<string, Int32Array>();

/** Scratch Int32Array of at least `size` elements. */
export function scratchI32(key: string, size: number): Int32Array {
  let a = scratch.get(key);
  if (a === undefined || a.length < size) {
    a = new Int32Array(Math.max(size, 16));
    scratch.set(key, a);
  }
  return a;
}
