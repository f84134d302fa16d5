import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isPosekitError } from '@posekit/core';
import { createSession } from '../src/session.js';
import { describeWithShared, sharedPath } from '../../../test-support/shared.js';

const POSE = 'models/ultralight-nano-simplepose_256x192.onnx';

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (isPosekitError(e)) return e.code;
    throw e;
  }
  throw new Error('expected a PosekitError, but the call succeeded');
}

describeWithShared('createSession with a real model', [POSE], () => {
  it('device cpu: runs on the CPU provider with one successful attempt', async () => {
    const s = await createSession(sharedPath(POSE), { device: 'cpu' });
    expect(s.provider).toBe('cpu');
    expect(s.attempts).toEqual([{ provider: 'cpu', ok: true }]);
    expect(s.session.inputNames).toEqual(['data']);
    await s.session.release();
  });

  it('device auto: tries CUDA first and says why it was refused before using the CPU', async () => {
    const s = await createSession(pathToFileURL(sharedPath(POSE)), { device: 'auto', intraOpNumThreads: 1 });
    expect(s.attempts.map((a) => a.provider)).toEqual(s.provider === 'cuda' ? ['cuda'] : ['cuda', 'cpu']);
    if (s.provider === 'cpu') {
      expect(s.attempts[0]!.ok).toBe(false);
      expect(s.attempts[0]!.reason).toMatch(/CUDA|cuda/);
      expect(s.attempts[1]).toEqual({ provider: 'cpu', ok: true });
    }
    await s.session.release();
  });

  it('device cuda without the CUDA binaries: E_PROVIDER naming the reason', async () => {
    try {
      const s = await createSession(sharedPath(POSE), { device: 'cuda' });
      // A machine with working CUDA binaries: then it must really be CUDA.
      expect(s.provider).toBe('cuda');
      await s.session.release();
    } catch (e) {
      expect(isPosekitError(e, 'E_PROVIDER')).toBe(true);
      expect((e as Error).message).toMatch(/cuda: .*(CUDA|cuda)/);
    }
  });

  it('loads from bytes', async () => {
    const { readFileSync } = await import('node:fs');
    const s = await createSession(new Uint8Array(readFileSync(sharedPath(POSE))), { device: 'cpu' });
    expect(s.session.outputNames).toEqual(['hybridsequential0_conv7_fwd']);
    await s.session.release();
  });
});

describe('createSession with bad input', () => {
  const dir = mkdtempSync(join(tmpdir(), 'posekit-session-'));

  it('missing file -> E_FILE_NOT_FOUND', async () => {
    expect(await codeOf(createSession(join(dir, 'nope.onnx'), { device: 'cpu' }))).toBe('E_FILE_NOT_FOUND');
  });

  it('corrupt file -> E_MODEL_LOAD (on auto too, not E_PROVIDER)', async () => {
    const p = join(dir, 'corrupt.onnx');
    writeFileSync(p, Buffer.from('this is not an onnx protobuf at all, just text'));
    expect(await codeOf(createSession(p, { device: 'cpu' }))).toBe('E_MODEL_LOAD');
    expect(await codeOf(createSession(p, { device: 'auto' }))).toBe('E_MODEL_LOAD');
  });

  it('corrupt bytes and empty input -> E_MODEL_LOAD', async () => {
    expect(await codeOf(createSession(new Uint8Array([8, 1, 2, 3, 255, 255]), { device: 'cpu' }))).toBe('E_MODEL_LOAD');
    expect(await codeOf(createSession(new Uint8Array(0), { device: 'cpu' }))).toBe('E_MODEL_LOAD');
    const empty = join(dir, 'empty.onnx');
    writeFileSync(empty, Buffer.alloc(0));
    expect(await codeOf(createSession(empty))).toBe('E_MODEL_LOAD');
  });

  it('a folder -> E_MODEL_LOAD', async () => {
    expect(await codeOf(createSession(dir, { device: 'cpu' }))).toBe('E_MODEL_LOAD');
  });

  it('bad device, bad model kind, http URL -> E_ARGUMENT', async () => {
    expect(await codeOf(createSession(join(dir, 'x.onnx'), { device: 'tpu' as never }))).toBe('E_ARGUMENT');
    expect(await codeOf(createSession(42 as never))).toBe('E_ARGUMENT');
    expect(await codeOf(createSession(new URL('https://example.com/model.onnx')))).toBe('E_ARGUMENT');
  });
});
