/**
 * pycocotools `COCOeval.summarize()` for keypoints (`_summarizeKps`, `_summarize`; cocodataset/cocoapi @ 8c9bcc3c
 * `PythonAPI/pycocotools/cocoeval.py`) and its printed table.
 *
 * @module
 */
import { describeValue, numpyPairwiseSum, PosekitError } from '@posekit/core';
import { checkOptions } from '../options.js';
import type { AccumulateState } from './engine.js';
import { COCO_IOU_THRS, type CocoEvalParams } from './params.js';

/** One of the ten keypoint stats: which table, threshold, area label and maxDets. */
interface StatSpec {
  ap: boolean;
  iouThr?: number;
  area: string;
}

/** The ten `_summarizeKps` rows, all at maxDets = 20. */
const KPS_ROWS: readonly StatSpec[] = [
  { ap: true, area: 'all' },
  { ap: true, iouThr: 0.5, area: 'all' },
  { ap: true, iouThr: 0.75, area: 'all' },
  { ap: true, area: 'medium' },
  { ap: true, area: 'large' },
  { ap: false, area: 'all' },
  { ap: false, iouThr: 0.5, area: 'all' },
  { ap: false, iouThr: 0.75, area: 'all' },
  { ap: false, area: 'medium' },
  { ap: false, area: 'large' },
];

/**
 * pycocotools `_summarize(ap, iouThr, areaRng, maxDets)`: the pairwise mean of the selected precision
 * (T × R × K, C order) or recall (T × K) entries that are > −1; −1 when none qualifies. The threshold is
 * selected by exact equality, the area row by its label, the maxDets column by value.
 */
function summarizeOne(acc: AccumulateState, p: CocoEvalParams, spec: StatSpec, maxDets: number): number {
  const { T, R, K, A, M } = acc.dims;
  const tSel: number[] = [];
  for (let t = 0; t < T; t++) if (spec.iouThr === undefined || p.iouThrs[t] === spec.iouThr) tSel.push(t);
  const aind: number[] = [];
  p.areaRngLbl.forEach((l, i) => { if (l === spec.area) aind.push(i); });
  const mind: number[] = [];
  p.maxDets.forEach((m, i) => { if (m === maxDets) mind.push(i); });
  // numpy advanced indexing s[..., aind, mind]: the two index lists broadcast together.
  let pairs: [number, number][];
  if (aind.length === 0 || mind.length === 0) pairs = [];
  else if (aind.length === mind.length) pairs = aind.map((a, i) => [a, mind[i]!]);
  else if (aind.length === 1) pairs = mind.map((m) => [aind[0]!, m]);
  else if (mind.length === 1) pairs = aind.map((a) => [a, mind[0]!]);
  else {
    throw new PosekitError('E_ARGUMENT', `summarize: ${aind.length} area rows labelled "${spec.area}" and ${mind.length} maxDets columns equal to ${maxDets} cannot be broadcast together (numpy would raise)`, {});
  }
  const np = pairs.length;
  const cap = tSel.length * (spec.ap ? R : 1) * K * np;
  if (valsBuf.length < cap) valsBuf = new Float64Array(cap);
  const vals = valsBuf;
  let n = 0;
  if (spec.ap) {
    for (const t of tSel) for (let r = 0; r < R; r++) for (let k = 0; k < K; k++) for (let q = 0; q < np; q++) {
      const v = acc.precision[(((t * R + r) * K + k) * A + pairs[q]![0]) * M + pairs[q]![1]]!;
      if (v > -1) vals[n++] = v;
    }
  } else {
    for (const t of tSel) for (let k = 0; k < K; k++) for (let q = 0; q < np; q++) {
      const v = acc.recall[((t * K + k) * A + pairs[q]![0]) * M + pairs[q]![1]]!;
      if (v > -1) vals[n++] = v;
    }
  }
  return n === 0 ? -1 : numpyPairwiseSum(vals, 0, n) / n;
}

/** Scratch for the selected entries (grown on demand). */
let valsBuf = new Float64Array(0);

/**
 * The ten keypoint stats (AP, AP@.5, AP@.75, AP medium, AP large, then the same for AR), all at maxDets = 20,
 * as pycocotools `_summarizeKps`.
 * @internal
 */
