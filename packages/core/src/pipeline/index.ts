// Public API of pipeline/ (re-exported by src/index.ts). Filled by the pipeline work.
export {};
