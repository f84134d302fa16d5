/**
 * MediaPipe's relative velocity filter as tfjs-models ships it, over many channels at once, with its state in
 * typed arrays.
 *
 * References: tensorflow/tfjs-models `shared/filters/relative_velocity_filter.ts` (@ 26a6d6c0),
 * `shared/filters/low_pass_filter.ts` (@ 9af8c2af), `shared/filters/keypoints_velocity_filter.ts` (@ f03416a6),
 * ports of google/mediapipe `mediapipe/util/filtering/relative_velocity_filter.cc` and
 * `mediapipe/calculators/util/landmarks_smoothing_calculator.cc` (object scale from the landmarks' box);
 * defaults from `landmarks_smoothing_calculator.proto` (`VelocityFilter`), which tfjs' BlazePose used.
 *
 * @module
 */
import { PosekitError, describeValue } from '../errors.js';
import { checkChannels, checkFiniteValues, checkFloatArray, checkMask, checkParam, checkTimestamp } from './internal.js';
import { checkOptionKeys } from '../option-keys.js';

/**
 * Parameters of {@link createVelocityFilter} and of the `'velocity'` mode of `createPoseSmoother`. Every field is
 * optional; defaults in {@link VELOCITY_FILTER_DEFAULTS} (MediaPipe's `VelocityFilter` defaults).
 */
export interface VelocityFilterOptions {
  /**
   * Number of past value changes kept to estimate the speed, an integer from 1 to 256. Default 5. Higher = more lag
   * and more stability.
   */
  windowSize?: number;
  /**
   * Scale applied to the speed (in scaled value units per **second**) before it sets the smoothing factor
   * `α = 1 − 1 / (1 + velocityScale·|speed|)`, `> 0`. Default 10. Lower = more lag and more stability.
   */
  velocityScale?: number;
  /**
   * Keypoint filtering only: when the object scale (mean of the keypoints' bounding-box width and height, in
   * pixels) is below this, the pose is returned as it is and the filter state is not updated. `>= 0`.
   * Default 1e-6. (A scale of exactly 0, e.g. a single counted keypoint, is always skipped: its inverse is
   * infinite.)
   */
  minAllowedObjectScale?: number;
  /**
   * Keypoint filtering only: use a value scale of 1 instead of 1 / object scale, so `velocityScale` applies to
   * pixels per second rather than object sizes per second. Default false.
   */
  disableValueScaling?: boolean;
}

/**
 * The defaults of {@link VelocityFilterOptions}, MediaPipe's `LandmarksSmoothingCalculatorOptions.VelocityFilter`
 * (also tfjs BlazePose's `BLAZEPOSE_LANDMARKS_SMOOTHING_CONFIG`): `windowSize` 5, `velocityScale` 10,
 * `minAllowedObjectScale` 1e-6, `disableValueScaling` false.
 */
export const VELOCITY_FILTER_DEFAULTS: Readonly<Required<VelocityFilterOptions>> = Object.freeze({
  windowSize: 5,
  velocityScale: 10,
  minAllowedObjectScale: 1e-6,
  disableValueScaling: false,
});

/**
 * A multi-channel relative velocity filter made by {@link createVelocityFilter}: one independent tfjs
 * `RelativeVelocityFilter` per channel, all channels of one call sharing the timestamp and value scale.
 */
