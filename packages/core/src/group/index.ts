// Public API of group/ (re-exported by src/index.ts). Filled by the group work.
export {};
