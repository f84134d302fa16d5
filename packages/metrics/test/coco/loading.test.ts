import { describe, expect, it } from 'vitest';
import { loadCocoDataset, loadCocoResults } from '../../src/index.js';
import { gtDict, person, personKps } from './helpers.js';
import { thrownCode } from '../../../../test-support/errors.js';

const gt = gtDict([1, 2], [person(10, 1, 100, 100, 50, 120), person(11, 2, 10, 10, 40, 80)]);

describe('loadCocoDataset', () => {
  it('loads images, categories and annotations into typed arrays', () => {
    const ds = loadCocoDataset(JSON.stringify(gt), { file: 'gt.json' });
    expect(ds.file).toBe('gt.json');
    expect(ds.numKeypoints).toBe(17);
    expect(Array.from(ds.imageIds)).toEqual([1, 2]);
    expect(ds.categories[0]!.name).toBe('person');
    expect(ds.annotations.count).toBe(2);
    expect(Array.from(ds.annotations.id)).toEqual([10, 11]);
    expect(ds.annotations.area[0]).toBe(6000);
    expect(Array.from(ds.annotations.bbox.subarray(4, 8))).toEqual([10, 10, 40, 80]);
    expect(ds.annotations.keypoints.length).toBe(2 * 51);
  });
  it('defaults a missing iscrowd to 0', () => {
    const g = structuredClone(gt) as { annotations: Record<string, unknown>[] };
    delete g.annotations[0]!['iscrowd'];
    expect(loadCocoDataset(g).annotations.iscrowd[0]).toBe(0);
  });
});

describe('loadCocoResults (loadRes semantics)', () => {
  const ds = loadCocoDataset(gt);
  it('keypoint branch: ids are 1-based positions, area = extent of all keypoints including (0, 0) and zero-score points', () => {
    const kp = personKps(100, 100, 50, 120);
    const withZero = kp.slice();
    withZero[0] = 0;
    withZero[1] = 0;
    withZero[2] = 0; // an unannotated point at the origin still counts for the extent
    const r = loadCocoResults([
      { image_id: 1, category_id: 1, keypoints: kp, score: 0.9, id: 77, area: 5 },
      { image_id: 2, category_id: 1, keypoints: withZero, score: 0.8 },
    ], ds);
    expect(r.branch).toBe('keypoints');
    expect(Array.from(r.id)).toEqual([1, 2]);
    // extent of the grid: x from 106.25 to 143.75, y from 112 to 208
    expect(r.area[0]).toBe((143.75 - 106.25) * (208 - 112));
    expect(r.area[1]).toBe(143.75 * 208);
    expect(Array.from(r.bbox.subarray(4, 8))).toEqual([0, 0, 143.75, 208]);
  });
  it('bbox branch is chosen by the first result: area = w*h', () => {
    const kp = personKps(100, 100, 50, 120);
    const r = loadCocoResults([
      { image_id: 1, category_id: 1, keypoints: kp, score: 0.9, bbox: [0, 0, 10, 20] },
      { image_id: 1, category_id: 1, keypoints: kp, score: 0.5, bbox: [5, 5, 3, 4] },
    ], ds);
    expect(r.branch).toBe('bbox');
    expect(Array.from(r.area)).toEqual([200, 12]);
  });
  it('an empty bbox in the first result keeps the keypoint branch', () => {
    const r = loadCocoResults([{ image_id: 1, category_id: 1, keypoints: personKps(0, 0, 10, 10), score: 1, bbox: [] }], ds);
    expect(r.branch).toBe('keypoints');
  });
  it('an empty list is "no detections" (pycocotools raises)', () => {
    const r = loadCocoResults('[]', ds);
    expect(r.count).toBe(0);
  });
});

