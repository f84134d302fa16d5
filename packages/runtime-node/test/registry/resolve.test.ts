/** resolveModel / defaultCacheDir / the registry entries. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { validateModelSpec } from '@posekit/core';
import { cachedModelPath, defaultCacheDir, entrySpec, familyOfSpec, listModels, modelRegistry, resolveModel } from '../../src/registry/index.js';

const dir = mkdtempSync(join(tmpdir(), 'posekit-resolve-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('resolveModel', () => {
  it('an existing file is used as it is', () => {
    const f = join(dir, 'm.onnx');
    writeFileSync(f, 'x');
    expect(resolveModel(f)).toEqual({ kind: 'file', path: f });
  });

  it('a registry name resolves to its cache path, cached once the file is there', () => {
    const cacheDir = join(dir, 'cache');
    const r = resolveModel('rtmpose-t', { cacheDir });
    expect(r).toMatchObject({ kind: 'registry', cached: false, path: join(cacheDir, 'rtmpose-t', 'rtmpose-t.onnx') });
    expect(r.kind === 'registry' && r.entry).toBe(modelRegistry['rtmpose-t']);
    mkdirSync(join(cacheDir, 'rtmpose-t'), { recursive: true });
    writeFileSync(join(cacheDir, 'rtmpose-t', 'rtmpose-t.onnx'), 'x');
    expect(resolveModel('rtmpose-t', { cacheDir })).toMatchObject({ kind: 'registry', cached: true });
    // Plain files keep the URL's file name.
    expect(cachedModelPath(modelRegistry['yolox-nano']!, cacheDir)).toBe(join(cacheDir, 'yolox-nano', 'yolox_nano.onnx'));
  });

  it('errors: a missing path (E_FILE_NOT_FOUND), an unknown name listing the known ones (E_ARGUMENT), a folder (E_MODEL_LOAD)', () => {
    expect(() => resolveModel('models/nope.onnx')).toThrow(expect.objectContaining({ code: 'E_FILE_NOT_FOUND' }));
    expect(() => resolveModel('nope.onnx')).toThrow(expect.objectContaining({ code: 'E_FILE_NOT_FOUND' }));
    expect(() => resolveModel('rtmpose-q')).toThrow(expect.objectContaining({ code: 'E_ARGUMENT', message: expect.stringContaining('known models: rtmpose-t, ') }));
    expect(() => resolveModel('toString')).toThrow(expect.objectContaining({ code: 'E_ARGUMENT' }));
    expect(() => resolveModel(dir)).toThrow(expect.objectContaining({ code: 'E_MODEL_LOAD' }));
    expect(() => resolveModel('')).toThrow(expect.objectContaining({ code: 'E_ARGUMENT' }));
  });
});

describe('defaultCacheDir', () => {
  const saved = { c: process.env['POSEKIT_CACHE'], x: process.env['XDG_CACHE_HOME'] };
  afterEach(() => {
    for (const [k, v] of [['POSEKIT_CACHE', saved.c], ['XDG_CACHE_HOME', saved.x]] as const) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });
  it('$POSEKIT_CACHE, else $XDG_CACHE_HOME/posekit, else ~/.cache/posekit', () => {
    process.env['POSEKIT_CACHE'] = 'rel/cache';
    expect(defaultCacheDir()).toBe(resolve('rel/cache'));
    delete process.env['POSEKIT_CACHE'];
    process.env['XDG_CACHE_HOME'] = '/var/xdg';
    expect(defaultCacheDir()).toBe('/var/xdg/posekit');
    delete process.env['XDG_CACHE_HOME'];
    expect(defaultCacheDir()).toBe(join(homedir(), '.cache', 'posekit'));
  });
});

describe('the registry entries', () => {
  it('every entry: https URL, well-formed digests, a spec that passes the spec checks and names its family', () => {
    expect(listModels().length).toBeGreaterThanOrEqual(8);
    for (const name of listModels()) {
      const e = modelRegistry[name]!;
      expect(e.name).toBe(name);
      expect(e.url).toMatch(/^https:\/\//);
      for (const d of [e.sha256, e.archive?.sha256]) if (d !== undefined) expect(d).toMatch(/^[0-9a-f]{64}$/);
      const spec = entrySpec(e);
      const family = familyOfSpec(spec);
      expect(['top-down', 'detector']).toContain(family);
      // The spec's own fields are checked by validateModelSpec before it looks at the session.
      const session = { run: async () => ({}), inputNames: [spec.input.name], outputNames: spec.output.kind === 'simcc' ? [spec.output.xName, spec.output.yName] : spec.output.kind === 'detector-end2end' ? [spec.output.detsName, spec.output.labelsName] : ['output'] };
      if (spec.output.kind === 'detector-yolox') session.outputNames = [spec.output.name];
      expect(() => validateModelSpec('test', session, spec)).not.toThrow();
    }
    // The published RTMPose-t digests (archive and end2end.onnx).
    expect(modelRegistry['rtmpose-t']!.sha256).toBe('937003a70832d9cc34ea16927f504792f3133e92dda1b9c626236bbbe9e805cb');
    expect(modelRegistry['rtmpose-t']!.archive?.sha256).toBe('a6c2f6a3896a4d51131d14d7a80a3d08b50f559af5a58a45d5b098aef510a70f');
  });
});
