/**
 * `posekit run`: spawned processes in tmp folders for the good runs (real models on the COCO test images, then
 * `posekit eval` on the output; every test-model family with its family inferred from the outputs) and for the
 * typical failures; `main(argv, io)` in-process for the full list of bad inputs (one line, exit code, no stack).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getLayout } from '@posekit/core';
import { describeWithShared, repoRoot, sharedPath } from '../../../../test-support/shared.js';
import { main, type CliIo } from '../../src/cli/main.js';
import { buildConstModel } from '../support/onnx-builder.js';
import { BODY_PARTS_IMAGE, OPENPOSE_IMAGE, PERSON_BODY_PARTS, bodyPartsModel, openposeModel, simccModel } from '../support/family-models.js';
import { PERSON_COCO17_CROP, PERSON_COCO18 } from '../support/synthetic-person.js';

const dir = mkdtempSync(join(tmpdir(), 'posekit-run-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const p = (...parts: string[]): string => join(dir, ...parts);

const cli = resolve(repoRoot, 'packages/runtime-node/src/cli/main.ts');
function spawnCli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, ['--conditions=@posekit/source', '--import', 'tsx', cli, ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 120_000 });
}

function io(): CliIo & { out: string; err: string } {
  const r = { out: '', err: '', stdout: (t: string) => void (r.out += t), stderr: (t: string) => void (r.err += t), stderrIsTTY: false };
  return r;
}

interface Result {
  image_id: number;
  category_id: number;
  keypoints: number[];
  score: number;
  bbox?: number[];
}
const readResults = (file: string): Result[] => JSON.parse(readFileSync(file, 'utf8')) as Result[];

async function writeImage(file: string, width: number, height: number): Promise<string> {
  await sharp(Buffer.alloc(width * height * 3, 110), { raw: { width, height, channels: 3 } }).png().toFile(file);
  return file;
}

/** A PNG whose header says 0 x 10 pixels. */
function zeroSizePng(file: string): string {
  const b = Buffer.alloc(33);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(b, 0);
  b.writeUInt32BE(13, 8);
  b.write('IHDR', 12, 'latin1');
  b.writeUInt32BE(0, 16);
  b.writeUInt32BE(10, 20);
  b[24] = 8;
  b[25] = 2;
  writeFileSync(file, b);
  return file;
}

const models = { simcc: p('models', 'rtm-simcc.onnx'), paf: p('models', 'openpose.onnx'), parts: p('models', 'ibp.onnx'), corrupt: p('models', 'corrupt.onnx'), det: p('models', 'det.onnx') };
const imgs = { simcc: p('imgs', '000000000042.png'), paf: p('imgs', 'paf-person.png'), parts: p('imgs', 'parts-person.png'), bad: p('bad', '7.jpg'), zero: p('bad', '8.png') };

beforeAll(async () => {
  mkdirSync(p('models'));
  mkdirSync(p('imgs'));
  mkdirSync(p('bad'));
  writeFileSync(models.simcc, simccModel());
  writeFileSync(models.paf, openposeModel({ heatmaps: 'Mconv7_stage6_L2', pafs: 'Mconv7_stage6_L1' }));
  writeFileSync(models.parts, bodyPartsModel());
  writeFileSync(models.corrupt, Buffer.from('this is not an onnx model'));
  // Only its outputs' names matter here (an end2end detector has dets + labels); it is never run.
  writeFileSync(models.det, buildConstModel({ inputName: 'input', height: 320, width: 320, batch: 1, outputs: [{ name: 'dets', dims: [2, 5], data: new Float32Array(10) }, { name: 'labels', dims: [2], data: new Float32Array(2) }] }));
  await writeImage(imgs.simcc, 300, 400);
  await writeImage(imgs.paf, OPENPOSE_IMAGE.width, OPENPOSE_IMAGE.height);
  await writeImage(imgs.parts, BODY_PARTS_IMAGE.width, BODY_PARTS_IMAGE.height);
  writeFileSync(imgs.bad, Buffer.from('not a jpeg at all'));
  zeroSizePng(imgs.zero);
});

const COCO = 'data/mmpose-tests/coco';
const GT = `${COCO}/test_coco.json`;
const DET = 'models/rtmdet-nano_person_end2end.onnx';
const POSE = 'models/ultralight-nano-simplepose_256x192.onnx';
const YOLO = 'models/yolo11n-pose_int8_640.onnx';

