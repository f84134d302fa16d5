/**
 * The One Euro filter (1€ filter) over many channels at once, with its state in typed arrays.
 *
 * Casiez, Roussel & Vogel, "1€ Filter: A Simple Speed-based Low-pass Filter for Noisy Input in Interactive
 * Systems", CHI 2012 (doi:10.1145/2207676.2208639). Reference implementation: casiez/OneEuroFilter @ 32a58a93,
 * `python/OneEuroFilter/OneEuroFilter.py` (the JavaScript and TypeScript ports in the same repository compute
 * the same numbers, apart from the two Python quirks listed at {@link createOneEuroFilter}).
 *
 * @module
 */
import { checkChannels, checkFiniteValues, checkFloatArray, checkMask, checkParam, checkTimestamp } from './internal.js';
import { checkOptionKeys } from '../option-keys.js';

/**
 * Parameters of {@link createOneEuroFilter}. Every field is optional; defaults in {@link ONE_EURO_DEFAULTS}.
 * Frequencies are in **Hz** and timestamps in **seconds**, so the filter behaves the same at any frame rate.
 */
export interface OneEuroOptions {
  /**
   * Minimum cutoff frequency in Hz, `> 0`. Default 1 (the reference's). Lower = less jitter at rest, more lag.
   */
  minCutoff?: number;
  /**
   * Speed coefficient, `>= 0`, in Hz per (value unit / second): the cutoff rises by `beta · |speed|`, so with
   * pixel coordinates a beta of 0.01 adds 1 Hz per 100 px/s. Default 0 (the reference's: a plain first-order
   * low-pass at `minCutoff`). Raise it to cut the lag of fast movements.
   */
  beta?: number;
  /** Cutoff frequency in Hz of the low-pass on the speed estimate, `> 0`. Default 1 (the reference's). */
  dCutoff?: number;
  /**
   * Sampling frequency in Hz, `> 0`, used only until two increasing timestamps give a real interval (the
   * reference's `freq`: "an estimate of the frequency ... if timestamps are not available"). With increasing
   * timestamps it never matters. Default 30. The reference has no default (its constructor requires `freq`;
   * its README example uses 120 Hz); 30 is MediaPipe's `OneEuroFilter.frequency` default and a video rate.
   */
  frequency?: number;
}

/** The defaults of {@link OneEuroOptions}: `minCutoff` 1 Hz, `beta` 0, `dCutoff` 1 Hz, `frequency` 30 Hz. */
export const ONE_EURO_DEFAULTS: Readonly<Required<OneEuroOptions>> = Object.freeze({ minCutoff: 1, beta: 0, dCutoff: 1, frequency: 30 });

/**
 * A multi-channel One Euro filter made by {@link createOneEuroFilter}. Every channel is an independent
 * scalar filter (x and y of 17 keypoints = 34 channels); all channels of one call share the timestamp.
 */
export interface OneEuroFilter {
  /** Number of channels (values per call). */
  readonly channels: number;
  /** The parameters in use, defaults filled in. */
  readonly options: Readonly<Required<OneEuroOptions>>;
  /**
   * Filter one sample per channel taken at `timestampSec` **seconds**, into a new `Float64Array`.
   *
   * @param values - one value per channel (`channels` long), finite
   * @param timestampSec - the sample time in seconds (any origin)
   * @returns the filtered values (allocated: pass `out` to avoid that)
   */
  apply(values: Float32Array | Float64Array, timestampSec: number): Float64Array;
  /**
   * Filter one sample per channel taken at `timestampSec` **seconds**, into `out` (no allocation; `out` may
   * be `values` itself).
   *
   * Per channel, exactly as the reference: the first sample (after creation or {@link OneEuroFilter.reset})
   * passes through with speed 0; then `dt` = time since the previous sample, `dx = (x − x̂ₚᵣₑᵥ) / dt`,
   * `ê = lowpass(dx, α(dCutoff))`, `cutoff = minCutoff + beta·|ê|`, `x̂ = lowpass(x, α(cutoff))` with
   * `α(fc) = 1 / (1 + τ/dt)`, `τ = 1 / (2π fc)` and `lowpass(v, α) = α·v + (1 − α)·previous`.
   *
   * Timestamps that do not increase (`dt <= 0`) are handled as the reference does: the sample is filtered with
   * the last valid interval (or `1 / frequency` before there is one), and the timestamp is still recorded, so
   * the next interval is measured from it. State is kept in float64 whatever the array types.
   *
   * @param values - one value per channel, finite
   * @param timestampSec - the sample time in seconds
   * @param out - destination, `channels` long (Float32Array output is rounded; the state stays float64)
   * @param mask - optional, one flag per channel: where 0, the value is copied to `out` unfiltered and the
   *   channel's state (including its last timestamp) is left untouched, e.g. for an occluded keypoint
   * @returns `out`
   * @throws PosekitError `E_SHAPE` (lengths), `E_NONFINITE` (a value or the timestamp), `E_ARGUMENT` (kinds).
   *   A throwing call leaves the state as it was.
   */
  apply<T extends Float32Array | Float64Array>(values: Float32Array | Float64Array, timestampSec: number, out: T, mask?: Uint8Array): T;
  /** Forget every channel's history: the next sample passes through as the first one did. */
  reset(): void;
}

