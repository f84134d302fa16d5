/**
 * Field checks shared by the COCO dataset and results loaders. Every error names the file (when known),
 * the item (index and id) and the field, and says what was expected and what was received.
 *
 * @module
 */
import { describeValue, PosekitError, type PosekitErrorCode } from '@posekit/core';

/** Where a record comes from, for messages. */
export interface Where {
  /** Function name, e.g. `loadCocoDataset`. */
  fn: string;
  /** File name, if known. */
  file: string | undefined;
}

/** Parse JSON text, mapping syntax errors to E_PARSE. */
export function parseJson(where: Where, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    throw new PosekitError('E_PARSE', `${prefix(where)}malformed JSON: ${msg}`, { file: where.file, received: msg }, { cause: e });
  }
}

/** `fn: file: ` prefix. */
export function prefix(where: Where): string {
  return `${where.fn}: ${where.file !== undefined ? `${where.file}: ` : ''}`;
}

/** Throw a PosekitError about `item`'s `field`. */
export function fieldError(where: Where, code: PosekitErrorCode, item: string, field: string, expected: string, received: unknown): never {
  throw new PosekitError(
    code,
    `${prefix(where)}${item}: field "${field}" must be ${expected}; received ${typeof received === 'string' && code !== 'E_FIELD' ? received : describeValue(received)}`,
    { file: where.file, item, field, expected, received: describeValue(received) },
  );
}

/** A plain object record, or E_FIELD. */
export function asRecord(where: Where, item: string, v: unknown): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    throw new PosekitError('E_FIELD', `${prefix(where)}${item} must be an object; received ${describeValue(v)}`, { file: where.file, item, received: describeValue(v) });
  }
  return v as Record<string, unknown>;
}

/** A finite number field (booleans accepted where `bool` is set, as Python treats them as 0/1). */
export function numField(where: Where, item: string, rec: Record<string, unknown>, field: string, opts: { optional?: number; bool?: boolean; integer?: boolean } = {}): number {
  const v = rec[field];
  if (v === undefined) {
    if (opts.optional !== undefined) return opts.optional;
    fieldError(where, 'E_FIELD', item, field, 'present (a number)', 'missing');
  }
  if (typeof v === 'boolean' && opts.bool) return v ? 1 : 0;
  if (typeof v !== 'number') fieldError(where, 'E_FIELD', item, field, 'a number', v);
  if (!Number.isFinite(v)) fieldError(where, 'E_NONFINITE', item, field, 'a finite number', String(v));
  if (opts.integer && !Number.isInteger(v)) fieldError(where, 'E_FIELD', item, field, 'an integer', v);
  return v;
}

/**
 * Copy a numeric array field into `out` at `offset`, requiring exactly `len` finite numbers (or, when `len`
 * is undefined, any multiple of 3 — the caller then fixes K). Returns the array length.
 */
export function numArrayField(
  where: Where,
  item: string,
  rec: Record<string, unknown>,
  field: string,
  len: number,
  lenCode: PosekitErrorCode,
  lenWhat: string,
  out: Float64Array | null,
  offset: number,
): number {
  const v = rec[field];
  if (v === undefined) fieldError(where, 'E_FIELD', item, field, `present (${lenWhat})`, 'missing');
  if (!Array.isArray(v)) fieldError(where, 'E_FIELD', item, field, `an array (${lenWhat})`, v);
  if (v.length !== len) {
    throw new PosekitError(lenCode, `${prefix(where)}${item}: field "${field}" must hold ${lenWhat}; received ${v.length} numbers`, {
      file: where.file, item, field, expected: len, received: v.length,
    });
  }
  for (let i = 0; i < len; i++) {
    const x = v[i] as unknown;
    if (typeof x !== 'number') fieldError(where, 'E_FIELD', item, `${field}[${i}]`, 'a number', x);
    if (!Number.isFinite(x)) fieldError(where, 'E_NONFINITE', item, `${field}[${i}]`, 'a finite number', String(x));
    if (out !== null) out[offset + i] = x;
  }
  return len;
}

/**
 * Throw the E_LAYOUT_MISMATCH of {@link numArrayField} for the first record whose `keypoints` array does not
 * hold `len` numbers, before anything of size count × len is allocated (a huge first keypoints array would
 * otherwise size the buffers of every record). Records that are not objects or lack the field are left to
 * the per-record checks.
 */
export function precheckKeypointLengths(where: Where, records: readonly unknown[], name: string, len: number, lenWhat: string, idField?: string): void {
  for (let i = 0; i < records.length; i++) {
    const rec = records[i];
    if (typeof rec !== 'object' || rec === null) continue;
    const kp = (rec as Record<string, unknown>)['keypoints'];
    if (!Array.isArray(kp) || kp.length === len) continue;
    const id = idField !== undefined ? (rec as Record<string, unknown>)[idField] : undefined;
    const item = typeof id === 'number' ? `${name}[${i}] (id ${id})` : `${name}[${i}]`;
    numArrayField(where, item, rec as Record<string, unknown>, 'keypoints', len, 'E_LAYOUT_MISMATCH', lenWhat, null, 0);
  }
}

/** An array field of records, or E_FIELD. */
export function arrayField(where: Where, root: Record<string, unknown>, field: string, optional = false): unknown[] {
  const v = root[field];
  if (v === undefined && optional) return [];
  if (!Array.isArray(v)) {
    throw new PosekitError('E_FIELD', `${prefix(where)}top-level field "${field}" must be an array; received ${v === undefined ? 'missing' : describeValue(v)}`, {
      file: where.file, field, received: v === undefined ? 'missing' : describeValue(v),
    });
  }
  return v;
}
