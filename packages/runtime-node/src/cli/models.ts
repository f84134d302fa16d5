/**
 * `posekit models [list] [--json]`, `posekit models download <name...>`, `posekit models path <name>`: the model
 * registry and the local cache.
 *
 * @module
 */
import { existsSync } from 'node:fs';
import { PosekitError } from '@posekit/core';
import { formatBytes } from '../registry/download.js';
import { cachedModelPath, defaultCacheDir, downloadModel, listModels, modelRegistry, resolveModel } from '../registry/index.js';
import { parseCommandArgs, UsageError } from './args.js';
import type { CliIo } from './main.js';

/** Usage text of `posekit models`. */
export const MODELS_USAGE = `usage: posekit models [list] [--json]
       posekit models download <name...>
       posekit models path <name>

The model registry: known download locations (OpenMMLab RTMPose / RTMDet / YOLOX ONNX SDK zips, ...) with
sha256 where published. Downloads go to the cache, resume after an interruption (HTTP Range) and are verified
before they are renamed into place.

options:
  --cache-dir <dir>   cache folder (default $POSEKIT_CACHE, else ~/.cache/posekit)
  --json              list as JSON
  --progress          download progress on stderr even when it is not a terminal
  -h, --help          this text`;

function entryOf(name: string) {
  const e = Object.prototype.hasOwnProperty.call(modelRegistry, name) ? modelRegistry[name] : undefined;
  if (!e) throw new PosekitError('E_ARGUMENT', `unknown model ${JSON.stringify(name)}; known models: ${listModels().join(', ')}`, { expected: listModels(), received: name });
  return e;
}

/**
 * Run `posekit models`.
 *
 * @param argv - arguments after `models`
 * @param io - output streams
 * @returns the exit code (0 ok, 1 failure, 2 usage)
 */
export async function modelsCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseCommandArgs(argv, { 'cache-dir': { type: 'string' }, json: { type: 'boolean' }, progress: { type: 'boolean' } }, [0, Number.MAX_SAFE_INTEGER]);
  if (args.values['help']) {
    io.stdout(`${MODELS_USAGE}\n`);
    return 0;
  }
  const cacheDir = typeof args.values['cache-dir'] === 'string' ? args.values['cache-dir'] : defaultCacheDir();
  const [sub = 'list', ...names] = args.positionals;
  if (sub === 'list') {
    if (names.length > 0) throw new UsageError('models list takes no names');
    const rows = listModels().map((n) => {
      const e = modelRegistry[n]!;
      const path = cachedModelPath(e, cacheDir);
      return { name: n, cached: existsSync(path), path, url: e.url, sha256: e.sha256 ?? null, description: e.description, license: e.license };
    });
    if (args.values['json'] === true) {
      io.stdout(`${JSON.stringify({ cacheDir, models: rows })}\n`);
    } else {
      const w = Math.max(...rows.map((r) => r.name.length));
      io.stdout(`cache: ${cacheDir}\n`);
      for (const r of rows) io.stdout(`${r.cached ? '*' : ' '} ${r.name.padEnd(w)}  ${r.description}${r.sha256 ? '' : ' [no published sha256]'}\n`);
      io.stdout('(* = in the cache)\n');
    }
    return 0;
  }
  if (sub === 'path') {
    if (names.length !== 1) throw new UsageError('models path takes one name');
    const r = resolveModel(entryOf(names[0]!).name, { cacheDir });
    if (r.kind !== 'registry' || !r.cached) throw new PosekitError('E_FILE_NOT_FOUND', `${names[0]} is not in the cache (${r.path}); run: posekit models download ${names[0]}`, { file: r.path });
    io.stdout(`${r.path}\n`);
    return 0;
  }
  if (sub === 'download') {
    if (names.length === 0) throw new UsageError('models download needs at least one name');
    const entries = names.map(entryOf);
    const show = args.values['progress'] === true || io.stderrIsTTY === true;
    for (const e of entries) {
      const d = await downloadModel(e, {
        cacheDir,
        onProgress: show ? (got, total) => io.stderr(`\r\x1b[2Kposekit models: ${e.name} ${formatBytes(got)}${total ? ` / ${formatBytes(total)}` : ''}`) : undefined,
      });
      if (show) io.stderr('\r\x1b[2K');
      io.stdout(`${e.name}: ${d.path} (${d.cached ? 'already cached' : `${formatBytes(d.bytesFetched)} fetched${d.resumed ? ', resumed' : ''}`}; sha256 ${d.sha256}${d.verified ? ', verified' : ', no published digest'})\n`);
    }
    return 0;
  }
  throw new UsageError(`unknown models sub-command ${JSON.stringify(sub)}; use list, download or path`);
}
