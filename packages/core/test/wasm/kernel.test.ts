/**
 * The SIMD argmax kernel against the JS scan it replaces (`scanChannel`): identical indices on the
 * awkward cases (ties, plateaus, negative / all-zero rows, signed zeros, non-finite values at the first /
 * last element, lengths not divisible by 4 or 16, sums that overflow), in place and through staging.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { argmaxRows, COPY_MIN_LEN, COPY_MIN_TOTAL } from '../../src/decode/scan-rows.js';
import { scanChannel } from '../../src/decode/internal.js';
import { ARGMAX_WASM_BASE64 } from '../../src/wasm/argmax-bytes.js';
import { getArgmaxKernel, resetArgmaxKernel, setArgmaxKernelEnabled } from '../../src/wasm/kernel.js';
import { createDecodeBuffer } from '../../src/wasm/heap.js';
import { mulberry32 } from '../../../../test-support/random.js';

afterEach(() => {
  setArgmaxKernelEnabled(true);
});

/** Reference: the JS scan of every row. */
function jsRows(data: Float32Array, rows: number, len: number): Int32Array {
  const out = new Int32Array(rows);
  for (let r = 0; r < rows; r++) out[r] = scanChannel(data, r * len, len);
  return out;
}

/** Rows of every awkward kind, `len` floats each. */
function awkwardRows(len: number, seed: number): Float32Array[] {
  const r = mulberry32(seed);
  const rows: Float32Array[] = [];
  const mk = (f: (i: number) => number): void => {
    rows.push(Float32Array.from({ length: len }, (_, i) => f(i)));
  };
  mk(() => r()); // random
  mk(() => Math.floor(r() * 4)); // many ties of the maximum
  mk(() => 0); // all zero
  mk(() => -1 - r()); // all negative
  mk(() => -7); // a negative plateau
  mk((i) => (i === len - 1 ? 2 : 1)); // maximum at the last element
  mk((i) => (i === 0 ? 2 : 1)); // maximum at the first element
  mk((i) => (i % 2 === 0 ? -0 : 0)); // signed zeros: the first element is the first of the == class
  mk((i) => (i < len / 2 ? 0.5 : 1)); // a plateau starting mid-row
  mk((i) => (i >= len - 3 ? 3 : r())); // tie inside the scalar tail
  mk(() => 3e38 * r()); // finite values whose lane sums overflow to Infinity
  mk((i) => (i === 0 ? NaN : r()));
  mk((i) => (i === len - 1 ? NaN : r()));
  mk((i) => (i === 0 ? Infinity : r()));
  mk((i) => (i === len - 1 ? -Infinity : r()));
  mk((i) => (i === len >> 1 ? Infinity : -r()));
  mk(() => -Infinity);
  return rows;
}

const LENGTHS = [1, 2, 3, 4, 5, 7, 15, 16, 17, 35, 63, 255, 256, 257, 1023, 1024, 1025, 3072, 3075];

