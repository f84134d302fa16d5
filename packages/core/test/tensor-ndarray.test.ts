import { describe, expect, it } from 'vitest';
import { toNdarray } from '../src/index.js';

describe('toNdarray', () => {
  it('is a strided view over the tensor data, without a copy', () => {
    const data = Float32Array.from({ length: 2 * 3 * 4 }, (_, i) => i);
    const dims = [2, 3, 4];
    const a = toNdarray({ data, dims });
    expect(a.shape).toEqual([2, 3, 4]);
    expect(a.get(1, 2, 3)).toBe(23);
    a.set(0, 1, 2, -1);
    expect(data[6]).toBe(-1); // shares the buffer
    dims[0] = 9;
    expect(a.shape[0]).toBe(2); // the dims are copied, the data is not
  });
});
