/**
 * Bad input to the COCO keypoint API: every case is a PosekitError with a stable code (never a TypeError /
 * RangeError, an allocation of gigabytes, or an option silently ignored), and valid input keeps its results.
 */
import { describe, expect, it } from 'vitest';
import {
  CocoKeypointsEvaluator,
  evaluateKeypoints,
  formatSummary,
  linspace,
  loadCocoDataset,
  loadCocoResults,
  prCurves,
  prCurveSvg,
  resolveCocoParams,
  type CocoDataset,
  type CocoEvalOptions,
  type PrCurveSet,
} from '../../src/index.js';
import { expectCode } from '../../../../test-support/errors.js';
import { gtDict, person, personKps, shifted } from './helpers.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
const gt = gtDict([1, 2], [person(10, 1, 100, 100, 50, 120), person(11, 2, 10, 10, 40, 80)]);
const ds = loadCocoDataset(gt);
const results = [
  { image_id: 1, category_id: 1, keypoints: shifted(personKps(100, 100, 50, 120), 2, 1, 0.9), score: 0.9 },
  { image_id: 2, category_id: 1, keypoints: shifted(personKps(10, 10, 40, 80), 1, 2, 0.8), score: 0.8 },
];
const ids = { imgIds: [1, 2], catIds: [1] };
const clone = (): any => structuredClone(gt);

describe('loadCocoDataset', () => {
  it('rejects null / non-object options, misspelt names and a non-string file (was a TypeError or ignored)', () => {
    expectCode(() => loadCocoDataset(gt, null as any), 'E_ARGUMENT', /options must be an object/);
    expectCode(() => loadCocoDataset(gt, 5 as any), 'E_ARGUMENT');
    expectCode(() => loadCocoDataset(gt, { fil: 'gt.json' } as any), 'E_ARGUMENT', /unknown option "fil"/);
    expectCode(() => loadCocoDataset(gt, { file: 5 } as any), 'E_ARGUMENT', /file must be a string/);
  });

  it('checks every keypoints length before sizing the buffers by the first annotation (was a RangeError)', () => {
    const g = clone();
    const huge = new Array<number>(3_000_000).fill(1);
    const anns = [{ ...g.annotations[0], keypoints: huge }];
    for (let i = 1; i < 3000; i++) anns.push({ ...g.annotations[1], id: 100 + i });
    g.annotations = anns;
    // 3000 annotations × 3 000 000 doubles would be 72 GB; the second annotation's 51 numbers are reported.
    expectCode(() => loadCocoDataset(g, { file: 'gt.json' }), 'E_LAYOUT_MISMATCH', /gt\.json: annotations\[1\] \(id 101\): field "keypoints"/);
  });

  it('rejects a negative area or bbox width / height (OKS would exceed 1)', () => {
    const g = clone();
    g.annotations[0].area = -5;
    expectCode(() => loadCocoDataset(g), 'E_RANGE', /annotations\[0\] \(id 10\): field "area" must be a number >= 0; received -5/);
    const g2 = clone();
    g2.annotations[1].bbox = [1, 2, 3, -4];
    expectCode(() => loadCocoDataset(g2), 'E_RANGE', /"bbox\[3\]"/);
  });

  it('rejects category metadata of the wrong type instead of dropping it', () => {
    const g = clone();
    g.categories[0].keypoints = 5;
    expectCode(() => loadCocoDataset(g), 'E_FIELD', /categories\[0\]: field "keypoints"/);
    const g2 = clone();
    g2.categories[0].name = 7;
    expectCode(() => loadCocoDataset(g2), 'E_FIELD', /field "name"/);
    const g3 = clone();
    g3.categories[0].skeleton = [[1, 2], 'x'];
    expectCode(() => loadCocoDataset(g3), 'E_FIELD', /skeleton\[1\]/);
  });
});

describe('loadCocoResults', () => {
  it('rejects a missing or raw dataset, and bad options (was a TypeError)', () => {
    expectCode(() => loadCocoResults(results, null as any), 'E_ARGUMENT', /dataset must be/);
    expectCode(() => loadCocoResults(results, undefined as any), 'E_ARGUMENT');
    expectCode(() => loadCocoResults(results, gt as any), 'E_ARGUMENT', /raw COCO dict/);
    expectCode(() => loadCocoResults(results, {} as any), 'E_FIELD', /dataset\.numKeypoints/);
    expectCode(() => loadCocoResults(results, ds, null as any), 'E_ARGUMENT');
    expectCode(() => loadCocoResults(results, ds, { fiel: 'dt.json' } as any), 'E_ARGUMENT', /unknown option "fiel"/);
  });

  it('rejects a negative bbox width in the bbox branch', () => {
    expectCode(() => loadCocoResults([{ ...results[0], bbox: [0, 0, -10, 5] }], ds, { file: 'dt.json' }), 'E_RANGE', /dt\.json: results\[0\]: field "bbox\[2\]"/);
  });
});

