// Public API of affine/ (re-exported by src/index.ts). Filled by the affine work.
export {};
