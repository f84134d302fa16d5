/**
 * `downloadModel`: fetch a registry model into the cache, resumably and verifiably.
 *
 * - The bytes go to `<name>/<file>.part`; a later call (or a retry after a dropped connection) asks the server
 *   for the rest with an HTTP `Range: bytes=<size>-` request and appends when it answers `206` with the matching
 *   `Content-Range` (a `200` means the server ignored the range: start over).
 * - The sha256 of the whole file (and of the extracted zip member) is checked **before** the file is renamed
 *   into place, and the rename is atomic, so the cache never holds a half-written or unverified model under its
 *   final name. A digest mismatch deletes the `.part` file (resuming corrupt bytes would never succeed).
 * - One download per model and cache at a time: a lock file created with `O_EXCL` (`wx`). Other callers wait
 *   for the holder and then use its result; a lock whose process is gone, or older than `staleLockMs`, is taken
 *   over. Extraction writes to a unique temporary name.
 *
 * @module
 */
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { PosekitError } from '@posekit/core';
import type { ModelEntry } from './entries.js';
import { cachedModelPath, defaultCacheDir } from './resolve.js';
import { extractZipMember } from './zip.js';

/** The slice of a WHATWG `Response` downloads read. */
export interface FetchResponseLike {
  /** HTTP status (200, 206, 416, ...). */
  status: number;
  /** Response headers (`content-length`, `content-range` are read). */
  headers: {
    /** A header value, or null when absent. */
    get(name: string): string | null;
  };
  /** The body as chunks. */
  body: AsyncIterable<Uint8Array> | ReadableStream<Uint8Array> | null;
}

/** The slice of WHATWG `fetch` downloads use (Node's global `fetch` satisfies it; tests inject their own). */
export type FetchLike = (url: string, init: { headers: Record<string, string>; signal?: AbortSignal }) => Promise<FetchResponseLike>;

/** Progress of a download: bytes of the download file received so far (including a resumed part) and the total when known. */
export type DownloadProgress = (received: number, total: number | undefined) => void;

/** Options of {@link downloadModel}. */
export interface DownloadOptions {
  /** Cache folder (default `$POSEKIT_CACHE`, else `~/.cache/posekit`). */
  cacheDir?: string;
  /** The fetch implementation (default: the global `fetch`). */
  fetch?: FetchLike;
  /** Progress callback, called after each received chunk. */
  onProgress?: DownloadProgress;
  /** Refuse entries without a known sha256 (default false: download them and report the digest, unverified). */
  requireChecksum?: boolean;
  /** Connection attempts after the first one fails midway, each resuming with `Range` (default 3). */
  retries?: number;
  /** How long to wait for another process's download of the same model, ms (default 10 min). */
  lockTimeoutMs?: number;
  /** A lock file older than this is taken over, ms (default 10 min). */
  staleLockMs?: number;
  /** Abort the download (the `.part` file is kept for resuming). */
  signal?: AbortSignal;
}

/** What {@link downloadModel} did. */
export interface DownloadResult {
  /** The model file in the cache. */
  path: string;
  /** sha256 (hex) of the model file. */
  sha256: string;
  /** Whether a registry digest confirmed it (false when the entry has none). */
  verified: boolean;
  /** Whether it was already in the cache (nothing was fetched). */
  cached: boolean;
  /** Whether the download continued a partial file. */
  resumed: boolean;
  /** Bytes fetched over the network by this call. */
  bytesFetched: number;
}

const MB = 2 ** 20;

function sha256File(path: string): Promise<string> {
  return new Promise((resolveP, reject) => {
    const h = createHash('sha256');
    createReadStream(path)
      .on('data', (c) => h.update(c))
      .on('end', () => resolveP(h.digest('hex')))
      .on('error', reject);
  });
}

function sha256Bytes(b: Uint8Array): string {
  return createHash('sha256').update(b).digest('hex');
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as { code?: string }).code === 'EPERM';
  }
}

/** Take the lock file, waiting for (or taking over from) another holder. Returns the release function. */
async function acquireLock(lockPath: string, finalPath: string, timeoutMs: number, staleMs: number): Promise<{ release: () => void; waited: boolean }> {
  const t0 = Date.now();
  let waited = false;
  for (;;) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, `${process.pid}\n${new Date().toISOString()}\n`);
      closeSync(fd);
      return { release: () => rmSync(lockPath, { force: true }), waited };
    } catch (e) {
      if ((e as { code?: string }).code !== 'EEXIST') throw e;
    }
    // Someone holds it: stale (dead process, or too old) -> take over; else wait for them.
    let stale = false;
    try {
      const pid = Number(readFileSync(lockPath, 'utf8').split('\n')[0]);
      const age = Date.now() - statSync(lockPath).mtimeMs;
      stale = age > staleMs || (Number.isInteger(pid) && pid > 0 && pid !== process.pid && !pidAlive(pid));
    } catch {
      continue; // vanished between open and read: try again
    }
    if (stale) {
      rmSync(lockPath, { force: true });
      continue;
    }
    if (Date.now() - t0 > timeoutMs) {
      throw new PosekitError('E_DOWNLOAD', `another download of ${basename(finalPath)} holds ${lockPath} for more than ${Math.round(timeoutMs / 1000)} s; remove the lock file if no download is running`, {
        file: lockPath,
      });
    }
    waited = true;
    await sleep(100);
  }
}

