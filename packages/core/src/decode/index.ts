// Public API of decode/ (re-exported by src/index.ts). Filled by the decode work.
export {};
