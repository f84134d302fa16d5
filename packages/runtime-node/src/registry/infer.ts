/**
 * Which model family a bare ONNX file belongs to, read from its input/output names and shapes, and the
 * `ModelSpec` to run it with (the family preset with the model's own names and input size).
 *
 * The rule (first match wins; documented in docs/guides/cli.md):
 *
 * 1. outputs `dets` and `labels` -> MMDeploy end2end person detector (`rtmdet-nano` conventions);
 * 2. one rank-3 output `[1, A, 5 + C]` with `A > 5 + C` -> YOLOX raw-head detector (`yolox-nano`, C classes);
 * 3. one rank-3 output `[1, 5 + 3K, A]` with `A > 5 + 3K` -> one-stage YOLO-pose rows (`yolo11n-pose`);
 * 4. two rank-3 outputs -> SimCC top-down (`rtmpose-*`): the x vector is the output named like `simcc_x`, else
 *    the shorter one when the input is taller than wide;
 * 5. two rank-4 outputs -> OpenPose PAF bottom-up (`openpose-coco18`): the PAF tensor is the one named like
 *    `paf`, else the one with the even channel count (`2L`), the heatmaps the other (`P + 1`);
 * 6. one rank-4 output with 48 to 50 channels -> Simple Pose body parts (`simplepose-body-parts`: 30 limb
 *    maps, 18 keypoint maps, up to 2 background maps);
 * 7. any other single rank-4 output -> top-down heatmaps (`ultralight-simplepose-256x192` conventions:
 *    ImageNet mean/std RGB, affine crop ×1.25, MSRA decoding).
 *
 * Normalisation, colour order and crop can not be read from a graph: they come from the family preset. Pass an
 * explicit spec (a preset name or a JSON file) when a model differs.
 *
 * @module
 */
import { getLayout, getModelPreset, listLayouts, PosekitError } from '@posekit/core';
import type { ModelSpec, PoseSession } from '@posekit/core';

/** How an estimator runs a model: the pipeline it belongs in. */
export type ModelFamily = 'top-down' | 'one-stage' | 'bottom-up' | 'detector';

/** A spec inferred from a session, with the family and the rule that matched. */
export interface InferredSpec {
  /** The spec to run the model with. */
  spec: ModelSpec;
  /** Which pipeline runs it. */
  family: ModelFamily;
  /** The rule that matched, in words (for messages and `--verbose`). */
  reason: string;
}

type Shape = readonly (number | string)[];

/** The family of a spec's output kind. */
export function familyOfSpec(spec: ModelSpec): ModelFamily {
  switch (spec?.output?.kind) {
    case 'heatmap':
    case 'simcc':
      return 'top-down';
    case 'yolo-pose':
      return 'one-stage';
    case 'paf':
    case 'body-parts':
      return 'bottom-up';
    case 'detector-end2end':
    case 'detector-yolox':
      return 'detector';
    default: {
      // Specs from JSON files are not type-checked: an unknown kind reaches here.
      const kind = (spec as { output?: { kind?: unknown } } | undefined)?.output?.kind;
      throw new PosekitError('E_MODEL_SPEC', `familyOfSpec: unknown output kind ${JSON.stringify(kind)}`, {
        expected: ['heatmap', 'simcc', 'yolo-pose', 'paf', 'body-parts', 'detector-end2end', 'detector-yolox'],
        received: kind,
      });
    }
  }
}

/** Preferred layout for each keypoint count (several layouts share a count; the common one wins). */
const LAYOUT_BY_COUNT: Readonly<Record<number, string>> = {
  17: 'coco17',
  18: 'openpose_coco18',
  25: 'openpose_body25',
  26: 'halpe26',
  133: 'coco_wholebody133',
  136: 'halpe136',
  16: 'mpii16',
  14: 'crowdpose14',
  21: 'hand21',
  68: 'face68',
};

