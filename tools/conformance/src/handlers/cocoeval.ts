import {
  COCO_KEYPOINT_STATS_NAMES,
  CocoKeypointsEvaluator,
  loadCocoDataset,
  loadCocoResults,
  type CocoEvalOptions,
} from '@posekit/metrics';
import type { Checker } from '../check.js';
import { numbers, type Fixture } from '../fixture.js';
import type { Handler } from '../handler.js';

interface Item {
  image_id: number;
  category_id: number;
  dt_ids: number[];
  gt_ids: number[];
  oks?: number[][];
  dt_matches?: number[][];
  dt_ignore?: number[][];
  gt_ignore?: number[];
}

function tol(fx: Fixture, key: string): number {
  const t = fx['tolerance'] as Record<string, unknown> | undefined;
  const v = t?.[key];
  // README: "Tolerance 1e-12" for every cocoeval comparison.
  return typeof v === 'number' ? v : 1e-12;
}

/** pycocotools COCOeval(iouType='keypoints') on `inputs.gt` / `inputs.dt`, checking every `expected` field. */
const cocoevalKeypoints: Handler = (fx: Fixture, check: Checker): void => {
  const inputs = fx['inputs'] as { gt: object; dt: unknown[] };
  const params = (fx['params'] ?? {}) as Record<string, unknown>;
  const expected = fx['expected'] as Record<string, unknown>;
  const opts: CocoEvalOptions = {};
  if (Array.isArray(params['kpt_oks_sigmas'])) opts.sigmas = params['kpt_oks_sigmas'] as number[];
  if (Array.isArray(params['iouThrs'])) opts.iouThrs = params['iouThrs'] as number[];
  if (Array.isArray(params['recThrs'])) opts.recThrs = params['recThrs'] as number[];
  if (Array.isArray(params['maxDets'])) opts.maxDets = params['maxDets'] as number[];
  if (Array.isArray(params['areaRng'])) opts.areaRng = params['areaRng'] as [number, number][];
  if (Array.isArray(params['areaRngLbl'])) opts.areaRngLbl = params['areaRngLbl'] as string[];
  if (params['useCats'] !== undefined) opts.useCats = Boolean(params['useCats']);
  if (Array.isArray(params['imgIds'])) opts.imgIds = params['imgIds'] as number[];
  if (Array.isArray(params['catIds'])) opts.catIds = params['catIds'] as number[];

  const gt = loadCocoDataset(inputs.gt);
  const dt = loadCocoResults(inputs.dt, gt);
  const E = new CocoKeypointsEvaluator(gt, dt, opts);
  const stats = E.evaluate().accumulate().summarize();

  // Parameters the fixture states must be the ones used.
  if (Array.isArray(params['iouThrs'])) check.exact('params/iouThrs', E.params.iouThrs, params['iouThrs']);
  if (Array.isArray(params['recThrs'])) check.exact('params/recThrs', E.params.recThrs, params['recThrs']);
  if (Array.isArray(params['catIds'])) check.exact('params/catIds', E.params.catIds, params['catIds']);

  if (expected['stats_names'] !== undefined) check.exact('stats_names', COCO_KEYPOINT_STATS_NAMES, expected['stats_names']);
  check.close('stats', stats, numbers(expected['stats']), tol(fx, 'stats'));
  check.close('recall', E.recall.data, numbers(expected['recall']), tol(fx, 'recall'));
  const rshape = (expected['recall'] as { shape?: number[] }).shape;
  if (rshape) check.exact('recall/shape', E.recall.dims, rshape);
  if (expected['counts_TRKAM'] !== undefined) check.exact('counts_TRKAM', E.precision.dims, expected['counts_TRKAM']);
  if (expected['precision'] !== undefined) {
    check.close('precision', E.precision.data, numbers(expected['precision']), tol(fx, 'precision'));
    const pshape = (expected['precision'] as { shape?: number[] }).shape;
    if (pshape) check.exact('precision/shape', E.precision.dims, pshape);
  }

  const loaded = expected['dt_loaded'] as { id?: number[]; area?: number[] } | undefined;
  if (loaded) {
    if (loaded.id) check.exact('dt_loaded/id', Array.from(dt.id), loaded.id);
    if (loaded.area) check.close('dt_loaded/area', dt.area, loaded.area, tol(fx, 'stats'));
  }

  const ious = expected['ious'] as { items: Item[] } | undefined;
  if (ious) {
    // The expected list holds every non-empty matrix; ours must have the same set.
    const ours: string[] = [];
    const catIds = E.params.useCats ? E.params.catIds : [-1];
    for (const c of catIds) for (const i of E.params.imgIds) if (E.ious(i, c) !== null) ours.push(`${i}/${c}`);
    const theirs = ious.items.map((it) => `${it.image_id}/${it.category_id}`);
    check.exact('ious/cells', ours.slice().sort(), theirs.slice().sort());
    for (const it of ious.items) {
      const m = E.ious(it.image_id, it.category_id);
      const name = `ious[img ${it.image_id}, cat ${it.category_id}]`;
      if (m === null) {
        check.fail(name, 'no OKS matrix');
        continue;
      }
      check.exact(`${name}/dt_ids`, m.dtIds, it.dt_ids);
      check.exact(`${name}/gt_ids`, m.gtIds, it.gt_ids);
      check.close(`${name}/oks`, m.oks.data, numbers(it.oks), tol(fx, 'ious'));
    }
  }

  const evalImgs = expected['eval_imgs_all'] as { items: Item[] } | undefined;
  if (evalImgs) {
    const ours = E.evalImgs().filter((e) => e !== null && e.areaLabel === 'all');
    check.exact('eval_imgs_all/cells', ours.map((e) => `${e!.imageId}/${e!.categoryId}`), evalImgs.items.map((it) => `${it.image_id}/${it.category_id}`));
    for (const it of evalImgs.items) {
      const e = E.evalImg(it.image_id, it.category_id, 'all');
      const name = `eval_imgs_all[img ${it.image_id}, cat ${it.category_id}]`;
      if (e === null) {
        check.fail(name, 'evaluateImg returned None');
        continue;
      }
      check.exact(`${name}/dt_ids`, e.dtIds, it.dt_ids);
      check.exact(`${name}/gt_ids`, e.gtIds, it.gt_ids);
      check.exact(`${name}/dt_matches`, Array.from(e.dtMatches.data), numbers(it.dt_matches));
      check.exact(`${name}/dt_ignore`, Array.from(e.dtIgnore.data), numbers(it.dt_ignore));
      check.exact(`${name}/gt_ignore`, e.gtIgnore, numbers(it.gt_ignore));
    }
  }
};

/** Handlers for the `cocoeval/` fixtures, keyed by the fixture's `kind`. */
export const handlers: Record<string, Handler> = {
  'cocoeval-keypoints': cocoevalKeypoints,
};
