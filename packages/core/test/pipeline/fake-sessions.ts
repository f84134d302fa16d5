/**
 * Small in-memory stand-ins for onnxruntime sessions, following the exact I/O conventions of the model families,
 * so the estimators can be tested without native code. They count runs and tensor disposals.
 */
import { Tensor } from 'onnxruntime-common';
import type { InferenceSession } from 'onnxruntime-common';
import type { PoseSession } from '../../src/index.js';

/** Counts shared by a fake session. */
export interface Counters {
  runs: number;
  /** Batch size of each run. */
  batches: number[];
  /** Output tensors created / disposed. */
  outputs: number;
  outputsDisposed: number;
  /** Input tensors seen that were later disposed (checked at the next run and at the end). */
  inputs: Tensor[];
}

function meta(name: string, shape: (number | string)[]): InferenceSession.ValueMetadata {
  return { name, isTensor: true, type: 'float32', shape };
}

function counted(c: Counters, t: Tensor): Tensor {
  c.outputs++;
  const d = t.dispose.bind(t);
  t.dispose = () => {
    c.outputsDisposed++;
    d();
  };
  return t;
}

/** A disposed onnxruntime-common CPU tensor no longer holds data. */
export function isDisposed(t: Tensor): boolean {
  return t.location === 'none';
}

export function newCounters(): Counters {
  return { runs: 0, batches: [], outputs: 0, outputsDisposed: 0, inputs: [] };
}

/**
 * A 256x192 heatmap pose model: `data [N, 3, 256, 192]` -> `[N, 17, 64, 48]` with one peak per map at
 * `(px, py)` of height `peak`. With `mirrorAware`, the peak x follows the mean of the left half vs the right half
 * of the input (so a flipped crop gives a mirrored peak).
 */
export function fakeHeatmapModel(c: Counters, opts: { dynamic: boolean; px: number; py: number; peak: number }): PoseSession {
  return {
    inputNames: ['data'],
    outputNames: ['hybridsequential0_conv7_fwd'],
    inputMetadata: [meta('data', [opts.dynamic ? 'batch' : 1, 3, 256, 192])],
    outputMetadata: [meta('hybridsequential0_conv7_fwd', [opts.dynamic ? 'batch' : 1, 17, 64, 48])],
    async run(feeds) {
      const x = feeds['data'] as Tensor;
      c.inputs.push(x);
      const n = x.dims[0]!;
      if (!opts.dynamic && n !== 1) throw new Error(`static-batch model got batch ${n}`);
      c.runs++;
      c.batches.push(n);
      const hm = new Float32Array(n * 17 * 64 * 48);
      for (let i = 0; i < n * 17; i++) hm[i * 64 * 48 + opts.py * 48 + opts.px] = opts.peak;
      return { hybridsequential0_conv7_fwd: counted(c, new Tensor('float32', hm, [n, 17, 64, 48])) };
    },
  };
}

/** An RTMDet-style end2end detector returning fixed `dets` (input pixels) and int64 labels. */
export function fakeEnd2EndDetector(c: Counters, dets: number[][]): PoseSession {
  return {
    inputNames: ['input'],
    outputNames: ['dets', 'labels'],
    inputMetadata: [meta('input', ['batch', 3, 'height', 'width'])],
    outputMetadata: [meta('dets', ['batch', 'num_dets', 5]), { name: 'labels', isTensor: true, type: 'int64', shape: ['batch', 'num_dets'] }],
    async run(feeds) {
      c.inputs.push(feeds['input'] as Tensor);
      c.runs++;
      c.batches.push(feeds['input']!.dims[0]!);
      const d = new Float32Array(dets.flat());
      const l = new BigInt64Array(dets.length);
      return {
        dets: counted(c, new Tensor('float32', d, [1, dets.length, 5])),
        labels: counted(c, new Tensor('int64', l, [1, dets.length])),
      };
    },
  };
}

/** A model that returns the given tensors whatever the input (for one-stage / bottom-up tests). */
export function fakeFixedModel(c: Counters, input: [string, number[]], outputs: Record<string, { data: Float32Array; dims: number[] }>): PoseSession {
  return {
    inputNames: [input[0]],
    outputNames: Object.keys(outputs),
    inputMetadata: [meta(input[0], input[1])],
    outputMetadata: Object.entries(outputs).map(([k, v]) => meta(k, v.dims)),
    async run(feeds) {
      c.inputs.push(feeds[input[0]] as Tensor);
      c.runs++;
      c.batches.push(feeds[input[0]]!.dims[0]!);
      const out: Record<string, Tensor> = {};
      for (const [k, v] of Object.entries(outputs)) out[k] = counted(c, new Tensor('float32', v.data.slice(), v.dims));
      return out;
    },
  };
}
