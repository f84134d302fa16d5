/**
 * `pnpm conformance <dir|file> [...]`: run every posekit-fixture/1 file found, print one line per file and
 * end with `N passed, N failed`. Exit code 1 if any failed (or none was found).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { formatResult, listFixtureFiles, runFixtureFile } from './runner.js';

const args = process.argv.slice(2).filter((a) => a !== '--');
if (args.length === 0) {
  console.error('usage: pnpm conformance <fixture dir or file> [...]   (e.g. pnpm conformance ../shared/fixtures)');
  process.exit(2);
}
let passed = 0;
let failed = 0;
for (const a of args) {
  const dir = resolve(process.env['INIT_CWD'] ?? process.cwd(), a);
  if (!existsSync(dir)) {
    console.error(`conformance: no such file or folder: ${dir}`);
    process.exit(2);
  }
  const files = listFixtureFiles(dir);
  const base = files.length === 1 && files[0] === dir ? resolve(dir, '..') : dir;
  for (const f of files) {
    const r = runFixtureFile(f);
    if (r.pass) passed++;
    else failed++;
    console.log(formatResult(r, base));
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
