/**
 * The greedy matching step of tfjs-models' `Tracker.assignTracks` (pose-detection `src/calculators/tracker.ts`).
 *
 * @module
 */
import { PosekitError, describeValue } from '../errors.js';
import { checkNoAlias } from '../affine/check.js';

let takenBuf = new Uint8Array(16);

/**
 * The greedy assignment without validation; `taken` is scratch of at least `numTracks` bytes.
 * @internal
 */
export function assignGreedy(out: Int32Array, sim: ArrayLike<number>, numPoses: number, numTracks: number, minSimilarity: number, taken: Uint8Array): Int32Array {
  taken.fill(0, 0, numTracks);
  let free = numTracks;
  for (let i = 0; i < numPoses; i++) {
    out[i] = -1;
    if (free === 0) continue;
    let best = -1;
    let bestSim = -Infinity;
    const row = i * numTracks;
    // Strict `>`: on ties the lowest track index (the freshest track) wins, as in tfjs.
    for (let j = 0; j < numTracks; j++) {
      if (taken[j] === 1) continue;
      const s = sim[row + j]!;
      if (s >= minSimilarity && s > bestSim) {
        best = j;
        bestSim = s;
      }
    }
    if (best >= 0) {
      out[i] = best;
      taken[best] = 1;
      free--;
    }
  }
  return out;
}

function checkCount(fn: string, name: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
    throw new PosekitError('E_RANGE', `${fn}: ${name} must be an integer >= 0; received ${describeValue(v)}`, { field: name, expected: 'integer >= 0', received: v });
  }
  return v;
}

/**
 * Greedy pose-to-track matching, as tfjs-models' `Tracker.assignTracks`: poses are taken in order (tfjs assumes
 * them sorted most confident first); each takes the still unmatched track with the highest similarity, if
 * that similarity is `>= minSimilarity` (the lowest track index wins ties); a pose left without a track
 * gets -1 (the tracker starts a new track for it).
 *
 * This is not an optimal (Hungarian) assignment: an early pose can take the track a later pose fits better,
 * which is the reference's behaviour.
 *
 * tfjs starts its running best at −1; here it starts at −∞, which agrees whenever `minSimilarity >= 0` (required).
 *
 * @param out - destination, at least `numPoses` long: `out[i]` = the track (column) index pose i takes, or -1
 * @param similarity - `numPoses × numTracks` similarities, row-major (row = pose), finite numbers
 * @param numPoses - rows
 * @param numTracks - columns
 * @param minSimilarity - least similarity for a match, finite and `>= 0`
 * @returns `out`
 * @throws PosekitError `E_RANGE` for bad counts or `minSimilarity`, `E_SHAPE` when `out` or `similarity` is too
 *   short, `E_NONFINITE` for a NaN / infinite similarity, `E_ARGUMENT` for non-array arguments or an `out` that
 *   shares memory with `similarity`
 */
export function assignTracks(out: Int32Array, similarity: ArrayLike<number>, numPoses: number, numTracks: number, minSimilarity: number): Int32Array {
  const fn = 'assignTracks';
  const n = checkCount(fn, 'numPoses', numPoses);
  const t = checkCount(fn, 'numTracks', numTracks);
  if (typeof minSimilarity !== 'number' || !Number.isFinite(minSimilarity) || minSimilarity < 0) {
    throw new PosekitError('E_RANGE', `${fn}: minSimilarity must be a finite number >= 0; received ${describeValue(minSimilarity)}`, { field: 'minSimilarity', received: minSimilarity });
  }
  if (!(out instanceof Int32Array)) {
    throw new PosekitError('E_ARGUMENT', `${fn}: out must be an Int32Array; received ${describeValue(out)}`, { field: 'out', received: describeValue(out) });
  }
  if (similarity === null || typeof similarity !== 'object' || typeof similarity.length !== 'number') {
    throw new PosekitError('E_ARGUMENT', `${fn}: similarity must be a numeric array [numPoses × numTracks]; received ${describeValue(similarity)}`, { field: 'similarity', received: describeValue(similarity) });
  }
  if (out.length < n) throw new PosekitError('E_SHAPE', `${fn}: out must hold numPoses = ${n} values; received ${out.length}`, { field: 'out', expected: n, received: out.length });
  if (similarity.length < n * t) {
    throw new PosekitError('E_SHAPE', `${fn}: similarity must hold numPoses·numTracks = ${n}·${t} = ${n * t} values; received ${similarity.length}`, { field: 'similarity', expected: n * t, received: similarity.length });
  }
  for (let i = 0, m = n * t; i < m; i++) {
    const v = similarity[i]!;
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new PosekitError('E_NONFINITE', `${fn}: similarity[${i}] must be finite; received ${describeValue(v)}`, { field: 'similarity', item: i, received: v });
    }
  }
  checkNoAlias(fn, 'out', out, 'similarity', similarity, 'it is written while similarity is read');
  // No pose, nothing to match: do not size the scratch by numTracks (unchecked against similarity when n = 0).
  if (n === 0) return out;
  if (takenBuf.length < t) takenBuf = new Uint8Array(t);
  return assignGreedy(out, similarity, n, t, minSimilarity, takenBuf);
}
