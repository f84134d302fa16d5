/**
 * `posekit eval <gt.json> <results.json> [--sigmas <layout>|<file.json>] [--json] [--progress]
 * [--no-per-keypoint] [--pr-svg <out.svg>]`: COCO keypoint evaluation exactly as pycocotools, from files.
 *
 * @module
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { getLayout, PosekitError } from '@posekit/core';
import {
  COCO17_SIGMAS,
  COCO_KEYPOINT_STATS_NAMES,
  evaluateKeypoints,
  formatSummary,
  loadCocoDataset,
  loadCocoResults,
  prCurveSvg,
} from '@posekit/metrics';
import { parseCommandArgs, UsageError } from './args.js';
import type { CliIo } from './main.js';
import { createProgress } from './progress.js';

/** Usage text of `posekit eval`. */
export const EVAL_USAGE = `usage: posekit eval <gt.json> <results.json> [options]

COCO keypoint evaluation (AP/AR exactly as pycocotools COCOeval, iouType='keypoints').

options:
  --sigmas <layout|file.json>  OKS sigmas: a layout name (coco17, coco_wholebody133, crowdpose14, ...)
                               or a JSON file holding an array of K numbers (or {"sigmas": [...]}).
                               Default: COCO-17.
  --json                       print one JSON object (stats, stats_names, per-keypoint AP, timings)
  --no-per-keypoint            skip the per-keypoint AP (K extra evaluations)
  --pr-svg <out.svg>           also write the precision-recall curves as an SVG file
  --progress                   show progress on stderr even when it is not a terminal
  -h, --help                   this text`;

/** Read a file as UTF-8, mapping failures to E_FILE_NOT_FOUND / E_IO. */
function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ENOENT') throw new PosekitError('E_FILE_NOT_FOUND', `file not found: ${path}`, { file: path });
    if (code === 'EISDIR') throw new PosekitError('E_IO', `${path} is a directory, not a JSON file`, { file: path });
    throw new PosekitError('E_IO', `cannot read ${path}: ${e instanceof Error ? e.message : String(e)}`, { file: path }, { cause: e });
  }
}

