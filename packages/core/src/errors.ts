/**
 * The one error class of posekit, with stable machine-readable codes.
 *
 * Every function that rejects its input throws a {@link PosekitError} whose `code` is one of
 * {@link PosekitErrorCode} and whose message says what was expected and what was received, e.g.
 * `decodeMsra: heatmaps must have rank 4 [N, K, H, W]; received rank 3 [17, 64, 48]`.
 *
 * @module
 */

/**
 * Stable error codes. Codes are part of the public API: they never change meaning between versions.
 *
 * - `E_RANK`: a tensor has the wrong number of dimensions.
 * - `E_SHAPE`: a tensor or array has the right rank but the wrong size along some axis, or sizes disagree.
 * - `E_DTYPE`: a tensor has the wrong element type.
 * - `E_NONFINITE`: an input contains NaN or +-Infinity where finite numbers are required.
 * - `E_EMPTY`: an input that must not be empty is empty (e.g. a batch of 0 where 1+ is required).
 * - `E_RANGE`: a number is outside its allowed range (negative size, even kernel, threshold out of [0, 1] ...).
 * - `E_ARGUMENT`: an argument has the wrong kind or an unknown option value.
 * - `E_UNKNOWN_LAYOUT`: a keypoint layout name is not registered.
 * - `E_LAYOUT_MISMATCH`: data has a different keypoint count than the layout or sigmas it is used with.
 * - `E_PARSE`: a file or JSON document could not be parsed.
 * - `E_FIELD`: a record (annotation, result, config) lacks a field or has a field of the wrong type/value.
 * - `E_DUPLICATE_ID`: an id occurs twice where ids must be unique.
 * - `E_UNKNOWN_ID`: an id refers to something that does not exist (e.g. a result for an unknown image).
 * - `E_FILE_NOT_FOUND`: a file or folder does not exist.
 * - `E_IO`: reading or writing a file failed for another reason.
 * - `E_MODEL_LOAD`: a model file is missing, corrupt or cannot be loaded by the runtime.
 * - `E_MODEL_SPEC`: a model's inputs/outputs do not match the {@link ModelSpec} it is used with.
 * - `E_PROVIDER`: an execution provider (cuda, webgpu, wasm ...) is unavailable.
 * - `E_IMAGE_DECODE`: image bytes could not be decoded.
 * - `E_IMAGE_SIZE`: an image has zero or invalid width/height.
 * - `E_DOWNLOAD`: a download failed or its checksum did not match.
 * - `E_STATE`: an object was used in the wrong state (e.g. after `dispose()`).
 */
export type PosekitErrorCode =
  | 'E_RANK'
  | 'E_SHAPE'
  | 'E_DTYPE'
  | 'E_NONFINITE'
  | 'E_EMPTY'
  | 'E_RANGE'
  | 'E_ARGUMENT'
  | 'E_UNKNOWN_LAYOUT'
  | 'E_LAYOUT_MISMATCH'
  | 'E_PARSE'
  | 'E_FIELD'
  | 'E_DUPLICATE_ID'
  | 'E_UNKNOWN_ID'
  | 'E_FILE_NOT_FOUND'
  | 'E_IO'
  | 'E_MODEL_LOAD'
  | 'E_MODEL_SPEC'
  | 'E_PROVIDER'
  | 'E_IMAGE_DECODE'
  | 'E_IMAGE_SIZE'
  | 'E_DOWNLOAD'
  | 'E_STATE';

/** Extra structured context attached to a {@link PosekitError} (file, item index, field, expected, received ...). */
export interface PosekitErrorDetails {
  /** What was expected, in words or as a value. */
  expected?: unknown;
  /** What was received. */
  received?: unknown;
  /** File the error refers to, if any. */
  file?: string;
  /** Item (annotation index, image id, candidate index ...) the error refers to, if any. */
  item?: string | number;
  /** Field name the error refers to, if any. */
  field?: string;
  /** Anything else worth reporting. */
  [key: string]: unknown;
}

/**
 * The error thrown by every posekit package for bad input, unavailable providers and failed I/O.
 *
 * Test the `code` (stable), not the message (for humans; may be reworded).
 *
 * @example
 * ```ts
 * try { decodeMsra(out, heatmaps); }
 * catch (e) { if (e instanceof PosekitError && e.code === 'E_RANK') ... }
 * ```
 */
export class PosekitError extends Error {
  /** Stable machine-readable code. */
  readonly code: PosekitErrorCode;
  /** Structured context (expected / received / file / item / field). */
  readonly details: PosekitErrorDetails;

  /**
   * @param code - stable error code
   * @param message - human-readable message saying what was expected and what was received
   * @param details - structured context
   * @param options - standard `ErrorOptions` (`cause`)
   */
  constructor(code: PosekitErrorCode, message: string, details: PosekitErrorDetails = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PosekitError';
    this.code = code;
    this.details = details;
  }
}

/**
 * Type guard: is `e` a {@link PosekitError} (optionally with the given code)?
 * Works across bundles/realms by checking `name` and `code`, not only `instanceof`.
 *
 * @param e - any thrown value
 * @param code - optional code to match
 */
export function isPosekitError(e: unknown, code?: PosekitErrorCode): e is PosekitError {
  if (e instanceof PosekitError) return code === undefined || e.code === code;
  if (typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'PosekitError') {
    return code === undefined || (e as { code?: unknown }).code === code;
  }
  return false;
}

/**
 * Describe a value briefly for an error message: shapes for typed arrays, type names otherwise.
 * @internal
 */
export function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  if (ArrayBuffer.isView(v)) return `${v.constructor.name}(${(v as unknown as ArrayLike<unknown>).length})`;
  if (Array.isArray(v)) return `Array(${v.length})`;
  if (typeof v === 'number') return Number.isNaN(v) ? 'NaN' : String(v);
  if (typeof v === 'string') return JSON.stringify(v.length > 60 ? v.slice(0, 57) + '...' : v);
  if (typeof v === 'object') return (v as object).constructor?.name ?? 'object';
  return typeof v;
}
