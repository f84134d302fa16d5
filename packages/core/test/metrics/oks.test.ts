import { describe, expect, it } from 'vitest';
import { cocoOks, cocoOksMatrix } from '../../src/metrics/oks.js';
import { glibcExp } from '../../src/metrics/oks-exp.js';

const SIG = [0.26, 0.25, 0.25, 0.35, 0.35, 0.79, 0.79, 0.72, 0.72, 0.62, 0.62, 1.07, 1.07, 0.87, 0.87, 0.89, 0.89].map((s) => s / 10.0);
const grid = (x: number, y: number, v = 2): number[] => Array.from({ length: 17 }, (_v, i) => [x + (i % 4) * 10, y + Math.floor(i / 4) * 20, v]).flat();

describe('cocoOks / cocoOksMatrix (pycocotools computeOks)', () => {
  it('is 1 for identical keypoints and ignores detection scores', () => {
    const g = grid(100, 50);
    const d = grid(100, 50, 0.1);
    expect(cocoOks(d, { keypoints: g, area: 4000, bbox: [95, 45, 40, 100] }, SIG)).toBe(1);
  });
  it('averages only over labelled GT keypoints, scaled by the GT area', () => {
    const g = grid(100, 50);
    for (let i = 1; i < 17; i++) g[3 * i + 2] = 0; // only the nose is labelled
    const d = grid(103, 54);
    const area = 4000;
    const v = (2 * SIG[0]!) ** 2;
    const e = ((3 * 3 + 4 * 4) / v) / (area + 2.220446049250313e-16) / 2;
    expect(cocoOks(d, { keypoints: g, area, bbox: [0, 0, 1, 1] }, SIG)).toBe(glibcExp(-e));
    expect(Math.abs(glibcExp(-e) - Math.exp(-e))).toBeLessThan(1e-15);
  });
  it('a GT without labelled keypoints uses the distance outside its box grown by one box size (0 inside)', () => {
    const g = new Array(51).fill(0);
    const bbox = [100, 100, 50, 80];
    // all detection points inside [50, 200] x [20, 260]: OKS 1
    expect(cocoOks(grid(60, 30), { keypoints: g, area: 4000, bbox }, SIG)).toBe(1);
    // far away: tiny
    expect(cocoOks(grid(600, 600), { keypoints: g, area: 4000, bbox }, SIG)).toBeLessThan(1e-6);
  });
  it('a detection keypoint at (0, 0) is a real coordinate', () => {
    const g = grid(100, 50);
    const d = grid(100, 50);
    d[0] = 0;
    d[1] = 0;
    expect(cocoOks(d, { keypoints: g, area: 4000, bbox: [0, 0, 1, 1] }, SIG)).toBeLessThan(1);
  });
  it('fills a D x G matrix row-major, with start/count ranges and an output offset', () => {
    const dts = [...grid(100, 50), ...grid(300, 50), ...grid(102, 52)];
    const gts = [...grid(300, 50), ...grid(100, 50)];
    const out = new Float64Array(2 + 6);
    cocoOksMatrix(out, { keypoints: dts }, { keypoints: gts, areas: [4000, 4000], bboxes: [0, 0, 1, 1, 0, 0, 1, 1] }, SIG, 2);
    expect(out[2 + 1]).toBe(1); // det 0 vs gt 1
    expect(out[2 + 2]).toBe(1); // det 1 vs gt 0
    expect(out[2 + 4]! < 1 && out[2 + 5]! > 0.5).toBe(true);
    const one = new Float64Array(1);
    cocoOksMatrix(one, { keypoints: dts, start: 2, count: 1 }, { keypoints: gts, areas: [4000, 4000], bboxes: [0, 0, 1, 1, 0, 0, 1, 1], start: 1, count: 1 }, SIG);
    expect(one[0]).toBe(out[2 + 5]);
  });
  it('rejects bad input with stable codes', () => {
    const g = grid(0, 0);
    expect(() => cocoOks(g.slice(0, 48), { keypoints: g, area: 1, bbox: [0, 0, 1, 1] }, SIG)).toThrow(expect.objectContaining({ code: 'E_LAYOUT_MISMATCH' }));
    expect(() => cocoOks(g, { keypoints: g, area: 1, bbox: [0, 0, 1, 1] }, [])).toThrow(expect.objectContaining({ code: 'E_LAYOUT_MISMATCH' }));
    expect(() => cocoOksMatrix(new Float64Array(1), { keypoints: g }, { keypoints: g, areas: [1], bboxes: [0, 0, 1, 1] }, SIG.map(() => -1))).toThrow(expect.objectContaining({ code: 'E_RANGE' }));
    expect(() => cocoOksMatrix(new Float64Array(0), { keypoints: g }, { keypoints: g, areas: [1], bboxes: [0, 0, 1, 1] }, SIG)).toThrow(expect.objectContaining({ code: 'E_SHAPE' }));
    expect(() => cocoOksMatrix(new Float64Array(1), { keypoints: g }, { keypoints: g, areas: [], bboxes: [] }, SIG)).toThrow(expect.objectContaining({ code: 'E_SHAPE' }));
  });
});
