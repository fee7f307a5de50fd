import type { Result } from '../../kernel/index.js';
import type { EstimationError } from '../errors.js';
import type { TransitionModel } from '../models/transition-model.js';
import type { FilterTrack, SmoothedTrack } from '../track.js';

export interface SmootherRunOptions {
  readonly reuse?: SmoothedTrack;
}

/** A fixed-interval smoother: turns a filter track into N(x_{k|N}, P_{k|N}) for every step. */
export interface Smoother<C = unknown> {
  /** The validated settings, with defaults filled in. */
  readonly config: C;
  /** `transition` must be the model the filter ran with (smoothers that reuse stored moments ignore it). */
  /** `options.reuse`: a previous result of the same shape whose storage is overwritten (Monte Carlo loops). */
  smooth(
    track: FilterTrack,
    transition: TransitionModel,
    options?: SmootherRunOptions,
  ): Result<SmoothedTrack, EstimationError>;
}
