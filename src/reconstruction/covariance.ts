import { invertSpd, matMul, normalEquations, sandwich, transpose } from './linalg.js';

/** Posterior covariance of the unknowns: Fisher (CRLB) part, consider part, and the consider sensitivity. */
export interface FitCovariance {
  /** n x n inverse Fisher information (with the priors' information): the Cramér–Rao bound at the estimate. */
  readonly fisher: Float64Array;
  /** n x n total: fisher + S C S^T. */
  readonly total: Float64Array;
  /** n x nc: d x_hat / d c (how the estimate moves with the consider parameters). */
  readonly sensitivity: Float64Array;
  /** nc x nc diagonal consider covariance. */
  readonly considerCov: Float64Array;
}

/**
 * Covariance of a weighted least-squares estimate with consider parameters (Tapley, Schutz & Born, Statistical
 * Orbit Determination, 2004, §6.3): P = (J^T J)^-1 with whitened J (the inverse Fisher information including
 * the priors), S = -P J^T Jc, P_total = P + S C S^T with C = diag(sigma_c^2). Exact for the linearised model.
 * Returns undefined when J^T J is not positive definite (an unknown the observations do not determine).
 */
export function fitCovariance(
  j: Float64Array,
  m: number,
  n: number,
  jc: Float64Array,
  nc: number,
  considerSigmas: readonly number[],
): FitCovariance | undefined {
  const zero = new Float64Array(m);
  const { jtj } = normalEquations(j, m, n, zero);
  const fisher = invertSpd(jtj, n);
  if (!fisher) return undefined;
  const jtjc = matMul(transpose(j, m, n), jc, n, m, nc);
  const s = matMul(fisher, jtjc, n, n, nc).map((v) => -v);
  const cc = new Float64Array(nc * nc);
  considerSigmas.forEach((sg, i) => (cc[i * nc + i] = sg * sg));
  const add = nc > 0 ? sandwich(s, cc, n, nc) : new Float64Array(n * n);
  const total = fisher.map((v, i) => v + (add[i] as number));
  return { fisher, total, sensitivity: s, considerCov: cc };
}
