import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeWithShared, repoRoot, sharedPath } from '../../../../test-support/shared.js';
import { commands, main, type CliIo } from '../../src/cli/main.js';

const dir = mkdtempSync(join(tmpdir(), 'posekit-cli-'));
const write = (name: string, content: string): string => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};

function io(): CliIo & { out: string; err: string } {
  const r = { out: '', err: '', stdout: (t: string) => void (r.out += t), stderr: (t: string) => void (r.err += t), stderrIsTTY: false };
  return r;
}

const kps = (x: number, y: number): number[] => Array.from({ length: 17 }, (_v, i) => [x + (i % 4) * 10, y + Math.floor(i / 4) * 20, 2]).flat();
const gt = {
  images: [{ id: 1 }, { id: 2 }],
  categories: [{ id: 1, name: 'person', keypoints: Array.from({ length: 17 }, (_v, i) => `k${i}`) }],
  annotations: [
    { id: 1, image_id: 1, category_id: 1, iscrowd: 0, num_keypoints: 17, keypoints: kps(100, 100), area: 6000, bbox: [95, 95, 50, 110] },
    { id: 2, image_id: 2, category_id: 1, iscrowd: 0, num_keypoints: 17, keypoints: kps(300, 50), area: 12000, bbox: [295, 45, 50, 110] },
  ],
};
const dts = [
  { image_id: 1, category_id: 1, keypoints: kps(101, 100), score: 0.9 },
  { image_id: 2, category_id: 1, keypoints: kps(400, 300), score: 0.8 },
];
const gtPath = write('gt.json', JSON.stringify(gt));
const dtPath = write('dt.json', JSON.stringify(dts));

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('posekit eval (main(argv, io))', () => {
  it('prints the pycocotools summary table and per-keypoint AP', async () => {
    const o = io();
    expect(await main(['eval', gtPath, dtPath], o)).toBe(0);
    const lines = o.out.split('\n');
    expect(lines[0]).toMatch(/^ Average Precision {2}\(AP\) @\[ IoU=0\.50:0\.95 \| area= {3}all \| maxDets= 20 \] = \d\.\d{3}$/);
    expect(lines[9]).toMatch(/^ Average Recall {5}\(AR\) @\[ IoU=0\.50:0\.95 \| area= large \| maxDets= 20 \] = /);
    expect(o.out).toContain('per-keypoint AP');
    expect(o.out).toContain('  k0 ');
    expect(o.err).toBe('');
  });

  it('--json prints one JSON object with stats, stats_names, per-keypoint AP and timings', async () => {
    const o = io();
    expect(await main(['eval', gtPath, dtPath, '--json'], o)).toBe(0);
    const j = JSON.parse(o.out) as { stats: number[]; stats_names: string[]; per_keypoint: { names: string[]; ap: number[] }; timings: Record<string, number> };
    expect(j.stats).toHaveLength(10);
    expect(j.stats_names).toEqual(['AP', 'AP .5', 'AP .75', 'AP (M)', 'AP (L)', 'AR', 'AR .5', 'AR .75', 'AR (M)', 'AR (L)']);
    expect(j.stats[6]).toBe(0.5); // one of two persons found at OKS .5
    expect(j.per_keypoint.ap).toHaveLength(17);
    expect(j.timings['evaluate_ms']).toBeGreaterThanOrEqual(0);
    expect(o.out.trim().split('\n')).toHaveLength(1);
  });

  it('--sigmas accepts a layout name or a JSON file; --no-per-keypoint and --pr-svg', async () => {
    const o = io();
    const sig = write('sigmas.json', JSON.stringify({ sigmas: new Array(17).fill(0.05) }));
    const svg = join(dir, 'pr.svg');
    expect(await main(['eval', gtPath, dtPath, '--sigmas', sig, '--json', '--no-per-keypoint', '--pr-svg', svg], o)).toBe(0);
    const j = JSON.parse(o.out) as { per_keypoint?: unknown; sigmas: string };
    expect(j.per_keypoint).toBeUndefined();
    expect(j.sigmas).toBe(sig);
    expect(readFileSync(svg, 'utf8')).toContain('<svg');
    const o2 = io();
    expect(await main(['eval', gtPath, dtPath, '--sigmas', 'coco17', '--json'], o2)).toBe(0);
  });

  it('--progress writes stage lines to stderr, stdout stays clean', async () => {
    const o = io();
    expect(await main(['eval', gtPath, dtPath, '--json', '--progress'], o)).toBe(0);
    expect(o.err).toContain('posekit eval: reading');
    expect(o.err).toContain('per-keypoint AP 17/17');
    expect(() => JSON.parse(o.out)).not.toThrow();
  });

  const bad: [string, string[], string, number][] = [
    ['a missing file', ['eval', join(dir, 'nope.json'), dtPath], 'E_FILE_NOT_FOUND', 1],
    ['malformed JSON', ['eval', write('broken.json', '{"images": ['), dtPath], 'E_PARSE', 1],
    ['a missing field', ['eval', write('nofield.json', JSON.stringify({ ...gt, annotations: [{ ...gt.annotations[0], area: undefined }] })), dtPath], 'E_FIELD', 1],
    ['results for an unknown image', ['eval', gtPath, write('unknown.json', JSON.stringify([{ ...dts[0], image_id: 7 }]))], 'E_UNKNOWN_ID', 1],
    ['short keypoint arrays', ['eval', gtPath, write('short.json', JSON.stringify([{ ...dts[0], keypoints: [1, 2, 3] }]))], 'E_LAYOUT_MISMATCH', 1],
    ['an unknown sigma layout', ['eval', gtPath, dtPath, '--sigmas', 'no_such_layout'], 'E_UNKNOWN_LAYOUT', 1],
    ['sigmas of the wrong count', ['eval', gtPath, dtPath, '--sigmas', write('s5.json', '[0.1, 0.1, 0.1, 0.1, 0.1]')], 'E_LAYOUT_MISMATCH', 1],
    ['an unknown flag', ['eval', gtPath, dtPath, '--bogus'], 'Unknown option', 2],
    ['a missing argument', ['eval', gtPath], 'expected 2 arguments', 2],
  ];
  for (const [what, argv, needle, code] of bad) {
    it(`${what}: one clear line on stderr, exit ${code}, no stack trace`, async () => {
      const o = io();
      expect(await main(argv, o)).toBe(code);
      expect(o.err).toContain(needle);
      expect(o.err.split('\n')[0]).toMatch(/^posekit eval: /);
      expect(o.err).not.toMatch(/\n\s+at /);
      expect(o.out).toBe('');
      if (code === 1) expect(o.err.trim().split('\n')).toHaveLength(1);
    });
  }

  it('dispatch: unknown command and help', async () => {
    const o = io();
    expect(await main(['nope'], o)).toBe(2);
    expect(o.err).toContain('unknown command');
    const h = io();
    expect(await main(['--help'], h)).toBe(0);
    expect(h.out).toContain('eval');
    expect(Object.keys(commands)).toContain('eval');
    const eh = io();
    expect(await main(['eval', '--help'], eh)).toBe(0);
    expect(eh.out).toContain('--sigmas');
  });
});

