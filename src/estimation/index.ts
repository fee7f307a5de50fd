/**
 * Estimation: swappable filters, smoothers and models (Stone Soup style). PURE: no I/O, clock or randomness.
 * Every component has a zod config schema so a run can be saved and replayed.
 */
export * from './errors.js';
export * from './gaussian.js';
export * from './observation.js';
export * from './track.js';
export { choleskyLower, forwardSubstitute, solveRightSpd, logDetFromCholesky } from './linalg/cholesky.js';
export type { TransitionModel } from './models/transition-model.js';
export * from './models/measurement-model.js';
export * from './models/constant-velocity.js';
export * from './models/linear-measurement.js';
export * from './models/ballistic-flat-earth.js';
export * from './models/radar-flat-earth.js';
export * from './models/model-config.js';
export type { Filter, FilterRunOptions } from './filters/filter.js';
export { type FilterInput, validateFilterInput } from './filters/run-filter.js';
export {
  sigmaPointConfigSchema,
  merweWeights,
  type SigmaPointConfig,
  type SigmaWeights,
} from './filters/sigma-points.js';
export * from './filters/kalman-filter.js';
export * from './filters/extended-kalman-filter.js';
export * from './filters/unscented-kalman-filter.js';
export * from './filters/filter-config.js';
export type { Smoother, SmootherRunOptions } from './smoothers/smoother.js';
export * from './smoothers/rts-smoother.js';
export * from './smoothers/unscented-rts-smoother.js';
export * from './smoothers/smoother-config.js';
