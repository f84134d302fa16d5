export * from './oks.js';
export * from './pck.js';
