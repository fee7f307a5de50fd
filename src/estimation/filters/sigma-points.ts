import { z } from 'zod';

/** Settings of Merwe's scaled sigma points (van der Merwe 2004; Julier 2002). */
export const sigmaPointConfigSchema = z.object({
  /** Spread of the points around the mean, 0 < alpha <= 1 (1: points at sqrt(n + kappa) sigma). */
  alpha: z.number().positive().max(1).default(1),
  /** Prior knowledge of the distribution; 2 is optimal for a Gaussian. */
  beta: z.number().nonnegative().default(2),
  /** Secondary scaling; n + kappa must stay > 0. */
  kappa: z.number().default(0),
});
export type SigmaPointConfig = z.infer<typeof sigmaPointConfigSchema>;

/** The 2n + 1 weights and the scale c = n + lambda of Merwe's scaled sigma points. */
export interface SigmaWeights {
  readonly n: number;
  readonly count: number;
  /** n + lambda, lambda = alpha^2 (n + kappa) - n; the points are x +- columns of chol(c P). */
  readonly scale: number;
  readonly mean: Float64Array;
  readonly covar: Float64Array;
}

/**
 * Weights of Merwe's scaled sigma points: W_m0 = lambda / c, W_c0 = lambda / c + 1 - alpha^2 + beta,
 * W_i = 1 / (2c) for i = 1..2n. The mean weights sum to 1. Throws (a bug in the caller's config) if c <= 0.
 * Accuracy: with these weights the unscented transform matches mean and covariance of a Gaussian through any
 * quadratic map exactly. Small alpha makes W_m0 ~ -1/alpha^2: sums then lose about eps / alpha^2 relative to
 * cancellation (alpha = 1e-3 still gives ~1e-10; the contract suite runs it).
 */
export function merweWeights(n: number, config: SigmaPointConfig): SigmaWeights {
  const { alpha, beta, kappa } = config;
  const lambda = alpha * alpha * (n + kappa) - n;
  const scale = n + lambda;
  if (!(scale > 0)) throw new RangeError(`sigma points: n + lambda = ${String(scale)} must be > 0`);
  const count = 2 * n + 1;
  const mean = new Float64Array(count).fill(1 / (2 * scale));
  const covar = new Float64Array(count).fill(1 / (2 * scale));
  mean[0] = lambda / scale;
  covar[0] = lambda / scale + 1 - alpha * alpha + beta;
  return { n, count, scale, mean, covar };
}

/**
 * Sigma points of N(x, P) into `points` (count x n, row-major; x read at `xOffset`): X_0 = x, X_i = x + L_i, X_{n+i} = x - L_i, with
 * L_i the i-th column of the lower Cholesky factor `L` of (c P) (computed by the caller, who handles failure).
 * Exact up to one rounding per component; the same square root as Stone Soup (numpy cholesky, lower) and
 * FilterPy (scipy cholesky, upper = L^T), so the points agree with both anchors.
 */
export function placeSigmaPoints(
  x: Float64Array,
  L: Float64Array,
  n: number,
  points: Float64Array,
  xOffset = 0,
): void {
  for (let j = 0; j < n; j++) points[j] = x[xOffset + j]!;
  for (let i = 0; i < n; i++) {
    const plus = (1 + i) * n;
    const minus = (1 + n + i) * n;
    for (let j = 0; j < n; j++) {
      const l = L[j * n + i]!;
      const xj = points[j]!;
      points[plus + j] = xj + l;
      points[minus + j] = xj - l;
    }
  }
}
