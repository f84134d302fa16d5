/**
 * The slice of onnxruntime-common's `InferenceSession` the estimators use, and the checks that tie a session to
 * a {@link ModelSpec}.
 *
 * @module
 */
import { Tensor } from 'onnxruntime-common';
import type { InferenceSession } from 'onnxruntime-common';
import { PosekitError } from '../errors.js';
import type { ModelSpec } from './spec.js';
import { specOutputNames } from './spec.js';
import { now } from './types.js';

/**
 * What an estimator needs from a session: onnxruntime-common's `InferenceSession` (from onnxruntime-node or
 * onnxruntime-web) satisfies it as it is. Metadata is optional because not every runtime provides it.
 */
export interface PoseSession {
  /** Run the model (`InferenceSession.run`). */
  run(feeds: InferenceSession.FeedsType, options?: InferenceSession.RunOptions): Promise<InferenceSession.ReturnType>;
  /** Graph input names. */
  readonly inputNames: readonly string[];
  /** Graph output names. */
  readonly outputNames: readonly string[];
  /** Input metadata (shapes with symbolic dims as strings), when the runtime provides it. */
  readonly inputMetadata?: readonly InferenceSession.ValueMetadata[];
  /** Output metadata, when the runtime provides it. */
  readonly outputMetadata?: readonly InferenceSession.ValueMetadata[];
  /** Free the native session (`InferenceSession.release`). */
  release?(): Promise<void>;
}

/** A session together with the spec that says how to feed it and read it. */
export interface ModelBinding {
  /** The session. */
  session: PoseSession;
  /** Its I/O conventions. */
  spec: ModelSpec;
}

/** What {@link validateModelSpec} learned about the session. */
export interface SpecCheck {
  /** Whether the batch dimension accepts N > 1 (spec's `input.dynamicBatch`, else the metadata, else false). */
  dynamicBatch: boolean;
}

function specError(fn: string, spec: ModelSpec, what: string, expected: unknown, received: unknown): PosekitError {
  return new PosekitError('E_MODEL_SPEC', `${fn}: model spec ${JSON.stringify(spec?.name)}: ${what}`, { expected, received });
}

function isPosInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v > 0;
}

