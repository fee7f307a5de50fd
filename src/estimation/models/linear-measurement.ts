import { z } from 'zod';
import { componentResidual, type MeasurementModel } from './measurement-model.js';

const matrix = z.array(z.array(z.number()).min(1)).min(1);

/** Settings of a linear measurement model z = H x + v, v ~ N(0, R). */
export const linearMeasurementConfigSchema = z
  .object({
    /** Measurement matrix, m rows of n entries (units: measurement unit per state unit). */
    H: matrix,
    /** Measurement noise covariance, m x m, symmetric positive definite (measurement units squared). */
    R: matrix,
  })
  .refine((c) => c.H.every((r) => r.length === c.H[0]!.length), { message: 'H rows must have equal length' })
  .refine((c) => c.R.length === c.H.length && c.R.every((r) => r.length === c.H.length), {
    message: 'R must be m x m with m = rows of H',
  });
export type LinearMeasurementConfig = z.infer<typeof linearMeasurementConfigSchema>;

/**
 * Linear-Gaussian measurement z = H x + v. Exact (no linearisation): every filter in this module reproduces the
 * closed-form Kalman update with it. Components are plain (no angle wrapping).
 */
export function createLinearMeasurementModel(config: LinearMeasurementConfig): MeasurementModel {
  const c = linearMeasurementConfigSchema.parse(config);
  const m = c.H.length;
  const n = c.H[0]!.length;
  const H = Float64Array.from(c.H.flat());
  const R = Float64Array.from(c.R.flat());
  return {
    name: 'linear',
    m,
    n,
    linear: true,
    R,
    h(x, out) {
      for (let i = 0; i < m; i++) {
        let s = 0;
        for (let j = 0; j < n; j++) s += H[i * n + j]! * x[j]!;
        out[i] = s;
      }
    },
    H(_x, out) {
      out.set(H);
    },
    residual: componentResidual(new Array<'linear'>(m).fill('linear')),
  };
}

/** Settings of a position fix for the constant-velocity state [p1, v1, p2, v2, ...]. */
export const positionMeasurementConfigSchema = z.object({
  axes: z.number().int().min(1).max(6),
  /** Standard deviation of each position component, metres (one value for all axes, or one per axis). */
  sigmaM: z.union([z.number().positive(), z.array(z.number().positive()).min(1)]),
});
export type PositionMeasurementConfig = z.infer<typeof positionMeasurementConfigSchema>;

/** Position-only measurement of a constant-velocity state: z_a = p_a + v_a, independent per axis. */
export function createPositionMeasurementModel(config: PositionMeasurementConfig): MeasurementModel {
  const { axes, sigmaM } = positionMeasurementConfigSchema.parse(config);
  const sig = typeof sigmaM === 'number' ? new Array<number>(axes).fill(sigmaM) : sigmaM;
  if (sig.length !== axes) throw new RangeError('sigmaM must have one entry per axis');
  const H = Array.from({ length: axes }, (_, i) =>
    Array.from({ length: 2 * axes }, (_, j) => (j === 2 * i ? 1 : 0)),
  );
  const R = Array.from({ length: axes }, (_, i) =>
    Array.from({ length: axes }, (_, j) => (i === j ? sig[i]! * sig[i]! : 0)),
  );
  return { ...createLinearMeasurementModel({ H, R }), name: `position-${String(axes)}d` };
}
