import { describe, expect, it } from 'vitest';
import { PosekitError, isPosekitError, checkFloat32Tensor } from '../src/index.js';

describe('PosekitError', () => {
  it('carries a stable code and details', () => {
    const e = new PosekitError('E_RANK', 'x: expected rank 4; received rank 3', { expected: 4, received: 3 });
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('PosekitError');
    expect(e.code).toBe('E_RANK');
    expect(e.details.expected).toBe(4);
    expect(isPosekitError(e, 'E_RANK')).toBe(true);
    expect(isPosekitError(e, 'E_SHAPE')).toBe(false);
    expect(isPosekitError(new Error('x'))).toBe(false);
  });
});

describe('checkFloat32Tensor', () => {
  const dims = ['N', 'K', 'H', 'W'];
  it('accepts a matching tensor without copying', () => {
    const t = { data: new Float32Array(2 * 3 * 4 * 5), dims: [2, 3, 4, 5] };
    expect(checkFloat32Tensor('f', 'hm', t, dims)).toBe(t);
  });
  it('rejects a wrong rank naming expected and received', () => {
    const t = { data: new Float32Array(60), dims: [3, 4, 5] };
    expect(() => checkFloat32Tensor('f', 'hm', t, dims)).toThrow(/rank 4 \[N, K, H, W\]; received rank 3 \[3, 4, 5\]/);
  });
  it('rejects a data length that does not match dims', () => {
    expect(() => checkFloat32Tensor('f', 'hm', { data: new Float32Array(5), dims: [1, 1, 2, 3] }, dims)).toThrowError(
      expect.objectContaining({ code: 'E_SHAPE' }),
    );
  });
  it('rejects float64 data and empty batches', () => {
    expect(() => checkFloat32Tensor('f', 'hm', { data: new Float64Array(6), dims: [1, 1, 2, 3] }, dims)).toThrowError(
      expect.objectContaining({ code: 'E_DTYPE' }),
    );
    expect(() => checkFloat32Tensor('f', 'hm', { data: new Float32Array(0), dims: [0, 1, 2, 3] }, dims)).toThrowError(
      expect.objectContaining({ code: 'E_EMPTY' }),
    );
  });
});
