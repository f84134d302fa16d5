/**
 * Collects comparisons of one fixture file and reports the worst error against its tolerance.
 */
import { num } from './fixture.js';

/** One failed or worst comparison. */
export interface CheckRecord {
  /** What was compared, e.g. `coco17_64x48/keypoints_xy[3]`. */
  name: string;
  /** Absolute error (or 1 for a mismatch of exact values). */
  error: number;
  /** Allowed error. */
  tolerance: number;
  /** Whether it passed. */
  pass: boolean;
  /** Free text for exact mismatches. */
  note?: string;
}

/** Accumulates comparisons; `worst` is the comparison with the largest error/tolerance ratio. */
export class Checker {
  count = 0;
  failures: CheckRecord[] = [];
  worst: CheckRecord | null = null;

  private record(r: CheckRecord): void {
    this.count++;
    if (!r.pass) this.failures.push(r);
    const ratio = (x: CheckRecord): number => (x.pass ? (x.tolerance > 0 ? x.error / x.tolerance : x.error > 0 ? Infinity : 0) : Infinity);
    if (this.worst === null || (!r.pass && this.worst.pass) || (r.pass === this.worst.pass && ratio(r) > ratio(this.worst))) this.worst = r;
  }

  /**
   * Compare numbers elementwise within an absolute tolerance. NaN matches NaN; +-Infinity must match exactly.
   * Lengths must agree.
   */
  close(name: string, actual: ArrayLike<number> | number, expected: ArrayLike<unknown> | unknown, tol: number): void {
    const a: ArrayLike<number> = typeof actual === 'number' ? [actual] : actual;
    const e: number[] = Array.isArray(expected) || ArrayBuffer.isView(expected)
      ? Array.from(expected as ArrayLike<unknown>, num)
      : [num(expected)];
    if (a.length !== e.length) {
      this.record({ name, error: Infinity, tolerance: tol, pass: false, note: `length ${a.length} != expected ${e.length}` });
      return;
    }
    let worstErr = 0;
    let worstIdx = -1;
    let ok = true;
    for (let i = 0; i < e.length; i++) {
      const x = a[i]!;
      const y = e[i]!;
      let err: number;
      if (Number.isNaN(y) || Number.isNaN(x)) err = Number.isNaN(x) && Number.isNaN(y) ? 0 : Infinity;
      else if (!Number.isFinite(y) || !Number.isFinite(x)) err = x === y ? 0 : Infinity;
      else err = Math.abs(x - y);
      if (!(err <= tol)) ok = false;
      if (err > worstErr || worstIdx < 0) {
        worstErr = err;
        worstIdx = i;
      }
    }
    const rec: CheckRecord = { name: e.length > 1 ? `${name}[${worstIdx}]` : name, error: worstErr, tolerance: tol, pass: ok };
    if (!ok) rec.note = `got ${a[worstIdx]} expected ${e[worstIdx]}`;
    this.record(rec);
  }

  /** Exact equality of JSON-comparable values (ids, keep lists, counts). */
  exact(name: string, actual: unknown, expected: unknown): void {
    const sa = JSON.stringify(actual, (_k, v) => (ArrayBuffer.isView(v) ? Array.from(v as unknown as ArrayLike<number>) : v));
    const se = JSON.stringify(expected, (_k, v) => (ArrayBuffer.isView(v) ? Array.from(v as unknown as ArrayLike<number>) : v));
    const pass = sa === se;
    const rec: CheckRecord = { name, error: pass ? 0 : 1, tolerance: 0, pass };
    if (!pass) rec.note = `got ${sa.slice(0, 200)} expected ${se.slice(0, 200)}`;
    this.record(rec);
  }

  /** Record an outright failure (e.g. an exception from the code under test). */
  fail(name: string, note: string): void {
    this.record({ name, error: Infinity, tolerance: 0, pass: false, note });
  }

  /** True when at least one comparison ran and none failed. */
  get passed(): boolean {
    return this.count > 0 && this.failures.length === 0;
  }
}