describe('posekit eval as a process', () => {
  const cli = resolve(repoRoot, 'packages/runtime-node/src/cli/main.ts');
  const run = (args: string[]) => spawnSync(process.execPath, ['--conditions=@posekit/source', '--import', 'tsx', cli, ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 });
  it('exits 0 with the table on stdout', () => {
    const r = run(['eval', gtPath, dtPath, '--no-per-keypoint']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Average Precision  (AP) @[ IoU=0.50:0.95 | area=   all | maxDets= 20 ]');
  });
  it('exits 1 on bad input with one line on stderr', () => {
    const r = run(['eval', gtPath, join(dir, 'missing.json')]);
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('E_FILE_NOT_FOUND');
  });
});

describeWithShared('posekit eval on a golden fixture', ['fixtures/cocoeval/coco_mix_40.json'], () => {
  it('reproduces pycocotools stats bit for bit', async () => {
    const fx = JSON.parse(readFileSync(sharedPath('fixtures/cocoeval/coco_mix_40.json'), 'utf8')) as { inputs: { gt: unknown; dt: unknown }; expected: { stats: number[] } };
    const g = write('mix_gt.json', JSON.stringify(fx.inputs.gt));
    const d = write('mix_dt.json', JSON.stringify(fx.inputs.dt));
    const o = io();
    expect(await main(['eval', g, d, '--json', '--no-per-keypoint'], o)).toBe(0);
    expect((JSON.parse(o.out) as { stats: number[] }).stats).toEqual(fx.expected.stats);
  });
});
