// Public API of layouts/ (re-exported by src/index.ts). Filled by the layouts work.
export {};