describe('bad input -> PosekitError naming file, item and field', () => {
  const msg = (fn: () => unknown): string => {
    try {
      fn();
    } catch (e) {
      return (e as Error).message;
    }
    return '';
  };
  const ds = loadCocoDataset(gt);
  const good = { image_id: 1, category_id: 1, keypoints: personKps(0, 0, 10, 10), score: 0.5 };

  it('malformed JSON -> E_PARSE', () => {
    expect(thrownCode(() => loadCocoDataset('{"images": [', { file: 'gt.json' }))).toBe('E_PARSE');
    expect(msg(() => loadCocoDataset('{"images": [', { file: 'gt.json' }))).toContain('gt.json');
    expect(thrownCode(() => loadCocoResults('[{"image_id": 1,', ds, { file: 'dt.json' }))).toBe('E_PARSE');
  });
  it('missing top-level arrays / fields / wrong types -> E_FIELD', () => {
    expect(thrownCode(() => loadCocoDataset({ images: [], categories: [] }))).toBe('E_FIELD');
    const g = structuredClone(gt) as { annotations: Record<string, unknown>[] };
    delete g.annotations[1]!['area'];
    expect(thrownCode(() => loadCocoDataset(g, { file: 'gt.json' }))).toBe('E_FIELD');
    const m = msg(() => loadCocoDataset(g, { file: 'gt.json' }));
    expect(m).toContain('gt.json');
    expect(m).toContain('annotations[1] (id 11)');
    expect(m).toContain('"area"');
    const g2 = structuredClone(gt) as { annotations: Record<string, unknown>[] };
    g2.annotations[0]!['bbox'] = 'box';
    expect(thrownCode(() => loadCocoDataset(g2))).toBe('E_FIELD');
    expect(thrownCode(() => loadCocoResults([{ ...good, score: '0.5' }], ds))).toBe('E_FIELD');
    expect(thrownCode(() => loadCocoResults([{ ...good, score: undefined }], ds))).toBe('E_FIELD');
    expect(thrownCode(() => loadCocoResults({ not: 'a list' } as unknown as unknown[], ds))).toBe('E_FIELD');
    expect(thrownCode(() => loadCocoResults([good, 5], ds))).toBe('E_FIELD');
    expect(msg(() => loadCocoResults([good, { ...good, category_id: 'person' }], ds, { file: 'dt.json' }))).toContain('results[1]');
  });
  it('keypoint arrays of the wrong length -> E_LAYOUT_MISMATCH', () => {
    expect(thrownCode(() => loadCocoResults([{ ...good, keypoints: good.keypoints.slice(0, 50) }], ds))).toBe('E_LAYOUT_MISMATCH');
    const g = structuredClone(gt) as { annotations: Record<string, unknown>[] };
    g.annotations[1]!['keypoints'] = personKps(0, 0, 5, 5).slice(0, 48);
    expect(thrownCode(() => loadCocoDataset(g))).toBe('E_LAYOUT_MISMATCH');
  });
  it('NaN / Infinity values -> E_NONFINITE; non-numbers -> E_FIELD', () => {
    const kp = good.keypoints.slice();
    kp[4] = NaN;
    expect(thrownCode(() => loadCocoResults([{ ...good, keypoints: kp }], ds))).toBe('E_NONFINITE');
    expect(thrownCode(() => loadCocoResults([{ ...good, score: Infinity }], ds))).toBe('E_NONFINITE');
    // JSON text cannot hold NaN, but 1e999 parses to Infinity.
    expect(thrownCode(() => loadCocoResults(`[${JSON.stringify(good).replace('"score":0.5', '"score":1e999')}]`, ds))).toBe('E_NONFINITE');
    const kp2: unknown[] = good.keypoints.slice();
    kp2[7] = 'x';
    expect(thrownCode(() => loadCocoResults([{ ...good, keypoints: kp2 }], ds))).toBe('E_FIELD');
  });
  it('results for unknown image ids -> E_UNKNOWN_ID; GT annotations for unknown images/categories too', () => {
    expect(thrownCode(() => loadCocoResults([good, { ...good, image_id: 99 }], ds))).toBe('E_UNKNOWN_ID');
    expect(msg(() => loadCocoResults([good, { ...good, image_id: 99 }], ds, { file: 'dt.json' }))).toContain('image_id 99');
    const g = structuredClone(gt) as { annotations: Record<string, unknown>[] };
    g.annotations[0]!['image_id'] = 5;
    expect(thrownCode(() => loadCocoDataset(g))).toBe('E_UNKNOWN_ID');
    const g2 = structuredClone(gt) as { annotations: Record<string, unknown>[] };
    g2.annotations[0]!['category_id'] = 5;
    expect(thrownCode(() => loadCocoDataset(g2))).toBe('E_UNKNOWN_ID');
  });
  it('duplicate ids -> E_DUPLICATE_ID', () => {
    const g = structuredClone(gt) as { annotations: Record<string, unknown>[]; images: Record<string, unknown>[]; categories: Record<string, unknown>[] };
    g.annotations[1]!['id'] = 10;
    expect(thrownCode(() => loadCocoDataset(g))).toBe('E_DUPLICATE_ID');
    const g2 = structuredClone(gt) as { images: Record<string, unknown>[] };
    g2.images[1]!['id'] = 1;
    expect(thrownCode(() => loadCocoDataset(g2))).toBe('E_DUPLICATE_ID');
    const g3 = structuredClone(gt) as { categories: Record<string, unknown>[] };
    g3.categories.push({ id: 1, name: 'again' });
    expect(thrownCode(() => loadCocoDataset(g3))).toBe('E_DUPLICATE_ID');
  });
  it('a bbox-branch list needs a bbox on every result', () => {
    expect(thrownCode(() => loadCocoResults([{ ...good, bbox: [0, 0, 1, 1] }, good], ds))).toBe('E_FIELD');
  });
});
