// Public API of render/ (re-exported by src/index.ts).
export { posesToSvg } from './svg.js';
export type { SvgOptions } from './svg.js';
