/**
 * Leak check: N consecutive top-down runs (RTMDet-nano + SimplePose on a real image) must not grow the
 * process's resident memory by more than a limit after warm-up. Prints one JSON line; exit code 1 on failure.
 *
 *   tsx --conditions=@posekit/source packages/runtime-node/scripts/leak-check.ts [--runs 1000] [--limit-mb 20]
 *       [--image <jpg>] [--warmup 50]
 *
 * Run with `node --expose-gc` (tsx passes it through) to collect garbage before each reading; without it the
 * readings include whatever garbage is pending, which only makes the check stricter.
 */
import { resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { createNodeTopDown, loadImage } from '../src/index.js';

function flag(name: string, dflt: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : dflt;
}

const shared = process.env['POSEKIT_SHARED'] ? resolve(process.env['POSEKIT_SHARED']) : resolve(import.meta.dirname, '..', '..', '..', '..', 'shared');
const runs = Number(flag('runs', '1000'));
const warmup = Number(flag('warmup', '50'));
const limitMb = Number(flag('limit-mb', '20'));
const imagePath = flag('image', resolve(shared, 'data/mmpose-tests/coco/000000000785.jpg'));
const detector = resolve(shared, 'models/rtmdet-nano_person_end2end.onnx');
const pose = resolve(shared, 'models/ultralight-nano-simplepose_256x192.onnx');
for (const p of [imagePath, detector, pose]) {
  if (!existsSync(p)) {
    console.error(`leak-check: missing ${p} (set POSEKIT_SHARED)`);
    process.exit(2);
  }
}

const gc = (globalThis as { gc?: () => void }).gc;
const rssMb = (): number => {
  gc?.();
  return process.memoryUsage().rss / 2 ** 20;
};

const est = await createNodeTopDown({ detector, pose, device: 'cpu', session: { intraOpNumThreads: 2 } });
const image = await loadImage(imagePath);
let people = 0;
for (let i = 0; i < warmup; i++) people = (await est.estimate(image)).poses.length;
const before = rssMb();
const samples: number[] = [];
const t0 = performance.now();
for (let i = 0; i < runs; i++) {
  const r = await est.estimate(image);
  if (r.poses.length !== people) throw new Error(`run ${i}: ${r.poses.length} poses, expected ${people}`);
  if ((i + 1) % Math.max(1, Math.floor(runs / 10)) === 0) samples.push(Math.round(rssMb() * 10) / 10);
}
const seconds = (performance.now() - t0) / 1000;
const after = rssMb();
await est.dispose();
const growth = after - before;
const ok = growth <= limitMb;
console.log(
  JSON.stringify({ ok, runs, warmup, people, rss_before_mb: Math.round(before * 10) / 10, rss_after_mb: Math.round(after * 10) / 10, growth_mb: Math.round(growth * 10) / 10, limit_mb: limitMb, samples_mb: samples, gc: gc !== undefined, seconds: Math.round(seconds * 10) / 10 }),
);
process.exit(ok ? 0 : 1);