const TWO_PI = 2 * Math.PI;

/** The rule of a finite number `> 0` (hoisted: no object per call). */
const POSITIVE = { min: 0, exclusive: true };

/**
 * The smoothing factor of a first-order low-pass with cutoff `cutoffHz` for a sample interval of `dtSec`
 * seconds: `α = 1 / (1 + τ/dt)`, `τ = 1 / (2π · cutoff)` (the 1€ paper's equation; 1 = no smoothing).
 *
 * @param cutoffHz - cutoff frequency in Hz, finite and `> 0`
 * @param dtSec - sample interval in seconds, finite and `> 0`
 * @returns α in (0, 1]
 * @throws PosekitError `E_ARGUMENT` (not a number), `E_NONFINITE` (NaN / ±Infinity), `E_RANGE` (`<= 0`)
 */
export function oneEuroAlpha(cutoffHz: number, dtSec: number): number {
  // (`?? NaN`: a missing argument is refused, not defaulted)
  checkParam('oneEuroAlpha', 'cutoffHz', cutoffHz ?? NaN, 0, POSITIVE);
  checkParam('oneEuroAlpha', 'dtSec', dtSec ?? NaN, 0, POSITIVE);
  const tau = 1.0 / (TWO_PI * cutoffHz);
  return 1.0 / (1.0 + tau / dtSec);
}

/** α from a cutoff and a sampling frequency, in the reference's operation order (te = 1/freq). */
function alphaFreq(cutoff: number, freq: number): number {
  const te = 1.0 / freq;
  const tau = 1.0 / (2 * Math.PI * cutoff);
  return 1.0 / (1.0 + tau / te);
}

const OPTION_KEYS = ['minCutoff', 'beta', 'dCutoff', 'frequency'] as const;

/** Validate {@link OneEuroOptions} and fill in the defaults. @internal */
export function resolveOneEuroOptions(fn: string, options: OneEuroOptions | undefined): Required<OneEuroOptions> {
  checkOptionKeys(fn, options, OPTION_KEYS);
  const o = options ?? {};
  const d = ONE_EURO_DEFAULTS;
  return {
    minCutoff: checkParam(fn, 'minCutoff', o.minCutoff, d.minCutoff, { min: 0, exclusive: true }),
    beta: checkParam(fn, 'beta', o.beta, d.beta, { min: 0, exclusive: false }),
    dCutoff: checkParam(fn, 'dCutoff', o.dCutoff, d.dCutoff, { min: 0, exclusive: true }),
    frequency: checkParam(fn, 'frequency', o.frequency, d.frequency, { min: 0, exclusive: true }),
  };
}

class OneEuroFilterImpl implements OneEuroFilter {
  readonly channels: number;
  readonly options: Readonly<Required<OneEuroOptions>>;
  /** Last filtered value x̂ per channel (the reference's `x.lastFilteredValue()`). */
  private readonly xHat: Float64Array;
  /** Last filtered speed ê per channel. */
  private readonly dxHat: Float64Array;
  /** Last timestamp per channel, seconds. */
  private readonly last: Float64Array;
  /** Current sampling frequency per channel, Hz (1 / last valid interval). */
  private readonly freq: Float64Array;
  /** 1 once a channel has had its first sample. */
  private readonly seen: Uint8Array;

  constructor(channels: number, options: Required<OneEuroOptions>) {
    this.channels = channels;
    this.options = Object.freeze({ ...options });
    this.xHat = new Float64Array(channels);
    this.dxHat = new Float64Array(channels);
    this.last = new Float64Array(channels);
    this.freq = new Float64Array(channels).fill(options.frequency);
    this.seen = new Uint8Array(channels);
  }

