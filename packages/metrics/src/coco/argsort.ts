/**
 * Stable descending argsort of float64 keys by LSD radix sort on their bit patterns: the order numpy's
 * `np.argsort(-x, kind='mergesort')` gives (ties keep their input order), in O(n) without a comparator.
 *
 * @module
 */

let keyBuf = new Uint32Array(0);
let bufA = new Int32Array(0);
let bufB = new Int32Array(0);
const RADIX_BITS = 11;
const counts = new Int32Array(1 << RADIX_BITS);
const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
// Which 32-bit half holds the sign and exponent (platform endianness).
const HI = (() => {
  f64[0] = -1;
  return u32[1] === 0xbff00000 ? 1 : 0;
})();

/**
 * Reorder `idx[0 .. n)` (positions into `keys`) so that `keys[idx[j]]` is non-increasing, keeping the
 * current relative order of equal keys. Keys must not be NaN. −0 and +0 are treated as equal.
 *
 * @param idx - positions to reorder, in place
 * @param n - how many entries of `idx` to sort
 * @param keys - the values, indexed by the entries of `idx`
 * @returns `idx`
 * @internal
 */
export function stableArgsortDesc(idx: Int32Array, n: number, keys: Float64Array): Int32Array {
  if (n < 2) return idx;
  if (n <= 32) {
    // Insertion sort: stable, fastest for the small per-image lists.
    for (let i = 1; i < n; i++) {
      const v = idx[i]!;
      const kv = keys[v]!;
      let j = i - 1;
      while (j >= 0 && keys[idx[j]!]! < kv) {
        idx[j + 1] = idx[j]!;
        j--;
      }
      idx[j + 1] = v;
    }
    return idx;
  }
  if (keyBuf.length < 2 * n) keyBuf = new Uint32Array(2 * n);
  if (bufA.length < n) {
    bufA = new Int32Array(n);
    bufB = new Int32Array(n);
  }
  // A 64-bit key (lo, hi) that sorts ascending as the double sorts descending: orderable(x) flips all bits
  // of negatives and sets the sign bit of non-negatives (ascending in x); its complement is descending.
  for (let j = 0; j < n; j++) {
    let x = keys[idx[j]!]!;
    if (x === 0) x = 0; // −0 == +0
    f64[0] = x;
    let hi = u32[HI]!;
    let lo = u32[1 - HI]!;
    if (hi & 0x80000000) {
      hi = ~hi >>> 0;
      lo = ~lo >>> 0;
    } else hi = (hi | 0x80000000) >>> 0;
    keyBuf[2 * j] = ~lo >>> 0;
    keyBuf[2 * j + 1] = ~hi >>> 0;
  }
  // LSD radix passes of 11 bits over the 64-bit key (6 passes, an even number: the result ends in bufA).
  let src = bufA;
  let dst = bufB;
  for (let j = 0; j < n; j++) src[j] = j;
  const mask = (1 << RADIX_BITS) - 1;
  for (let pass = 0; pass < 6; pass++) {
    const bit = pass * RADIX_BITS;
    counts.fill(0);
    for (let j = 0; j < n; j++) counts[digit(keyBuf, src[j]!, bit) & mask]!++;
    let sum = 0;
    for (let b = 0; b <= mask; b++) {
      const c = counts[b]!;
      counts[b] = sum;
      sum += c;
    }
    for (let j = 0; j < n; j++) {
      const s = src[j]!;
      dst[counts[digit(keyBuf, s, bit) & mask]!++] = s;
    }
    const t = src;
    src = dst;
    dst = t;
  }
  for (let j = 0; j < n; j++) dst[j] = idx[j]!;
  for (let j = 0; j < n; j++) idx[j] = dst[src[j]!]!;
  return idx;
}

/** Bits [bit, bit + 11) of the 64-bit key of entry s (may straddle the two words). */
function digit(key: Uint32Array, s: number, bit: number): number {
  if (bit + RADIX_BITS <= 32) return key[2 * s]! >>> bit;
  if (bit >= 32) return key[2 * s + 1]! >>> (bit - 32);
  return (key[2 * s]! >>> bit) | (key[2 * s + 1]! << (32 - bit));
}
