/**
 * Test helpers for nms/: reading the shared fixtures (plain `{dtype, shape, data}` tensors) and seeded
 * synthetic scenes of people with jittered duplicate candidates.
 */
import { readFileSync } from 'node:fs';
import { sharedPath } from '../../../../test-support/shared.js';
import { mulberry32 } from '../../../../test-support/random.js';

/** A fixture tensor or nested number array, flattened; `float32` tensors as Float32Array. */
export function arr(v: unknown): Float32Array | Float64Array {
  const t = v as { dtype?: string; data?: unknown };
  const flat: number[] = [];
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) for (const y of x) walk(y);
    else flat.push(x === 'NaN' ? NaN : x === 'Infinity' ? Infinity : x === '-Infinity' ? -Infinity : (x as number));
  };
  walk(t && typeof t === 'object' && 'data' in t ? t.data : v);
  return t && typeof t === 'object' && t.dtype === 'float32' ? Float32Array.from(flat) : Float64Array.from(flat);
}

/** Parse `../shared/fixtures/<rel>`. */
export function fixture(rel: string): Record<string, any> {
  return JSON.parse(readFileSync(sharedPath(`fixtures/${rel}`), 'utf8')) as Record<string, any>;
}

/** Candidates of `people` people × `dups` jittered copies with K keypoints on a w×h canvas. */
export function scene(seed: number, people: number, dups: number, k: number, w: number, h: number, jitter = 3) {
  const rand = mulberry32(seed);
  const n = people * dups;
  const boxes = new Float32Array(n * 4);
  const boxScores = new Float32Array(n);
  const poses = new Float32Array(n * k * 2);
  const scores = new Float32Array(n * k);
  const template = Array.from({ length: k }, () => [rand() - 0.5, rand()] as const);
  let i = 0;
  for (let p = 0; p < people; p++) {
    const ph = h * (0.15 + 0.4 * rand());
    const cx = w * rand();
    const top = (h - ph) * rand();
    for (let d = 0; d < dups; d++, i++) {
      const jit = jitter * (0.3 + rand());
      let x0 = Infinity;
      let y0 = Infinity;
      let x1 = -Infinity;
      let y1 = -Infinity;
      for (let kk = 0; kk < k; kk++) {
        const x = cx + template[kk]![0] * ph * 0.5 + (rand() - 0.5) * 2 * jit;
        const y = top + template[kk]![1] * ph + (rand() - 0.5) * 2 * jit;
        poses[(i * k + kk) * 2] = x;
        poses[(i * k + kk) * 2 + 1] = y;
        scores[i * k + kk] = rand() < 0.05 ? 0 : rand();
        x0 = Math.min(x0, x);
        y0 = Math.min(y0, y);
        x1 = Math.max(x1, x);
        y1 = Math.max(y1, y);
      }
      boxes.set([x0 - 5, y0 - 5, x1 + 5, y1 + 5], i * 4);
      boxScores[i] = rand();
    }
  }
  return { n, k, boxes, boxScores, poses, scores };
}