export function summarizeKeypoints(acc: AccumulateState, p: CocoEvalParams): number[] {
  return KPS_ROWS.map((row) => summarizeOne(acc, p, row, 20));
}

/**
 * Python's `'{:.Nf}'.format(x)`: like `toFixed`, but exact ties (e.g. 0.0625 at 3 digits) round half to
 * even, as Python does, where `toFixed` rounds them up.
 * @internal
 */
export function pyFixed(x: number, digits: number): string {
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : x < 0 ? '-inf' : 'nan';
  const s = x.toFixed(digits);
  const exact = Math.abs(x).toFixed(Math.min(100, digits + 60));
  const dot = exact.indexOf('.');
  const rest = exact.slice(dot + 1 + digits);
  if (/^50*$/.test(rest)) {
    // A tie: toFixed rounded away from zero; Python keeps the even neighbour.
    const truncated = exact.slice(0, dot + 1 + digits).replace(/\.$/, '');
    const lastDigit = Number(truncated[truncated.length - 1]);
    if (lastDigit % 2 === 0) return (x < 0 ? '-' : '') + truncated;
  }
  return s;
}

/** Options of {@link formatSummary}. */
export interface FormatSummaryOptions {
  /** IoU thresholds (for the `0.50:0.95` label). Default: the COCO thresholds. */
  iouThrs?: readonly number[];
}

/**
 * The ten lines pycocotools' `summarize()` prints for keypoints, exactly, e.g.
 * ` Average Precision  (AP) @[ IoU=0.50:0.95 | area=   all | maxDets= 20 ] = 0.387`.
 *
 * @param stats - the ten stats (pycocotools order), e.g. `evaluateKeypoints(...).stats`
 * @param options - thresholds for the IoU label
 * @returns ten lines joined with `\n` (no trailing newline)
 * @throws PosekitError E_SHAPE when `stats` does not hold 10 numbers
 * @throws PosekitError E_ARGUMENT when `stats` is not an array of numbers, `options` is not an object or
 *   names an unknown option, or `iouThrs` is not a non-empty array of finite numbers
 */
export function formatSummary(stats: ArrayLike<number>, options: FormatSummaryOptions = {}): string {
  const fn = 'formatSummary';
  const opts = checkOptions(fn, options, ['iouThrs']) as FormatSummaryOptions;
  if (typeof stats !== 'object' || stats === null || typeof stats.length !== 'number') {
    throw new PosekitError('E_ARGUMENT', `${fn}: stats must be an array of the 10 keypoint stats; received ${describeValue(stats)}`, { expected: 'number[10]', received: describeValue(stats) });
  }
  if (stats.length !== 10) throw new PosekitError('E_SHAPE', `${fn}: stats must hold the 10 keypoint stats; received ${stats.length}`, { expected: 10, received: stats.length });
  for (let i = 0; i < 10; i++) {
    if (typeof stats[i] !== 'number') {
      throw new PosekitError('E_ARGUMENT', `${fn}: stats[${i}] must be a number; received ${describeValue(stats[i])}`, { item: i, expected: 'number', received: describeValue(stats[i]) });
    }
  }
  const thr = opts.iouThrs ?? COCO_IOU_THRS;
  if (!Array.isArray(thr) || thr.length === 0 || !thr.every((t) => typeof t === 'number' && Number.isFinite(t))) {
    throw new PosekitError('E_ARGUMENT', `${fn}: options.iouThrs must be a non-empty array of finite numbers; received ${describeValue(thr)}`, { field: 'iouThrs', received: describeValue(thr) });
  }
  const lines: string[] = [];
  KPS_ROWS.forEach((row, i) => {
    const title = row.ap ? 'Average Precision' : 'Average Recall';
    const type = row.ap ? '(AP)' : '(AR)';
    const iouStr = row.iouThr === undefined ? `${pyFixed(thr[0]!, 2)}:${pyFixed(thr[thr.length - 1]!, 2)}` : pyFixed(row.iouThr, 2);
    lines.push(` ${title.padEnd(18)} ${type} @[ IoU=${iouStr.padEnd(9)} | area=${row.area.padStart(6)} | maxDets=${String(20).padStart(3)} ] = ${pyFixed(stats[i]!, 3)}`);
  });
  return lines.join('\n');
}