/** Check the spec on its own (sizes, normalisation, crop, output kind). @internal */
export function checkSpecFields(fn: string, spec: ModelSpec): void {
  if (typeof spec !== 'object' || spec === null || typeof spec.input !== 'object' || typeof spec.output !== 'object' || typeof spec.crop !== 'object') {
    throw new PosekitError('E_MODEL_SPEC', `${fn}: a model spec needs objects input, crop and output; received ${JSON.stringify(spec)?.slice(0, 120)}`, {
      expected: '{ name, input, crop, output }',
      received: spec,
    });
  }
  const i = spec.input;
  if (!isPosInt(i.width) || !isPosInt(i.height)) throw specError(fn, spec, `input width/height must be positive integers; received ${i.width}x${i.height}`, 'positive integers', [i.width, i.height]);
  if (i.layout !== 'NCHW') throw specError(fn, spec, `input layout must be 'NCHW'; received ${JSON.stringify(i.layout)}`, 'NCHW', i.layout);
  if (i.colorOrder !== 'rgb' && i.colorOrder !== 'bgr') throw specError(fn, spec, `input colorOrder must be 'rgb' or 'bgr'; received ${JSON.stringify(i.colorOrder)}`, ['rgb', 'bgr'], i.colorOrder);
  const okMean = Array.isArray(i.mean) && i.mean.length === 3 && i.mean.every((v) => Number.isFinite(v));
  const okStd = Array.isArray(i.std) && i.std.length === 3 && i.std.every((v) => Number.isFinite(v) && v > 0);
  if (!okMean || !okStd) throw specError(fn, spec, `input mean must be 3 finite numbers and std 3 positive numbers; received mean ${JSON.stringify(i.mean)}, std ${JSON.stringify(i.std)}`, 'mean [3], std [3] > 0', { mean: i.mean, std: i.std });
  const c = spec.crop;
  if (c.mode === 'affine') {
    if (!(Number.isFinite(c.padding) && c.padding > 0)) throw specError(fn, spec, `crop.padding must be > 0; received ${c.padding}`, '> 0', c.padding);
  } else if (c.mode === 'letterbox') {
    if (c.align !== 'center' && c.align !== 'topleft') throw specError(fn, spec, `crop.align must be 'center' or 'topleft'; received ${JSON.stringify(c.align)}`, ['center', 'topleft'], c.align);
    if (c.rounding !== undefined && !['half-even', 'floor', 'half-up'].includes(c.rounding)) {
      throw specError(fn, spec, `crop.rounding must be 'half-even', 'floor' or 'half-up'; received ${JSON.stringify(c.rounding)}`, ['half-even', 'floor', 'half-up'], c.rounding);
    }
    if (!Number.isFinite(c.padValue)) throw specError(fn, spec, `crop.padValue must be finite; received ${c.padValue}`, 'finite', c.padValue);
  } else if (c.mode !== 'stretch') {
    throw specError(fn, spec, `crop.mode must be 'affine', 'letterbox' or 'stretch'; received ${JSON.stringify((c as { mode: unknown }).mode)}`, ['affine', 'letterbox', 'stretch'], (c as { mode: unknown }).mode);
  }
  const o = spec.output;
  const kinds = ['heatmap', 'simcc', 'yolo-pose', 'paf', 'body-parts', 'detector-end2end', 'detector-yolox'];
  if (!kinds.includes(o.kind)) throw specError(fn, spec, `output.kind must be one of ${kinds.join(', ')}; received ${JSON.stringify(o.kind)}`, kinds, o.kind);
  if (o.kind === 'simcc' && !(o.splitRatio > 0)) throw specError(fn, spec, `output.splitRatio must be > 0; received ${o.splitRatio}`, '> 0', o.splitRatio);
  if ((o.kind === 'paf' || o.kind === 'body-parts') && !isPosInt(o.stride)) throw specError(fn, spec, `output.stride must be a positive integer; received ${o.stride}`, 'positive integer', o.stride);
  if (o.kind === 'detector-yolox' && (!isPosInt(o.numClasses) || !Array.isArray(o.strides) || !o.strides.every(isPosInt))) {
    throw specError(fn, spec, `output.strides must be positive integers and numClasses a positive integer`, 'strides [8, 16, 32], numClasses 80', { strides: o.strides, numClasses: o.numClasses });
  }
  if (o.kind === 'heatmap' && o.decoder !== 'msra' && o.decoder !== 'dark' && o.decoder !== 'udp') {
    throw specError(fn, spec, `output.decoder must be 'msra', 'dark' or 'udp'; received ${JSON.stringify(o.decoder)}`, ['msra', 'dark', 'udp'], o.decoder);
  }
  for (const n of specOutputNames(spec)) {
    if (typeof n !== 'string' || n.length === 0) throw specError(fn, spec, `output names must be non-empty strings; received ${JSON.stringify(n)}`, 'string', n);
  }
}

function tensorShape(meta: readonly InferenceSession.ValueMetadata[] | undefined, names: readonly string[], name: string): readonly (number | string)[] | undefined {
  if (!meta) return undefined;
  const i = names.indexOf(name);
  const m = i >= 0 ? meta[i] : undefined;
  if (!m || !m.isTensor) return undefined;
  return m.shape;
}

function fmtShape(s: readonly (number | string)[]): string {
  return `[${s.join(', ')}]`;
}

/**
 * Check that a session can be used with a spec: the spec's input and output names exist in the session, and,
 * where the runtime reports shapes, the input is `[N, 3, H, W]` with the spec's size and each output has the
 * rank / channel sizes its kind needs.
 *
 * @param fn - calling function, for the message
 * @param session - the session (onnxruntime-common `InferenceSession` or compatible)
 * @param spec - the spec
 * @returns what was learned (whether the batch dimension is dynamic)
 * @throws PosekitError `E_MODEL_SPEC` naming expected and received names / shapes
 */