describe('resolveCocoParams', () => {
  it('rejects null / misspelt input and missing defaults (was a TypeError or ignored)', () => {
    expectCode(() => resolveCocoParams(null as any, ids), 'E_ARGUMENT');
    expectCode(() => resolveCocoParams({ sigma: [0.1] } as any, ids), 'E_ARGUMENT', /unknown option "sigma"/);
    expectCode(() => resolveCocoParams({ maxDets: null } as any, ids), 'E_ARGUMENT', /must not be null/);
    expectCode(() => resolveCocoParams({}, null as any), 'E_ARGUMENT', /defaults/);
  });

  it('rejects non-boolean flags instead of reading them as truthy', () => {
    expectCode(() => resolveCocoParams({ useCats0Oks: 'false' } as any, ids), 'E_ARGUMENT', /useCats0Oks/);
    expectCode(() => resolveCocoParams({ useCats: 'no' } as any, ids), 'E_ARGUMENT', /useCats/);
    expectCode(() => resolveCocoParams({ useCats: 2 } as any, ids), 'E_ARGUMENT');
    // pycocotools' integer flags stay accepted
    expect(resolveCocoParams({ useCats: 0 }, ids).useCats).toBe(false);
    expect(resolveCocoParams({ useCats: 1, useCats0Oks: true }, ids).useCats0Oks).toBe(true);
  });

  it('rejects thresholds outside [0, 1], lo > hi area ranges, string labels and fractional ids', () => {
    expectCode(() => resolveCocoParams({ iouThrs: [0.5, 1.5] }, ids), 'E_RANGE', /iouThrs\[1\] must be ≤ 1/);
    expectCode(() => resolveCocoParams({ recThrs: [-0.1, 1] }, ids), 'E_RANGE', /recThrs\[0\]/);
    expectCode(() => resolveCocoParams({ areaRng: [[1e10, 0]], areaRngLbl: ['all'] }, ids), 'E_RANGE', /lo <= hi/);
    expectCode(() => resolveCocoParams({ areaRng: [[0, 1], [1, 2], [2, 3]], areaRngLbl: 'abc' as any }, ids), 'E_ARGUMENT', /areaRngLbl/);
    expectCode(() => resolveCocoParams({ imgIds: [1.5] }, ids), 'E_ARGUMENT', /imgIds\[0\] must be an integer/);
    expect(resolveCocoParams({ iouThrs: [0, 1] }, ids).iouThrs).toEqual([0, 1]);
  });

  it('rejects a precision table of gigabytes (10 million recall points took 25 s and 6.7 GB)', () => {
    expectCode(() => resolveCocoParams({ recThrs: new Float64Array(10_000_000) as any }, ids), 'E_RANGE', /precision table/);
    expectCode(() => resolveCocoParams({ maxDets: Array.from({ length: 200_000 }, (_v, i) => i) }, ids), 'E_RANGE');
  });
});

describe('linspace', () => {
  it('rejects a negative, fractional, NaN or absurd num (was a RangeError) and non-finite ends', () => {
    expectCode(() => linspace(0, 1, -1), 'E_RANGE', /num must be an integer/);
    expectCode(() => linspace(0, 1, 1.5), 'E_RANGE');
    expectCode(() => linspace(0, 1, NaN), 'E_RANGE');
    expectCode(() => linspace(0, 1, 1e12), 'E_RANGE');
    expectCode(() => linspace(NaN, 1, 3), 'E_RANGE', /start/);
    expect(linspace(0, 1, 0)).toEqual([]);
    expect(linspace(0.5, 0.95, 10)[8]).toBe(0.8999999999999999);
  });
});

