// Public API of render/ (re-exported by src/index.ts). Filled by the render work.
export {};