/** Layout name for `k` keypoints, or undefined when no registered layout has that many. */
export function layoutForKeypointCount(k: number): string | undefined {
  const preferred = LAYOUT_BY_COUNT[k];
  const names = listLayouts();
  if (preferred !== undefined && names.includes(preferred)) return preferred;
  return names.find((n) => getLayout(n).keypoints.length === k);
}

function meta(names: readonly string[], md: PoseSession['outputMetadata'], name: string): Shape | undefined {
  const i = names.indexOf(name);
  const m = md && i >= 0 ? md[i] : undefined;
  return m && m.isTensor ? m.shape : undefined;
}

const dim = (s: Shape | undefined, i: number): number | undefined => {
  const v = s?.[i];
  return typeof v === 'number' && v >= 0 ? v : undefined;
};

function fmt(names: readonly string[], shapes: (Shape | undefined)[]): string {
  return names.map((n, i) => `${n} ${shapes[i] ? `[${shapes[i]!.join(', ')}]` : '[?]'}`).join(', ');
}

/**
 * Infer the family and spec of a model from its session's names and shapes (see the module comment for the
 * rule). The input name and, when the graph fixes them, the input width/height are the model's own.
 *
 * @param session - an onnxruntime `InferenceSession` (or anything with names and metadata)
 * @returns the spec, the family and the rule that matched
 * @throws PosekitError `E_MODEL_SPEC` when the outputs fit no family (the message lists them)
 */
