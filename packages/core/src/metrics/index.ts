// Public API of metrics/ (re-exported by src/index.ts). Filled by the metrics work.
export {};
