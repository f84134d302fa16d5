/**
 * Input checks shared by the groupings: map tensors `[C, H, W]` / `[1, C, H, W]`, matching sizes, options.
 * @internal
 * @module
 */
import { PosekitError, describeValue } from '../errors.js';

/** A validated map stack. @internal */
export interface Maps {
  data: Float32Array | Float64Array;
  channels: number;
  height: number;
  width: number;
}

/**
 * Check a map tensor and return its data with C, H, W. Zero-sized H or W is allowed (an empty image gives an
 * empty result); fewer than `minChannels` channels is an error.
 * @internal
 */
export function checkMaps(fn: string, name: string, t: unknown, minChannels: number): Maps {
  if (typeof t !== 'object' || t === null || !('data' in t) || !('dims' in t)) {
    throw new PosekitError('E_ARGUMENT', `${fn}: ${name} must be a tensor {data, dims} of shape [C, H, W]; received ${describeValue(t)}`, {
      expected: 'tensor [C, H, W]',
      received: describeValue(t),
    });
  }
  const { data, dims } = t as { data: unknown; dims: unknown };
  if (!(data instanceof Float32Array) && !(data instanceof Float64Array)) {
    throw new PosekitError('E_DTYPE', `${fn}: ${name} must hold Float32Array (or Float64Array) data; received ${describeValue(data)}`, {
      expected: 'Float32Array | Float64Array',
      received: describeValue(data),
    });
  }
  if (!Array.isArray(dims) && !ArrayBuffer.isView(dims)) {
    throw new PosekitError('E_ARGUMENT', `${fn}: ${name}.dims must be an array; received ${describeValue(dims)}`);
  }
  const d = Array.from(dims as ArrayLike<number>, Number);
  if (d.length !== 3 && d.length !== 4) {
    throw new PosekitError('E_RANK', `${fn}: ${name} must have rank 3 [C, H, W] or 4 [1, C, H, W]; received rank ${d.length} [${d.join(', ')}]`, {
      expected: '[C, H, W] or [1, C, H, W]',
      received: d,
    });
  }
  for (const v of d) {
    if (!Number.isInteger(v) || v < 0) {
      throw new PosekitError('E_SHAPE', `${fn}: ${name} has an invalid dimension ${v} in [${d.join(', ')}]`, {
        expected: 'non-negative integers',
        received: d,
      });
    }
  }
  if (d.length === 4 && d[0] !== 1) {
    throw new PosekitError('E_SHAPE', `${fn}: ${name} must hold one image (N = 1) of [N, C, H, W]; received N = ${d[0]} in [${d.join(', ')}]`, {
      expected: 'N = 1',
      received: d,
    });
  }
  const [channels, height, width] = d.slice(-3) as [number, number, number];
  const n = channels * height * width;
  if (data.length !== n) {
    throw new PosekitError('E_SHAPE', `${fn}: ${name} has ${data.length} elements but dims [${d.join(', ')}] need ${n}`, {
      expected: n,
      received: data.length,
    });
  }
  if (channels < minChannels) {
    throw new PosekitError('E_SHAPE', `${fn}: ${name} needs at least ${minChannels} channels; received ${channels} in [${d.join(', ')}]`, {
      expected: `C >= ${minChannels}`,
      received: d,
    });
  }
  return { data, channels, height, width };
}

/** Heatmaps and PAF/limb maps must share H and W. @internal */
export function checkSameSize(fn: string, a: Maps, aName: string, b: Maps, bName: string): void {
  if (a.height !== b.height || a.width !== b.width) {
    throw new PosekitError(
      'E_SHAPE',
      `${fn}: ${aName} and ${bName} must have the same H x W; received ${a.height} x ${a.width} and ${b.height} x ${b.width}`,
      { expected: `${bName} ${a.height} x ${a.width}`, received: `${b.height} x ${b.width}` },
    );
  }
}

/** A finite number option within [min, max]. @internal */
export function checkNumber(fn: string, name: string, v: unknown, min = -Infinity, max = Infinity): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    throw new PosekitError('E_ARGUMENT', `${fn}: option ${name} must be a finite number; received ${describeValue(v)}`, {
      field: name,
      received: describeValue(v),
    });
  }
  if (v < min || v > max) {
    throw new PosekitError('E_RANGE', `${fn}: option ${name} must be in [${min}, ${max}]; received ${v}`, {
      field: name,
      expected: `[${min}, ${max}]`,
      received: v,
    });
  }
  return v;
}

/** An integer option within [min, max]. @internal */
export function checkInt(fn: string, name: string, v: unknown, min: number, max = Infinity): number {
  const n = checkNumber(fn, name, v, min, max);
  if (!Number.isInteger(n)) {
    throw new PosekitError('E_RANGE', `${fn}: option ${name} must be an integer; received ${n}`, { field: name, received: n });
  }
  return n;
}

/**
 * A limb or channel table: pairs of integers in [lo, hi].
 * @internal
 */
export function checkPairs(fn: string, name: string, v: unknown, lo: number, hi: number): [number, number][] {
  if (!Array.isArray(v) || v.length === 0) {
    throw new PosekitError('E_ARGUMENT', `${fn}: option ${name} must be a non-empty array of [a, b] pairs; received ${describeValue(v)}`, { field: name });
  }
  return v.map((p, k) => {
    if (!Array.isArray(p) || p.length !== 2 || !p.every((x) => Number.isInteger(x) && x >= lo && x <= hi)) {
      throw new PosekitError('E_RANGE', `${fn}: ${name}[${k}] must be a pair of integers in [${lo}, ${hi}]; received ${JSON.stringify(p)}`, {
        field: name,
        item: k,
        expected: `[a, b] with ${lo} <= a, b <= ${hi}`,
        received: p,
      });
    }
    return [p[0] as number, p[1] as number];
  });
}

/** Throw E_NONFINITE for a non-finite map value at (channel, y, x). @internal */
export function nonFinite(fn: string, name: string, c: number, y: number, x: number, v: number): never {
  throw new PosekitError('E_NONFINITE', `${fn}: ${name} must be finite; received ${v} at channel ${c}, row ${y}, column ${x}`, {
    expected: 'finite values',
    received: v,
    item: `${c},${y},${x}`,
  });
}
