// Public API of report/ (re-exported by src/index.ts).
export { prCurveSvg, type PrCurveSvgOptions } from './pr-curve-svg.js';
