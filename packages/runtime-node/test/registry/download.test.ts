/**
 * downloadModel against a local HTTP server: cache layout, sha256 verification before the atomic rename,
 * resuming a dropped download with HTTP Range, corrupt bytes, servers that ignore ranges, HTTP errors, zip
 * archives, concurrent callers and stale locks.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isPosekitError } from '@posekit/core';
import type { ModelEntry } from '../../src/registry/index.js';
import { cachedModelPath, downloadModel } from '../../src/registry/index.js';
import { startServer } from '../support/http-server.js';
import type { TestServer } from '../support/http-server.js';
import { buildZip } from '../support/zip-writer.js';

const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');
const root = mkdtempSync(join(tmpdir(), 'posekit-dl-'));
let server: TestServer;
let n = 0;
/** A fresh cache folder per test. */
let cacheDir: string;

/** 300 kB of random "model" bytes, big enough to arrive in several chunks. */
const model = randomBytes(300_000);

function entry(over: Partial<ModelEntry> & { path: string }): ModelEntry {
  const { path, ...rest } = over;
  return { name: `m${n}`, description: 'test model', url: `${server.origin}${path}`, spec: 'rtmpose-t', license: 'test', source: 'test', ...rest };
}

async function rejects(p: Promise<unknown>, code: string, needle: RegExp): Promise<Error> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(isPosekitError(e, code as 'E_DOWNLOAD')).toBe(true);
  expect((e as Error).message).toMatch(needle);
  return e as Error;
}

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
});
beforeEach(() => {
  n++;
  cacheDir = join(root, `cache${n}`);
  server.requests.length = 0;
});

