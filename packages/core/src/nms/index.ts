// Public API of nms/ (re-exported by src/index.ts). Filled by the nms work.
export {};
