/**
 * Map helpers shared by the grouping tests (packages/core/test/group) and `pnpm bench group`: reading a
 * fixture tensor into a typed array, and area-averaging maps down to a network's stride-sized output.
 */

/** A fixture tensor: dense (`data`, nested lists) or the sparse `runs` form (`[start, length, ...]` + `value`). */
export interface FixtureTensorJson {
  shape: number[];
  format?: string;
  runs?: number[];
  value?: unknown[];
  data?: unknown[];
}

/**
 * Decode a fixture tensor into a new typed array of the given kind (values stored with that array's rounding).
 *
 * @param v - the fixture tensor
 * @param Ctor - `Float64Array` (exact) or `Float32Array` (what a model would output)
 * @returns `{ data, dims }`, dims a copy of the shape
 */
export function fixtureMaps<T extends Float32Array | Float64Array>(v: FixtureTensorJson, Ctor: new (n: number) => T): { data: T; dims: number[] } {
  const n = v.shape.reduce((a, b) => a * b, 1);
  const out = new Ctor(n);
  if (v.format === 'runs') {
    const runs = v.runs ?? [];
    const values = (v.value ?? []).flat(Infinity as 1) as number[];
    let k = 0;
    for (let r = 0; r < runs.length; r += 2) for (let i = 0; i < runs[r + 1]!; i++) out[runs[r]! + i] = values[k++]!;
  } else {
    const values = (v.data ?? []).flat(Infinity as 1) as number[];
    for (let i = 0; i < n; i++) out[i] = values[i]!;
  }
  return { data: out, dims: v.shape.slice() };
}

/**
 * Area-average downsampling of `[C, H, W]` maps by an integer factor `s` (float64 sums, stored as float32):
 * a stand-in for a network's stride-sized output.
 *
 * @param t - the maps
 * @param s - the factor (output is `[C, floor(H / s), floor(W / s)]`)
 * @returns new float32 maps
 */
export function areaDown(t: { data: ArrayLike<number>; dims: readonly number[] }, s: number): { data: Float32Array; dims: number[] } {
  const [C, H, W] = t.dims as [number, number, number];
  const h = Math.floor(H / s);
  const w = Math.floor(W / s);
  const out = new Float32Array(C * h * w);
  for (let c = 0; c < C; c++)
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) {
        let a = 0;
        for (let i = 0; i < s; i++) for (let j = 0; j < s; j++) a += t.data[c * H * W + (y * s + i) * W + x * s + j]!;
        out[c * h * w + y * w + x] = a / (s * s);
      }
  return { data: out, dims: [C, h, w] };
}
