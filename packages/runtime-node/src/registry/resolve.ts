/**
 * `resolveModel(nameOrPath)`: a local file, or a registry entry and where it lives (or will live) in the cache.
 *
 * @module
 */
import { existsSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { PosekitError } from '@posekit/core';
import type { ModelEntry } from './entries.js';
import { listModels, modelRegistry } from './entries.js';

/**
 * The model cache folder: `$POSEKIT_CACHE` when set, else `$XDG_CACHE_HOME/posekit`, else `~/.cache/posekit`.
 */
export function defaultCacheDir(): string {
  const env = process.env['POSEKIT_CACHE'];
  if (env) return resolve(env);
  const xdg = process.env['XDG_CACHE_HOME'];
  return join(xdg ? resolve(xdg) : join(homedir(), '.cache'), 'posekit');
}

/** Where an entry's model file lives in a cache: `<cacheDir>/<name>/<file name of the URL or member>`. */
export function cachedModelPath(entry: ModelEntry, cacheDir: string = defaultCacheDir()): string {
  const file = entry.archive ? `${entry.name}.onnx` : basename(new URL(entry.url).pathname) || `${entry.name}.onnx`;
  return join(cacheDir, entry.name, file);
}

/** What {@link resolveModel} found. */
export type ResolvedModel =
  | {
      /** A model file on disk given by path. */
      kind: 'file';
      /** Its path. */
      path: string;
    }
  | {
      /** A registry entry. */
      kind: 'registry';
      /** The entry. */
      entry: ModelEntry;
      /** Where the model file is (or will be once downloaded). */
      path: string;
      /** Whether it is already in the cache. */
      cached: boolean;
    };

/** Options of {@link resolveModel}. */
export interface ResolveModelOptions {
  /** Cache folder (default {@link defaultCacheDir}). */
  cacheDir?: string;
}

/**
 * Resolve a model argument: an existing file wins; else a registry name (see `listModels()`); else an error.
 *
 * @param nameOrPath - a path to an `.onnx` file or a registry name such as `'rtmpose-t'`
 * @param options - cache folder
 * @throws PosekitError `E_FILE_NOT_FOUND` for a path-like argument (has a `/`, `\` or `.onnx`) that does not exist,
 *   `E_MODEL_LOAD` for a folder, `E_ARGUMENT` for an unknown name (the message lists the known ones)
 */
export function resolveModel(nameOrPath: string, options: ResolveModelOptions = {}): ResolvedModel {
  const fn = 'resolveModel';
  if (typeof nameOrPath !== 'string' || nameOrPath.length === 0) {
    throw new PosekitError('E_ARGUMENT', `${fn}: expected a model path or registry name; received ${JSON.stringify(nameOrPath)}`, { expected: 'string', received: nameOrPath });
  }
  if (existsSync(nameOrPath)) {
    if (statSync(nameOrPath).isDirectory()) throw new PosekitError('E_MODEL_LOAD', `${fn}: ${nameOrPath} is a folder, not a model file`, { file: nameOrPath });
    return { kind: 'file', path: nameOrPath };
  }
  const entry = Object.prototype.hasOwnProperty.call(modelRegistry, nameOrPath) ? modelRegistry[nameOrPath] : undefined;
  if (entry) {
    const path = cachedModelPath(entry, options.cacheDir ?? defaultCacheDir());
    return { kind: 'registry', entry, path, cached: existsSync(path) };
  }
  if (/[/\\]/.test(nameOrPath) || nameOrPath.toLowerCase().endsWith('.onnx')) {
    throw new PosekitError('E_FILE_NOT_FOUND', `${fn}: model file not found: ${nameOrPath}`, { file: nameOrPath });
  }
  throw new PosekitError('E_ARGUMENT', `${fn}: ${JSON.stringify(nameOrPath)} is neither a file nor a registry model; known models: ${listModels().join(', ')}`, {
    expected: listModels(),
    received: nameOrPath,
  });
}