describe('evaluateKeypoints / CocoKeypointsEvaluator', () => {
  it('rejects null / misspelt options and bad extras (was a TypeError, or silently ignored)', () => {
    expectCode(() => evaluateKeypoints(ds, results, null as any), 'E_ARGUMENT');
    expectCode(() => evaluateKeypoints(ds, results, 5 as any), 'E_ARGUMENT');
    expectCode(() => evaluateKeypoints(ds, results, { perKeypoints: true } as any), 'E_ARGUMENT', /unknown option "perKeypoints"/);
    expectCode(() => evaluateKeypoints(ds, results, { maxDet: [5] } as any), 'E_ARGUMENT', /maxDet/);
    expectCode(() => evaluateKeypoints(ds, results, { perKeypoint: 'yes' } as any), 'E_ARGUMENT', /perKeypoint must be true or false/);
    expectCode(() => new CocoKeypointsEvaluator(ds, results, { onProgress: 5 } as any), 'E_ARGUMENT', /onProgress must be a function/);
  });

  it('checks hand-built datasets and results at entry (was a TypeError or a silently empty evaluation)', () => {
    expectCode(() => evaluateKeypoints({ annotations: {}, imageIndex: new Map() } as any, results), 'E_FIELD', /dataset\.numKeypoints/);
    expectCode(() => evaluateKeypoints(ds, { score: new Float64Array(2) } as any), 'E_FIELD', /results\.count/);
    const copy = structuredClone(ds) as unknown as { annotations: { area: Float64Array } };
    copy.annotations.area[1] = NaN;
    expectCode(() => evaluateKeypoints(copy as unknown as CocoDataset, results), 'E_NONFINITE', /dataset\.annotations\.area\[1\]/);
    const short = { ...structuredClone(ds), annotations: { ...structuredClone(ds.annotations), bbox: new Float64Array(4) } };
    expectCode(() => evaluateKeypoints(short as unknown as CocoDataset, results), 'E_SHAPE', /bbox must hold 8 values/);
    // a faithful copy (not registered by the loader) evaluates exactly like the original
    expect(evaluateKeypoints(structuredClone(ds), results).stats).toEqual(evaluateKeypoints(ds, results).stats);
  });

  it('rejects matching state of gigabytes (many thresholds times many GTs)', () => {
    const many = loadCocoDataset(gtDict([1], Array.from({ length: 1000 }, (_v, i) => person(i + 1, 1, i, 0, 50, 100))));
    const iouThrs = Array.from({ length: 100_000 }, (_v, i) => i / 100_000);
    // 3 area ranges × 100 000 thresholds × 1 000 GTs = 3e8 int32 entries per table
    expectCode(() => new CocoKeypointsEvaluator(many, [], { iouThrs, recThrs: [0] } as CocoEvalOptions), 'E_RANGE', /matching 1000 GTs/);
  });
});

describe('formatSummary', () => {
  const stats = evaluateKeypoints(ds, results).stats;
  it('rejects null stats, non-numeric stats and bad iouThrs (was a TypeError or "nan:nan")', () => {
    expectCode(() => formatSummary(null as any), 'E_ARGUMENT');
    expectCode(() => formatSummary(new Array(10).fill('a') as any), 'E_ARGUMENT', /stats\[0\] must be a number/);
    expectCode(() => formatSummary(stats, null as any), 'E_ARGUMENT');
    expectCode(() => formatSummary(stats, { iouThrs: [] }), 'E_ARGUMENT', /iouThrs/);
    expectCode(() => formatSummary(stats, { iouThr: [0.5] } as any), 'E_ARGUMENT', /unknown option/);
    expect(formatSummary(stats).split('\n')).toHaveLength(10);
  });
});

describe('prCurves / prCurveSvg', () => {
  const e = evaluateKeypoints(ds, results);
  it('prCurves rejects a non-evaluation and bad options (was a TypeError)', () => {
    expectCode(() => prCurves(null as any), 'E_ARGUMENT');
    expectCode(() => prCurves({} as any), 'E_ARGUMENT', /evaluation must be/);
    expectCode(() => prCurves(e, null as any), 'E_ARGUMENT');
    expectCode(() => prCurves(e, { area: 'medium' } as any), 'E_ARGUMENT', /unknown option "area"/);
    expectCode(() => prCurves(e, { maxDets: '20' } as any), 'E_ARGUMENT', /maxDets must be a number/);
    expect(prCurves(e, { maxDets: 20 }).mean.ap).toBe(e.stats[0]);
  });

  it('prCurveSvg rejects a null source, unknown enum values, non-boolean showAp and a non-string title', () => {
    expectCode(() => prCurveSvg(null as any), 'E_ARGUMENT');
    expectCode(() => prCurveSvg(e, { curves: 'none' } as any), 'E_ARGUMENT', /curves must be one of/);
    expectCode(() => prCurveSvg(e, { showAp: 'no' } as any), 'E_ARGUMENT', /showAp/);
    expectCode(() => prCurveSvg(e, { title: 5 } as any), 'E_ARGUMENT', /title must be a string/);
    expectCode(() => prCurveSvg(e, { widht: 5 } as any), 'E_ARGUMENT', /unknown option "widht"/);
  });

  it('prCurveSvg rejects curve sets without recall points or with curves of another length (was NaN in the SVG)', () => {
    const set = prCurves(e);
    const bad: PrCurveSet = { ...set, mean: { ...set.mean, precision: set.mean.precision.slice(1) } };
    expectCode(() => prCurveSvg(bad), 'E_SHAPE', /curves\.mean\.precision/);
    expectCode(() => prCurveSvg({ ...set, recall: [], curves: [] }), 'E_EMPTY');
    expect(prCurveSvg(set)).not.toContain('NaN');
  });
});
