/**
 * Tiny ONNX graphs for tests, built with onnx-proto: every output is a constant initializer (maps rendered for
 * a known synthetic person) added to `0 × mean(input)`, so the graph really reads its input and onnxruntime
 * really runs it, while the outputs stay exactly the rendered values. Shapes follow each family's I/O
 * convention; the batch dimension can be symbolic so dynamic-batch paths run too.
 */
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

/** One constant output of a test model. */
export interface ConstOutput {
  /** Output name. */
  name: string;
  /** Shape without the batch dimension (the model prepends it). */
  dims: number[];
  /** Values for one batch item, `prod(dims)` floats. */
  data: Float32Array;
}

/** What the test model looks like from outside. */
export interface ConstModelConfig {
  /** Input name. */
  inputName: string;
  /** Input height and width (`[N, 3, H, W]`). */
  height: number;
  width: number;
  /** `'N'` for a symbolic (dynamic) batch dimension, or 1. */
  batch: 'N' | 1;
  /** The outputs. */
  outputs: ConstOutput[];
}

function dimsProto(dims: (number | string)[]): onnxProto.onnx.ITensorShapeProto {
  return { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) };
}

function valueInfo(name: string, dims: (number | string)[]): onnxProto.onnx.IValueInfoProto {
  return { name, type: { tensorType: { elemType: onnx.TensorProto.DataType.FLOAT, shape: dimsProto(dims) } } };
}

function tensor(name: string, dims: number[], data: Float32Array): onnxProto.onnx.ITensorProto {
  return {
    name,
    dims,
    dataType: onnx.TensorProto.DataType.FLOAT,
    rawData: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
  };
}

const ints = (name: string, v: number[]): onnxProto.onnx.IAttributeProto => ({ name, type: onnx.AttributeProto.AttributeType.INTS, ints: v });
const int = (name: string, v: number): onnxProto.onnx.IAttributeProto => ({ name, type: onnx.AttributeProto.AttributeType.INT, i: v });

/**
 * Build the model bytes (opset 11): `out_i = init_i + 0 × ReduceMean(input, axes [1, 2, 3])` reshaped by
 * Squeeze to the output's rank.
 */
export function buildConstModel(cfg: ConstModelConfig): Uint8Array {
  const nodes: onnxProto.onnx.INodeProto[] = [
    { opType: 'ReduceMean', input: [cfg.inputName], output: ['mean4'], attribute: [ints('axes', [1, 2, 3]), int('keepdims', 1)], name: 'mean' },
    { opType: 'Mul', input: ['mean4', 'zero'], output: ['zero4'], name: 'times_zero' },
  ];
  const initializer = [tensor('zero', [], new Float32Array([0]))];
  const ranks = new Set<number>();
  for (const o of cfg.outputs) {
    const rank = o.dims.length + 1;
    if (rank < 2 || rank > 4) throw new Error(`output rank ${rank} not supported`);
    const n = o.dims.reduce((a, b) => a * b, 1);
    if (o.data.length !== n) throw new Error(`${o.name}: ${o.data.length} values for dims [${o.dims.join(', ')}]`);
    if (rank < 4 && !ranks.has(rank)) {
      // [N, 1, 1, 1] -> [N, 1, 1] (rank 3) or [N, 1] (rank 2).
      nodes.push({ opType: 'Squeeze', input: ['zero4'], output: [`zero${rank}`], attribute: [ints('axes', rank === 3 ? [3] : [2, 3])], name: `squeeze${rank}` });
    }
    ranks.add(rank);
    initializer.push(tensor(`${o.name}_const`, [1, ...o.dims], o.data));
    nodes.push({ opType: 'Add', input: [`${o.name}_const`, `zero${rank}`], output: [o.name], name: `${o.name}_add` });
  }
  const model: onnxProto.onnx.IModelProto = {
    irVersion: 6,
    producerName: 'posekit-tests',
    opsetImport: [{ domain: '', version: 11 }],
    graph: {
      name: 'const_model',
      node: nodes,
      initializer,
      input: [valueInfo(cfg.inputName, [cfg.batch, 3, cfg.height, cfg.width])],
      output: cfg.outputs.map((o) => valueInfo(o.name, [cfg.batch, ...o.dims])),
    },
  };
  return onnx.ModelProto.encode(onnx.ModelProto.create(model)).finish();
}

/** Add a 2-D Gaussian `peak · exp(−((x−cx)² + (y−cy)²) / (2σ²))` into plane `c` of a CHW map. */
export function addGaussian(map: Float32Array, c: number, h: number, w: number, cx: number, cy: number, sigma: number, peak = 1): void {
  const base = c * h * w;
  const r = Math.ceil(4 * sigma);
  for (let y = Math.max(0, Math.floor(cy - r)); y <= Math.min(h - 1, Math.ceil(cy + r)); y++) {
    for (let x = Math.max(0, Math.floor(cx - r)); x <= Math.min(w - 1, Math.ceil(cx + r)); x++) {
      const v = peak * Math.exp(-((x - cx) ** 2 + (y - cy) ** 2) / (2 * sigma * sigma));
      const i = base + y * w + x;
      map[i] = Math.max(map[i]!, v);
    }
  }
}

/**
 * Paint a limb from `a` to `b` (map cells): every cell within `width` of the segment gets `fn(ux, uy, d)` where
 * `(ux, uy)` is the unit vector a->b and `d` the distance to the segment.
 */
export function paintLimb(h: number, w: number, a: [number, number], b: [number, number], width: number, paint: (i: number, ux: number, uy: number, d: number) => void): void {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len = Math.hypot(dx, dy);
  if (len === 0) return;
  const ux = dx / len;
  const uy = dy / len;
  const x0 = Math.max(0, Math.floor(Math.min(a[0], b[0]) - width));
  const x1 = Math.min(w - 1, Math.ceil(Math.max(a[0], b[0]) + width));
  const y0 = Math.max(0, Math.floor(Math.min(a[1], b[1]) - width));
  const y1 = Math.min(h - 1, Math.ceil(Math.max(a[1], b[1]) + width));
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      const px = x - a[0];
      const py = y - a[1];
      const t = px * ux + py * uy;
      if (t < -width || t > len + width) continue;
      const tc = Math.min(len, Math.max(0, t));
      const d = Math.hypot(px - tc * ux, py - tc * uy);
      if (d <= width) paint(y * w + x, ux, uy, d);
    }
  }
}
