import type { Result } from '../../kernel/index.js';
import type { EstimationError } from '../errors.js';
import type { FilterTrack } from '../track.js';
import type { FilterInput } from './run-filter.js';

export interface FilterRunOptions {
  readonly reuse?: FilterTrack;
}

/** A recursive Bayesian filter: runs over a whole observation sequence and keeps every step (see FilterTrack). */
export interface Filter<C = unknown> {
  /** The validated settings, with defaults filled in (save them to replay the run). */
  readonly config: C;
  /**
   * Runs the filter. `options.reuse`: a previous track of the same shape whose storage is overwritten instead of
   * allocating a new one (for Monte Carlo loops; the previous track's contents are lost).
   */
  run(input: FilterInput, options?: FilterRunOptions): Result<FilterTrack, EstimationError>;
}
