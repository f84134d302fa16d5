/**
 * Reading `posekit-fixture/1` files: tensors (`{dtype, shape, data}` or the sparse `runs` form) and the
 * non-finite number strings ("NaN", "Infinity", "-Infinity"). Format: shared/fixtures/README.md.
 */
import { readFileSync } from 'node:fs';

/** A decoded fixture tensor. */
export interface FixtureTensor {
  dtype: string;
  shape: number[];
  data: Float32Array | Float64Array | Int32Array | Uint8Array | BigInt64Array | number[];
}

/** Parse a JSON number-or-string ("NaN", "Infinity", "-Infinity") into a number. */
export function num(v: unknown): number {
  if (typeof v === 'number') return v;
  if (v === 'NaN') return NaN;
  if (v === 'Infinity') return Infinity;
  if (v === '-Infinity') return -Infinity;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v === null) return NaN;
  throw new Error(`fixture: expected a number, got ${JSON.stringify(v)}`);
}

/** Flatten nested arrays of numbers / number strings into numbers (C order). */
export function flat(v: unknown): number[] {
  const out: number[] = [];
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) for (const y of x) walk(y);
    else out.push(num(x));
  };
  walk(v);
  return out;
}

/** Whether `v` is an encoded tensor object. */
export function isTensor(v: unknown): v is { dtype: string; shape: number[] } {
  return typeof v === 'object' && v !== null && 'dtype' in v && 'shape' in v && !Array.isArray(v);
}

function allocate(dtype: string, n: number): FixtureTensor['data'] {
  switch (dtype) {
    case 'float32':
      return new Float32Array(n);
    case 'float64':
      return new Float64Array(n);
    case 'int32':
    case 'int64':
      return new Int32Array(n);
    case 'bool':
    case 'uint8':
      return new Uint8Array(n);
    default:
      throw new Error(`fixture: unsupported tensor dtype ${dtype}`);
  }
}

/**
 * Decode a fixture tensor. float32 data go into a Float32Array (the reference consumed exactly those
 * float32 values); float64 stay doubles.
 */
export function tensor(v: unknown): FixtureTensor {
  if (!isTensor(v)) throw new Error(`fixture: expected a tensor {dtype, shape, data}, got ${JSON.stringify(v)?.slice(0, 80)}`);
  const t = v as { dtype: string; shape: number[]; data?: unknown; format?: string; runs?: number[]; value?: unknown };
  const n = t.shape.reduce((a, b) => a * b, 1);
  const out = allocate(t.dtype, n) as Float64Array;
  if (t.format === 'runs') {
    const runs = t.runs ?? [];
    const values = flat(t.value ?? []);
    let vi = 0;
    for (let r = 0; r < runs.length; r += 2) {
      const start = runs[r]!;
      const len = runs[r + 1]!;
      for (let i = 0; i < len; i++) out[start + i] = values[vi++]!;
    }
  } else {
    const values = flat(t.data);
    if (values.length !== n) throw new Error(`fixture: tensor data has ${values.length} values, shape ${JSON.stringify(t.shape)} needs ${n}`);
    for (let i = 0; i < n; i++) out[i] = values[i]!;
  }
  return { dtype: t.dtype, shape: t.shape.slice(), data: out };
}

/** Float32Array view of a fixture tensor (converting if it is another dtype). */
export function f32(v: unknown): Float32Array {
  const t = tensor(v);
  return t.data instanceof Float32Array ? t.data : Float32Array.from(t.data as ArrayLike<number>);
}

/** Numbers of a fixture value: a tensor, a nested array, or a scalar. */
export function numbers(v: unknown): number[] {
  if (isTensor(v)) return Array.from(tensor(v).data as ArrayLike<number>);
  return flat(v);
}

/** A parsed fixture file. */
export interface Fixture {
  schema: string;
  kind: string;
  [key: string]: unknown;
}

/** Read and parse a fixture file (throws on invalid JSON). */
export function readFixture(path: string): Fixture {
  return JSON.parse(readFileSync(path, 'utf8')) as Fixture;
}
