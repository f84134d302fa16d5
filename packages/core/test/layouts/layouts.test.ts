import { readFileSync } from 'node:fs';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { expectCode } from '../../../../test-support/errors.js';
import { describeWithShared, sharedPath } from '../../../../test-support/shared.js';
import { COCO17, HALPE136, getLayout, listLayouts, registerLayout, validateLayout } from '../../src/layouts/index.js';
import type { KeypointLayout } from '../../src/layouts/index.js';

const EXPECTED_COUNTS: Record<string, number> = {
  coco17: 17,
  coco_wholebody133: 133,
  halpe26: 26,
  halpe136: 136,
  mpii16: 16,
  crowdpose14: 14,
  aic14: 14,
  openpose_coco18: 18,
  openpose_body25: 25,
  hand21: 21,
  face68: 68,
};

describe('built-in layouts', () => {
  it('lists exactly the built-in names first', () => {
    expect(listLayouts().slice(0, 11)).toEqual(Object.keys(EXPECTED_COUNTS));
  });
  it.each(Object.entries(EXPECTED_COUNTS))('%s has %i keypoints and consistent, frozen data', (name, k) => {
    const l = getLayout(name);
    expect(l.name).toBe(name);
    expect(l.keypoints.length).toBe(k);
    expect(new Set(l.keypoints).size).toBe(k);
    expect(l.flipIndices.length).toBe(k);
    // flip is an involution (left <-> right) and a permutation
    l.flipIndices.forEach((j, i) => expect(l.flipIndices[j]).toBe(i));
    for (const [a, b] of l.skeleton) {
      expect(a).toBeGreaterThanOrEqual(0);
      expect(b).toBeLessThan(k);
      expect(a).not.toBe(b);
    }
    if (l.sigmas) {
      expect(l.sigmas.length).toBe(k);
      for (const s of l.sigmas) expect(s).toBeGreaterThan(0);
    }
    expect(Object.isFrozen(l)).toBe(true);
    expect(Object.isFrozen(l.keypoints)).toBe(true);
    expect(Object.isFrozen(l.flipIndices)).toBe(true);
    expect(() => (l.keypoints as string[]).push('x')).toThrow();
    expect(validateLayout(l)).toEqual(l);
  });
  it('flip partners are the left/right twins by name', () => {
    for (const name of listLayouts()) {
      const l = getLayout(name);
      l.flipIndices.forEach((j, i) => {
        const n = l.keypoints[i]!;
        if (n.startsWith('left_')) expect(l.keypoints[j]).toBe('right_' + n.slice(5));
        if (n.startsWith('right_')) expect(l.keypoints[j]).toBe('left_' + n.slice(6));
      });
    }
  });
  it('COCO-17 flip indices match the spec (§2.4)', () => {
    expect(COCO17.flipIndices).toEqual([0, 2, 1, 4, 3, 6, 5, 8, 7, 10, 9, 12, 11, 14, 13, 16, 15]);
  });
  it('COCO-17 sigmas are pycocotools float64 quotients, not decimal literals', () => {
    const ref = [0.26, 0.25, 0.25, 0.35, 0.35, 0.79, 0.79, 0.72, 0.72, 0.62, 0.62, 1.07, 1.07, 0.87, 0.87, 0.89, 0.89].map((v) => v / 10.0);
    expect(COCO17.sigmas).toEqual(ref);
    expect(COCO17.sigmas![0]).toBe(0.026000000000000002);
    expect(COCO17.sigmas![3]).toBe(0.034999999999999996);
    expect(COCO17.sigmas![11]).toBe(0.10700000000000001);
  });
  it('Halpe layouts extend COCO-17, hand roots have unique names and flip to each other', () => {
    expect(getLayout('halpe26').keypoints.slice(0, 17)).toEqual(COCO17.keypoints);
    expect(HALPE136.keypoints.slice(0, 26)).toEqual(getLayout('halpe26').keypoints);
    expect(HALPE136.keypoints[94]).toBe('left_hand_root');
    expect(HALPE136.flipIndices[94]).toBe(115);
    expect(HALPE136.flipIndices[9]).toBe(10);
    expect(HALPE136.keypoints[26]).toBe('face-0');
    expect(HALPE136.flipIndices[26]).toBe(42);
    expect(HALPE136.sigmas!.slice(17, 26)).toEqual([0.08, 0.08, 0.08, 0.089, 0.089, 0.089, 0.089, 0.089, 0.089]);
  });
  it('Halpe-136 links the elbows to the body wrists (MMPose: to the hand roots 94 / 115, documented)', () => {
    const links = HALPE136.skeleton.map(([a, b]) => `${a}-${b}`);
    expect(links).toContain('7-9');
    expect(links).toContain('8-10');
    expect(links).not.toContain('7-94');
    expect(links).not.toContain('8-115');
    // the hand chains start at the hand roots
    expect(links).toContain('94-95');
    expect(links).toContain('115-116');
  });
  it('dataset orders from shared/data/DATA.md', () => {
    expect(getLayout('crowdpose14').keypoints.slice(0, 3)).toEqual(['left_shoulder', 'right_shoulder', 'left_elbow']);
    expect(getLayout('aic14').keypoints.slice(0, 4)).toEqual(['right_shoulder', 'right_elbow', 'right_wrist', 'left_shoulder']);
    expect(getLayout('mpii16').keypoints).toEqual([
      'right_ankle', 'right_knee', 'right_hip', 'left_hip', 'left_knee', 'left_ankle', 'pelvis', 'thorax', 'upper_neck', 'head_top',
      'right_wrist', 'right_elbow', 'right_shoulder', 'left_shoulder', 'left_elbow', 'left_wrist',
    ]);
  });
  it('OpenPose COCO-18 skeleton is the 19-limb limbSeq in reference order', () => {
    const l = getLayout('openpose_coco18');
    expect(l.skeleton.length).toBe(19);
    expect(l.skeleton[0]).toEqual([1, 2]);
    expect(l.skeleton[18]).toEqual([5, 17]);
    expect(l.keypoints[1]).toBe('neck');
    expect(getLayout('openpose_body25').keypoints[8]).toBe('mid_hip');
  });
  it('types: layouts are readonly plain data', () => {
    expectTypeOf(getLayout('coco17')).toEqualTypeOf<KeypointLayout>();
    expectTypeOf(COCO17.keypoints).toEqualTypeOf<readonly string[]>();
    expectTypeOf(COCO17.skeleton).toEqualTypeOf<readonly (readonly [number, number])[]>();
    expect(getLayout('coco17').keypoints.length === 17).toBe(true);
  });
});