describeWithShared('posekit run on the real models, then posekit eval', [GT, DET, POSE, YOLO], () => {
  it('top-down rtmdet-nano + SimplePose over the folder (--image-ids): AP >= 0.60 (reference 0.645), SVGs, progress', () => {
    const out = p('td', 'results.json');
    const r = spawnCli(['run', '--detector', sharedPath(DET), '--model', sharedPath(POSE), '--device', 'auto', sharedPath(COCO), '--image-ids', sharedPath(GT), '--out', out, '--svg', p('td', 'svg'), '--progress', '--threads', '2']);
    expect(r.stderr).not.toMatch(/E_[A-Z]/);
    expect(r.status).toBe(0);
    // The final line: counts and timings.
    expect(r.stdout).toMatch(/^posekit run: 4 images, \d+ poses in [\d.]+ m?s \(.*inference [\d.]+ ms.*\) -> .*results\.json, 4 SVGs in /);
    // The progress bar went to stderr, one line per stage (not a terminal).
    expect(r.stderr).toContain('posekit run: [########################] 4/4');
    const res = readResults(out);
    const gt = JSON.parse(readFileSync(sharedPath(GT), 'utf8')) as { images: { id: number; file_name: string }[] };
    expect(new Set(res.map((x) => x.image_id))).toEqual(new Set(gt.images.map((i) => i.id)));
    for (const x of res) {
      expect(x.category_id).toBe(1);
      expect(x.keypoints).toHaveLength(51);
      expect(x.bbox).toBeUndefined();
      expect(Number.isFinite(x.score)).toBe(true);
    }
    const svgs = readdirSync(p('td', 'svg')).sort();
    expect(svgs).toEqual(gt.images.map((i) => i.file_name.replace(/\.jpg$/, '.svg')).sort());
    const svg = readFileSync(p('td', 'svg', '000000000785.svg'), 'utf8');
    expect(svg).toMatch(/^<svg [^>]*viewBox="0 0 640 425"/);
    // The overlay links the image by a relative href that resolves to the image.
    const href = /<image href="([^"]+)"/.exec(svg)![1]!;
    expect(existsSync(resolve(p('td', 'svg'), decodeURIComponent(href)))).toBe(true);
    expect(svg).toContain('<circle');

    const e = spawnCli(['eval', sharedPath(GT), out, '--json', '--no-per-keypoint']);
    expect(e.status).toBe(0);
    const stats = (JSON.parse(e.stdout) as { stats: number[] }).stats;
    console.info(`posekit run top-down: AP ${stats[0]!.toFixed(4)}`);
    expect(stats[0]).toBeGreaterThanOrEqual(0.6);
  });

  it('one-stage yolo11n-pose, ids from the file names: AP >= 0.45 (reference 0.488); --with-bbox adds bbox', () => {
    const out = p('yolo.json');
    const r = spawnCli(['run', '--model', sharedPath(YOLO), '--device', 'cpu', sharedPath(COCO), '--out', out, '--with-bbox', '--threads', '2']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const res = readResults(out);
    expect(res.every((x) => x.bbox?.length === 4 && x.bbox[2]! > 0 && x.bbox[3]! > 0)).toBe(true);
    // Without bbox (the default) pycocotools' loadRes takes the keypoint branch, as for MMPose results.
    const plain = p('yolo-plain.json');
    writeFileSync(plain, JSON.stringify(res.map(({ bbox: _b, ...rest }) => rest)));
    const e = spawnCli(['eval', sharedPath(GT), plain, '--json', '--no-per-keypoint']);
    expect(e.status).toBe(0);
    const stats = (JSON.parse(e.stdout) as { stats: number[] }).stats;
    console.info(`posekit run one-stage: AP ${stats[0]!.toFixed(4)}`);
    expect(stats[0]).toBeGreaterThanOrEqual(0.45);
  });
});

