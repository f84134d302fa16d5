import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadModelBytes } from '../src/model-source.js';
import { rejectedCode } from '../../../test-support/errors.js';
import { serve } from './http-server.js';

describe('loadModelBytes', () => {
  const bytes = Uint8Array.from([8, 1, 18, 4, 116, 101, 115, 116]);
  let server: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => {
    server = await serve({ '/m.onnx': bytes, '/empty.onnx': new Uint8Array(0) });
  });
  afterAll(() => server.close());

  it('uses bytes as they are (no copy), keeping the view offset', async () => {
    expect(await loadModelBytes(bytes)).toBe(bytes);
    const big = new Uint8Array(16).fill(7);
    const view = new DataView(big.buffer, 4, 8);
    const got = await loadModelBytes(view);
    expect(got.byteOffset).toBe(4);
    expect(got.length).toBe(8);
    expect(got.buffer).toBe(big.buffer);
    const ab = await loadModelBytes(bytes.slice().buffer);
    expect(Array.from(ab)).toEqual(Array.from(bytes));
  });

  it('reads Blobs', async () => {
    const got = await loadModelBytes(new Blob([bytes]));
    expect(Array.from(got)).toEqual(Array.from(bytes));
  });

  it('fetches URLs (string and URL)', async () => {
    expect(Array.from(await loadModelBytes(`${server.url}/m.onnx`))).toEqual(Array.from(bytes));
    expect(Array.from(await loadModelBytes(new URL('/m.onnx', server.url)))).toEqual(Array.from(bytes));
  });

  it('E_DOWNLOAD for an HTTP error or an unreachable host', async () => {
    expect(await rejectedCode(loadModelBytes(`${server.url}/missing.onnx`))).toBe('E_DOWNLOAD');
    const closed = await serve({});
    const deadUrl = `${closed.url}/m.onnx`;
    await closed.close();
    expect(await rejectedCode(loadModelBytes(deadUrl))).toBe('E_DOWNLOAD');
  });

  it('E_MODEL_LOAD for empty bytes, Blob or download', async () => {
    expect(await rejectedCode(loadModelBytes(new Uint8Array(0)))).toBe('E_MODEL_LOAD');
    expect(await rejectedCode(loadModelBytes(new ArrayBuffer(0)))).toBe('E_MODEL_LOAD');
    expect(await rejectedCode(loadModelBytes(new Blob([])))).toBe('E_MODEL_LOAD');
    expect(await rejectedCode(loadModelBytes(`${server.url}/empty.onnx`))).toBe('E_MODEL_LOAD');
  });

  it('E_ARGUMENT for other values, naming what was received', async () => {
    expect(await rejectedCode(loadModelBytes(42 as never))).toBe('E_ARGUMENT');
    expect(await rejectedCode(loadModelBytes(null as never))).toBe('E_ARGUMENT');
    expect(await rejectedCode(loadModelBytes(''))).toBe('E_ARGUMENT');
    await expect(loadModelBytes({} as never)).rejects.toThrow(/received Object/);
  });

  it('uses the fetch it is given', async () => {
    const seen: string[] = [];
    const got = await loadModelBytes('model://x', async (u) => {
      seen.push(u);
      return new Response(bytes);
    });
    expect(seen).toEqual(['model://x']);
    expect(got.length).toBe(bytes.length);
  });
});
