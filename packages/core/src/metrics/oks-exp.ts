/**
 * `exp(x)` bit-identical to glibc's double `exp` (sysdeps/ieee754/dbl-64/e_exp.c, the ARM optimized-routines
 * algorithm used since glibc 2.28) as selected on x86-64 CPUs with FMA (the `__exp_fma` variant), which is
 * what Python's `math.exp` and numpy's scalar fallback return on the machines that produced the pycocotools
 * fixtures. V8's `Math.exp` (fdlibm) differs from it in the last bit for about 7% of arguments, which moves
 * OKS values by 1 ulp; this port makes OKS matrices bit-identical to pycocotools'.
 *
 * exp(x) = 2^(k/128) · exp(r): k = round(x·128/ln2), r = x − k·ln2/128, a degree-5 polynomial for exp(r) − 1
 * and a 128-entry table 2^(j/128) ≈ H[j]·(1 + T[j]). The FMA contractions of the compiled code are emulated
 * exactly with Dekker's product (`fma` below). The table was generated from 2^(j/128) in 80-digit decimal
 * arithmetic (H = nearest double, T = nearest double to (2^(j/128) − H)/H) and checked against glibc's values.
 *
 * Internal to `@posekit/core` (not exported from the barrel).
 *
 * @module
 */

const EXP_TAIL = new Float64Array([0.0, 9.447885451727066e-17, -1.507066976926039e-17, -5.679155082825012e-17, 4.9997448722726326e-17, -4.823683599994895e-17, 7.357846871247418e-18, 5.773230223741951e-17, 8.189317638195515e-17, 5.326891139980878e-17, 1.6665881442326747e-18, -1.128113245461828e-17, -7.402825309426177e-17, -3.578659767309563e-18, -6.170654745608695e-17, 2.919139999949279e-17, -2.7939114859515733e-17, -5.399285355184285e-17, 4.776959425256223e-17, -7.927701432338473e-17, 9.341710609905046e-17, -5.534520675707472e-17, 4.585670326662351e-17, 2.8582430411116143e-17, 7.826573258636076e-17, 4.053626906769216e-17, 2.823784425951061e-17, -7.882802262487991e-17, 3.2904726646008416e-17, -1.5792094703347882e-18, 4.721368121170128e-17, 1.3045277096919659e-17, 3.3484623336251524e-17, 3.8611199774925664e-17, 5.527550048505249e-17, -3.927184172445234e-17, -6.346552106729483e-17, -8.684417614865944e-17, -1.5456342819397733e-17, -8.70763476495455e-17, 3.750854201303127e-17, -6.616854503526488e-17, -5.346099009198751e-18, -2.443726321015018e-17, 2.1023049675215714e-18, 7.771067937501065e-17, 1.3357510088834541e-17, 6.938291696959204e-17, 1.9572585293112036e-17, 6.632256961675804e-17, -5.478069123926778e-17, -4.140839310392624e-17, -2.1571477251208752e-17, -3.8287766552120535e-17, 6.663804589232195e-17, 2.3936187400285282e-17, 5.68648095791174e-17, 1.1264523354521684e-18, 7.007875046906994e-17, -5.0119214278381254e-17, -4.8923067513522756e-17, -3.5260089953269434e-17, -6.872303720902018e-17, 5.001446664133532e-18, -6.835808657661922e-17, -1.1307344092910212e-17, -8.416011634717156e-18, -2.9247977035436566e-17, -2.092304381843353e-17, -3.9778645875427124e-17, -3.833464968654295e-17, 5.763611164480894e-17, -2.3591094770850053e-17, 7.260074661098575e-17, 9.50689710108796e-18, -4.272956133839906e-17, -6.735219232374683e-17, -2.8396044410430936e-17, -7.226635472101257e-17, 5.786121003395918e-17, 5.1548301170786783e-17, -9.416257568878152e-18, 2.4253985766689806e-17, -6.604314051707707e-17, -6.432131775424189e-18, -1.2204007601863921e-17, -6.336161863401293e-17, -3.7800879246373815e-17, 1.5341410053603723e-17, 1.2932855580427452e-17, -4.123367330661149e-17, 4.703083974463456e-17, -6.152602891550265e-17, 5.827849326195279e-17, 3.540948262646183e-17, -3.2741571320938764e-17, 4.875160526227062e-17, -5.718569790077838e-17, -4.719539664590972e-18, -5.773451958805706e-17, -1.0772487078934056e-17, -6.221808618533911e-17, 1.821405440362259e-17, -6.155536546227639e-17, 1.685487290628973e-17, 5.3581249177694816e-17, 3.621615935336894e-17, 8.588379527574144e-18, 1.01562190116415e-17, -2.869134889187244e-17, -5.495118966122005e-17, -5.56965572431627e-17, 1.790126907604513e-17, -3.2211766346200164e-17, 5.265370768556274e-17, 3.5089866402403033e-17, -3.266924100901318e-17, -4.3657593008079375e-17, 1.7963932659833022e-17, 3.4300925275214166e-17, -5.545065618639427e-17, -5.149009745457733e-17, 5.336805878514151e-17, 3.498978661192973e-17, 4.5784915277060095e-17, -5.241934575393899e-17, 2.0414278897578303e-17, 4.124842848606488e-18]);
const EXP_H = new Float64Array([1.0, 1.0054299011128027, 1.0108892860517005, 1.016378314910953, 1.0218971486541166, 1.0274459491187637, 1.0330248790212284, 1.0386341019613787, 1.0442737824274138, 1.0499440858006872, 1.0556451783605572, 1.061377227289262, 1.0671404006768237, 1.0729348675259756, 1.0787607977571199, 1.0846183622133092, 1.0905077326652577, 1.0964290818163769, 1.102382583307841, 1.1083684117236787, 1.1143867425958924, 1.1204377524096067, 1.1265216186082418, 1.1326385195987192, 1.1387886347566916, 1.1449721444318042, 1.1511892299529827, 1.1574400736337511, 1.1637248587775775, 1.1700437696832502, 1.1763969916502812, 1.182784710984341, 1.189207115002721, 1.1956643920398273, 1.202156731452703, 1.2086843236265816, 1.215247359980469, 1.2218460329727576, 1.22848053610687, 1.2351510639369334, 1.241857812073484, 1.2486009771892048, 1.255380757024691, 1.2621973503942507, 1.2690509571917332, 1.275941778396392, 1.2828700160787783, 1.2898358734066657, 1.2968395546510096, 1.3038812651919358, 1.3109612115247644, 1.318079601266064, 1.3252366431597413, 1.3324325470831615, 1.339667524053303, 1.3469417862329458, 1.3542555469368927, 1.3616090206382248, 1.3690024229745905, 1.3764359707545302, 1.383909881963832, 1.3914243757719262, 1.3989796725383112, 1.4065759938190154, 1.4142135623730951, 1.4218926021691656, 1.42961333839197, 1.4373759974489824, 1.4451808069770467, 1.4530279958490526, 1.460917794180647, 1.4688504333369818, 1.4768261459394993, 1.4848451658727524, 1.4929077282912648, 1.5010140696264256, 1.5091644275934228, 1.5173590411982147, 1.5255981507445384, 1.533881997840956, 1.5422108254079407, 1.550584877685, 1.559004400237837, 1.567469639965553, 1.5759808451078865, 1.5845382652524937, 1.593142151342267, 1.6017927556826934, 1.6104903319492543, 1.6192351351948637, 1.6280274218573478, 1.6368674497669644, 1.645755478153965, 1.6546917676561943, 1.6636765803267364, 1.6727101796415966, 1.681792830507429, 1.6909247992693053, 1.7001063537185235, 1.709337763100463, 1.718619298122478, 1.7279512309618377, 1.7373338352737062, 1.746767386199169, 1.7562521603732995, 1.7657884359332727, 1.7753764925265212, 1.785016611318935, 1.7947090750031072, 1.804454167806624, 1.8142521755003989, 1.8241033854070534, 1.8340080864093424, 1.843966568958626, 1.8539791250833855, 1.864046048397789, 1.8741676341103, 1.8843441790323345, 1.8945759815869656, 1.9048633418176741, 1.9152065613971474, 1.925605943636125, 1.9360617934922943, 1.9465744175792332, 1.9571441241754002, 1.9677712232331759, 1.978456026387951, 1.9891988469672663]);

