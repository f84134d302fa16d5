/**
 * Where tests find `../shared` (fixtures, real models, real images), and what they do when it is missing:
 * under `CI=true` a missing file is a failure; elsewhere the test is skipped with a loud warning.
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'vitest';

/** Repository root (the folder holding this repo's package.json). */
export const repoRoot: string = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The shared folder: `$POSEKIT_SHARED`, else `<repo>/../shared`. */
export const sharedDir: string = process.env['POSEKIT_SHARED']
  ? resolve(process.env['POSEKIT_SHARED'])
  : resolve(repoRoot, '..', 'shared');

/** True when running in CI (`CI=true`), where missing shared files fail instead of skipping. */
export const inCI: boolean = process.env['CI'] === 'true' || process.env['CI'] === '1';

/** Absolute path of `rel` inside the shared folder (whether or not it exists). */
export function sharedPath(rel: string): string {
  return resolve(sharedDir, rel);
}

/** The missing ones among `rels` (paths inside the shared folder). */
export function missingShared(rels: readonly string[]): string[] {
  return rels.filter((r) => !existsSync(sharedPath(r)));
}

/**
 * `describe` that needs files from the shared folder. If any is missing: in CI the block fails with a test
 * naming the files; elsewhere it is skipped and a warning names them.
 */
export function describeWithShared(name: string, rels: readonly string[], fn: () => void): void {
  const missing = missingShared(rels);
  if (missing.length === 0) {
    describe(name, fn);
    return;
  }
  const list = missing.map((m) => sharedPath(m)).join(', ');
  if (inCI) {
    describe(name, () => {
      it('has its shared files', () => {
        throw new Error(`missing shared files (CI=true makes this a failure): ${list}`);
      });
    });
  } else {
    console.warn(`\n!!! SKIPPING "${name}": missing shared files: ${list}\n!!! (set POSEKIT_SHARED or put ../shared beside the repo)\n`);
    describe.skip(name, fn);
  }
}
