// Public API of coco/ (re-exported by src/index.ts).
export {};