export interface VelocityFilter {
  /** Number of channels (values per call). */
  readonly channels: number;
  /** The parameters in use, defaults filled in. */
  readonly options: Readonly<Required<VelocityFilterOptions>>;
  /**
   * Filter one sample per channel taken at `timestampSec` **seconds**, into a new `Float64Array`.
   *
   * @param values - one value per channel, finite
   * @param timestampSec - the sample time in seconds
   * @param valueScale - factor turning a value into the unit the speed is measured in (1 / object size for
   *   coordinates; 1 for none), finite and `> 0`
   * @returns the filtered values (allocated: pass `out` to avoid that)
   */
  apply(values: Float32Array | Float64Array, timestampSec: number, valueScale: number): Float64Array;
  /**
   * Filter one sample per channel taken at `timestampSec` **seconds**, into `out` (no allocation; `out` may be
   * `values` itself).
   *
   * tfjs works in whole microseconds; the timestamp is converted to `Math.round(timestampSec · 1e6)` µs
   * (tfjs truncates the microseconds it is given; rounding keeps e.g. 4.1 s, which is 4099999.99… µs in
   * binary, at 4100000). Per channel, exactly as tfjs: a sample whose microsecond timestamp is not after the
   * channel's previous one is returned unfiltered and changes nothing; the first sample passes through; then
   * `distance = x·scale − xₚᵣₑᵥ·scaleₚᵣₑᵥ`, the speed is the sum of this and the newest stored distances over
   * the sum of their durations (oldest dropped once the durations exceed (1 + stored) / 30 s), in units per
   * second; `α = 1 − 1 / (1 + velocityScale·|speed|)` and `x̂ = x̂ₚᵣₑᵥ + α·(x − x̂ₚᵣₑᵥ)`. State is float64
   * (tfjs computes in float64; MediaPipe's C++ in float32).
   *
   * @param values - one value per channel, finite
   * @param timestampSec - the sample time in seconds
   * @param valueScale - see the other overload; finite, `> 0`
   * @param out - destination, `channels` long
   * @param mask - optional, one flag per channel: where 0, the value is copied to `out` unfiltered and the
   *   channel's state is left untouched
   * @returns `out`
   * @throws PosekitError `E_SHAPE` (lengths), `E_NONFINITE` (a value, the timestamp or the scale), `E_RANGE`
   *   (scale <= 0), `E_ARGUMENT` (kinds). A throwing call leaves the state as it was.
   */
  apply<T extends Float32Array | Float64Array>(
    values: Float32Array | Float64Array,
    timestampSec: number,
    valueScale: number,
    out: T,
    mask?: Uint8Array,
  ): T;
  /** Forget every channel's history (tfjs `KeypointsVelocityFilter.reset()`). */
  reset(): void;
}

/** tfjs `SECOND_TO_MICRO_SECONDS / 30`: the duration, in µs, one window element is assumed to span at most. */
const ASSUMED_MAX_DURATION_US = 1e6 / 30;
/** tfjs `MICRO_SECONDS_TO_SECOND`. */
const MICRO_SECONDS_TO_SECOND = 1e-6;

const OPTION_KEYS = ['windowSize', 'velocityScale', 'minAllowedObjectScale', 'disableValueScaling'] as const;

/**
 * Largest `windowSize`: 256 changes (MediaPipe's default is 5). The ring buffers hold 2 · windowSize doubles per
 * channel; without a bound a window of 1e9 allocated 16 GB per channel.
 */
const MAX_WINDOW = 256;

function checkWindow(fn: string, w: number): number {
  if (w > MAX_WINDOW) {
    throw new PosekitError('E_RANGE', `${fn}: windowSize must be at most ${MAX_WINDOW}; received ${w}`, { field: 'windowSize', expected: `<= ${MAX_WINDOW}`, received: w });
  }
  return w;
}

/** Validate {@link VelocityFilterOptions} and fill in the defaults. @internal */
export function resolveVelocityOptions(fn: string, options: VelocityFilterOptions | undefined): Required<VelocityFilterOptions> {
  checkOptionKeys(fn, options, OPTION_KEYS);
  const o = options ?? {};
  const d = VELOCITY_FILTER_DEFAULTS;
  if (o.disableValueScaling !== undefined && typeof o.disableValueScaling !== 'boolean') {
    throw new PosekitError('E_ARGUMENT', `${fn}: disableValueScaling must be a boolean; received ${describeValue(o.disableValueScaling)}`, {
      field: 'disableValueScaling',
      received: describeValue(o.disableValueScaling),
    });
  }
  return {
    windowSize: checkWindow(fn, checkParam(fn, 'windowSize', o.windowSize, d.windowSize, { min: 1, exclusive: false, integer: true })),
    velocityScale: checkParam(fn, 'velocityScale', o.velocityScale, d.velocityScale, { min: 0, exclusive: true }),
    minAllowedObjectScale: checkParam(fn, 'minAllowedObjectScale', o.minAllowedObjectScale, d.minAllowedObjectScale, { min: 0, exclusive: false }),
    disableValueScaling: o.disableValueScaling ?? d.disableValueScaling,
  };
}

class VelocityFilterImpl implements VelocityFilter {
  readonly channels: number;
  readonly options: Readonly<Required<VelocityFilterOptions>>;
  /** Low-pass output x̂ per channel. */
  private readonly xHat: Float64Array;
  /** Last accepted raw value and its value scale, per channel. */
  private readonly lastValue: Float64Array;
  private readonly lastScale: Float64Array;
  /** Last accepted timestamp per channel, whole microseconds. */
  private readonly lastUs: Float64Array;
  /** Ring buffers of (distance, duration µs), `windowSize` per channel; `head` = newest slot. */
  private readonly distances: Float64Array;
  private readonly durations: Float64Array;
  private readonly head: Int32Array;
  private readonly count: Int32Array;
  /** 1 once a channel has had its first sample. */
  private readonly seen: Uint8Array;

