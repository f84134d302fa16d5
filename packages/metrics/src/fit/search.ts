/**
 * Seeded, deterministic derivative-free search over a box of parameters (internal): random samples, then a
 * coordinate (pattern) search with halving steps. Scale parameters are searched on a log scale.
 * @internal
 * @module
 */

/** One searched dimension. @internal */
export interface SearchDim {
  name: string;
  lo: number;
  hi: number;
  /** Search log(x) instead of x (positive scale parameters). */
  log: boolean;
}

/**
 * mulberry32: a small seeded PRNG (uniform in [0, 1)). A private copy of test-support/random.ts: library code
 * must not import test helpers, and core has no business exporting a PRNG just for the fitter's random
 * restarts. test/fit/search.test.ts checks that both copies give the same sequence. @internal
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const toU = (d: SearchDim, x: number): number => (d.log ? Math.log(x) : x);
const fromU = (d: SearchDim, u: number): number => (d.log ? Math.exp(u) : u);

/** Options of {@link coordinateSearch}. @internal */
export interface SearchOptions {
  seed: number;
  randomSamples: number;
  rounds: number;
  maxEvaluations: number;
}

/**
 * Maximise `objective` over the box `dims`, starting from `start` (already evaluated as `startValue`).
 * Strict improvements only, fixed visiting order: the result depends on the seed alone.
 * @internal
 */
export function coordinateSearch(
  dims: readonly SearchDim[],
  start: readonly number[],
  startValue: number,
  objective: (x: readonly number[]) => number,
  opts: SearchOptions,
  budgetLeft: () => number,
): { x: number[]; value: number } {
  const rand = mulberry32(opts.seed);
  let best = start.slice();
  let bestValue = startValue;
  const clampU = (d: SearchDim, u: number): number => Math.min(toU(d, d.hi), Math.max(toU(d, d.lo), u));
  for (let s = 0; s < opts.randomSamples && budgetLeft() > 0; s++) {
    const x = dims.map((d) => fromU(d, toU(d, d.lo) + rand() * (toU(d, d.hi) - toU(d, d.lo))));
    const v = objective(x);
    if (v > bestValue) {
      best = x;
      bestValue = v;
    }
  }
  const steps = dims.map((d) => (toU(d, d.hi) - toU(d, d.lo)) / 4);
  for (let round = 0; round < opts.rounds && budgetLeft() > 0; round++) {
    for (let i = 0; i < dims.length && budgetLeft() > 0; i++) {
      const d = dims[i]!;
      let improved = true;
      // keep moving along this coordinate while it pays
      while (improved && budgetLeft() > 0) {
        improved = false;
        for (const dir of [1, -1]) {
          if (budgetLeft() <= 0) break;
          const u = clampU(d, toU(d, best[i]!) + dir * steps[i]!);
          const xi = fromU(d, u);
          if (xi === best[i]) continue;
          const x = best.slice();
          x[i] = xi;
          const v = objective(x);
          if (v > bestValue) {
            best = x;
            bestValue = v;
            improved = true;
            break;
          }
        }
      }
    }
    for (let i = 0; i < steps.length; i++) steps[i] = steps[i]! / 2;
  }
  return { x: best, value: bestValue };
}
