export { ONE_EURO_DEFAULTS, createOneEuroFilter, oneEuroAlpha } from './one-euro.js';
export type { OneEuroFilter, OneEuroOptions } from './one-euro.js';
export { VELOCITY_FILTER_DEFAULTS, createVelocityFilter, keypointsObjectScale } from './velocity.js';
export type { VelocityFilter, VelocityFilterOptions } from './velocity.js';
export { createPoseSmoother } from './pose-smoother.js';
export type { PoseFilterKind, PoseSmoother, PoseSmootherOptions } from './pose-smoother.js';
