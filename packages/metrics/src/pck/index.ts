// Public API of pck/ (re-exported by src/index.ts).
export {};