describe('downloadModel', () => {
  it('downloads into <cache>/<name>/<file>, verifies sha256, reports progress, leaves no .part or .lock', async () => {
    server.files.set('/a/model.onnx', { body: model });
    const e = entry({ path: '/a/model.onnx', sha256: sha(model), size: model.length });
    const seen: [number, number | undefined][] = [];
    const r = await downloadModel(e, { cacheDir, onProgress: (got, total) => seen.push([got, total]) });
    expect(r).toMatchObject({ cached: false, resumed: false, verified: true, sha256: sha(model), bytesFetched: model.length });
    expect(r.path).toBe(join(cacheDir, e.name, 'model.onnx'));
    expect(r.path).toBe(cachedModelPath(e, cacheDir));
    expect(readFileSync(r.path).equals(model)).toBe(true);
    expect(readdirSync(dirname(r.path))).toEqual(['model.onnx']);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.at(-1)).toEqual([model.length, model.length]);
    for (let i = 1; i < seen.length; i++) expect(seen[i]![0]).toBeGreaterThan(seen[i - 1]![0]);
    // A second call is a cache hit: no request.
    const again = await downloadModel(e, { cacheDir });
    expect(again).toMatchObject({ cached: true, bytesFetched: 0, sha256: sha(model), path: r.path });
    expect(server.requests).toHaveLength(1);
  });

  it('a dropped connection keeps the .part file; the next call resumes with Range and completes', async () => {
    server.files.set('/b/model.onnx', { body: model, dropAfter: 120_000 });
    const e = entry({ path: '/b/model.onnx', sha256: sha(model) });
    const err = await rejects(downloadModel(e, { cacheDir, retries: 0 }), 'E_DOWNLOAD', /run again to resume/);
    expect(err.message).toContain('.part');
    const part = join(cacheDir, e.name, 'model.onnx.part');
    const have = statSync(part).size;
    expect(have).toBeGreaterThanOrEqual(120_000);
    expect(have).toBeLessThan(model.length);
    expect(existsSync(cachedModelPath(e, cacheDir))).toBe(false);
    expect(existsSync(`${cachedModelPath(e, cacheDir)}.lock`)).toBe(false);

    const r = await downloadModel(e, { cacheDir });
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]!.headers.range).toBe(`bytes=${have}-`);
    expect(r).toMatchObject({ resumed: true, verified: true, bytesFetched: model.length - have, sha256: sha(model) });
    expect(readFileSync(r.path).equals(model)).toBe(true);
    expect(existsSync(part)).toBe(false);
  });

  it('retries a dropped connection within one call (resuming each time)', async () => {
    server.files.set('/c/model.onnx', { body: model, dropAfter: 50_000, dropTimes: 2 });
    const e = entry({ path: '/c/model.onnx', sha256: sha(model) });
    const r = await downloadModel(e, { cacheDir });
    expect(server.requests).toHaveLength(3);
    expect(server.requests[0]!.headers.range).toBeUndefined();
    expect(server.requests[1]!.headers.range).toMatch(/^bytes=\d+-$/);
    expect(r.resumed).toBe(true);
    expect(readFileSync(r.path).equals(model)).toBe(true);
  });

  it('corrupt bytes: E_DOWNLOAD naming both digests, the .part file deleted, nothing in the cache', async () => {
    server.files.set('/d/model.onnx', { body: model, corruptFrom: 1000 });
    const e = entry({ path: '/d/model.onnx', sha256: sha(model) });
    const corrupt = Buffer.from(model);
    for (let i = 1000; i < corrupt.length; i++) corrupt[i] = corrupt[i]! ^ 0xff;
    const err = await rejects(downloadModel(e, { cacheDir }), 'E_DOWNLOAD', /sha256 mismatch/);
    expect(err.message).toContain(sha(model));
    expect(err.message).toContain(sha(corrupt));
    expect(readdirSync(join(cacheDir, e.name))).toEqual([]);
    // Once the server is fixed the next call downloads from scratch.
    server.files.set('/d/model.onnx', { body: model });
    server.requests.length = 0;
    const r = await downloadModel(e, { cacheDir });
    expect(server.requests[0]!.headers.range).toBeUndefined();
    expect(readFileSync(r.path).equals(model)).toBe(true);
  });

  it('a corrupt partial file is caught after resuming, deleted, and the retry downloads cleanly', async () => {
    server.files.set('/e/model.onnx', { body: model });
    const e = entry({ path: '/e/model.onnx', sha256: sha(model) });
    mkdirSync(join(cacheDir, e.name), { recursive: true });
    writeFileSync(join(cacheDir, e.name, 'model.onnx.part'), randomBytes(10_000));
    await rejects(downloadModel(e, { cacheDir }), 'E_DOWNLOAD', /sha256 mismatch.*partial file was deleted/);
    expect(server.requests[0]!.headers.range).toBe('bytes=10000-');
    const r = await downloadModel(e, { cacheDir });
    expect(r.resumed).toBe(false);
    expect(readFileSync(r.path).equals(model)).toBe(true);
  });

  it('a server that ignores Range (200) makes the download start over instead of appending', async () => {
    server.files.set('/f/model.onnx', { body: model, ignoreRange: true });
    const e = entry({ path: '/f/model.onnx', sha256: sha(model) });
    mkdirSync(join(cacheDir, e.name), { recursive: true });
    writeFileSync(join(cacheDir, e.name, 'model.onnx.part'), model.subarray(0, 5000));
    const r = await downloadModel(e, { cacheDir });
    expect(server.requests[0]!.headers.range).toBe('bytes=5000-');
    expect(r).toMatchObject({ resumed: false, bytesFetched: model.length });
    expect(readFileSync(r.path).equals(model)).toBe(true);
  });

  it('HTTP errors fail at once (no retries), and a size mismatch is caught', async () => {
    server.files.set('/g/model.onnx', { body: model, status: 404 });
    await rejects(downloadModel(entry({ path: '/g/model.onnx' }), { cacheDir }), 'E_DOWNLOAD', /HTTP 404/);
    expect(server.requests).toHaveLength(1);
    server.files.set('/h/model.onnx', { body: model });
    await rejects(downloadModel(entry({ path: '/h/model.onnx', size: model.length + 1 }), { cacheDir }), 'E_DOWNLOAD', /size mismatch; expected 300001, received 300000/);
  });

  it('without a known digest: downloaded and its sha256 reported as unverified; requireChecksum refuses', async () => {
    server.files.set('/i/model.onnx', { body: model });
    const e = entry({ path: '/i/model.onnx' });
    await rejects(downloadModel(e, { cacheDir, requireChecksum: true }), 'E_DOWNLOAD', /no known sha256/);
    expect(server.requests).toHaveLength(0);
    const r = await downloadModel(e, { cacheDir });
    expect(r).toMatchObject({ verified: false, sha256: sha(model) });
  });

  it('zip archives: the member is extracted, both digests checked, the archive removed', async () => {
    const zip = buildZip([
      { name: 'rtmpose-x_20230504/pipeline.json', data: Buffer.from('{"pipeline": {}}') },
      { name: 'rtmpose-x_20230504/end2end.onnx', data: model, deflate: true },
    ]);
    server.files.set('/j/rtmpose.zip', { body: zip, dropAfter: 70_000 });
    const e = entry({ path: '/j/rtmpose.zip', sha256: sha(zip), size: zip.length, archive: { format: 'zip', member: 'end2end.onnx', sha256: sha(model), size: model.length } });
    const r = await downloadModel(e, { cacheDir });
    expect(r).toMatchObject({ verified: true, sha256: sha(model), resumed: true });
    expect(basename(r.path)).toBe(`${e.name}.onnx`);
    expect(readFileSync(r.path).equals(model)).toBe(true);
    expect(readdirSync(dirname(r.path))).toEqual([`${e.name}.onnx`]);
    // A wrong member digest is refused (and nothing is left under the final name).
    server.files.set('/k/rtmpose.zip', { body: zip });
    const bad = entry({ path: '/k/rtmpose.zip', name: 'bad-member-digest', archive: { format: 'zip', member: 'end2end.onnx', sha256: '0'.repeat(64) } });
    await rejects(downloadModel(bad, { cacheDir }), 'E_DOWNLOAD', /end2end\.onnx sha256 mismatch/);
    expect(existsSync(cachedModelPath(bad, cacheDir))).toBe(false);
    // A damaged archive or a missing member: a clear message.
    server.files.set('/l/rtmpose.zip', { body: zip.subarray(0, zip.length - 30) });
    await rejects(downloadModel(entry({ path: '/l/rtmpose.zip', name: 'truncated', archive: { format: 'zip', member: 'end2end.onnx' } }), { cacheDir }), 'E_DOWNLOAD', /not a usable zip archive/);
    server.files.set('/m/rtmpose.zip', { body: zip });
    await rejects(downloadModel(entry({ path: '/m/rtmpose.zip', name: 'no-member', archive: { format: 'zip', member: 'model.onnx' } }), { cacheDir }), 'E_DOWNLOAD', /exactly one member named "model.onnx"; found 0/);
  });

  it('concurrent callers: one download, both get the verified file', async () => {
    server.files.set('/n/model.onnx', { body: model });
    const e = entry({ path: '/n/model.onnx', sha256: sha(model) });
    const [a, b] = await Promise.all([downloadModel(e, { cacheDir }), downloadModel(e, { cacheDir })]);
    expect(a.path).toBe(b.path);
    expect(server.requests).toHaveLength(1);
    expect([a.cached, b.cached].sort()).toEqual([false, true]);
    expect(readFileSync(a.path).equals(model)).toBe(true);
  });

  it('a stale lock (its process is gone) is taken over; a live one times out with E_DOWNLOAD', async () => {
    server.files.set('/o/model.onnx', { body: model });
    const e = entry({ path: '/o/model.onnx', sha256: sha(model) });
    const lock = `${cachedModelPath(e, cacheDir)}.lock`;
    mkdirSync(dirname(lock), { recursive: true });
    writeFileSync(lock, '2147483646\n2020-01-01T00:00:00Z\n');
    const r = await downloadModel(e, { cacheDir });
    expect(readFileSync(r.path).equals(model)).toBe(true);
    expect(existsSync(lock)).toBe(false);
    const e2 = entry({ path: '/o/model.onnx', name: 'held' });
    const lock2 = `${cachedModelPath(e2, cacheDir)}.lock`;
    mkdirSync(dirname(lock2), { recursive: true });
    writeFileSync(lock2, `${process.ppid}\n`);
    await rejects(downloadModel(e2, { cacheDir, lockTimeoutMs: 300 }), 'E_DOWNLOAD', /holds .*\.lock/);
  });

  it('bad arguments: E_ARGUMENT', async () => {
    await expect(downloadModel(null as unknown as ModelEntry)).rejects.toMatchObject({ code: 'E_ARGUMENT' });
  });
});
