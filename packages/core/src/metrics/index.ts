export * from './oks.js';
export * from './pck.js';
export * from './pairwise.js';
