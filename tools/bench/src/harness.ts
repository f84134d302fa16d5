/**
 * Benchmark harness: warm up, time many runs, report median / min / IQR, and compare with the reference
 * implementations' timings from ../shared/spec/*-baselines.json.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One benchmark case's result. `--json` prints exactly this object, one per line. */
export interface BenchResult {
  /** Case name, e.g. `dark_N20`. */
  name: string;
  /** Median time of one run, milliseconds. */
  median_ms: number;
  /** Fastest run, milliseconds. */
  min_ms: number;
  /** Number of timed runs. */
  runs: number;
  /** 25th and 75th percentiles, milliseconds. */
  p25_ms?: number;
  p75_ms?: number;
  /** Reference implementation's median for the same work, milliseconds, when known. */
  reference_median_ms?: number;
  /** What the reference is (e.g. `MMPose DARK (numpy/OpenCV)`). */
  reference?: string;
  /** reference_median_ms / median_ms. */
  speedup?: number;
  /** Anything else worth reporting (sizes, counts, memory). */
  [extra: string]: unknown;
}

/** Options for {@link measure}. */
export interface MeasureOptions {
  /** Untimed runs first (default 5). */
  warmup?: number;
  /** Minimum number of timed runs (default 20). */
  minRuns?: number;
  /** Keep running until this much time was spent, ms (default 500). */
  minTimeMs?: number;
  /** Hard cap on timed runs (default 10000). */
  maxRuns?: number;
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/**
 * Time `fn` (synchronous or async). Each run is timed on its own with `performance.now()`.
 */
export async function measure(name: string, fn: () => unknown, opts: MeasureOptions = {}): Promise<BenchResult> {
  const warmup = opts.warmup ?? 5;
  const minRuns = opts.minRuns ?? 20;
  const minTime = opts.minTimeMs ?? 500;
  const maxRuns = opts.maxRuns ?? 10000;
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  const start = performance.now();
  while (times.length < maxRuns && (times.length < minRuns || performance.now() - start < minTime)) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const r3 = (x: number): number => Math.round(x * 1e4) / 1e4;
  return {
    name,
    median_ms: r3(quantile(times, 0.5)),
    min_ms: r3(times[0]!),
    runs: times.length,
    p25_ms: r3(quantile(times, 0.25)),
    p75_ms: r3(quantile(times, 0.75)),
  };
}

/** Attach a reference timing and the speed-up to a result. */
export function withReference(r: BenchResult, referenceMedianMs: number | undefined, reference: string): BenchResult {
  if (referenceMedianMs === undefined) return r;
  return { ...r, reference, reference_median_ms: referenceMedianMs, speedup: Math.round((referenceMedianMs / r.median_ms) * 10) / 10 };
}

/** Repository root. */
export const repoRoot: string = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** The shared folder (`$POSEKIT_SHARED` or `<repo>/../shared`). */
export const sharedDir: string = process.env['POSEKIT_SHARED'] ? resolve(process.env['POSEKIT_SHARED']) : resolve(repoRoot, '..', 'shared');

/** Read `../shared/spec/<file>` as JSON, or undefined when it is not there. */
export function readBaselines(file: string): Record<string, unknown> | undefined {
  const p = resolve(sharedDir, 'spec', file);
  if (!existsSync(p)) return undefined;
  return JSON.parse(readFileSync(p, 'utf8')) as Record<string, unknown>;
}

/** Median (ms) of `results[key]` in reference-baselines.json, if present. */
export function referenceMedian(key: string): number | undefined {
  const b = readBaselines('reference-baselines.json') as { results?: Record<string, { median_ms?: number }> } | undefined;
  return b?.results?.[key]?.median_ms;
}

/** Command-line context handed to a suite. */
export interface SuiteContext {
  /** Arguments after the suite name (flags included). */
  args: string[];
  /** Whether `--json` was given. */
  json: boolean;
  /** Value of `--name value` style flags. */
  flag(name: string): string | undefined;
  /** Report one result (printed as a table row, or as one JSON line with --json). */
  report(r: BenchResult): void;
  /** Print a note (to stderr with --json so stdout stays JSON lines). */
  note(text: string): void;
}

/** A benchmark suite: `pnpm bench <name>`. */
export interface Suite {
  /** One-line description for `pnpm bench --help`. */
  description: string;
  /** Run every case, reporting each through `ctx.report`. */
  run(ctx: SuiteContext): Promise<void>;
}