export function validateModelSpec(fn: string, session: PoseSession, spec: ModelSpec): SpecCheck {
  checkSpecFields(fn, spec);
  if (typeof session !== 'object' || session === null || typeof session.run !== 'function' || !Array.isArray(session.inputNames)) {
    throw new PosekitError('E_ARGUMENT', `${fn}: expected an InferenceSession (run, inputNames, outputNames); received ${session === null ? 'null' : typeof session}`, {
      expected: 'InferenceSession',
      received: typeof session,
    });
  }
  if (!session.inputNames.includes(spec.input.name)) {
    throw specError(fn, spec, `the model has no input ${JSON.stringify(spec.input.name)}; its inputs are ${JSON.stringify(session.inputNames)}`, spec.input.name, session.inputNames);
  }
  for (const n of specOutputNames(spec)) {
    if (!session.outputNames.includes(n)) {
      throw specError(fn, spec, `the model has no output ${JSON.stringify(n)}; its outputs are ${JSON.stringify(session.outputNames)}`, n, session.outputNames);
    }
  }
  const inShape = tensorShape(session.inputMetadata, session.inputNames, spec.input.name);
  let dynamicBatch = spec.input.dynamicBatch ?? false;
  if (inShape) {
    const want = ['N', 3, spec.input.height, spec.input.width];
    const bad = inShape.length !== 4 || [1, 2, 3].some((d) => typeof inShape[d] === 'number' && inShape[d]! >= 0 && inShape[d] !== want[d]);
    if (bad) {
      throw specError(fn, spec, `input ${JSON.stringify(spec.input.name)} must be ${fmtShape(want)}; the model has ${fmtShape(inShape)}`, want, inShape);
    }
    if (spec.input.dynamicBatch === undefined) dynamicBatch = typeof inShape[0] === 'string' || (inShape[0] as number) < 0;
  }
  checkOutputShapes(fn, session, spec);
  return { dynamicBatch };
}

function checkOutputShapes(fn: string, session: PoseSession, spec: ModelSpec): void {
  const o = spec.output;
  const shape = (n: string) => tensorShape(session.outputMetadata, session.outputNames, n);
  const num = (v: number | string | undefined): number | undefined => (typeof v === 'number' && v >= 0 ? v : undefined);
  const need = (name: string, rank: number, test: (s: readonly (number | string)[]) => boolean, want: string): void => {
    const s = shape(name);
    if (!s) return;
    if (s.length !== rank || !test(s)) throw specError(fn, spec, `output ${JSON.stringify(name)} must be ${want} for kind '${o.kind}'; the model has ${fmtShape(s)}`, want, s);
  };
  switch (o.kind) {
    case 'heatmap':
      need(o.name, 4, () => true, '[N, K, H, W]');
      break;
    case 'simcc': {
      const sx = Math.round(spec.input.width * o.splitRatio);
      const sy = Math.round(spec.input.height * o.splitRatio);
      need(o.xName, 3, (s) => num(s[2]) === undefined || num(s[2]) === sx, `[N, K, ${sx}]`);
      need(o.yName, 3, (s) => num(s[2]) === undefined || num(s[2]) === sy, `[N, K, ${sy}]`);
      break;
    }
    case 'yolo-pose':
      need(o.name, 3, (s) => num(s[1]) === undefined || (num(s[1])! > 5 && (num(s[1])! - 5) % 3 === 0), '[1, 5 + 3K, A]');
      break;
    case 'paf':
      need(o.heatmapName, 4, () => true, '[1, P + 1, h, w]');
      need(o.pafName, 4, (s) => num(s[1]) === undefined || num(s[1])! % 2 === 0, '[1, 2L, h, w]');
      break;
    case 'body-parts':
      need(o.name, 4, (s) => num(s[1]) === undefined || num(s[1])! >= o.limbs + o.parts, `[1, >= ${o.limbs + o.parts}, h, w]`);
      break;
    case 'detector-end2end':
      need(o.detsName, 3, (s) => num(s[2]) === undefined || num(s[2]) === 5, '[N, D, 5]');
      need(o.labelsName, 2, () => true, '[N, D]');
      break;
    case 'detector-yolox':
      need(o.name, 3, (s) => num(s[2]) === undefined || num(s[2]) === 5 + o.numClasses, `[1, A, ${5 + o.numClasses}]`);
      break;
  }
}

/**
 * Release a set of run outputs (onnxruntime `Tensor.dispose`, where the runtime provides it) so that no
 * native or GPU memory outlives the call. @internal
 */
export function disposeOutputs(outputs: InferenceSession.ReturnType | undefined): void {
  if (!outputs) return;
  for (const k of Object.keys(outputs)) {
    const t = outputs[k] as Tensor | undefined;
    if (t && typeof t.dispose === 'function') t.dispose();
  }
}

/**
 * Run `session` on one float32 NCHW input and time `session.run` alone. The input tensor wraps `data` without a
 * copy and is released whether the run succeeds or not; the caller releases the outputs ({@link disposeOutputs}).
 * @internal
 */
export async function runFloat32(
  session: PoseSession,
  inputName: string,
  data: Float32Array,
  dims: readonly number[],
): Promise<{ outputs: InferenceSession.ReturnType; ms: number }> {
  const feed = new Tensor('float32', data, dims);
  const t = now();
  try {
    const outputs = await session.run({ [inputName]: feed });
    return { outputs, ms: now() - t };
  } finally {
    feed.dispose();
  }
}
