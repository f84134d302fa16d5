/**
 * The conformance runner: every `posekit-fixture/1` file in a folder (recursively), one result per file.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Checker, type CheckRecord } from './check.js';
import { readFixture } from './fixture.js';
import { registry } from './registry.js';

/** The outcome of one fixture file. */
export interface FileResult {
  file: string;
  kind: string;
  pass: boolean;
  checks: number;
  worst: CheckRecord | null;
  failures: CheckRecord[];
  error?: string;
  ms: number;
}

/** All `*.json` files below `dir` (or `dir` itself if it is a file), sorted. */
export function listFixtureFiles(dir: string): string[] {
  const st = statSync(dir);
  if (st.isFile()) return [dir];
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      const s = statSync(p);
      if (s.isDirectory()) walk(p);
      else if (name.endsWith('.json')) out.push(p);
    }
  };
  walk(dir);
  return out;
}

/** Run one fixture file. Never throws: parse errors, unknown kinds and exceptions are FAILs. */
export function runFixtureFile(file: string): FileResult {
  const t0 = performance.now();
  const check = new Checker();
  let kind = '?';
  let error: string | undefined;
  try {
    const fx = readFixture(file);
    kind = String(fx.kind ?? '?');
    if (fx.schema !== 'posekit-fixture/1') {
      error = `not a posekit-fixture/1 file (schema ${JSON.stringify(fx.schema)})`;
    } else {
      const handler = registry[kind];
      if (!handler) error = `no handler for kind "${kind}"`;
      else handler(fx, check);
    }
  } catch (e) {
    error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  }
  if (error === undefined && check.count === 0) error = 'no comparison was made';
  const r: FileResult = {
    file,
    kind,
    pass: error === undefined && check.passed,
    checks: check.count,
    worst: check.worst,
    failures: check.failures,
    ms: performance.now() - t0,
  };
  if (error !== undefined) r.error = error;
  return r;
}

/** One printable line for a result: `PASS decode/msra.json  worst 1.2e-6 <= 1e-4 (keypoints_xy[3])`. */
export function formatResult(r: FileResult, base: string): string {
  const rel = relative(base, r.file) || r.file;
  if (r.error !== undefined) return `FAIL ${rel}  ${r.error}`;
  const w = r.worst;
  const worst = w ? `worst ${w.error.toExponential(2)} ${w.pass ? '<=' : '>'} ${w.tolerance} (${w.name})` : '';
  const extra = r.pass ? '' : `  ${r.failures.length} failed: ${r.failures.slice(0, 3).map((f) => `${f.name}: ${f.note ?? f.error}`).join('; ')}`;
  return `${r.pass ? 'PASS' : 'FAIL'} ${rel}  ${r.checks} checks, ${worst}${extra}`;
}
