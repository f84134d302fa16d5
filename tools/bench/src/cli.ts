/**
 * `pnpm bench <suite> [--json] [suite flags]`: benchmark programs (not timed tests). Prints a table of medians
 * with the reference implementations' timings beside them; `--json` prints one JSON object per case.
 */
import { cpus, totalmem } from 'node:os';
import type { BenchResult, SuiteContext } from './harness.js';
import { suites } from './suites/index.js';

const argv = process.argv.slice(2).filter((a) => a !== '--');
const name = argv[0];
if (!name || name === '--help' || name === '-h' || !(name in suites)) {
  console.error(`usage: pnpm bench <suite> [--json]\nsuites: ${Object.keys(suites).join(', ')}`);
  process.exit(name && name !== '--help' && name !== '-h' ? 2 : 0);
}
const args = argv.slice(1);
const json = args.includes('--json');
const cpu = cpus()[0]?.model ?? 'unknown CPU';
const machine = `${cpus().length} x ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;

const fmt = (x: number | undefined): string => (x === undefined ? '' : x < 1 ? x.toFixed(4) : x.toFixed(2));
let header = false;
const ctx: SuiteContext = {
  args,
  json,
  flag(f: string): string | undefined {
    const i = args.indexOf(`--${f}`);
    return i >= 0 ? args[i + 1] : undefined;
  },
  report(r: BenchResult): void {
    if (json) {
      console.log(JSON.stringify(r));
      return;
    }
    if (!header) {
      console.log(`${'case'.padEnd(36)} ${'median ms'.padStart(10)} ${'min ms'.padStart(10)} ${'runs'.padStart(6)} ${'ref median ms'.padStart(14)} ${'speed-up'.padStart(9)}`);
      header = true;
    }
    const sp = r.speedup === undefined ? '' : `${r.speedup}x`;
    console.log(`${r.name.padEnd(36)} ${fmt(r.median_ms).padStart(10)} ${fmt(r.min_ms).padStart(10)} ${String(r.runs).padStart(6)} ${fmt(r.reference_median_ms).padStart(14)} ${sp.padStart(9)}`);
  },
  note(text: string): void {
    if (json) console.error(text);
    else console.log(text);
  },
};

const suite = await suites[name]!();
ctx.note(`# bench ${name}: ${suite.description}\n# machine: ${machine}`);
await suite.run(ctx);
