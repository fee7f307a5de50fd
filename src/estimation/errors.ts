import { salvoError, type ErrorCode, type SalvoError } from '../kernel/index.js';

/**
 * Why an estimation run stopped. The kernel's stable `code` says what kind of failure it is (bad input or a
 * numerical breakdown); `reason` is the estimation module's own stable sub-code, for tests and for the
 * reconstruction module's failure handling.
 */
export const ESTIMATION_FAILURE_REASONS = [
  'NOT_POSITIVE_DEFINITE', // a covariance (prior, predicted, filtered, innovation or smoothed) lost positive-definiteness
  'DIMENSION_MISMATCH', // a model, prior or observation has the wrong size
  'NON_FINITE', // NaN or Infinity in an input or a propagated state
  'NOT_SYMMETRIC', // a prior or measurement covariance given by the caller is not symmetric
  'TIME_ORDER', // observation times decrease, or precede the prior
  'MISSING_JACOBIAN', // a filter or smoother needs a Jacobian the model does not provide
  'NOT_LINEAR', // the linear Kalman filter was given a model not marked linear
  'TRACK_MISMATCH', // a smoother was given a track it cannot smooth
] as const;
export type EstimationFailureReason = (typeof ESTIMATION_FAILURE_REASONS)[number];

export interface EstimationError extends SalvoError {
  readonly reason: EstimationFailureReason;
  /** 0-based observation index where it happened (-1 for the prior), when it is tied to a step. */
  readonly step?: number;
}

const CODE_OF: Record<EstimationFailureReason, ErrorCode> = {
  NOT_POSITIVE_DEFINITE: 'NOT_CONVERGED',
  DIMENSION_MISMATCH: 'INVALID_INPUT',
  NON_FINITE: 'INVALID_INPUT',
  NOT_SYMMETRIC: 'INVALID_INPUT',
  TIME_ORDER: 'INVALID_INPUT',
  MISSING_JACOBIAN: 'UNSUPPORTED',
  NOT_LINEAR: 'UNSUPPORTED',
  TRACK_MISMATCH: 'INVALID_INPUT',
};

export function estimationError(
  reason: EstimationFailureReason,
  message: string,
  step?: number,
): EstimationError {
  // `field` names the input (the observation index is 0-based, not a file line: callers that read a file map
  // it to their row numbers).
  const field = step === undefined ? undefined : step < 0 ? 'prior' : `observations[${String(step)}]`;
  const base = salvoError(CODE_OF[reason], message, [
    field === undefined ? { reason: message } : { field, reason: message },
  ]);
  return step === undefined ? { ...base, reason } : { ...base, reason, step };
}

/** The clear error for a failed Cholesky factorisation of the named covariance at the given step. */
export function notPositiveDefinite(what: string, step: number, pivot: number): EstimationError {
  return estimationError(
    'NOT_POSITIVE_DEFINITE',
    `${what} is not positive definite at step ${String(step)} (Cholesky pivot ${String(pivot)} <= 0 or not finite); ` +
      'check the prior, the process and measurement noise, and whether the model diverged',
    step,
  );
}
