/**
 * `posekit run --model <m> [--detector <d>] [--device auto|cuda|cpu] <images or folders> --out results.json
 * [--svg <dir>] [--image-ids <gt.json> | --image-id-map <map.json>]`: estimate poses on images and write
 * COCO-format keypoint results (and SVG overlays).
 *
 * Results follow MMPose's `CocoMetric` result files: `{image_id, category_id: 1, keypoints: [x, y, score, ...],
 * score}` without `bbox` (so pycocotools' `loadRes` takes its keypoint branch and derives each area from the
 * keypoints), unless `--with-bbox` asks for it.
 *
 * @module
 */
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, relative, resolve, sep } from 'node:path';
import { isPosekitError, PosekitError, posesToSvg } from '@posekit/core';
import type { EstimateResult, ImageLike, PoseEstimator, TopDownEstimateOptions } from '@posekit/core';
import { loadImage } from '../image.js';
import type { NodeDevice } from '../session.js';
import { parseCommandArgs, UsageError } from './args.js';
import type { CliIo } from './main.js';
import { createProgress } from './progress.js';
import { assignImageIds, imageIdFromFileName, imageIdsFromGroundTruth, imageIdsFromMap, listImages } from './run-inputs.js';
import type { ImageIdResolver } from './run-inputs.js';
import type { OpenedModel } from './run-models.js';
import { buildEstimator, openModel } from './run-models.js';

/** Usage text of `posekit run`. */
export const RUN_USAGE = `usage: posekit run --model <model> [--detector <detector>] <images or folders...> --out <results.json> [options]

Estimate 2-D poses and write COCO keypoint results (image_id, category_id 1, keypoints x,y,score, score).

models (a file path or a registry name: posekit models):
  --model <m>              pose model (top-down heatmap / SimCC, one-stage YOLO-pose, bottom-up PAF / body parts)
  --detector <d>           person detector for a top-down model (without one, the whole image is the person box)
  --spec <preset|json>     the pose model's spec (default: the registry's, else inferred from its outputs)
  --detector-spec <p|json> the detector's spec (same rule)
  --device <auto|cuda|cpu> execution provider (default auto: CUDA if it starts, else CPU)
  --threads <n>            CPU intra-op threads (default: onnxruntime's choice)
  --cache-dir <dir>        model cache (default $POSEKIT_CACHE, else ~/.cache/posekit)
  --offline                never download; registry models must be in the cache

output:
  --out <results.json>     COCO results file (required)
  --svg <dir>              also write one SVG overlay per image (<name>.svg, linking the image)
  --svg-embed              embed the image in each SVG (data URL) instead of linking it
  --with-bbox              add "bbox" [x, y, w, h] to each result (pycocotools then takes the bbox branch)

image ids (default: the last run of digits in the file name, 000000000785.jpg -> 785):
  --image-ids <gt.json>    ids from a COCO ground truth's images[].file_name
  --image-id-map <m.json>  ids from a JSON object {"file name or path": id}

estimation:
  --score-thr <x>          detector box score threshold (top-down) / person score threshold (one-stage)
  --min-score <x>          drop poses whose score is below x (default 0: keep all)
  --flip-test              top-down flip test
  --oks-nms <x>            top-down OKS-NMS threshold over each image's poses (MMPose CocoMetric: 0.9)

  --keep-going             report an unreadable image and go on (exit code 1 at the end)
  --progress               progress bar on stderr even when it is not a terminal
  --verbose                say which spec and provider each model got
  -h, --help               this text

exit codes: 0 success, 1 bad input / failed image or model, 2 usage error`;

function numberFlag(v: unknown, flag: string, test: (x: number) => boolean, want: string): number | undefined {
  if (v === undefined) return undefined;
  const x = Number(v);
  if (typeof v !== 'string' || v.trim() === '' || !Number.isFinite(x) || !test(x)) throw new UsageError(`${flag} must be ${want}; received ${JSON.stringify(v)}`);
  return x;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

const MIME: Record<string, string> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.avif': 'image/avif',
  '.tif': 'image/tiff',
  '.tiff': 'image/tiff',
};

/** The href of an image from an SVG in `svgDir`: a relative URL, or a data URL when embedding. */
function imageHref(imagePath: string, svgDir: string, embed: boolean): string {
  if (embed) {
    const mime = MIME[extname(imagePath).toLowerCase()] ?? 'application/octet-stream';
    return `data:${mime};base64,${readFileSync(imagePath).toString('base64')}`;
  }
  return relative(svgDir, resolve(imagePath)).split(sep).map(encodeURIComponent).join('/');
}

function writeAtomic(path: string, text: string): void {
  try {
    mkdirSync(dirname(resolve(path)), { recursive: true });
    const tmp = `${path}.tmp-${process.pid}`;
    writeFileSync(tmp, text);
    renameSync(tmp, path);
  } catch (e) {
    throw new PosekitError('E_IO', `cannot write ${path}: ${e instanceof Error ? e.message : String(e)}`, { file: path });
  }
}

