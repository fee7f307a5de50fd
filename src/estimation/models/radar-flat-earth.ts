import { z } from 'zod';
import { wrapAngleRad, type MeasurementModel } from './measurement-model.js';

/** Settings of the flat-Earth radar (defaults: test/reference/ukf-ballistic-1000/README.md). */
export const radarFlatEarthConfigSchema = z.object({
  /** Radar position [x, y, z] in the model's flat frame, m. */
  siteM: z.tuple([z.number(), z.number(), z.number()]).default([0, 0, 0]),
  /** Standard deviation of elevation, rad. */
  sigmaElevationRad: z.number().positive().default(1e-3),
  /** Standard deviation of bearing, rad. */
  sigmaBearingRad: z.number().positive().default(1e-3),
  /** Standard deviation of range, m. */
  sigmaRangeM: z.number().positive().default(50),
});
export type RadarFlatEarthConfig = z.input<typeof radarFlatEarthConfigSchema>;

/**
 * Radar plot [elevation, bearing, range] of a state whose position is at indices (0, 2, 4) (x, y, z; z up),
 * seen from `siteM`: elevation = atan2(dz, hypot(dx, dy)), bearing = atan2(dy, dx) (from +x towards +y),
 * range = |d|. R = diag(sigmaEl^2, sigmaBearing^2, sigmaRange^2). Angle residuals wrap to (-pi, pi].
 *
 * Exact geometry in a flat frame; no refraction, no Earth curvature (valid for short ranges in a local frame).
 * The Jacobian H is analytic and singular at the site and on its vertical (bearing undefined there).
 */
export function createRadarFlatEarthModel(config: RadarFlatEarthConfig = {}): MeasurementModel {
  const c = radarFlatEarthConfigSchema.parse(config);
  const [sx, sy, sz] = c.siteM;
  const R = new Float64Array(9);
  R[0] = c.sigmaElevationRad ** 2;
  R[4] = c.sigmaBearingRad ** 2;
  R[8] = c.sigmaRangeM ** 2;
  return {
    name: 'radar-flat-earth',
    m: 3,
    n: 7,
    linear: false,
    R,
    h(x, out) {
      const dx = x[0]! - sx;
      const dy = x[2]! - sy;
      const dz = x[4]! - sz;
      const groundRangeM = Math.sqrt(dx * dx + dy * dy);
      out[0] = Math.atan2(dz, groundRangeM);
      out[1] = Math.atan2(dy, dx);
      out[2] = Math.sqrt(dx * dx + dy * dy + dz * dz);
    },
    H(x, out) {
      out.fill(0);
      const dx = x[0]! - sx;
      const dy = x[2]! - sy;
      const dz = x[4]! - sz;
      const rho2 = dx * dx + dy * dy;
      const rho = Math.sqrt(rho2);
      const r2 = rho2 + dz * dz;
      const r = Math.sqrt(r2);
      out[0] = (-dz * dx) / (r2 * rho);
      out[2] = (-dz * dy) / (r2 * rho);
      out[4] = rho / r2;
      out[7] = -dy / rho2;
      out[7 + 2] = dx / rho2;
      out[14] = dx / r;
      out[14 + 2] = dy / r;
      out[14 + 4] = dz / r;
    },
    // Written out rather than componentResidual(['angle', 'angle', 'linear']): called 30 times per UKF step.
    residual(a, b, out) {
      out[0] = wrapAngleRad(a[0]! - b[0]!);
      out[1] = wrapAngleRad(a[1]! - b[1]!);
      out[2] = a[2]! - b[2]!;
    },
  };
}
