/**
 * The vitest face of the conformance runner: every file under ../shared/fixtures, through the same code as
 * `pnpm conformance`. None may be skipped.
 */
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { expect, it } from 'vitest';
import { describeWithShared, sharedPath } from '../../../test-support/shared.js';
import { formatResult, listFixtureFiles, runFixtureFile } from '../src/runner.js';

const root = sharedPath('fixtures');

describeWithShared('golden fixtures', ['fixtures'], () => {
  const files = existsSync(root) ? listFixtureFiles(root) : [];
  it('finds fixture files', () => {
    expect(files.length).toBeGreaterThan(0);
  });
  for (const f of files) {
    it(relative(root, f), () => {
      const r = runFixtureFile(f);
      expect(r.pass, formatResult(r, root)).toBe(true);
    });
  }
});
