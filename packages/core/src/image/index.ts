// Public API of image/ (re-exported by src/index.ts). Filled by the image work.
export {};