export function inferModelSpec(session: PoseSession): InferredSpec {
  const fn = 'inferModelSpec';
  const outs = session.outputNames;
  const shapes = outs.map((n) => meta(outs, session.outputMetadata, n));
  const inName = session.inputNames[0];
  if (inName === undefined) throw new PosekitError('E_MODEL_SPEC', `${fn}: the model has no inputs`, { expected: 'one image input', received: [] });
  const inShape = meta(session.inputNames, session.inputMetadata, inName);
  const inH = dim(inShape, 2);
  const inW = dim(inShape, 3);
  const withInput = (preset: string): ModelSpec => {
    const s = getModelPreset(preset);
    s.input.name = inName;
    if (inH !== undefined && inW !== undefined) {
      s.input.height = inH;
      s.input.width = inW;
    }
    return s;
  };
  const rank = (i: number): number | undefined => shapes[i]?.length;
  const fail = (why: string): never => {
    throw new PosekitError('E_MODEL_SPEC', `${fn}: cannot tell the model family from its outputs (${fmt(outs, shapes)}): ${why}; pass a spec (a preset name or a spec JSON file)`, {
      expected: 'outputs of a known family (dets+labels, YOLOX head, YOLO-pose rows, SimCC x/y, PAF heatmaps+PAFs, body-part maps, heatmaps)',
      received: outs.map((n, i) => ({ name: n, shape: shapes[i] })),
    });
  };

  if (outs.includes('dets') && outs.includes('labels')) {
    return { spec: withInput('rtmdet-nano'), family: 'detector', reason: 'outputs "dets" and "labels": MMDeploy end2end detector' };
  }
  if (outs.length === 1 && rank(0) === 3) {
    const s = shapes[0]!;
    const a = dim(s, 1);
    const b = dim(s, 2);
    if (a !== undefined && b !== undefined && b > 5 && a > b) {
      const spec = withInput('yolox-nano');
      spec.output = { kind: 'detector-yolox', name: outs[0]!, strides: [8, 16, 32], numClasses: b - 5 };
      return { spec, family: 'detector', reason: `one output [1, ${a}, 5 + ${b - 5}]: YOLOX raw head` };
    }
    if (a !== undefined && b !== undefined && a > 5 && (a - 5) % 3 === 0 && b > a) {
      const spec = withInput('yolo11n-pose');
      spec.output = { kind: 'yolo-pose', name: outs[0]! };
      const layout = layoutForKeypointCount((a - 5) / 3);
      if (layout) spec.keypointLayout = layout;
      else delete spec.keypointLayout;
      return { spec, family: 'one-stage', reason: `one output [1, 5 + 3×${(a - 5) / 3}, ${b}]: YOLO-pose rows` };
    }
    return fail('a rank-3 output that is neither [1, A, 5 + C] nor [1, 5 + 3K, A]');
  }
  if (outs.length === 2 && rank(0) === 3 && rank(1) === 3) {
    let xi = outs.findIndex((n) => /simcc_?x/i.test(n));
    let yi = outs.findIndex((n) => /simcc_?y/i.test(n));
    if (xi < 0 || yi < 0 || xi === yi) {
      const l0 = dim(shapes[0], 2);
      const l1 = dim(shapes[1], 2);
      if (l0 === undefined || l1 === undefined || l0 === l1) return fail('two rank-3 outputs but neither named simcc_x/simcc_y nor of different lengths');
      // The input is taller than wide for every top-down body model, so x is the shorter vector.
      xi = l0 < l1 ? 0 : 1;
      yi = 1 - xi;
    }
    const lx = dim(shapes[xi], 2);
    const preset = inH === 384 || lx === 576 ? 'rtmpose-384x288' : 'rtmpose-256x192';
    const spec = withInput(preset);
    const split = lx !== undefined ? lx / spec.input.width : 2;
    spec.output = { kind: 'simcc', xName: outs[xi]!, yName: outs[yi]!, splitRatio: split };
    const k = dim(shapes[xi], 1);
    const layout = k !== undefined ? layoutForKeypointCount(k) : 'coco17';
    if (layout) spec.keypointLayout = layout;
    else delete spec.keypointLayout;
    return { spec, family: 'top-down', reason: `two rank-3 outputs: SimCC x ${outs[xi]}, y ${outs[yi]}` };
  }
  if (outs.length === 2 && rank(0) === 4 && rank(1) === 4) {
    let pi = outs.findIndex((n) => /paf/i.test(n));
    if (pi < 0) {
      const c0 = dim(shapes[0], 1);
      const c1 = dim(shapes[1], 1);
      if (c0 === undefined || c1 === undefined || c0 % 2 === c1 % 2) return fail('two rank-4 outputs but none named like "paf" and no single one with an even channel count');
      pi = c0 % 2 === 0 ? 0 : 1;
    }
    const spec = withInput('openpose-coco18');
    spec.output = { kind: 'paf', heatmapName: outs[1 - pi]!, pafName: outs[pi]!, stride: 8 };
    const h = dim(shapes[pi], 2);
    if (h !== undefined && h > 0 && spec.input.height % h === 0) spec.output.stride = spec.input.height / h;
    const parts = dim(shapes[1 - pi], 1);
    const layout = parts !== undefined ? layoutForKeypointCount(parts - 1) : 'openpose_coco18';
    if (layout) spec.keypointLayout = layout;
    return { spec, family: 'bottom-up', reason: `two rank-4 outputs: PAFs ${outs[pi]}, heatmaps ${outs[1 - pi]}` };
  }
  if (outs.length === 1 && rank(0) === 4) {
    const s = shapes[0]!;
    const c = dim(s, 1);
    const h = dim(s, 2);
    if (c !== undefined && c >= 48 && c <= 50) {
      const spec = withInput('simplepose-body-parts');
      spec.output = { kind: 'body-parts', name: outs[0]!, stride: 4, limbs: 30, parts: 18 };
      if (h !== undefined && h > 0 && spec.input.height % h === 0) spec.output.stride = spec.input.height / h;
      return { spec, family: 'bottom-up', reason: `one rank-4 output with ${c} channels: Simple Pose body parts (30 limbs + 18 parts)` };
    }
    const spec = withInput('ultralight-simplepose-256x192');
    spec.output = { kind: 'heatmap', name: outs[0]!, decoder: 'msra' };
    const layout = c !== undefined ? layoutForKeypointCount(c) : 'coco17';
    if (layout) spec.keypointLayout = layout;
    else delete spec.keypointLayout;
    return { spec, family: 'top-down', reason: `one rank-4 output with ${c ?? '?'} channels: top-down heatmaps` };
  }
  return fail(`${outs.length} output(s) of rank ${shapes.map((s) => s?.length ?? '?').join(', ')}`);
}
