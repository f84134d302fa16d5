/**
 * Leak test (cf. tfjs-models "estimatePoses does not leak memory"): 1,000 consecutive top-down runs with the real
 * models, in a fresh process (scripts/leak-check.ts) so that the reading is not mixed with other tests' memory.
 * Resident memory may not grow by more than 20 MB after warm-up.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { expect, it } from 'vitest';
import { describeWithShared, repoRoot, sharedDir } from '../../../test-support/shared.js';

const NEEDS = ['models/rtmdet-nano_person_end2end.onnx', 'models/ultralight-nano-simplepose_256x192.onnx', 'data/mmpose-tests/coco/000000000785.jpg'];

describeWithShared('no memory growth over 1,000 top-down runs', NEEDS, () => {
  it('RSS grows by at most 20 MB after warm-up', { timeout: 900_000 }, () => {
    const script = resolve(repoRoot, 'packages/runtime-node/scripts/leak-check.ts');
    const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', '--conditions=@posekit/source', script, '--runs', '1000', '--limit-mb', '20'], {
      cwd: repoRoot,
      env: { ...process.env, POSEKIT_SHARED: sharedDir },
      encoding: 'utf8',
      timeout: 880_000,
    });
    const line = r.stdout.trim().split('\n').at(-1) ?? '';
    expect(r.status, `leak-check failed: ${r.stderr}\n${r.stdout}`).toBe(0);
    const res = JSON.parse(line) as { ok: boolean; runs: number; growth_mb: number; gc: boolean };
    console.info(`leak-check: ${line}`);
    expect(res.runs).toBe(1000);
    expect(res.gc).toBe(true);
    expect(res.growth_mb).toBeLessThanOrEqual(20);
    expect(res.ok).toBe(true);
  });
});
