/**
 * Fast stable argsort of float32 keys (internal): each (key, index) pair is packed into one exactly
 * representable double (the key's order-preserving 32-bit pattern × 2^21 + index) and the doubles are sorted
 * with the native numeric sort, several times faster than a comparator sort of an index array.
 * @internal
 * @module
 */

const bits = new Uint32Array(1);
const asF32 = new Float32Array(bits.buffer);
const INDEX_SPAN = 2097152; // 2^21: indices below it pack exactly (2^32 · 2^21 = 2^53)

/** Order-preserving unsigned 32-bit image of a float32 value (−0 treated as +0). */
function orderedBits(v: number): number {
  asF32[0] = v === 0 ? 0 : v;
  const b = bits[0]!;
  return b & 0x80000000 ? ~b >>> 0 : (b | 0x80000000) >>> 0;
}

/**
 * Indices 0..n−1 sorted by `keys` (float32 values), ascending or descending, ties by ascending index.
 * @internal
 */
export function argsortF32(keys: ArrayLike<number>, n: number, descending: boolean): Int32Array {
  const out = new Int32Array(n);
  if (n > INDEX_SPAN) {
    for (let i = 0; i < n; i++) out[i] = i;
    out.sort((a, b) => (descending ? keys[b]! - keys[a]! : keys[a]! - keys[b]!) || a - b);
    return out;
  }
  const packed = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const o = orderedBits(keys[i]!);
    packed[i] = (descending ? 0xffffffff - o : o) * INDEX_SPAN + i;
  }
  packed.sort();
  for (let i = 0; i < n; i++) out[i] = packed[i]! % INDEX_SPAN;
  return out;
}