  apply(values: Float32Array | Float64Array, timestampSec: number): Float64Array;
  apply<T extends Float32Array | Float64Array>(values: Float32Array | Float64Array, timestampSec: number, out: T, mask?: Uint8Array): T;
  apply(values: Float32Array | Float64Array, timestampSec: number, out?: Float32Array | Float64Array, mask?: Uint8Array): Float32Array | Float64Array {
    const fn = 'OneEuroFilter.apply';
    const n = this.channels;
    checkFloatArray(fn, 'values', values, n);
    const t = checkTimestamp(fn, timestampSec);
    const dst = out === undefined ? new Float64Array(n) : checkFloatArray(fn, 'out', out, n);
    const m = checkMask(fn, mask, n);
    checkFiniteValues(fn, 'values', values);
    const { minCutoff, beta, dCutoff } = this.options;
    const { xHat, dxHat, last, freq, seen } = this;
    for (let c = 0; c < n; c++) {
      const x = values[c]!;
      if (m !== undefined && m[c] === 0) {
        dst[c] = x;
        continue;
      }
      if (seen[c] === 0) {
        // First sample: passes through, speed 0 (the reference's `dx = 0.0 if prev_x is None`).
        seen[c] = 1;
        last[c] = t;
        xHat[c] = x;
        dxHat[c] = 0;
        dst[c] = x;
        continue;
      }
      // The reference updates freq only for an increasing timestamp but always records the timestamp.
      if (t > last[c]!) freq[c] = 1.0 / (t - last[c]!);
      last[c] = t;
      const f = freq[c]!;
      const dx = (x - xHat[c]!) * f;
      const ad = alphaFreq(dCutoff, f);
      const edx = ad * dx + (1.0 - ad) * dxHat[c]!;
      dxHat[c] = edx;
      const a = alphaFreq(minCutoff + beta * Math.abs(edx), f);
      const y = a * x + (1.0 - a) * xHat[c]!;
      xHat[c] = y;
      dst[c] = y;
    }
    return dst;
  }

  reset(): void {
    this.seen.fill(0);
    this.freq.fill(this.options.frequency);
  }
}

/**
 * Create a One Euro filter for `channels` independent signals that share timestamps (e.g. the x and y of
 * every keypoint of one person: 2K channels). Exactly the reference algorithm (casiez/OneEuroFilter @ 32a58a93,
 * `python/OneEuroFilter/OneEuroFilter.py`), with timestamps in **seconds** and cutoffs in **Hz**, so the
 * smoothing depends on elapsed time, not on the frame count (mmpose #1176 mixed frames and Hz and filtered
 * almost nothing).
 *
 * Where the reference has quirks, posekit does this:
 * - a timestamp of exactly 0 is an ordinary time (the Python port's truthiness test `if self.__lasttime and
 *   timestamp` skips the frequency update after t = 0; its JavaScript / TypeScript / C++ ports do not);
 * - {@link OneEuroFilter.reset} gives a fresh filter (the Python port's `reset()` keeps the last filtered value,
 *   so the first speed after a reset is measured from it; the JavaScript / TypeScript ports start afresh);
 * - non-increasing timestamps are reproduced (see {@link OneEuroFilter.apply}).
 *
 * The following defaults apply: `minCutoff` 1 Hz, `beta` 0, `dCutoff` 1 Hz, `frequency` 30 Hz
 * ({@link ONE_EURO_DEFAULTS}).
 *
 * @example
 * ```ts
 * const f = createOneEuroFilter(2, { minCutoff: 1, beta: 0.01 });
 * const out = new Float64Array(2);
 * f.apply(new Float64Array([x, y]), video.currentTime, out); // seconds
 * ```
 *
 * @param channels - number of values per sample, an integer from 1 to 65536
 * @param options - filter parameters (Hz; see {@link OneEuroOptions})
 * @returns the filter, with all state in typed arrays (no allocation per call when `out` is given)
 * @throws PosekitError `E_RANGE` (minCutoff / dCutoff / frequency <= 0, beta < 0, channels not an integer
 *   from 1 to 65536), `E_NONFINITE` (a non-finite parameter), `E_ARGUMENT` (unknown option, wrong kinds)
 */
export function createOneEuroFilter(channels: number, options?: OneEuroOptions): OneEuroFilter {
  const fn = 'createOneEuroFilter';
  const n = checkChannels(fn, channels);
  return new OneEuroFilterImpl(n, resolveOneEuroOptions(fn, options));
}