async function* chunks(body: AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  if (Symbol.asyncIterator in body) {
    yield* body as AsyncIterable<Uint8Array>;
    return;
  }
  const reader = (body as ReadableStream<Uint8Array>).getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      if (value) yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

/** Parse `Content-Range: bytes a-b/total`. */
function contentRange(v: string | null): { start: number; total: number | undefined } | undefined {
  const m = v ? /^bytes\s+(\d+)-(\d+)\/(\d+|\*)$/i.exec(v.trim()) : null;
  if (!m) return undefined;
  return { start: Number(m[1]), total: m[3] === '*' ? undefined : Number(m[3]) };
}

/**
 * Fetch `url` into `partPath`, resuming from its current size; returns the total size. Throws on HTTP errors;
 * a connection dropped midway leaves the `.part` file for the next attempt.
 */
async function fetchInto(url: string, partPath: string, f: FetchLike, opts: DownloadOptions, stats: { fetched: number; resumed: boolean }): Promise<number> {
  const have = existsSync(partPath) ? statSync(partPath).size : 0;
  const headers: Record<string, string> = { 'user-agent': 'posekit' };
  if (have > 0) headers['range'] = `bytes=${have}-`;
  const res = await f(url, { headers, ...(opts.signal ? { signal: opts.signal } : {}) });
  let offset: number;
  let total: number | undefined;
  if (res.status === 206 && have > 0) {
    const cr = contentRange(res.headers.get('content-range'));
    if (!cr || cr.start !== have) {
      throw new PosekitError('E_DOWNLOAD', `${url}: asked for bytes ${have}- and the server answered ${res.headers.get('content-range') ?? 'without a Content-Range'}`, { received: res.headers.get('content-range') });
    }
    offset = have;
    total = cr.total;
    stats.resumed = true;
  } else if (res.status === 416 && have > 0) {
    // Nothing left to send: the part file is already complete (or longer than the file; the digest decides).
    return have;
  } else if (res.status === 200) {
    offset = 0;
    const len = res.headers.get('content-length');
    total = len !== null && /^\d+$/.test(len) ? Number(len) : undefined;
  } else {
    throw new PosekitError('E_DOWNLOAD', `${url}: HTTP ${res.status}`, { expected: have > 0 ? [200, 206] : 200, received: res.status });
  }
  if (!res.body) throw new PosekitError('E_DOWNLOAD', `${url}: the response has no body`, { received: res.status });
  // 'a' appends to the resumed part; 'w' truncates when the server sent the whole file.
  const fd = openSync(partPath, offset > 0 ? 'a' : 'w');
  let received = offset;
  try {
    for await (const c of chunks(res.body)) {
      writeSync(fd, c);
      received += c.byteLength;
      stats.fetched += c.byteLength;
      opts.onProgress?.(received, total);
    }
  } finally {
    closeSync(fd);
  }
  if (total !== undefined && received < total) {
    throw new PosekitError('E_DOWNLOAD', `${url}: the connection ended after ${received} of ${total} bytes`, { expected: total, received });
  }
  return received;
}

/**
 * Download a registry model into the cache (see the module comment for resuming, verification and locking).
 *
 * @param entry - the registry entry (`modelRegistry[name]`)
 * @param options - cache folder, fetch, progress, retries
 * @returns where the model is and how it got there
 * @throws PosekitError `E_DOWNLOAD` (HTTP error, connection dropped more often than `retries`, sha256 or size
 *   mismatch: the message gives expected and received digests, archive problems, lock timeout,
 *   `requireChecksum` with an entry without digest), `E_IO` (cache folder not writable)
 */
export async function downloadModel(entry: ModelEntry, options: DownloadOptions = {}): Promise<DownloadResult> {
  const fn = 'downloadModel';
  if (typeof entry !== 'object' || entry === null || typeof entry.url !== 'string' || typeof entry.name !== 'string') {
    throw new PosekitError('E_ARGUMENT', `${fn}: expected a registry entry { name, url, ... }; received ${entry === null ? 'null' : typeof entry}`, { expected: 'ModelEntry', received: typeof entry });
  }
  const cacheDir = options.cacheDir ?? defaultCacheDir();
  const finalPath = cachedModelPath(entry, cacheDir);
  const modelSha = entry.archive ? entry.archive.sha256 : entry.sha256;
  const known = entry.sha256 !== undefined || modelSha !== undefined;
  if (options.requireChecksum && !known) {
    throw new PosekitError('E_DOWNLOAD', `${fn}: ${entry.name} has no known sha256 and requireChecksum is set`, { file: entry.url });
  }
  const f: FetchLike | undefined = options.fetch ?? (globalThis.fetch as unknown as FetchLike | undefined);
  if (typeof f !== 'function') throw new PosekitError('E_DOWNLOAD', `${fn}: no fetch implementation (Node >= 18 has a global fetch; pass options.fetch)`);
  if (existsSync(finalPath)) {
    return { path: finalPath, sha256: await sha256File(finalPath), verified: modelSha !== undefined, cached: true, resumed: false, bytesFetched: 0 };
  }
  const dir = dirname(finalPath);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new PosekitError('E_IO', `${fn}: cannot create the cache folder ${dir}: ${e instanceof Error ? e.message : String(e)}`, { file: dir });
  }
  const lock = await acquireLock(`${finalPath}.lock`, finalPath, options.lockTimeoutMs ?? 10 * 60_000, options.staleLockMs ?? 10 * 60_000);
  try {
    // Another process may have finished it while we waited for the lock.
    if (existsSync(finalPath)) {
      return { path: finalPath, sha256: await sha256File(finalPath), verified: modelSha !== undefined, cached: true, resumed: false, bytesFetched: 0 };
    }
    const downloadName = basename(new URL(entry.url).pathname) || `${entry.name}.download`;
    const partPath = join(dir, `${downloadName}.part`);
    const stats = { fetched: 0, resumed: false };
    const retries = options.retries ?? 3;
    let size = 0;
    for (let attempt = 0; ; attempt++) {
      try {
        size = await fetchInto(entry.url, partPath, f, options, stats);
        break;
      } catch (e) {
        const httpError = e instanceof PosekitError && /HTTP \d+|Content-Range/.test(e.message);
        if (options.signal?.aborted || httpError || attempt >= retries) {
          const have = existsSync(partPath) ? statSync(partPath).size : 0;
          if (e instanceof PosekitError) throw e;
          throw new PosekitError('E_DOWNLOAD', `${fn}: downloading ${entry.url} failed after ${attempt + 1} attempt(s) (${have} bytes kept in ${partPath}; run again to resume): ${e instanceof Error ? e.message : String(e)}`, {
            file: partPath,
            received: have,
          }, { cause: e });
        }
      }
    }
    const reject = (what: string, expected: unknown, received: unknown): never => {
      // Corrupt bytes can not be completed by resuming: drop them so the next call starts clean.
      rmSync(partPath, { force: true });
      throw new PosekitError('E_DOWNLOAD', `${fn}: ${entry.name}: ${what}; expected ${String(expected)}, received ${String(received)} (the partial file was deleted; run again to re-download)`, {
        file: entry.url,
        expected,
        received,
      });
    };
    if (entry.size !== undefined && size !== entry.size) reject('size mismatch', entry.size, size);
    const fileSha = await sha256File(partPath);
    if (entry.sha256 !== undefined && fileSha !== entry.sha256) reject('sha256 mismatch', entry.sha256, fileSha);
    let sha = fileSha;
    if (entry.archive) {
      const bytes = extractZipMember(readFileSync(partPath), entry.archive.member, entry.url);
      sha = sha256Bytes(bytes);
      if (entry.archive.size !== undefined && bytes.length !== entry.archive.size) reject(`${entry.archive.member} size mismatch`, entry.archive.size, bytes.length);
      if (entry.archive.sha256 !== undefined && sha !== entry.archive.sha256) reject(`${entry.archive.member} sha256 mismatch`, entry.archive.sha256, sha);
      const tmp = `${finalPath}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
      writeFileSync(tmp, bytes);
      renameSync(tmp, finalPath);
      rmSync(partPath, { force: true });
    } else {
      renameSync(partPath, finalPath);
    }
    return { path: finalPath, sha256: sha, verified: modelSha !== undefined || (!entry.archive && entry.sha256 !== undefined), cached: false, resumed: stats.resumed, bytesFetched: stats.fetched };
  } finally {
    lock.release();
  }
}

/** Bytes as a short human string (`12.0 MB`). @internal */
export function formatBytes(n: number): string {
  return n >= MB ? `${(n / MB).toFixed(1)} MB` : n >= 1024 ? `${(n / 1024).toFixed(0)} kB` : `${n} B`;
}
