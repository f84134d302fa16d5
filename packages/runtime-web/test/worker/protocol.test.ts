import { PosekitError, isPosekitError } from '@posekit/core';
import { describe, expect, it } from 'vitest';
import { deserializeError, serializeError } from '../../src/worker/protocol.js';

describe('error serialization across the worker boundary', () => {
  it('a PosekitError keeps its code, message and details, and comes back as a PosekitError', () => {
    const e = new PosekitError('E_MODEL_LOAD', 'could not load', { file: 'm.onnx', expected: 'ONNX', received: 'garbage' });
    const s = serializeError(e);
    expect(s).toEqual({ name: 'PosekitError', code: 'E_MODEL_LOAD', message: 'could not load', details: { file: 'm.onnx', expected: 'ONNX', received: 'garbage' } });
    const back = deserializeError(structuredClone(s));
    expect(back).toBeInstanceOf(PosekitError);
    expect(isPosekitError(back, 'E_MODEL_LOAD')).toBe(true);
    expect(back.message).toBe('could not load');
    expect((back as PosekitError).details).toEqual({ file: 'm.onnx', expected: 'ONNX', received: 'garbage' });
  });

  it('details that cannot be cloned are made plain (functions dropped, bigint as string)', () => {
    const e = new PosekitError('E_SHAPE', 'bad', { received: 10n, fn: () => 1, nested: { a: [1, 2] } } as never);
    const s = serializeError(e);
    expect(s.details).toEqual({ received: '10', nested: { a: [1, 2] } });
    expect(() => structuredClone(s)).not.toThrow();
  });

  it('other errors keep name and message, without a code', () => {
    const s = serializeError(new TypeError('nope'));
    expect(s).toEqual({ name: 'TypeError', message: 'nope' });
    const back = deserializeError(s);
    expect(isPosekitError(back)).toBe(false);
    expect(back.name).toBe('TypeError');
    expect(serializeError('a string')).toEqual({ name: 'Error', message: 'a string' });
  });
});
