import type { EstimationError } from '../errors.js';
import type { MeasurementModel } from '../models/measurement-model.js';
import type { TransitionModel } from '../models/transition-model.js';

/**
 * The two halves of one filter step, working on caller-owned buffers (the run loop copies results into the
 * track). Each returns an error or undefined. Implementations allocate their workspace once, when created.
 */
export interface Stepper {
  /**
   * True when predict and update start with a Cholesky factor of (a positive multiple of) the covariance they
   * are given and report NOT_POSITIVE_DEFINITE when it fails (the UKF draws its sigma points so). The run loop
   * then checks only the last filtered covariance itself: every other one is factorised by the next step.
   */
  readonly factorisesItsInput?: boolean;
  /**
   * From N(x, P) over dtS > 0 to N(xp, Pp), and the cross covariance D = Cov(x, xp) (all n or n x n).
   * `step` is the index of the observation being predicted to (for error messages).
   */
  predict(
    transition: TransitionModel,
    x: Float64Array,
    P: Float64Array,
    dtS: number,
    xp: Float64Array,
    Pp: Float64Array,
    D: Float64Array,
    step: number,
  ): EstimationError | undefined;
  /**
   * Measurement update of N(xp, Pp) with z, into N(x, P); also the innovation nu (m), its covariance S (m x m)
   * and scalars[0] = NIS, scalars[1] = log-likelihood of the innovation.
   */
  update(
    model: MeasurementModel,
    z: Float64Array,
    xp: Float64Array,
    Pp: Float64Array,
    x: Float64Array,
    P: Float64Array,
    nu: Float64Array,
    S: Float64Array,
    scalars: Float64Array,
    step: number,
  ): EstimationError | undefined;
}

/** Creates a stepper for state dimension n and measurement dimensions up to mMax. */
export type StepperFactory = (n: number, mMax: number) => Stepper;