  constructor(channels: number, options: Required<VelocityFilterOptions>) {
    this.channels = channels;
    this.options = Object.freeze({ ...options });
    const w = options.windowSize;
    this.xHat = new Float64Array(channels);
    this.lastValue = new Float64Array(channels);
    this.lastScale = new Float64Array(channels);
    this.lastUs = new Float64Array(channels);
    this.distances = new Float64Array(channels * w);
    this.durations = new Float64Array(channels * w);
    this.head = new Int32Array(channels);
    this.count = new Int32Array(channels);
    this.seen = new Uint8Array(channels);
  }

  apply(values: Float32Array | Float64Array, timestampSec: number, valueScale: number): Float64Array;
  apply<T extends Float32Array | Float64Array>(values: Float32Array | Float64Array, timestampSec: number, valueScale: number, out: T, mask?: Uint8Array): T;
  apply(
    values: Float32Array | Float64Array,
    timestampSec: number,
    valueScale: number,
    out?: Float32Array | Float64Array,
    mask?: Uint8Array,
  ): Float32Array | Float64Array {
    const fn = 'VelocityFilter.apply';
    const n = this.channels;
    checkFloatArray(fn, 'values', values, n);
    const t = checkTimestamp(fn, timestampSec);
    if (typeof valueScale !== 'number') {
      throw new PosekitError('E_ARGUMENT', `${fn}: valueScale must be a number (1 for none); received ${describeValue(valueScale)}`, { field: 'valueScale' });
    }
    const scale = checkParam(fn, 'valueScale', valueScale, 1, { min: 0, exclusive: true });
    const dst = out === undefined ? new Float64Array(n) : checkFloatArray(fn, 'out', out, n);
    const m = checkMask(fn, mask, n);
    checkFiniteValues(fn, 'values', values);
    const us = Math.round(t * 1e6);
    const w = this.options.windowSize;
    const velocityScale = this.options.velocityScale;
    const { xHat, lastValue, lastScale, lastUs, distances, durations, head, count, seen } = this;
    for (let c = 0; c < n; c++) {
      const x = values[c]!;
      if (m !== undefined && m[c] === 0) {
        dst[c] = x;
        continue;
      }
      if (seen[c] === 0) {
        // First sample: alpha 1 and an uninitialised low-pass, so the value passes through.
        seen[c] = 1;
        lastValue[c] = x;
        lastScale[c] = scale;
        lastUs[c] = us;
        xHat[c] = x;
        dst[c] = x;
        continue;
      }
      if (lastUs[c]! >= us) {
        // tfjs / MediaPipe: "results are unpredictable in this case": return the value, change nothing.
        dst[c] = x;
        continue;
      }
      // DistanceEstimationMode.kLegacyTransition, the only mode tfjs implements.
      const distance = x * scale - lastValue[c]! * lastScale[c]!;
      const duration = us - lastUs[c]!;
      let cumDistance = distance;
      let cumDuration = duration;
      const stored = count[c]!;
      const maxCumDuration = (1 + stored) * ASSUMED_MAX_DURATION_US;
      const base = c * w;
      let slot = head[c]!;
      for (let j = 0; j < stored; j++) {
        // Newest first, as tfjs iterates its `unshift`-ed array.
        const d = durations[base + slot]!;
        if (cumDuration + d > maxCumDuration) break;
        cumDistance += distances[base + slot]!;
        cumDuration += d;
        slot = slot === 0 ? w - 1 : slot - 1;
      }
      const velocity = cumDistance / (cumDuration * MICRO_SECONDS_TO_SECOND);
      const alpha = 1 - 1 / (1 + velocityScale * Math.abs(velocity));
      const h = head[c] = (head[c]! + 1) % w;
      distances[base + h] = distance;
      durations[base + h] = duration;
      if (stored < w) count[c] = stored + 1;
      lastValue[c] = x;
      lastScale[c] = scale;
      lastUs[c] = us;
      const y = xHat[c]! + alpha * (x - xHat[c]!);
      xHat[c] = y;
      dst[c] = y;
    }
    return dst;
  }

  reset(): void {
    this.seen.fill(0);
    this.count.fill(0);
    this.head.fill(0);
  }
}

