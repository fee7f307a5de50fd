import chisquareQuantile from '@stdlib/stats-base-dists-chisquare-quantile';

/** An uncertainty ellipse: semi-axes in metres, orientation = azimuth of the major axis, clockwise from north. */
export interface Ellipse {
  readonly semiMajorM: number;
  readonly semiMinorM: number;
  readonly orientationDeg: number;
}

/** chi-square(2) quantile for 95 %: 5.991. */
export const CHI2_2_95 = chisquareQuantile(0.95, 2);

/**
 * The ellipse of a 2 x 2 covariance [[var_e, cov_en], [cov_en, var_n]] (east, north; m^2) scaled to contain
 * probability `p` of a bivariate normal: semi-axes sqrt(lambda_i chi2_2(p)), orientation the azimuth of the
 * major eigenvector in [0, 180). Closed-form eigen-decomposition; exact. `p` = undefined gives 1-sigma axes.
 */
export function covarianceEllipse(varE: number, covEN: number, varN: number, p?: number): Ellipse {
  const k = p === undefined ? 1 : p === 0.95 ? CHI2_2_95 : chisquareQuantile(p, 2);
  const mean = 0.5 * (varE + varN);
  const d = Math.hypot(0.5 * (varE - varN), covEN);
  const l1 = mean + d;
  const l2 = Math.max(0, mean - d);
  // Major eigenvector (e, n) satisfies (varE - l1) e + covEN n = 0; azimuth = atan2(e, n).
  let az = 0.5 * Math.atan2(2 * covEN, varN - varE); // angle from north towards east
  az = (az * 180) / Math.PI;
  if (az < 0) az += 180;
  if (az >= 180) az -= 180;
  return { semiMajorM: Math.sqrt(l1 * k), semiMinorM: Math.sqrt(l2 * k), orientationDeg: az };
}
