/**
 * Model bytes from what a page has at hand: a URL, an `ArrayBuffer`, a typed array or a `Blob` (a `File` from
 * an `<input type="file">` is a `Blob`).
 *
 * @module
 */
import { PosekitError, describeValue } from '@posekit/core';

/**
 * Where a model comes from in the browser.
 *
 * - `string` / `URL`: fetched with `fetch` (relative strings resolve against the page, or against the worker
 *   script inside a worker: {@link createWorkerEstimator} resolves them against the page before posting).
 * - `ArrayBuffer` / `Uint8Array` (any `ArrayBufferView`): the ONNX bytes themselves, used without a copy.
 * - `Blob` (including `File`): read with `blob.arrayBuffer()`.
 */
export type ModelSource = string | URL | ArrayBuffer | ArrayBufferView | Blob;

/** `fetch` as this module uses it (injectable so that Node tests and custom loaders can supply their own). */
export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

function isBlob(v: unknown): v is Blob {
  return typeof Blob !== 'undefined' && v instanceof Blob;
}

function nonEmpty(fn: string, bytes: Uint8Array, what: string): Uint8Array {
  if (bytes.byteLength === 0) {
    throw new PosekitError('E_MODEL_LOAD', `${fn}: the model ${what} is empty (0 bytes); expected the bytes of an ONNX file`, {
      expected: 'ONNX bytes',
      received: '0 bytes',
    });
  }
  return bytes;
}

/**
 * Human-readable name of a model source, for messages and reports (the URL, `Blob(name, size)` or
 * `bytes(size)`). @internal
 */
export function describeModelSource(model: unknown): string {
  if (typeof model === 'string') return model;
  if (typeof URL !== 'undefined' && model instanceof URL) return model.href;
  if (isBlob(model)) {
    const name = (model as Blob & { name?: unknown }).name;
    return `Blob(${typeof name === 'string' ? name + ', ' : ''}${model.size} bytes)`;
  }
  if (model instanceof ArrayBuffer || ArrayBuffer.isView(model)) return `bytes(${(model as ArrayBuffer).byteLength})`;
  return describeValue(model);
}

/**
 * Read a model's bytes.
 *
 * @param model - URL, bytes or Blob (see {@link ModelSource})
 * @param fetchImpl - `fetch` to use for URLs (default: the global `fetch`)
 * @returns the ONNX bytes (a view over the caller's buffer when bytes were given: no copy)
 * @throws PosekitError `E_DOWNLOAD` when a URL cannot be fetched (network error, HTTP status not 2xx),
 *   `E_MODEL_LOAD` for empty bytes or an unreadable Blob, `E_ARGUMENT` for any other kind of value
 */
export async function loadModelBytes(model: ModelSource, fetchImpl?: FetchLike): Promise<Uint8Array> {
  const fn = 'loadModelBytes';
  if (model instanceof Uint8Array) return nonEmpty(fn, model, 'bytes');
  if (model instanceof ArrayBuffer) return nonEmpty(fn, new Uint8Array(model), 'ArrayBuffer');
  if (ArrayBuffer.isView(model)) return nonEmpty(fn, new Uint8Array(model.buffer, model.byteOffset, model.byteLength), 'bytes');
  if (isBlob(model)) {
    let buf: ArrayBuffer;
    try {
      buf = await model.arrayBuffer();
    } catch (e) {
      throw new PosekitError('E_MODEL_LOAD', `${fn}: could not read the model ${describeModelSource(model)}: ${String(e)}`, { received: describeModelSource(model) }, { cause: e });
    }
    return nonEmpty(fn, new Uint8Array(buf), describeModelSource(model));
  }
  const url = typeof model === 'string' ? model : typeof URL !== 'undefined' && model instanceof URL ? model.href : undefined;
  if (url === undefined) {
    throw new PosekitError('E_ARGUMENT', `${fn}: model must be a URL string, URL, ArrayBuffer, Uint8Array or Blob; received ${describeValue(model)}`, {
      expected: 'string | URL | ArrayBuffer | ArrayBufferView | Blob',
      received: describeValue(model),
    });
  }
  if (url.length === 0) {
    throw new PosekitError('E_ARGUMENT', `${fn}: model URL is an empty string; expected a URL or path of an ONNX file`, { expected: 'URL', received: '""' });
  }
  const f = fetchImpl ?? (typeof fetch === 'function' ? (fetch as FetchLike) : undefined);
  if (f === undefined) {
    throw new PosekitError('E_ARGUMENT', `${fn}: no fetch() in this environment to download ${url}; pass the model bytes instead`, { expected: 'fetch', received: 'undefined', url });
  }
  let res: Response;
  try {
    res = await f(url);
  } catch (e) {
    throw new PosekitError('E_DOWNLOAD', `${fn}: could not fetch the model ${url}: ${String(e)}`, { url, received: String(e) }, { cause: e });
  }
  if (!res.ok) {
    throw new PosekitError('E_DOWNLOAD', `${fn}: fetching the model ${url} failed: expected HTTP 2xx, received ${res.status} ${res.statusText}`.trimEnd(), {
      url,
      expected: '2xx',
      received: res.status,
    });
  }
  let buf: ArrayBuffer;
  try {
    buf = await res.arrayBuffer();
  } catch (e) {
    throw new PosekitError('E_DOWNLOAD', `${fn}: the download of ${url} broke off: ${String(e)}`, { url, received: String(e) }, { cause: e });
  }
  return nonEmpty(fn, new Uint8Array(buf), url);
}
