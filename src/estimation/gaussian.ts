import { z } from 'zod';

/**
 * A Gaussian state estimate N(mean, covar): `mean` has length n, `covar` is n x n row-major and symmetric
 * positive definite. Units are those of the state vector of the model it belongs to.
 */
export interface GaussianState {
  readonly mean: Float64Array;
  readonly covar: Float64Array;
}

/** Saved/replayed form of a Gaussian (plain arrays, so it round-trips through JSON). */
export const gaussianStateSchema = z
  .object({
    mean: z.array(z.number()).min(1),
    covar: z.array(z.array(z.number())),
  })
  .refine((g) => g.covar.length === g.mean.length && g.covar.every((r) => r.length === g.mean.length), {
    message: 'covar must be n x n with n = mean.length',
  });
export type GaussianStateConfig = z.infer<typeof gaussianStateSchema>;

/** Builds a GaussianState from plain arrays (copies). */
export function gaussianState(mean: readonly number[], covar: readonly (readonly number[])[]): GaussianState {
  const n = mean.length;
  const c = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const row = covar[i];
    if (row?.length !== n) throw new RangeError(`covar row ${String(i)} must have ${String(n)} entries`);
    for (let j = 0; j < n; j++) c[i * n + j] = row[j]!;
  }
  return { mean: Float64Array.from(mean), covar: c };
}

/** A diagonal covariance with the given variances, row-major. */
export function diagonalCovar(variances: readonly number[]): Float64Array {
  const n = variances.length;
  const c = new Float64Array(n * n);
  for (let i = 0; i < n; i++) c[i * n + i] = variances[i]!;
  return c;
}
