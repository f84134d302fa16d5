/** Decode buffers: allocation in the kernel's memory, growth, release / reuse, bad input, fallback. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { expectCode } from '../../../../test-support/errors.js';
import { createDecodeBuffer } from '../../src/decode/index.js';
import { getArgmaxKernel, setArgmaxKernelEnabled } from '../../src/wasm/kernel.js';

afterEach(() => {
  setArgmaxKernelEnabled(true);
});

describe('createDecodeBuffer', () => {
  it('returns a zero-filled tensor on the kernel memory, 16-byte aligned, with the given dims', () => {
    const buf = createDecodeBuffer([2, 17, 64, 48]);
    const mem = getArgmaxKernel()!.memory;
    expect(buf.inWasmMemory).toBe(true);
    expect(buf.dims).toEqual([2, 17, 64, 48]);
    expect(buf.data.buffer).toBe(mem.buffer);
    expect(buf.data.length).toBe(2 * 17 * 64 * 48);
    expect(buf.data.byteOffset % 16).toBe(0);
    expect(buf.data.every((v) => v === 0)).toBe(true);
    buf.release();
  });

  it('re-derives its view after the memory grows, keeping the contents', () => {
    const a = createDecodeBuffer([1000]);
    a.data.set([1, 2, 3]);
    const before = a.data;
    const mem = getArgmaxKernel()!.memory;
    const bytes = mem.buffer.byteLength;
    const big = createDecodeBuffer([4, bytes / 16 + 1000]); // must grow the memory
    expect(mem.buffer.byteLength).toBeGreaterThan(bytes);
    expect(before.length).toBe(0); // the old view is detached, as documented
    expect(a.data.buffer).toBe(mem.buffer);
    expect(Array.from(a.data.subarray(0, 4))).toEqual([1, 2, 3, 0]);
    big.release();
    a.release();
  });

  it('reuses released space and zero-fills it again', () => {
    const a = createDecodeBuffer([256]);
    const off = a.data.byteOffset;
    a.data.fill(7);
    a.release();
    const b = createDecodeBuffer([256]);
    expect(b.data.byteOffset).toBe(off);
    expect(b.data.every((v) => v === 0)).toBe(true);
    b.release();
  });

  it('throws E_STATE on data access after release (release is idempotent)', () => {
    const a = createDecodeBuffer([4]);
    a.release();
    a.release();
    expectCode(() => a.data, 'E_STATE');
  });

  it('rejects bad dims with E_ARGUMENT / E_RANGE', () => {
    expectCode(() => createDecodeBuffer([] as number[]), 'E_ARGUMENT');
    expectCode(() => createDecodeBuffer('1,2' as unknown as number[]), 'E_ARGUMENT');
    expectCode(() => createDecodeBuffer([2, 0]), 'E_ARGUMENT');
    expectCode(() => createDecodeBuffer([2, 1.5]), 'E_ARGUMENT');
    expectCode(() => createDecodeBuffer([2, NaN]), 'E_ARGUMENT');
    expectCode(() => createDecodeBuffer([65536, 65536]), 'E_RANGE');
    expect(() => createDecodeBuffer([2, 0])).toThrow(/dims\[1\] must be a positive integer; received/);
  });

  it('turns a refused memory.grow (RangeError) into E_RANGE naming the request and the limit', () => {
    const mem = getArgmaxKernel()!.memory;
    const before = mem.buffer.byteLength;
    const grow = vi.spyOn(mem, 'grow').mockImplementation(() => {
      throw new RangeError('WebAssembly.Memory.grow(): Maximum memory size exceeded');
    });
    try {
      expectCode(
        () => createDecodeBuffer([2 ** 28]),
        'E_RANGE',
        /\[268435456\] needs 1073741824 bytes, but the decoders' WebAssembly memory cannot grow from \d+ to \d+ bytes \(the engine refused: .*Maximum memory size exceeded.*the limit is 4294967296 bytes/,
      );
      expect(grow).toHaveBeenCalled();
    } finally {
      grow.mockRestore();
    }
    expect(mem.buffer.byteLength).toBe(before);
    // The allocator is unharmed: a small buffer still fits.
    const ok = createDecodeBuffer([16]);
    expect(ok.data.length).toBe(16);
    ok.release();
  });

  it('is a plain Float32Array when the kernel is unavailable', () => {
    setArgmaxKernelEnabled(false);
    const buf = createDecodeBuffer([3, 5]);
    expect(buf.inWasmMemory).toBe(false);
    expect(buf.data).toBeInstanceOf(Float32Array);
    expect(buf.data.length).toBe(15);
    buf.release();
    expectCode(() => buf.data, 'E_STATE');
  });
});