describe('SIMD argmax kernel', () => {
  it('instantiates (Node 20 has WebAssembly SIMD) and stays under the 4 KB synchronous-compile limit', () => {
    expect(getArgmaxKernel()).not.toBeNull();
    expect(atob(ARGMAX_WASM_BASE64).length).toBeLessThan(4096);
  });

  for (const len of LENGTHS) {
    it(`matches the JS scan in place, through staging and in the fallback (len ${len})`, () => {
      const rows = awkwardRows(len, len);
      const n = rows.length;
      const plain = new Float32Array(n * len);
      rows.forEach((row, i) => plain.set(row, i * len));
      const expected = jsRows(plain, n, len);
      // Sanity: the fixtures exercise both outcomes.
      expect(expected.some((v) => v < 0)).toBe(true);
      expect(expected.some((v) => v > 0 || len === 1)).toBe(true);

      const buf = createDecodeBuffer([n, len]);
      expect(buf.inWasmMemory).toBe(true);
      buf.data.set(plain);
      const inPlace = new Int32Array(n);
      argmaxRows(buf.data, n, len, inPlace);
      expect(Array.from(inPlace)).toEqual(Array.from(expected));

      const staged = new Int32Array(n);
      argmaxRows(plain, n, len, staged);
      expect(Array.from(staged)).toEqual(Array.from(expected));

      setArgmaxKernelEnabled(false);
      const js = new Int32Array(n);
      argmaxRows(buf.data, n, len, js);
      expect(Array.from(js)).toEqual(Array.from(expected));
      buf.release();
    });
  }

  it('handles batches of more rows than one kernel call returns (16384) and data at an offset in memory', () => {
    const rows = 20000;
    const len = 5;
    const r = mulberry32(7);
    const a = createDecodeBuffer([7]); // shifts the next block by 32 bytes: not the heap start
    const buf = createDecodeBuffer([rows, len]);
    const d = buf.data;
    for (let i = 0; i < d.length; i++) d[i] = Math.floor(r() * 3);
    d[rows * len - 1] = NaN;
    const got = new Int32Array(rows);
    argmaxRows(d, rows, len, got);
    expect(Array.from(got)).toEqual(Array.from(jsRows(d, rows, len)));
    expect(got[rows - 1]).toBe(-1);
    a.release();
    buf.release();
  });

  it('stages batches above COPY_MIN_LEN / COPY_MIN_TOTAL and scans the rest in JS, with identical results', () => {
    const r = mulberry32(3);
    for (const [rows, len] of [
      [40, COPY_MIN_LEN - 1],
      [Math.ceil(COPY_MIN_TOTAL / COPY_MIN_LEN), COPY_MIN_LEN],
      [3, COPY_MIN_LEN],
      [3, 70000], // longer than the staging area
    ] as const) {
      const data = Float32Array.from({ length: rows * len }, () => r());
      const got = new Int32Array(rows);
      argmaxRows(data, rows, len, got);
      expect(Array.from(got)).toEqual(Array.from(jsRows(data, rows, len)));
    }
  });

  it('falls back to the JS scan when instantiation fails (a CSP refusing compilation)', () => {
    const g = globalThis as { WebAssembly?: unknown };
    const saved = g.WebAssembly;
    const realWa = saved as { validate: (b: Uint8Array) => boolean };
    g.WebAssembly = {
      validate: (b: Uint8Array) => realWa.validate(b),
      Module: function Module() {
        throw new EvalError('Refused to compile or instantiate WebAssembly module (CSP)');
      },
      Instance: function Instance() {
        throw new Error('unreachable');
      },
    };
    try {
      resetArgmaxKernel();
      expect(getArgmaxKernel()).toBeNull();
      const buf = createDecodeBuffer([2, 9]);
      expect(buf.inWasmMemory).toBe(false);
      buf.data.set([1, 5, 5, 0, 0, 0, 0, 0, 0, -1, -2, -3, -4, -5, -6, -7, -8, -0.5]);
      const got = new Int32Array(2);
      argmaxRows(buf.data, 2, 9, got);
      expect(Array.from(got)).toEqual([1, 8]);
      g.WebAssembly = undefined;
      resetArgmaxKernel();
      expect(getArgmaxKernel()).toBeNull();
    } finally {
      g.WebAssembly = saved;
      resetArgmaxKernel();
    }
    expect(getArgmaxKernel()).not.toBeNull();
  });

  it('reports no kernel on engines without SIMD (validate() false)', () => {
    const g = globalThis as { WebAssembly?: { validate: (b: Uint8Array) => boolean } };
    const wa = g.WebAssembly!;
    const saved = wa.validate;
    wa.validate = () => false;
    try {
      resetArgmaxKernel();
      expect(getArgmaxKernel()).toBeNull();
    } finally {
      wa.validate = saved;
      resetArgmaxKernel();
    }
    expect(getArgmaxKernel()).not.toBeNull();
  });
});