const ms = (x: number): string => (x >= 10_000 ? `${(x / 1000).toFixed(1)} s` : `${x.toFixed(0)} ms`);

function bar(done: number, total: number): string {
  const w = 24;
  const n = Math.round((w * done) / Math.max(1, total));
  return `[${'#'.repeat(n)}${'-'.repeat(w - n)}]`;
}

/**
 * Run `posekit run`.
 *
 * @param argv - arguments after `run`
 * @param io - output streams
 * @returns the exit code (0 ok, 1 bad input or a failed image, 2 usage)
 */
export async function runCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseCommandArgs(
    argv,
    {
      model: { type: 'string' },
      detector: { type: 'string' },
      spec: { type: 'string' },
      'detector-spec': { type: 'string' },
      device: { type: 'string' },
      threads: { type: 'string' },
      'cache-dir': { type: 'string' },
      offline: { type: 'boolean' },
      out: { type: 'string' },
      svg: { type: 'string' },
      'svg-embed': { type: 'boolean' },
      'with-bbox': { type: 'boolean' },
      'image-ids': { type: 'string' },
      'image-id-map': { type: 'string' },
      'score-thr': { type: 'string' },
      'min-score': { type: 'string' },
      'flip-test': { type: 'boolean' },
      'oks-nms': { type: 'string' },
      'keep-going': { type: 'boolean' },
      progress: { type: 'boolean' },
      verbose: { type: 'boolean' },
    },
    [0, Number.MAX_SAFE_INTEGER],
  );
  const v = args.values;
  if (v['help']) {
    io.stdout(`${RUN_USAGE}\n`);
    return 0;
  }
  const modelArg = str(v['model']);
  const outPath = str(v['out']);
  if (modelArg === undefined) throw new UsageError('--model <model> is required');
  if (outPath === undefined) throw new UsageError('--out <results.json> is required');
  if (args.positionals.length === 0) throw new UsageError('give at least one image or folder');
  const device = (str(v['device']) ?? 'auto') as NodeDevice;
  if (!['auto', 'cuda', 'cpu'].includes(device)) throw new UsageError(`--device must be auto, cuda or cpu; received ${JSON.stringify(v['device'])}`);
  const threads = numberFlag(v['threads'], '--threads', (x) => Number.isInteger(x) && x > 0, 'a positive integer');
  const scoreThr = numberFlag(v['score-thr'], '--score-thr', (x) => x >= 0 && x <= 1, 'a number in [0, 1]');
  const minScore = numberFlag(v['min-score'], '--min-score', (x) => x >= 0, 'a number >= 0');
  const oksNms = numberFlag(v['oks-nms'], '--oks-nms', (x) => x > 0 && x <= 1, 'a number in (0, 1]');
  if (v['image-ids'] !== undefined && v['image-id-map'] !== undefined) throw new UsageError('give --image-ids or --image-id-map, not both');
  const svgDir = str(v['svg']);
  const embed = v['svg-embed'] === true;
  const withBbox = v['with-bbox'] === true;
  const keepGoing = v['keep-going'] === true;
  const verbose = v['verbose'] === true;
  try {
    if (statSync(outPath).isDirectory()) throw new PosekitError('E_IO', `--out ${outPath} is a folder; give a file name such as ${join(outPath, 'results.json')}`, { file: outPath });
  } catch (e) {
    if (isPosekitError(e)) throw e;
  }

  // Inputs first: a typo in an image path should not cost a model load.
  const images = listImages(args.positionals);
  const gtIds = str(v['image-ids']);
  const mapIds = str(v['image-id-map']);
  const resolver: ImageIdResolver = gtIds !== undefined ? imageIdsFromGroundTruth(gtIds) : mapIds !== undefined ? imageIdsFromMap(mapIds) : imageIdFromFileName;
  const ids = assignImageIds(images, resolver);

  const showProgress = v['progress'] === true || (io.stderrIsTTY === true && images.some((i) => i.fromFolder));
  const openOpts = {
    device,
    ...(threads !== undefined ? { threads } : {}),
    ...(str(v['cache-dir']) !== undefined ? { cacheDir: str(v['cache-dir'])! } : {}),
    offline: v['offline'] === true,
    io,
    showProgress,
  };
  const tLoad0 = performance.now();
  let detector: OpenedModel | undefined;
  let pose: OpenedModel | undefined;
  let estimator: PoseEstimator<TopDownEstimateOptions>;
  try {
    const detArg = str(v['detector']);
    if (detArg !== undefined) detector = await openModel(detArg, str(v['detector-spec']), '--detector', openOpts);
    pose = await openModel(modelArg, str(v['spec']), '--model', openOpts);
    estimator = buildEstimator(pose, detector, { ...(scoreThr !== undefined ? { scoreThreshold: scoreThr } : {}), flipTest: v['flip-test'] === true, ...(oksNms !== undefined ? { oksNms } : {}) });
  } catch (e) {
    await detector?.session.session.release();
    await pose?.session.session.release();
    throw e;
  }
  const loadMs = performance.now() - tLoad0;
  if (verbose) {
    for (const [flag, m] of [['--detector', detector], ['--model', pose]] as const) {
      if (!m) continue;
      const refused = m.session.attempts.filter((a) => !a.ok).map((a) => `${a.provider} refused: ${a.reason}`);
      io.stderr(`posekit run: ${flag} ${m.path}: ${m.family}, spec ${m.spec.name} (${m.specSource}), on ${m.session.provider}${refused.length ? ` (${refused.join('; ')})` : ''}\n`);
    }
  }

  const progress = createProgress(io, 'posekit run', showProgress);
  const results: Record<string, unknown>[] = [];
  const t = { decode: 0, pre: 0, infer: 0, post: 0, svg: 0 };
  let nPoses = 0;
  let failed = 0;
  let svgs = 0;
  const svgNames = new Set<string>();
  if (svgDir !== undefined) {
    try {
      mkdirSync(svgDir, { recursive: true });
    } catch (e) {
      throw new PosekitError('E_IO', `cannot create --svg folder ${svgDir}: ${e instanceof Error ? e.message : String(e)}`, { file: svgDir });
    }
  }
  const load = (i: number): Promise<{ img?: ImageLike; err?: unknown }> =>
    loadImage(images[i]!.path).then(
      (img) => ({ img }),
      (err: unknown) => ({ err }),
    );
  const tRun0 = performance.now();
  try {
    // Decode the next image (sharp, on libuv's threads) while the models run on this one.
    let next = images.length > 0 ? load(0) : undefined;
    for (let i = 0; i < images.length; i++) {
      const path = images[i]!.path;
      progress.stage(`${bar(i, images.length)} ${i}/${images.length} ${basename(path)}`);
      // Only the wait counts: decoding overlaps the previous image's inference.
      const tw = performance.now();
      const got = await next!;
      t.decode += performance.now() - tw;
      next = i + 1 < images.length ? load(i + 1) : undefined;
      if (got.err !== undefined) {
        if (!keepGoing) throw got.err;
        failed++;
        progress.done();
        io.stderr(`posekit run: skipping ${path}: ${isPosekitError(got.err) ? `${got.err.code}: ${got.err.message}` : String(got.err)}\n`);
        continue;
      }
      const img = got.img!;
      const r: EstimateResult = await estimator.estimate(img, minScore !== undefined ? { minPoseScore: minScore } : {});
      t.pre += r.timings.preprocessMs;
      t.infer += r.timings.inferenceMs;
      t.post += r.timings.postprocessMs;
      nPoses += r.poses.length;
      for (const p of r.poses) {
        const res: Record<string, unknown> = { image_id: ids[i]!, category_id: 1, keypoints: Array.from(p.keypoints), score: p.score };
        if (withBbox && p.box) res['bbox'] = [p.box.x1, p.box.y1, p.box.x2 - p.box.x1, p.box.y2 - p.box.y1];
        results.push(res);
      }
      if (svgDir !== undefined) {
        const ts = performance.now();
        const stem = basename(path, extname(path));
        let name = `${stem}.svg`;
        for (let k = 2; svgNames.has(name); k++) name = `${stem}-${k}.svg`;
        svgNames.add(name);
        const svg = posesToSvg(r.poses, { width: img.width, height: img.height, image: imageHref(path, svgDir, embed), boxes: r.poses.length === 0 ? r.boxes : [] });
        writeAtomic(join(svgDir, name), svg);
        svgs++;
        t.svg += performance.now() - ts;
      }
    }
    progress.stage(`${bar(images.length, images.length)} ${images.length}/${images.length}`);
    progress.done();
  } finally {
    progress.done();
    await estimator.dispose();
  }
  const runMs = performance.now() - tRun0;
  writeAtomic(outPath, `[\n${results.map((r) => JSON.stringify(r)).join(',\n')}\n]\n`);
  const done = images.length - failed;
  const provider = [detector, pose].filter((m): m is OpenedModel => m !== undefined).map((m) => m.session.provider);
  io.stdout(
    `posekit run: ${done} image${done === 1 ? '' : 's'}${failed ? ` (${failed} failed)` : ''}, ${nPoses} pose${nPoses === 1 ? '' : 's'} in ${ms(runMs)} ` +
      `(${ms(runMs / Math.max(1, done))}/image: decode wait ${ms(t.decode)}, preprocess ${ms(t.pre)}, inference ${ms(t.infer)}, postprocess ${ms(t.post)}${svgDir !== undefined ? `, svg ${ms(t.svg)}` : ''}; ` +
      `models loaded in ${ms(loadMs)} on ${[...new Set(provider)].join('+')}) -> ${outPath}${svgDir !== undefined ? `, ${svgs} SVG${svgs === 1 ? '' : 's'} in ${svgDir}` : ''}\n`,
  );
  return failed > 0 ? 1 : 0;
}