const INV_LN2_N = 184.6649652337873; // 128 / ln 2
const NEG_LN2_HI_N = -0.005415212348111709; // −ln 2 / 128, high part (trailing zeros: k·hi is exact)
const NEG_LN2_LO_N = -1.2864023111638346e-14; // low part
const SHIFT = 6755399441055744.0; // 1.5 · 2^52: adding it rounds to an integer
const C2 = 0.49999999999996786;
const C3 = 0.16666666666665886;
const C4 = 0.0416666808410674;
const C5 = 0.008333335853059549;
const TWO_M1022 = 2.2250738585072014e-308;
const TWO_P1009 = 2 ** 1009;
const SPLITTER = 134217729; // 2^27 + 1 (Veltkamp split)

/** 2^n for n in [−1100, 1100), index n + 1100: multiplying by it is exact in the normal range. */
const POW2 = new Float64Array(2200);
for (let i = 0; i < 2200; i++) POW2[i] = 2 ** (i - 1100);

/** Veltkamp split of a constant: [high 26 bits, rest]. */
function split(c: number): [number, number] {
  const t = SPLITTER * c;
  const h = t - (t - c);
  return [h, c - h];
}
const [LO_H, LO_L] = split(NEG_LN2_LO_N);
const [C3_H, C3_L] = split(C3);
const [C5_H, C5_L] = split(C5);

