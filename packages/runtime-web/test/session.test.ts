import { isPosekitError } from '@posekit/core';
import { describe, expect, it } from 'vitest';
import { type OrtWeb, applyWasmSettings } from '../src/ort.js';
import { createSession, probeWebGpu } from '../src/session.js';
import { expectCode } from '../../../test-support/errors.js';

async function caught(p: Promise<unknown>): Promise<{ code?: string; message: string; details?: Record<string, unknown> }> {
  try {
    await p;
  } catch (e) {
    expect(isPosekitError(e)).toBe(true);
    return e as { code: string; message: string; details: Record<string, unknown> };
  }
  throw new Error('expected a rejection');
}

describe('probeWebGpu', () => {
  it('no navigator.gpu: refused with the reason', async () => {
    const r = await probeWebGpu({});
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/navigator\.gpu is undefined/);
    expect((await probeWebGpu(undefined)).ok).toBe(false);
  });

  it('requestAdapter() -> null: refused, naming the headless flag', async () => {
    const r = await probeWebGpu({ gpu: { requestAdapter: async () => null } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/returned null.*--enable-unsafe-webgpu/);
  });

  it('requestAdapter() throws: refused with the error', async () => {
    const r = await probeWebGpu({
      gpu: {
        requestAdapter: async () => {
          throw new Error('GPU process crashed');
        },
      },
    });
    expect(r).toEqual({ ok: false, reason: 'navigator.gpu.requestAdapter() threw: Error: GPU process crashed' });
  });

  it('an adapter: accepted, with its info (software fallback flagged)', async () => {
    const seen: unknown[] = [];
    const r = await probeWebGpu(
      {
        gpu: {
          requestAdapter: async (o: unknown) => {
            seen.push(o);
            return { info: { vendor: 'google', architecture: 'swiftshader', description: '', isFallbackAdapter: true } };
          },
        },
      },
      'high-performance',
    );
    expect(r).toEqual({ ok: true, adapter: { vendor: 'google', architecture: 'swiftshader', description: '', isFallbackAdapter: true } });
    expect(seen).toEqual([{ powerPreference: 'high-performance' }]);
  });
});

describe('applyWasmSettings', () => {
  // Module state: the first call "starts" the runtime; these steps run in order.
  const fake = { env: { wasm: {} as Record<string, unknown>, webgpu: {} } } as unknown as OrtWeb;

  it('E_RANGE for a bad numThreads, before anything is applied', () => {
    for (const n of [0, -1, 1.5, 65, Number.NaN]) {
      expectCode(() => applyWasmSettings(fake, { numThreads: n }), 'E_RANGE');
    }
    expect(fake.env.wasm.numThreads).toBeUndefined();
  });

  it('applies the first settings, accepts the same again, refuses different ones (E_STATE)', () => {
    applyWasmSettings(fake, { wasmPaths: '/ort/', numThreads: 2 });
    expect(fake.env.wasm.wasmPaths).toBe('/ort/');
    expect(fake.env.wasm.numThreads).toBe(2);
    expect(() => applyWasmSettings(fake, {})).not.toThrow();
    expect(() => applyWasmSettings(fake, { wasmPaths: '/ort/', numThreads: 2 })).not.toThrow();
    expectCode(() => applyWasmSettings(fake, { wasmPaths: 'https://cdn.example/ort/' }), 'E_STATE', /already started with wasmPaths "\/ort\/"/);
    expect(() => applyWasmSettings(fake, { numThreads: 4 })).toThrow(/numThreads/);
  });
});

describe('createSession argument checks', () => {
  it("E_ARGUMENT for an unknown device (before any download)", async () => {
    const e = await caught(createSession(new Uint8Array([1]), { device: 'cuda' as never }));
    expect(e.code).toBe('E_ARGUMENT');
    expect(e.message).toMatch(/auto, webgpu, wasm; received "cuda"/);
  });

  it('E_MODEL_LOAD for empty model bytes', async () => {
    expect((await caught(createSession(new Uint8Array(0), { device: 'wasm' }))).code).toBe('E_MODEL_LOAD');
  });

  it("device 'webgpu' without navigator.gpu (Node): E_PROVIDER with the reason and the attempt", async () => {
    const e = await caught(createSession(new Uint8Array([8, 1]), { device: 'webgpu' }));
    expect(e.code).toBe('E_PROVIDER');
    expect(e.message).toMatch(/WebGPU is unavailable: navigator\.gpu is undefined/);
    expect(e.details?.['attempts']).toEqual([{ provider: 'webgpu', ok: false, reason: expect.stringMatching(/navigator\.gpu/) }]);
  });
});
