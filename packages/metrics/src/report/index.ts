// Public API of report/ (re-exported by src/index.ts).
export {};