/**
 * Create a relative velocity filter for `channels` independent signals that share timestamps: MediaPipe's
 * `RelativeVelocityFilter` exactly as tfjs-models ports it (`shared/filters/relative_velocity_filter.ts` with
 * `low_pass_filter.ts`), with timestamps in **seconds** (tfjs: microseconds; see {@link VelocityFilter.apply}
 * for the conversion). The smoothing factor grows with the speed measured over the last `windowSize` changes,
 * so still points are held steady and moving ones follow quickly.
 *
 * Departure from tfjs: tfjs marks "no sample yet" with a last timestamp of −1 µs, so there a first timestamp
 * <= −1 µs is never filtered; here a first sample at any time is accepted.
 *
 * The following defaults apply: `windowSize` 5, `velocityScale` 10 ({@link VELOCITY_FILTER_DEFAULTS});
 * `minAllowedObjectScale` and `disableValueScaling` only matter to keypoint filtering (`createPoseSmoother`).
 *
 * @param channels - number of values per sample, an integer from 1 to 65536
 * @param options - filter parameters (see {@link VelocityFilterOptions})
 * @returns the filter, with all state in typed arrays (no allocation per call when `out` is given)
 * @throws PosekitError `E_RANGE` (windowSize not an integer from 1 to 256, velocityScale <= 0,
 *   minAllowedObjectScale < 0, channels not an integer from 1 to 65536), `E_NONFINITE` (a non-finite parameter),
 *   `E_ARGUMENT` (unknown option, wrong kinds)
 */
export function createVelocityFilter(channels: number, options?: VelocityFilterOptions): VelocityFilter {
  const fn = 'createVelocityFilter';
  const n = checkChannels(fn, channels);
  return new VelocityFilterImpl(n, resolveVelocityOptions(fn, options));
}

/**
 * The object scale MediaPipe's landmark smoothing uses when it is given no ROI (`GetObjectScale(landmarks)` in
 * `landmarks_smoothing_calculator.cc`): the mean of the width and height of the axis-aligned box around the
 * keypoints, in the keypoints' unit (pixels).
 *
 * @param keypoints - flat `[x, y, score] × K`, finite
 * @param minScore - when given, a finite number: only keypoints with `score >= minScore` count (MediaPipe counts all)
 * @returns `(width + height) / 2`; 0 when no keypoint counts
 * @throws PosekitError `E_ARGUMENT` (keypoints not an array, minScore not a number), `E_SHAPE` (a length that is not
 *   a multiple of 3), `E_NONFINITE` (a NaN / ±Infinity keypoint value or minScore)
 */
export function keypointsObjectScale(keypoints: ArrayLike<number>, minScore?: number): number {
  const fn = 'keypointsObjectScale';
  if (keypoints === null || typeof keypoints !== 'object' || typeof keypoints.length !== 'number') {
    throw new PosekitError('E_ARGUMENT', `${fn}: keypoints must be a flat array [x, y, score] × K; received ${describeValue(keypoints)}`, {
      field: 'keypoints',
      received: describeValue(keypoints),
    });
  }
  if (keypoints.length % 3 !== 0) {
    throw new PosekitError('E_SHAPE', `${fn}: keypoints must hold 3 numbers (x, y, score) per keypoint; received length ${keypoints.length}`, {
      field: 'keypoints',
      expected: 'length 3K',
      received: keypoints.length,
    });
  }
  for (let i = 0; i < keypoints.length; i++) {
    const v = keypoints[i]!;
    if (!(typeof v === 'number' && v - v === 0)) {
      throw new PosekitError('E_NONFINITE', `${fn}: keypoints[${i}] must be a finite number; received ${describeValue(v)}`, { field: 'keypoints', item: i, received: v });
    }
  }
  if (minScore !== undefined) checkParam(fn, 'minScore', minScore, 0, { min: -Infinity, exclusive: false });
  return objectScale(keypoints, minScore);
}

/** {@link keypointsObjectScale} without the checks (the pose smoother has validated the pose). @internal */
export function objectScale(keypoints: ArrayLike<number>, minScore: number | undefined): number {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  const k = Math.floor(keypoints.length / 3);
  for (let i = 0; i < k; i++) {
    if (minScore !== undefined && !(keypoints[3 * i + 2]! >= minScore)) continue;
    const x = keypoints[3 * i]!;
    const y = keypoints[3 * i + 1]!;
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
  }
  if (x0 > x1) return 0;
  return (x1 - x0 + (y1 - y0)) / 2;
}
