import type { BatchFit } from './fit.js';

/** Goodness of one template on a track (for the identification module). */
export interface TypeLikelihood {
  readonly id: string;
  /** Gaussian log-likelihood of the measurements at the fitted flight (priors excluded). */
  readonly logLikelihood: number;
  /** Total chi2 (measurements and priors) per degree of freedom. */
  readonly chi2PerDof: number;
  /** Bayesian information criterion k ln N - 2 ln L (k unknowns, N measurement degrees of freedom). */
  readonly bic: number;
}

/**
 * Log-likelihood, chi2/dof and BIC of a converged fit. Model: independent Gaussian errors with the rows' sigmas;
 * ln L = sum of the rows' normalising constants - chi2_measurements / 2 (angles in radians, lengths in metres, so
 * values are comparable across templates on the same track, not across tracks).
 */
export function typeLikelihood(id: string, fit: BatchFit): TypeLikelihood {
  let chi2Meas = 0;
  for (let i = 0; i < fit.measurementCount; i++) chi2Meas += (fit.residuals[i] as number) ** 2;
  const logNorm = fit.problem.models.reduce((a, m) => a + m.logNorm, 0);
  const logLikelihood = logNorm - chi2Meas / 2;
  const nObs = fit.problem.models.reduce((a, m) => a + m.dof, 0);
  const k = fit.problem.params.length;
  return {
    id,
    logLikelihood,
    chi2PerDof: fit.chi2 / Math.max(1, fit.dof),
    bic: k * Math.log(Math.max(1, nObs)) - 2 * logLikelihood,
  };
}
