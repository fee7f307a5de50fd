/**
 * A discrete-time transition model x_k = f(x_{k-1}, dt) + w, w ~ N(0, Q(dt)), with state dimension n.
 * Irregular steps are supported: every call gets its own dtS (seconds, >= 0).
 *
 * All matrices are row-major Float64Array; every method writes into a caller-provided buffer so that a filter
 * can run without allocating per step. `out` never aliases `x`.
 */
export interface TransitionModel {
  /** A short stable name for logs and saved runs. */
  readonly name: string;
  /** State dimension n. */
  readonly n: number;
  /** True when f(x, dt) = F(dt) x exactly (then the linear Kalman filter is exact and may be used). */
  readonly linear: boolean;
  /** Propagates the state x over dtS seconds into out (length n). */
  f(x: Float64Array, dtS: number, out: Float64Array): void;
  /**
   * Process noise covariance Q(dtS) into out (n x n, symmetric positive semi-definite). A function of dtS alone:
   * filters reuse the last result for a step of the same length.
   */
  Q(dtS: number, out: Float64Array): void;
  /** Jacobian df/dx at x into out (n x n). Required by the linear KF, the EKF and the RTS smoother's checks. */
  F?(x: Float64Array, dtS: number, out: Float64Array): void;
}