describe('posekit run on the test models of the other families (family inferred from the outputs)', () => {
  it('SimCC: image_id from the file name (000000000042.png -> 42), keypoints at the rendered person', () => {
    const out = p('simcc.json');
    const r = spawnCli(['run', '--model', models.simcc, imgs.simcc, '--out', out, '--svg', p('simcc-svg'), '--svg-embed', '--device', 'cpu', '--verbose']);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('top-down, spec rtmpose-256x192 (inferred: two rank-3 outputs: SimCC x simcc_x, y simcc_y), on cpu');
    const res = readResults(out);
    expect(res).toHaveLength(1);
    expect(res[0]!.image_id).toBe(42);
    // Whole image 300x400 as the box: centre (150, 200), scale (375, 500).
    PERSON_COCO17_CROP.forEach(([u, v], k) => {
      expect(res[0]!.keypoints[3 * k]!).toBeCloseTo((u / 192) * 375 - 37.5, 2);
      expect(res[0]!.keypoints[3 * k + 1]!).toBeCloseTo((v / 256) * 500 - 50, 2);
    });
    const svg = readFileSync(p('simcc-svg', '000000000042.svg'), 'utf8');
    expect(svg).toContain('href="data:image/png;base64,');
  });

  it('OpenPose PAF and body parts: --image-id-map, 18-part / COCO-17 keypoints within 1 px', () => {
    const map = p('ids.json');
    writeFileSync(map, JSON.stringify({ 'paf-person.png': 1001, [imgs.parts]: 1002 }));
    for (const [model, img, id, person, layout] of [
      [models.paf, imgs.paf, 1001, PERSON_COCO18, 'openpose_coco18'],
      [models.parts, imgs.parts, 1002, PERSON_BODY_PARTS, 'coco17'],
    ] as const) {
      const out = p(`bu-${id}.json`);
      const r = spawnCli(['run', '--model', model, img, '--out', out, '--image-id-map', map, '--device', 'cpu']);
      expect(r.status).toBe(0);
      const res = readResults(out);
      expect(res).toHaveLength(1);
      expect(res[0]!.image_id).toBe(id);
      const names = getLayout(layout).keypoints;
      getLayout('openpose_coco18').keypoints.forEach((name, q) => {
        const k = names.indexOf(name);
        if (k < 0) return;
        expect(Math.hypot(res[0]!.keypoints[3 * k]! - person[q]![0], res[0]!.keypoints[3 * k + 1]! - person[q]![1])).toBeLessThan(1);
      });
    }
  });
});

describe('posekit run failures as processes: one line on stderr, non-zero exit, no stack trace', () => {
  const cases: [string, () => string[], string, number][] = [
    ['a missing model', () => ['run', '--model', p('models', 'nope.onnx'), imgs.simcc, '--out', p('x.json')], 'E_FILE_NOT_FOUND', 1],
    ['a corrupt model', () => ['run', '--model', models.corrupt, imgs.simcc, '--out', p('x.json')], 'E_MODEL_LOAD', 1],
    ['a model that does not match --spec', () => ['run', '--model', models.paf, imgs.simcc, '--spec', 'rtmpose-t', '--out', p('x.json')], 'E_MODEL_SPEC', 1],
    ['an undecodable image', () => ['run', '--model', models.simcc, imgs.bad, '--out', p('x.json')], 'E_IMAGE_DECODE', 1],
    ['an unknown flag', () => ['run', '--model', models.simcc, imgs.simcc, '--out', p('x.json'), '--bogus'], "Unknown option '--bogus'", 2],
  ];
  for (const [what, argv, needle, code] of cases) {
    it(what, () => {
      const r = spawnCli(argv());
      expect(r.status).toBe(code);
      expect(r.stderr.split('\n')[0]).toMatch(/^posekit run: /);
      expect(r.stderr).toContain(needle);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      if (code === 1) expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(existsSync(p('x.json'))).toBe(false);
    });
  }
});

