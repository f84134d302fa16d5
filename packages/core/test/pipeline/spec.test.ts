import { describe, expect, it } from 'vitest';
import type { InferenceSession } from 'onnxruntime-common';
import { getModelPreset, isPosekitError, modelPresets, specOutputNames, validateModelSpec } from '../../src/index.js';
import type { ModelSpec, PoseSession } from '../../src/index.js';

function fakeSession(inputs: [string, (number | string)[]][], outputs: [string, (number | string)[]][], withMeta = true): PoseSession {
  const meta = (l: [string, (number | string)[]][]): InferenceSession.ValueMetadata[] =>
    l.map(([name, shape]) => ({ name, isTensor: true, type: 'float32', shape }));
  return {
    inputNames: inputs.map((i) => i[0]),
    outputNames: outputs.map((o) => o[0]),
    ...(withMeta ? { inputMetadata: meta(inputs), outputMetadata: meta(outputs) } : {}),
    run: async () => ({}),
  };
}

function codeOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (isPosekitError(e)) return e.code;
    throw e;
  }
  throw new Error('expected a PosekitError');
}

describe('model presets', () => {
  it('carry the exact I/O of the real models (MODELS.md)', () => {
    const r = modelPresets['rtmdet-nano']!;
    expect([r.input.name, r.input.width, r.input.height, r.input.colorOrder]).toEqual(['input', 320, 320, 'bgr']);
    expect(r.input.mean).toEqual([103.53, 116.28, 123.675]);
    expect(r.input.std).toEqual([57.375, 57.12, 58.395]);
    expect(r.crop).toEqual({ mode: 'letterbox', align: 'topleft', padValue: 114, rounding: 'half-up' });
    expect(specOutputNames(r)).toEqual(['dets', 'labels']);
    const x = modelPresets['yolox-nano']!;
    expect([x.input.width, x.input.colorOrder, x.input.mean, x.input.std]).toEqual([416, 'bgr', [0, 0, 0], [1, 1, 1]]);
    expect(x.output).toEqual({ kind: 'detector-yolox', name: 'output', strides: [8, 16, 32], numClasses: 80 });
    const s = modelPresets['ultralight-simplepose-256x192']!;
    expect([s.input.name, s.input.width, s.input.height, s.input.colorOrder]).toEqual(['data', 192, 256, 'rgb']);
    expect(s.crop).toEqual({ mode: 'affine', padding: 1.25, fixAspectRatio: true, borderValue: 0 });
    const y = modelPresets['yolo11n-pose']!;
    expect([y.input.width, y.input.std, y.crop]).toEqual([640, [255, 255, 255], { mode: 'letterbox', align: 'center', padValue: 114 }]);
    expect(y.thresholds).toEqual({ score: 0.25, nmsIou: 0.7, nmsOffset: 0 });
    const rt = modelPresets['rtmpose-m']!;
    expect(rt.output).toEqual({ kind: 'simcc', xName: 'simcc_x', yName: 'simcc_y', splitRatio: 2 });
    expect(modelPresets['openpose-coco18']!.output).toEqual({ kind: 'paf', heatmapName: 'heatmaps', pafName: 'pafs', stride: 8 });
    expect(modelPresets['simplepose-body-parts']!.output.kind).toBe('body-parts');
  });

  it('getModelPreset returns an independent deep copy; unknown names -> E_ARGUMENT', () => {
    const a = getModelPreset('yolo11n-pose');
    (a.input.mean as unknown as number[])[0] = 99;
    expect(modelPresets['yolo11n-pose']!.input.mean[0]).toBe(0);
    expect(codeOf(() => getModelPreset('hrnet-w99'))).toBe('E_ARGUMENT');
    expect(codeOf(() => getModelPreset('toString'))).toBe('E_ARGUMENT');
  });
});

describe('validateModelSpec', () => {
  const yolo = getModelPreset('yolo11n-pose');
  it('accepts a matching session and reads the batch dimension from metadata', () => {
    expect(validateModelSpec('t', fakeSession([['images', [1, 3, 640, 640]]], [['output0', [1, 56, 8400]]]), yolo)).toEqual({ dynamicBatch: false });
    const rt = getModelPreset('rtmpose-m');
    const s = fakeSession([['input', ['batch', 3, 256, 192]]], [['simcc_x', ['batch', 17, 384]], ['simcc_y', ['batch', 17, 512]]]);
    expect(validateModelSpec('t', s, rt)).toEqual({ dynamicBatch: true });
    expect(validateModelSpec('t', fakeSession([['input', [1, 3, 256, 192]]], [['simcc_x', []], ['simcc_y', []]], false), rt)).toEqual({ dynamicBatch: false });
    expect(validateModelSpec('t', fakeSession([['input', [1, 3, 256, 192]]], [['simcc_x', []], ['simcc_y', []]], false), { ...rt, input: { ...rt.input, dynamicBatch: true } })).toEqual({ dynamicBatch: true });
  });

  it('wrong input / output names -> E_MODEL_SPEC naming both', () => {
    try {
      validateModelSpec('t', fakeSession([['data', [1, 3, 640, 640]]], [['output0', [1, 56, 8400]]]), yolo);
      throw new Error('no throw');
    } catch (e) {
      expect(isPosekitError(e, 'E_MODEL_SPEC')).toBe(true);
      expect((e as Error).message).toContain('"images"');
      expect((e as Error).message).toContain('["data"]');
    }
    expect(codeOf(() => validateModelSpec('t', fakeSession([['images', [1, 3, 640, 640]]], [['out', [1, 56, 8400]]]), yolo))).toBe('E_MODEL_SPEC');
  });

  it('shapes that contradict the spec -> E_MODEL_SPEC', () => {
    expect(codeOf(() => validateModelSpec('t', fakeSession([['images', [1, 3, 320, 320]]], [['output0', [1, 56, 8400]]]), yolo))).toBe('E_MODEL_SPEC');
    expect(codeOf(() => validateModelSpec('t', fakeSession([['images', [1, 3, 640, 640]]], [['output0', [1, 57, 8400]]]), yolo))).toBe('E_MODEL_SPEC');
    expect(codeOf(() => validateModelSpec('t', fakeSession([['images', [1, 640, 640]]], [['output0', [1, 56, 8400]]]), yolo))).toBe('E_MODEL_SPEC');
    const x = getModelPreset('yolox-nano');
    expect(codeOf(() => validateModelSpec('t', fakeSession([['images', [1, 3, 416, 416]]], [['output', [1, 3549, 6]]]), x))).toBe('E_MODEL_SPEC');
  });

  it('malformed specs -> E_MODEL_SPEC; a non-session -> E_ARGUMENT', () => {
    const s = fakeSession([['images', [1, 3, 640, 640]]], [['output0', [1, 56, 8400]]]);
    const bad: ModelSpec[] = [
      { ...yolo, input: { ...yolo.input, width: 0 } },
      { ...yolo, input: { ...yolo.input, std: [255, 0, 255] } },
      { ...yolo, input: { ...yolo.input, colorOrder: 'rgba' as never } },
      { ...yolo, crop: { mode: 'zoom' } as never },
      { ...yolo, output: { kind: 'mystery' } as never },
    ];
    for (const spec of bad) expect(codeOf(() => validateModelSpec('t', s, spec))).toBe('E_MODEL_SPEC');
    expect(codeOf(() => validateModelSpec('t', null as never, yolo))).toBe('E_ARGUMENT');
  });
});
