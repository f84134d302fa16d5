/**
 * Models of `posekit run`: resolve a `--model` / `--detector` argument (file or registry name, downloading into
 * the cache when needed), open it on the chosen device, find its spec (explicit, the registry's, or inferred from
 * its outputs) and build the estimator of its family.
 *
 * @module
 */
import { existsSync, readFileSync } from 'node:fs';
import {
  createBottomUpEstimator,
  createOneStageEstimator,
  createTopDownEstimator,
  getModelPreset,
  modelPresets,
  PosekitError,
} from '@posekit/core';
import type { ModelSpec, PoseEstimator, TopDownEstimateOptions, TopDownOptions } from '@posekit/core';
import type { ModelFamily } from '../registry/index.js';
import { downloadModel, entrySpec, familyOfSpec, inferModelSpec, resolveModel } from '../registry/index.js';
import { formatBytes } from '../registry/download.js';
import type { NodeDevice, NodeSession } from '../session.js';
import { createSession } from '../session.js';
import type { CliIo } from './main.js';

/** A model opened for `posekit run`. */
export interface OpenedModel {
  /** The session and its provider story. */
  session: NodeSession;
  /** The spec it runs with. */
  spec: ModelSpec;
  /** Its family. */
  family: ModelFamily;
  /** Where the spec came from, in words. */
  specSource: string;
  /** The model file. */
  path: string;
}

/** How models are opened. */
export interface OpenOptions {
  device: NodeDevice;
  threads?: number;
  cacheDir?: string;
  offline: boolean;
  io: CliIo;
  showProgress: boolean;
}

/** A spec from a preset name or a JSON file (`--spec`, `--detector-spec`). */
export function loadSpecArg(arg: string, flag: string): ModelSpec {
  if (Object.prototype.hasOwnProperty.call(modelPresets, arg)) return getModelPreset(arg);
  if (arg.toLowerCase().endsWith('.json') || existsSync(arg)) {
    let text: string;
    try {
      text = readFileSync(arg, 'utf8');
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code === 'ENOENT') throw new PosekitError('E_FILE_NOT_FOUND', `${flag}: spec file not found: ${arg}`, { file: arg });
      throw new PosekitError('E_IO', `${flag}: cannot read ${arg}: ${e instanceof Error ? e.message : String(e)}`, { file: arg });
    }
    try {
      return JSON.parse(text) as ModelSpec;
    } catch (e) {
      throw new PosekitError('E_PARSE', `${flag}: ${arg}: malformed JSON: ${e instanceof Error ? e.message : String(e)}`, { file: arg });
    }
  }
  throw new PosekitError('E_ARGUMENT', `${flag}: ${JSON.stringify(arg)} is neither a preset nor a spec JSON file; presets: ${Object.keys(modelPresets).join(', ')}`, {
    expected: Object.keys(modelPresets),
    received: arg,
  });
}

/** Resolve, download if needed, open and spec one model. */
export async function openModel(arg: string, specArg: string | undefined, flag: string, o: OpenOptions): Promise<OpenedModel> {
  const r = resolveModel(arg, o.cacheDir !== undefined ? { cacheDir: o.cacheDir } : {});
  let path = r.path;
  if (r.kind === 'registry' && !r.cached) {
    if (o.offline) {
      throw new PosekitError('E_DOWNLOAD', `${flag} ${arg}: not in the cache (${r.path}) and --offline forbids downloading it from ${r.entry.url}`, { file: r.path });
    }
    o.io.stderr(`posekit run: downloading ${arg} from ${r.entry.url}\n`);
    let last = -1;
    const d = await downloadModel(r.entry, {
      ...(o.cacheDir !== undefined ? { cacheDir: o.cacheDir } : {}),
      onProgress: (got, total) => {
        if (!o.showProgress) return;
        const pct = total ? Math.floor((100 * got) / total) : -1;
        if (pct === last) return;
        last = pct;
        o.io.stderr(`\r\x1b[2Kposekit run: ${arg} ${formatBytes(got)}${total ? ` / ${formatBytes(total)} (${pct}%)` : ''}`);
      },
    });
    if (o.showProgress) o.io.stderr('\r\x1b[2K');
    o.io.stderr(`posekit run: ${arg} -> ${d.path} (sha256 ${d.sha256.slice(0, 12)}…${d.verified ? ', verified' : ', no published digest to verify against'})\n`);
    path = d.path;
  }
  const session = await createSession(path, { device: o.device, ...(o.threads !== undefined ? { intraOpNumThreads: o.threads } : {}) });
  try {
    let spec: ModelSpec;
    let specSource: string;
    if (specArg !== undefined) {
      spec = loadSpecArg(specArg, flag === '--model' ? '--spec' : '--detector-spec');
      specSource = specArg;
    } else if (r.kind === 'registry') {
      spec = entrySpec(r.entry);
      specSource = `registry entry ${r.entry.name}`;
    } else {
      const inf = inferModelSpec(session.session);
      spec = inf.spec;
      specSource = `inferred: ${inf.reason}`;
    }
    return { session, spec, family: familyOfSpec(spec), specSource, path };
  } catch (e) {
    await session.session.release();
    throw e;
  }
}

/** Estimator options from the command line. */
export interface RunEstimatorOptions {
  scoreThreshold?: number;
  flipTest: boolean;
  oksNms?: number;
}

/**
 * Build the estimator of the pose model's family (top-down with the optional detector, one-stage, bottom-up).
 * The estimator owns the sessions; on failure they are released here.
 *
 * @throws PosekitError `E_MODEL_SPEC` (a detector given as the pose model, a spec that does not fit the model),
 *   `E_ARGUMENT` (a detector with a model that does not use one)
 */
export function buildEstimator(pose: OpenedModel, detector: OpenedModel | undefined, o: RunEstimatorOptions): PoseEstimator<TopDownEstimateOptions> {
  if (pose.family === 'detector') {
    throw new PosekitError('E_MODEL_SPEC', `--model ${pose.path} is a person detector (${pose.specSource}); pass it with --detector and give a pose model with --model`, {
      expected: ['top-down', 'one-stage', 'bottom-up'],
      received: 'detector',
    });
  }
  if (detector && detector.family !== 'detector') {
    throw new PosekitError('E_MODEL_SPEC', `--detector ${detector.path} is not a person detector (it looks like a ${detector.family} pose model: ${detector.specSource})`, {
      expected: 'detector',
      received: detector.family,
    });
  }
  if (detector && pose.family !== 'top-down') {
    throw new PosekitError('E_ARGUMENT', `--detector is only used with top-down pose models; ${pose.path} is ${pose.family} (${pose.specSource})`, {
      expected: 'top-down',
      received: pose.family,
    });
  }
  if (pose.family === 'top-down') {
    const options: TopDownOptions = { ownsSessions: true, flipTest: o.flipTest };
    if (o.oksNms !== undefined) options.oksNmsThreshold = o.oksNms;
    if (o.scoreThreshold !== undefined) options.detector = { scoreThreshold: o.scoreThreshold };
    return createTopDownEstimator({
      pose: { session: pose.session.session, spec: pose.spec },
      ...(detector ? { detector: { session: detector.session.session, spec: detector.spec } } : {}),
      options,
    });
  }
  if (pose.family === 'one-stage') {
    return createOneStageEstimator({
      session: pose.session.session,
      spec: pose.spec,
      options: { ownsSession: true, ...(o.scoreThreshold !== undefined ? { scoreThreshold: o.scoreThreshold } : {}) },
    });
  }
  return createBottomUpEstimator({ session: pose.session.session, spec: pose.spec, options: { ownsSession: true } });
}