/** Sigmas from a layout name or a JSON file. */
function resolveSigmas(spec: string): { sigmas: number[]; source: string } {
  if (spec.toLowerCase().endsWith('.json')) {
    let v: unknown;
    try {
      v = JSON.parse(readText(spec));
    } catch (e) {
      if (e instanceof PosekitError) throw e;
      throw new PosekitError('E_PARSE', `${spec}: malformed JSON: ${e instanceof Error ? e.message : String(e)}`, { file: spec });
    }
    const arr = Array.isArray(v) ? v : typeof v === 'object' && v !== null ? (v as { sigmas?: unknown }).sigmas : undefined;
    if (!Array.isArray(arr) || arr.length === 0 || !arr.every((x) => typeof x === 'number' && Number.isFinite(x) && x > 0)) {
      throw new PosekitError('E_FIELD', `${spec}: expected a JSON array of K positive numbers (or {"sigmas": [...]}); received ${Array.isArray(arr) ? `an array with non-positive or non-numeric entries` : typeof v}`, { file: spec, field: 'sigmas' });
    }
    return { sigmas: arr as number[], source: spec };
  }
  if (spec === 'coco17' || spec === 'coco') return { sigmas: COCO17_SIGMAS.slice(), source: 'coco17' };
  const layout = getLayout(spec);
  if (!layout.sigmas) throw new PosekitError('E_FIELD', `layout "${spec}" defines no OKS sigmas; pass a JSON file with --sigmas`, { field: 'sigmas' });
  return { sigmas: layout.sigmas.slice(), source: spec };
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

/**
 * Run `posekit eval`.
 *
 * @param argv - arguments after `eval`
 * @param io - output streams
 * @returns the exit code (0 ok, 1 bad input, 2 usage)
 */
export async function evalCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseCommandArgs(argv, {
    sigmas: { type: 'string' },
    json: { type: 'boolean' },
    progress: { type: 'boolean' },
    'no-per-keypoint': { type: 'boolean' },
    'pr-svg': { type: 'string' },
  }, [2, 2]);
  if (args.values['help']) {
    io.stdout(`${EVAL_USAGE}\n`);
    return 0;
  }
  const [gtPath, dtPath] = args.positionals as [string, string];
  const asJson = args.values['json'] === true;
  const perKeypoint = args.values['no-per-keypoint'] !== true;
  const svgPath = args.values['pr-svg'];
  if (svgPath !== undefined && typeof svgPath !== 'string') throw new UsageError('--pr-svg needs a file name');
  // Progress only for large inputs, and only on a terminal unless --progress asks for it.
  const large = fileSize(gtPath) + fileSize(dtPath) > 4 * 2 ** 20;
  const progress = createProgress(io, 'posekit eval', args.values['progress'] === true || (io.stderrIsTTY === true && large));

  const sig = typeof args.values['sigmas'] === 'string' ? resolveSigmas(args.values['sigmas']) : undefined;
  try {
    progress.stage(`reading ${gtPath}`);
    const t0 = performance.now();
    const gt = loadCocoDataset(readText(gtPath), { file: gtPath });
    const t1 = performance.now();
    progress.stage(`reading ${dtPath}`);
    const dt = loadCocoResults(readText(dtPath), gt, { file: dtPath });
    const t2 = performance.now();
    const e = evaluateKeypoints(gt, dt, {
      ...(sig ? { sigmas: sig.sigmas } : {}),
      perKeypoint,
      onProgress: (stage, done, total) => progress.stage(stage === 'perKeypoint' ? 'per-keypoint AP' : stage, stage === 'perKeypoint' ? done + 1 : undefined, stage === 'perKeypoint' ? total : undefined),
    });
    progress.done();
    if (svgPath !== undefined) {
      try {
        writeFileSync(svgPath, prCurveSvg(e));
      } catch (err) {
        throw new PosekitError('E_IO', `cannot write ${svgPath}: ${err instanceof Error ? err.message : String(err)}`, { file: svgPath });
      }
    }
    const t = e.timings;
    const timings = {
      load_gt_ms: round(t1 - t0),
      load_results_ms: round(t2 - t1),
      evaluate_ms: round(t.evaluateMs),
      accumulate_ms: round(t.accumulateMs),
      summarize_ms: round(t.summarizeMs),
      ...(t.perKeypointMs !== undefined ? { per_keypoint_ms: round(t.perKeypointMs) } : {}),
    };
    if (asJson) {
      const out: Record<string, unknown> = {
        stats: e.stats,
        stats_names: COCO_KEYPOINT_STATS_NAMES,
        counts: { images: gt.imageIds.length, gt: gt.annotations.count, results: dt.count },
        sigmas: sig?.source ?? 'coco17',
      };
      if (e.perKeypoint) out['per_keypoint'] = { names: e.perKeypoint.names, ap: e.perKeypoint.ap };
      out['timings'] = timings;
      io.stdout(`${JSON.stringify(out)}\n`);
    } else {
      io.stdout(`${formatSummary(e.stats, { iouThrs: e.params.iouThrs })}\n`);
      if (e.perKeypoint) {
        const w = Math.max(8, ...e.perKeypoint.names.map((n) => n.length));
        io.stdout(`\nper-keypoint AP (OKS .50:.95, each keypoint evaluated alone):\n`);
        e.perKeypoint.names.forEach((n, i) => {
          const ap = e.perKeypoint!.ap[i]!;
          io.stdout(`  ${n.padEnd(w)} ${ap < 0 ? '  n/a' : ap.toFixed(3)}\n`);
        });
      }
      io.stdout(`\n${gt.imageIds.length} images, ${gt.annotations.count} GT, ${dt.count} results; load ${(t1 - t0 + t2 - t1).toFixed(0)} ms, evaluate+accumulate+summarize ${(t.evaluateMs + t.accumulateMs + t.summarizeMs).toFixed(0)} ms\n`);
      if (svgPath !== undefined) io.stdout(`PR curves written to ${svgPath}\n`);
    }
    return 0;
  } finally {
    progress.done();
  }
}
