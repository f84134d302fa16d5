export * from './oks.js';
export * from './pck.js';
// pairwiseSumF64 (the monomorphic kernel) stays internal to core.
export { numpyPairwiseSum, numpyPairwiseSumF32 } from './pairwise.js';
