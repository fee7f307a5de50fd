/**
 * A measurement model z = h(x) + v, v ~ N(0, R), with measurement dimension m and state dimension n.
 *
 * Each observation carries its own measurement model (Stone Soup style), so filters never switch on the kind of
 * evidence: a radar plot, a position fix and an optical sighting are just different models. Time-varying sites
 * and per-row sigmas are separate model instances.
 *
 * Matrices are row-major Float64Array; methods write into caller-provided buffers (`out` never aliases inputs).
 */
export interface MeasurementModel {
  /** A short stable name for logs and saved runs. */
  readonly name: string;
  /** Measurement dimension m. */
  readonly m: number;
  /** State dimension n this model reads. */
  readonly n: number;
  /** True when h(x) = H x exactly. */
  readonly linear: boolean;
  /** Measurement noise covariance R (m x m, symmetric positive definite). Not mutated by filters. */
  readonly R: Float64Array;
  /** Predicted measurement h(x) into out (length m). */
  h(x: Float64Array, out: Float64Array): void;
  /** Jacobian dh/dx at x into out (m x n). Required by the linear KF and the EKF. */
  H?(x: Float64Array, out: Float64Array): void;
  /**
   * Component-wise difference a - b into out (length m), with angle components wrapped to (-pi, pi].
   * Filters use it for innovations and for deviations of sigma points from the predicted measurement.
   */
  residual(a: Float64Array, b: Float64Array, out: Float64Array): void;
}

/** What each measurement component is, for building a residual function. */
export type ComponentKind = 'linear' | 'angle';

/**
 * Wraps an angle in radians to (-pi, pi]. Exact for |a| < 2^52 * pi in the sense that the result differs from
 * a by an integer multiple of 2 pi up to one rounding of the remainder.
 */
export function wrapAngleRad(angleRad: number): number {
  if (angleRad > -Math.PI && angleRad <= Math.PI) return angleRad;
  const twoPi = 2 * Math.PI;
  let a = angleRad % twoPi; // in (-2pi, 2pi)
  if (a <= -Math.PI) a += twoPi;
  else if (a > Math.PI) a -= twoPi;
  return a;
}

/**
 * A residual function for the given component kinds: plain subtraction, angles wrapped to (-pi, pi].
 * Exact subtraction (one rounding) and wrapAngleRad's accuracy; valid for angle differences that are not NaN.
 */
export function componentResidual(
  kinds: readonly ComponentKind[],
): (a: Float64Array, b: Float64Array, out: Float64Array) => void {
  const angle = Uint8Array.from(kinds, (k) => (k === 'angle' ? 1 : 0));
  const m = kinds.length;
  return (a, b, out) => {
    for (let i = 0; i < m; i++) {
      const d = a[i]! - b[i]!;
      out[i] = angle[i] === 1 ? wrapAngleRad(d) : d;
    }
  };
}