describe('posekit run bad input (in-process main)', () => {
  const cases: [string, () => string[], string, number][] = [
    ['a missing image', () => ['run', '--model', models.simcc, p('imgs', 'nope.png'), '--out', p('y.json')], 'E_FILE_NOT_FOUND', 1],
    ['an unknown registry name', () => ['run', '--model', 'no-such-model', imgs.simcc, '--out', p('y.json')], 'E_ARGUMENT', 1],
    ['a zero-size image', () => ['run', '--model', models.simcc, imgs.zero, '--out', p('y.json')], 'E_IMAGE_SIZE', 1],
    ['a detector as --model', () => ['run', '--model', models.det, imgs.simcc, '--out', p('y.json')], 'is a person detector', 1],
    ['a pose model as --detector', () => ['run', '--model', models.simcc, '--detector', models.parts, imgs.simcc, '--out', p('y.json')], 'is not a person detector', 1],
    ['a detector with a bottom-up model', () => ['run', '--model', models.parts, '--detector', models.det, imgs.simcc, '--out', p('y.json')], '--detector is only used with top-down pose models', 1],
    ['an image not in the ground truth', () => ['run', '--model', models.simcc, imgs.paf, '--image-ids', p('gt.json'), '--out', p('y.json')], 'E_UNKNOWN_ID', 1],
    ['a file name without digits', () => ['run', '--model', models.simcc, imgs.paf, '--out', p('y.json')], 'E_ARGUMENT', 1],
    ['two images with the same id', () => ['run', '--model', models.simcc, imgs.simcc, p('dup', '42.png'), '--out', p('y.json')], 'E_DUPLICATE_ID', 1],
    ['a malformed id map', () => ['run', '--model', models.simcc, imgs.simcc, '--image-id-map', imgs.bad, '--out', p('y.json')], 'E_PARSE', 1],
    ['an empty folder', () => ['run', '--model', models.simcc, p('models'), '--out', p('y.json')], 'E_EMPTY', 1],
    ['--out is a folder', () => ['run', '--model', models.simcc, imgs.simcc, '--out', p('imgs')], 'E_IO', 1],
    ['an unknown spec preset', () => ['run', '--model', models.simcc, imgs.simcc, '--spec', 'nope', '--out', p('y.json')], 'E_ARGUMENT', 1],
    ['--device cuda without CUDA binaries', () => ['run', '--model', models.simcc, imgs.simcc, '--device', 'cuda', '--out', p('y.json')], 'E_PROVIDER', 1],
    ['a bad --device', () => ['run', '--model', models.simcc, imgs.simcc, '--device', 'gpu', '--out', p('y.json')], '--device must be auto, cuda or cpu', 2],
    ['a bad --threads', () => ['run', '--model', models.simcc, imgs.simcc, '--threads', '0', '--out', p('y.json')], '--threads must be a positive integer', 2],
    ['no --out', () => ['run', '--model', models.simcc, imgs.simcc], '--out <results.json> is required', 2],
    ['no --model', () => ['run', imgs.simcc, '--out', p('y.json')], '--model <model> is required', 2],
    ['no images', () => ['run', '--model', models.simcc, '--out', p('y.json')], 'give at least one image or folder', 2],
    ['both id sources', () => ['run', '--model', models.simcc, imgs.simcc, '--image-ids', 'a.json', '--image-id-map', 'b.json', '--out', p('y.json')], 'not both', 2],
    ['--offline with an uncached registry model', () => ['run', '--model', 'rtmpose-t', imgs.simcc, '--offline', '--cache-dir', p('cache'), '--out', p('y.json')], 'E_DOWNLOAD', 1],
  ];
  beforeAll(async () => {
    writeFileSync(p('gt.json'), JSON.stringify({ images: [{ id: 42, file_name: '000000000042.png' }], annotations: [], categories: [] }));
    mkdirSync(p('dup'), { recursive: true });
    copyFileSync(imgs.simcc, p('dup', '42.png'));
  });
  for (const [what, argv, needle, code] of cases) {
    it(`${what}: exit ${code}`, async () => {
      const o = io();
      expect(await main(argv(), o)).toBe(code);
      expect(o.err.split('\n')[0]).toMatch(/^posekit run: /);
      expect(o.err).toContain(needle);
      expect(o.err).not.toMatch(/\n\s+at /);
      expect(o.out).toBe('');
      if (code === 1) expect(o.err.trim().split('\n')).toHaveLength(1);
      expect(existsSync(p('y.json'))).toBe(false);
    });
  }

  it('--keep-going: reports the bad images, writes the results of the good ones, exits 1', async () => {
    mkdirSync(p('mixed'));
    copyFileSync(imgs.simcc, p('mixed', '000000000042.png'));
    copyFileSync(imgs.bad, p('mixed', '7.jpg'));
    copyFileSync(imgs.zero, p('mixed', '8.png'));
    const o = io();
    expect(await main(['run', '--model', models.simcc, p('mixed'), '--out', p('mixed.json'), '--keep-going', '--device', 'cpu'], o)).toBe(1);
    expect(o.err).toContain(`skipping ${p('mixed', '7.jpg')}: E_IMAGE_DECODE`);
    expect(o.err).toContain(`skipping ${p('mixed', '8.png')}: E_IMAGE_SIZE`);
    expect(o.out).toMatch(/^posekit run: 1 image \(2 failed\), 1 pose in /);
    expect(readResults(p('mixed.json')).map((x) => x.image_id)).toEqual([42]);
  });

  it('--help prints the usage on stdout', async () => {
    const o = io();
    expect(await main(['run', '--help'], o)).toBe(0);
    expect(o.out).toContain('--image-id-map');
    expect(o.out).toContain('exit codes');
  });
});
