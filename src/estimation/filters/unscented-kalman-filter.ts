import { z } from 'zod';
import type { Filter } from './filter.js';
import { runFilter } from './run-filter.js';
import { sigmaPointConfigSchema } from './sigma-points.js';
import { createUnscentedStepper } from './unscented-stepper.js';

/** Settings of the unscented Kalman filter (Merwe scaled sigma points; defaults alpha 1, beta 2, kappa 0). */
export const unscentedKalmanFilterConfigSchema = sigmaPointConfigSchema.extend({ kind: z.literal('ukf') });
export type UnscentedKalmanFilterConfig = z.infer<typeof unscentedKalmanFilterConfigSchema>;

/**
 * Unscented Kalman filter (Wan & van der Merwe 2000): 2n + 1 Merwe sigma points in the predictor and the
 * updater (see unscented-stepper.ts). Exact for linear-Gaussian models; for nonlinear models the predicted mean
 * and covariance are accurate to second order. Needs no Jacobians.
 */
export function createUnscentedKalmanFilter(
  config: z.input<typeof unscentedKalmanFilterConfigSchema> = { kind: 'ukf' },
): Filter<UnscentedKalmanFilterConfig> {
  const c = unscentedKalmanFilterConfigSchema.parse(config);
  return {
    config: c,
    run: (input, options) =>
      runFilter(
        { filter: 'ukf', sigmaPoints: { alpha: c.alpha, beta: c.beta, kappa: c.kappa } },
        (n, m) => createUnscentedStepper(c, n, m),
        input,
        options?.reuse,
      ),
  };
}