describeWithShared('layouts vs the shared data', ['data/mmpose-tests/coco/test_coco.json', 'fixtures/cocoeval/wholebody133.json'], () => {
  it('COCO-17 names and skeleton equal the COCO person category', () => {
    const cat = JSON.parse(readFileSync(sharedPath('data/mmpose-tests/coco/test_coco.json'), 'utf8')).categories[0];
    expect(COCO17.keypoints).toEqual(cat.keypoints);
    const want = (cat.skeleton as number[][]).map(([a, b]) => [a! - 1, b! - 1].sort((x, y) => x - y).join('-')).sort();
    expect(COCO17.skeleton.map(([a, b]) => [a, b].sort((x, y) => x - y).join('-')).sort()).toEqual(want);
  });
  it('WholeBody-133 sigmas equal the pycocotools fixture params', () => {
    const f = JSON.parse(readFileSync(sharedPath('fixtures/cocoeval/wholebody133.json'), 'utf8'));
    expect(getLayout('coco_wholebody133').sigmas).toEqual(f.params.kpt_oks_sigmas);
  });
});

describe('registry errors and custom layouts', () => {
  it('unknown name -> E_UNKNOWN_LAYOUT naming the known layouts', () => {
    expect(() => getLayout('coco18')).toThrowError(expect.objectContaining({ code: 'E_UNKNOWN_LAYOUT' }));
    expect(() => getLayout('coco18')).toThrow(/known layouts: coco17, coco_wholebody133/);
    expect(() => getLayout(undefined as unknown as string)).toThrowError(expect.objectContaining({ code: 'E_UNKNOWN_LAYOUT' }));
  });
  const good: KeypointLayout = { name: 'test_tri', keypoints: ['a', 'left_b', 'right_b'], skeleton: [[0, 1], [0, 2]], flipIndices: [0, 2, 1], sigmas: [0.1, 0.2, 0.2] };
  it('registers, returns a frozen copy, and getLayout finds it', () => {
    const stored = registerLayout(good);
    expect(stored).not.toBe(good);
    expect(Object.isFrozen(stored)).toBe(true);
    expect(getLayout('test_tri')).toBe(stored);
    expect(listLayouts()).toContain('test_tri');
    expect(() => registerLayout(good)).toThrowError(expect.objectContaining({ code: 'E_DUPLICATE_ID' }));
    expect(registerLayout({ ...good, sigmas: [1, 1, 1] }, { replace: true }).sigmas).toEqual([1, 1, 1]);
  });
  it('built-in names cannot be replaced', () => {
    expect(() => registerLayout({ ...COCO17 }, { replace: true })).toThrowError(expect.objectContaining({ code: 'E_DUPLICATE_ID' }));
  });
  it.each([
    ['empty name', { ...good, name: '' }],
    ['no keypoints', { ...good, keypoints: [] }],
    ['duplicate names', { ...good, keypoints: ['a', 'a', 'b'] }],
    ['skeleton index out of range', { ...good, skeleton: [[0, 3]] }],
    ['flip not a permutation', { ...good, flipIndices: [0, 1, 1] }],
    ['flip wrong length', { ...good, flipIndices: [0, 1] }],
    ['sigma <= 0', { ...good, sigmas: [0.1, 0, 0.1] }],
    ['sigmas wrong length', { ...good, sigmas: [0.1] }],
  ])('rejects %s with E_FIELD', (_n, l) => {
    expect(() => registerLayout({ ...(l as KeypointLayout), name: (l as KeypointLayout).name === '' ? '' : 'bad_one' })).toThrowError(expect.objectContaining({ code: 'E_FIELD' }));
  });
  it('sigma / flip errors name the keypoint count and the received length', () => {
    const two: KeypointLayout = { name: 'bad_two', keypoints: ['a', 'b'], skeleton: [], flipIndices: [0, 1] };
    expectCode(() => registerLayout({ ...two, sigmas: new Float32Array(1) as never }), 'E_FIELD', /sigmas must be a plain array of 2 numbers \(one per keypoint\); received a Float32Array of length 1/);
    expectCode(() => registerLayout({ ...two, sigmas: [0.1] }), 'E_FIELD', /sigmas must have 2 entries \(one per keypoint\); received 1/);
    expectCode(() => registerLayout({ ...two, flipIndices: Int32Array.from([0, 1]) as never }), 'E_FIELD', /flipIndices must be a plain array of 2 indices .*received an Int32Array of length 2/);
    expectCode(() => registerLayout({ ...two, flipIndices: [0] }), 'E_FIELD', /flipIndices must have 2 entries \(one per keypoint\); received 1/);
  });
});
