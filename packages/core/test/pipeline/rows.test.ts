import { describe, expect, it } from 'vitest';
import { decodeYoloPoseRows, decodeYoloxHead, instanceScore, isPosekitError, readEnd2EndDetections } from '../../src/index.js';

function codeOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (isPosekitError(e)) return e.code;
    throw e;
  }
  throw new Error('expected a PosekitError');
}

describe('decodeYoloPoseRows', () => {
  // [1, 5 + 3*2, A = 4]: channel-major, row a = column a.
  const A = 4;
  const K = 2;
  const C = 5 + 3 * K;
  const rows = [
    [100, 50, 20, 40, 0.9, 95, 40, 0.8, 105, 60, 0.7],
    [10, 10, 4, 4, 0.25, 1, 2, 0.1, 3, 4, 0.2], // exactly at the threshold: dropped (strict >)
    [200, 100, 10, 10, 0.3, 201, 101, 0.5, 202, 102, 0.6],
    [0, 0, 1, 1, 0.1, 0, 0, 0, 0, 0, 0],
  ];
  const data = new Float32Array(C * A);
  rows.forEach((r, a) => r.forEach((v, c) => (data[c * A + a] = v)));

  it('reads the transposed rows in place, keeps score > thr, converts cxcywh to xyxy', () => {
    const c = decodeYoloPoseRows({ data, dims: [1, C, A] }, { scoreThreshold: 0.25 });
    expect(c.n).toBe(2);
    expect(c.k).toBe(2);
    expect(Array.from(c.boxes)).toEqual([90, 30, 110, 70, 195, 95, 205, 105]);
    expect(Array.from(c.scores)).toEqual([Math.fround(0.9), Math.fround(0.3)]);
    expect(Array.from(c.keypoints!)).toEqual([95, 40, 0.8, 105, 60, 0.7, 201, 101, 0.5, 202, 102, 0.6].map(Math.fround));
  });

  it('bad shapes -> E_SHAPE / E_RANK / E_DTYPE', () => {
    expect(codeOf(() => decodeYoloPoseRows({ data: new Float32Array(12), dims: [1, 6, 2] }))).toBe('E_SHAPE');
    expect(codeOf(() => decodeYoloPoseRows({ data: new Float32Array(12), dims: [6, 2] }))).toBe('E_RANK');
    expect(codeOf(() => decodeYoloPoseRows({ data: new Float64Array(56) as never, dims: [1, 56, 1] }))).toBe('E_DTYPE');
  });
});

describe('decodeYoloxHead', () => {
  it('decodes grid rows of each stride level and scores obj x cls', () => {
    // 32x32 input, strides [16, 32]: 2x2 + 1x1 = 5 rows, 2 classes -> 7 columns.
    const rows = 5;
    const cols = 7;
    const d = new Float32Array(rows * cols);
    // level 16, cell (gx=1, gy=0) = row 1: tx 0.5, ty 0.25, tw = th = 0 -> w = h = 16
    d.set([0.5, 0.25, 0, 0, 0.8, 0.9, 0.1], 1 * cols);
    // level 32, cell (0, 0) = row 4: class 1 only
    d.set([0, 0, Math.log(2), 0, 0.9, 0.1, 0.95], 4 * cols);
    const c = decodeYoloxHead({ data: d, dims: [1, rows, cols] }, { inputWidth: 32, inputHeight: 32, strides: [16, 32], classId: 0, scoreThreshold: 0.5 });
    expect(c.n).toBe(1);
    // cx = (0.5 + 1) * 16 = 24, cy = 0.25 * 16 = 4
    expect(Array.from(c.boxes)).toEqual([16, -4, 32, 12]);
    expect(c.scores[0]).toBeCloseTo(0.72, 6);
    const c1 = decodeYoloxHead({ data: d, dims: [1, rows, cols] }, { inputWidth: 32, inputHeight: 32, strides: [16, 32], classId: 1, scoreThreshold: 0.5 });
    expect(c1.n).toBe(1);
    expect(c1.boxes[2]! - c1.boxes[0]!).toBeCloseTo(64, 4);
    expect(c1.labels[0]).toBe(1);
    expect(codeOf(() => decodeYoloxHead({ data: d, dims: [1, rows, cols] }, { inputWidth: 64, inputHeight: 32, strides: [16, 32] }))).toBe('E_SHAPE');
  });
});

describe('readEnd2EndDetections', () => {
  it('keeps score >= thr of the wanted label, with int64 labels', () => {
    const dets = new Float32Array([1, 2, 3, 4, 0.9, 5, 6, 7, 8, 0.29, 9, 9, 19, 19, 0.3, 0, 0, 1, 1, 0.95]);
    const labels = new BigInt64Array([0n, 0n, 0n, 2n]);
    const c = readEnd2EndDetections({ data: dets, dims: [1, 4, 5] }, { data: labels, dims: [1, 4] }, { scoreThreshold: 0.3 });
    expect(c.n).toBe(2);
    expect(Array.from(c.boxes)).toEqual([1, 2, 3, 4, 9, 9, 19, 19]);
    expect(readEnd2EndDetections({ data: dets, dims: [1, 4, 5] }, { data: labels, dims: [1, 4] }, { scoreThreshold: 0.3, classId: -1 }).n).toBe(3);
    expect(readEnd2EndDetections({ data: new Float32Array(0), dims: [1, 0, 5] }, undefined).n).toBe(0);
    expect(codeOf(() => readEnd2EndDetections({ data: dets, dims: [1, 4, 5] }, { data: new BigInt64Array(3), dims: [1, 3] }))).toBe('E_SHAPE');
    expect(codeOf(() => readEnd2EndDetections({ data: dets, dims: [1, 5, 4] }, undefined))).toBe('E_SHAPE');
  });
});

describe('instanceScore (MMPose CocoMetric)', () => {
  it('box score x mean of keypoint scores > 0.2; 0 when none passes', () => {
    expect(instanceScore(0.5, [0, 0, 0.9, 0, 0, 0.1, 0, 0, 0.5])).toBeCloseTo(0.5 * 0.7, 12);
    expect(instanceScore(0.9, [0, 0, 0.2, 0, 0, 0.1])).toBe(0);
    expect(instanceScore(1, [0, 0, 0.3, 0, 0, 0.1], 0.05)).toBeCloseTo(0.2, 12);
  });
});
