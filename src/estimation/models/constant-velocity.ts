import { z } from 'zod';
import type { TransitionModel } from './transition-model.js';

/** Settings of the constant-velocity (white-noise acceleration) model. */
export const constantVelocityConfigSchema = z.object({
  /** Number of spatial axes (state [p1, v1, p2, v2, ...], metres and metres per second). */
  axes: z.number().int().min(1).max(6),
  /** Power spectral density q of the white acceleration noise on each axis, m^2/s^3. */
  noiseDiffusionM2PerS3: z.number().positive(),
});
export type ConstantVelocityConfig = z.infer<typeof constantVelocityConfigSchema>;

/**
 * Nearly-constant-velocity model (continuous white-noise acceleration, Bar-Shalom et al. 2001, section 6.2.2),
 * state [p1, v1, p2, v2, ...] with one (position, velocity) pair per axis.
 * Per axis: F = [[1, dt], [0, 1]], Q = q [[dt^3/3, dt^2/2], [dt^2/2, dt]].
 * Exact discretisation of the continuous model for any dt >= 0 (linear, so the Kalman filter is exact).
 */
export function createConstantVelocityModel(config: ConstantVelocityConfig): TransitionModel {
  const { axes, noiseDiffusionM2PerS3: q } = constantVelocityConfigSchema.parse(config);
  const n = 2 * axes;
  return {
    name: `constant-velocity-${String(axes)}d`,
    n,
    linear: true,
    f(x, dtS, out) {
      for (let a = 0; a < axes; a++) {
        const p = 2 * a;
        out[p] = x[p]! + dtS * x[p + 1]!;
        out[p + 1] = x[p + 1]!;
      }
    },
    F(_x, dtS, out) {
      out.fill(0);
      for (let a = 0; a < axes; a++) {
        const p = 2 * a;
        out[p * n + p] = 1;
        out[p * n + p + 1] = dtS;
        out[(p + 1) * n + p + 1] = 1;
      }
    },
    Q(dtS, out) {
      out.fill(0);
      const dt2 = dtS * dtS;
      for (let a = 0; a < axes; a++) {
        const p = 2 * a;
        out[p * n + p] = (q * dt2 * dtS) / 3;
        out[p * n + p + 1] = (q * dt2) / 2;
        out[(p + 1) * n + p] = (q * dt2) / 2;
        out[(p + 1) * n + p + 1] = q * dtS;
      }
    },
  };
}