/**
 * a·b + c with a single rounding: Dekker's exact product p + e, Knuth's two-sum of p + c, then one final
 * rounding of s + (t + e). Exact (correctly rounded) for the magnitudes met here.
 */
function fma(a: number, b: number, c: number): number {
  const p = a * b;
  const ca = SPLITTER * a;
  const ah = ca - (ca - a);
  const al = a - ah;
  const cb = SPLITTER * b;
  const bh = cb - (cb - b);
  const bl = b - bh;
  const e = ah * bh - p + ah * bl + al * bh + al * bl;
  const s = p + c;
  const bb = s - p;
  const t = p - (s - bb) + (c - bb);
  return s + (t + e);
}

/**
 * glibc `exp(x)` (FMA variant), bit for bit.
 * @param x - any double
 * @returns e^x
 */
export function glibcExp(x: number): number {
  // Below ln(2^-1075) ≈ −745.1332 glibc's result underflows to +0 (far-off keypoints in OKS hit this often).
  if (x < -745.2) return 0;
  const ax = Math.abs(x);
  let special = false;
  if (!(ax >= 5.551115123125783e-17 && ax < 512)) {
    if (ax < 5.551115123125783e-17) return 1.0 + x; // also 0
    if (ax >= 1024) {
      if (x === -Infinity) return 0;
      if (!(ax < Infinity)) return 1.0 + x; // +Inf, NaN
      return x < 0 ? 0 : Infinity;
    }
    special = true;
  }
  const z = INV_LN2_N * x;
  const kd = z + SHIFT - SHIFT;
  const k = kd | 0;
  // r = fma(kd, lo, x + kd·hi); kd has at most 18 bits, so kd·LO_H and kd·LO_L are exact.
  const r0 = x + kd * NEG_LN2_HI_N;
  const rp = kd * NEG_LN2_LO_N;
  const re = kd * LO_H - rp + kd * LO_L;
  const rs = rp + r0;
  const rb = rs - rp;
  const r = rs + (rp - (rs - rb) + (r0 - rb) + re);
  const idx = k & 127;
  const tail = EXP_TAIL[idx]!;
  const r2 = r * r;
  // fma(r, C3, C2) and fma(r, C5, C4): |r·C| < |C2|, |C4|, so a fast two-sum is exact.
  const cr = SPLITTER * r;
  const rh = cr - (cr - r);
  const rl = r - rh;
  const p3 = r * C3;
  const e3 = rh * C3_H - p3 + rh * C3_L + rl * C3_H + rl * C3_L;
  const s3 = C2 + p3;
  const a3 = s3 + (p3 - (s3 - C2) + e3);
  const p5 = r * C5;
  const e5 = rh * C5_H - p5 + rh * C5_L + rl * C5_H + rl * C5_L;
  const s5 = C4 + p5;
  const a5 = s5 + (p5 - (s5 - C4) + e5);
  const tmp = fma(r2 * r2, a5, fma(r2, a3, tail + r));
  const e = k >> 7;
  if (!special) {
    const b = POW2[e + 1100]!; // 2^e ≤ scale < 2^(e+1)
    const scale = EXP_H[idx]! * b;
    // fma(scale, tmp, scale). Fast path: with P = RN(scale·tmp), s = RN(scale + P) and its exact error t,
    // the fused result is s unless |t| plus the product's rounding error (≤ 2^-53·|P|) reaches half an ulp
    // of s; only then is the exact product error needed.
    const P = scale * tmp;
    const s0 = scale + P;
    const t0 = P - (s0 - scale);
    const binade = s0 >= 2 * b ? 2 * b : s0 >= b ? b : 0.5 * b;
    // Half an ulp of s0 (2^-53 · 2^E), halved again below a power of two when rounding downwards.
    const half = (t0 < 0 && s0 === binade ? 0.5 : 1) * binade * 1.1102230246251565e-16;
    if (Math.abs(t0) + Math.abs(P) * 2.220446049250313e-16 < half) return s0;
    const p = P;
    const cs = SPLITTER * scale;
    const sh = cs - (cs - scale);
    const sl = scale - sh;
    const ct = SPLITTER * tmp;
    const th = ct - (ct - tmp);
    const tl = tmp - th;
    const pe = sh * th - p + sh * tl + sl * th + sl * tl;
    const s = scale + p;
    return s + (p - (s - scale) + pe);
  }
  // specialcase(): results near overflow or in the subnormal range (not contracted in the compiled code).
  if (k > 0) {
    const scale = EXP_H[idx]! * POW2[e - 1009 + 1100]!;
    return TWO_P1009 * (scale + scale * tmp);
  }
  const scale = EXP_H[idx]! * POW2[e + 1022 + 1100]!;
  let y = scale + scale * tmp;
  if (y < 1.0) {
    let lo = scale - y + scale * tmp;
    const hi = 1.0 + y;
    lo = 1.0 - hi + y + lo;
    y = hi + lo - 1.0;
    if (y === 0) y = 0;
  }
  return TWO_M1022 * y;
}
