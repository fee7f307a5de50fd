import { z } from 'zod';
import type { Filter } from './filter.js';
import { createKalmanStepper } from './kalman-stepper.js';
import { runFilter } from './run-filter.js';

/** Settings of the linear Kalman filter. */
export const kalmanFilterConfigSchema = z.object({
  kind: z.literal('kf'),
  /** 'joseph' (default): P = (I-KH)P(I-KH)^T + KRK^T, positive definite for any gain; 'symmetrised': P - KSK^T. */
  covarianceUpdate: z.enum(['joseph', 'symmetrised']).default('joseph'),
});
export type KalmanFilterConfig = z.infer<typeof kalmanFilterConfigSchema>;

/**
 * Linear Kalman filter (Kalman 1960). Requires models marked `linear` with Jacobians F and H (the matrices).
 * Exact (the posterior of a linear-Gaussian model) up to rounding; returns UNSUPPORTED / NOT_LINEAR otherwise.
 */
export function createKalmanFilter(
  config: z.input<typeof kalmanFilterConfigSchema> = { kind: 'kf' },
): Filter<KalmanFilterConfig> {
  const c = kalmanFilterConfigSchema.parse(config);
  return {
    config: c,
    run: (input, options) =>
      runFilter(
        { filter: 'kf' },
        (n, m) => createKalmanStepper('linear', c.covarianceUpdate, n, m),
        input,
        options?.reuse,
      ),
  };
}
