import { z } from 'zod';
import type { Filter } from './filter.js';
import { createKalmanStepper } from './kalman-stepper.js';
import { runFilter } from './run-filter.js';

/** Settings of the extended Kalman filter. */
export const extendedKalmanFilterConfigSchema = z.object({
  kind: z.literal('ekf'),
  /** As for the linear Kalman filter; 'joseph' is the default. */
  covarianceUpdate: z.enum(['joseph', 'symmetrised']).default('joseph'),
});
export type ExtendedKalmanFilterConfig = z.infer<typeof extendedKalmanFilterConfigSchema>;

/**
 * Extended Kalman filter: propagates the mean through f and h, the covariance through the Jacobians F (at the
 * filtered mean) and H (at the predicted mean). Exact for linear models; first-order accurate otherwise, valid
 * while the models are close to linear across the covariance (else prefer the UKF).
 */
export function createExtendedKalmanFilter(
  config: z.input<typeof extendedKalmanFilterConfigSchema> = { kind: 'ekf' },
): Filter<ExtendedKalmanFilterConfig> {
  const c = extendedKalmanFilterConfigSchema.parse(config);
  return {
    config: c,
    run: (input, options) =>
      runFilter(
        { filter: 'ekf' },
        (n, m) => createKalmanStepper('extended', c.covarianceUpdate, n, m),
        input,
        options?.reuse,
      ),
  };
}
