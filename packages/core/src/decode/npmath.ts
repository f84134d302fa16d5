/**
 * numpy's float32 `np.log`, bit for bit.
 *
 * numpy (1.22+, x86 AVX2 / AVX-512 builds, the ones the references ran) does not compute float32 `log`
 * correctly rounded: it uses its own vectorised rational approximation (`simd_log_FLOAT`, max error 3.83
 * ULP). `Math.fround(Math.log(x))` differs from it in about one input out of five, which is enough to
 * change the nearly-singular Newton steps of DARK / UDP / SimCC-DARK that the fixtures pin. The
 * approximation is reproduced here operation by operation (float32 FMAs emulated as
 * `Math.fround(a * b + c)`: the product of two float32 values is exact in double).
 *
 * @internal
 * @module
 */

const f32 = Math.fround;
const P0 = f32(0.0);
const P1 = f32(9.999999999999998702752e-1);
const P2 = f32(2.112677543073053063722e0);
const P3 = f32(1.480000633576506585156e0);
const P4 = f32(3.808837741388407920751e-1);
const P5 = f32(2.589979117907922693523e-2);
const Q0 = f32(1.0);
const Q1 = f32(2.612677543073109236779e0);
const Q2 = f32(2.453006071784736363091e0);
const Q3 = f32(9.864942958519418960339e-1);
const Q4 = f32(1.546476374983906719538e-1);
const Q5 = f32(5.875095403124574342950e-3);
const LN2 = f32(0.693147182464599609375);
const SQRT1_2 = f32(0.7071067811865476);

const fbuf = new Float32Array(1);
const ibuf = new Int32Array(fbuf.buffer);

/**
 * numpy float32 natural logarithm of `x` (a float32 value). NaN → NaN, 0 → -Infinity, negative → NaN,
 * +Infinity → +Infinity. Subnormal inputs are not handled specially (the decoders never pass any: their
 * inputs are clamped to ≥ 1e-10).
 */
export function npLogF32(x: number): number {
  if (!(x > 0)) return x === 0 ? -Infinity : NaN;
  if (x === Infinity) return Infinity;
  fbuf[0] = x;
  const bits = ibuf[0]!;
  let e = (bits >>> 23) - 126;
  ibuf[0] = (bits & 0x007fffff) | 0x3f000000;
  let m = fbuf[0]!;
  if (m <= SQRT1_2) {
    m = m + m;
    e -= 1;
  }
  const y = f32(m - 1);
  let num = f32(P5 * y + P4);
  num = f32(num * y + P3);
  num = f32(num * y + P2);
  num = f32(num * y + P1);
  num = f32(num * y + P0);
  let den = f32(Q5 * y + Q4);
  den = f32(den * y + Q3);
  den = f32(den * y + Q2);
  den = f32(den * y + Q1);
  den = f32(den * y + Q0);
  const poly = f32(num / den);
  return f32(e * LN2 + poly);
}
