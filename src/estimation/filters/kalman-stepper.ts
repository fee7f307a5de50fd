import { estimationError, notPositiveDefinite, type EstimationError } from '../errors.js';
import { choleskyLower, forwardSubstitute, logDetFromCholesky, solveRightSpd } from '../linalg/cholesky.js';
import { congruence, matMul, matMulBt, symmetrise } from '../linalg/dense.js';
import type { Stepper } from './stepper.js';

/** How the filtered covariance is formed after a Kalman gain K. */
export type CovarianceUpdate = 'joseph' | 'symmetrised';

const LOG_2PI = Math.log(2 * Math.PI);

/**
 * Predict/update of the Kalman filter family on Float64Array workspaces.
 *
 * mode 'linear' (Kalman 1960): x_p = F x, z_p = H x_p, exact for linear-Gaussian models.
 * mode 'extended' (EKF): x_p = f(x), z_p = h(x_p), F and H are the Jacobians at x and x_p (first-order
 * linearisation: accurate while the model is close to linear over the spread of the covariance).
 * Both: P_p = F P F^T + Q, D = P F^T, S = H P_p H^T + R, K = P_p H^T S^{-1} (by Cholesky of S), and either the
 * Joseph form P = (I - K H) P_p (I - K H)^T + K R K^T (symmetric positive definite for ANY gain, Bucy & Joseph
 * 1968; the default) or P = P_p - K S K^T symmetrised.
 */
export function createKalmanStepper(
  mode: 'linear' | 'extended',
  covarianceUpdate: CovarianceUpdate,
  n: number,
  mMax: number,
): Stepper {
  const nn = n * n;
  const Fm = new Float64Array(nn);
  const Qm = new Float64Array(nn);
  const Hm = new Float64Array(mMax * n);
  const PHt = new Float64Array(n * mMax);
  const K = new Float64Array(n * mMax);
  const L = new Float64Array(mMax * mMax);
  const zp = new Float64Array(mMax);
  const w = new Float64Array(mMax);
  const A = new Float64Array(nn);
  const tmp = new Float64Array(nn > n * mMax ? nn : n * mMax);
  const P2 = new Float64Array(nn);
  const label = mode === 'linear' ? 'linear Kalman filter' : 'EKF';

  return {
    predict(transition, x, P, dtS, xp, Pp, D, step) {
      if (!transition.F)
        return estimationError(
          'MISSING_JACOBIAN',
          `${label}: transition model ${transition.name} has no Jacobian F`,
          step,
        );
      if (mode === 'linear' && !transition.linear)
        return estimationError(
          'NOT_LINEAR',
          `linear Kalman filter: ${transition.name} is not linear; use the EKF or UKF`,
          step,
        );
      transition.F(x, dtS, Fm);
      if (mode === 'linear') matMul(Fm, x, n, n, 1, xp);
      else transition.f(x, dtS, xp);
      matMulBt(P, Fm, n, n, n, D); // D = P F^T = Cov(x, x_p)
      matMul(Fm, D, n, n, n, Pp);
      transition.Q(dtS, Qm);
      for (let i = 0; i < nn; i++) Pp[i]! += Qm[i]!;
      symmetrise(Pp, n);
      return undefined;
    },

    update(model, z, xp, Pp, x, P, nu, S, scalars, step): EstimationError | undefined {
      const m = model.m;
      if (!model.H)
        return estimationError(
          'MISSING_JACOBIAN',
          `${label}: measurement model ${model.name} has no Jacobian H`,
          step,
        );
      if (mode === 'linear' && !model.linear)
        return estimationError(
          'NOT_LINEAR',
          `linear Kalman filter: ${model.name} is not linear; use the EKF or UKF`,
          step,
        );
      model.H(xp, Hm);
      if (mode === 'linear') matMul(Hm, xp, m, n, 1, zp);
      else model.h(xp, zp);
      model.residual(z, zp, nu);
      matMulBt(Pp, Hm, n, n, m, PHt); // P_p H^T (n x m)
      matMul(Hm, PHt, m, n, m, S);
      const R = model.R;
      for (let i = 0; i < m * m; i++) S[i]! += R[i]!;
      symmetrise(S, m);
      const pivot = choleskyLower(S, m, L);
      if (pivot >= 0) return notPositiveDefinite('innovation covariance S', step, pivot);
      for (let i = 0; i < n * m; i++) K[i] = PHt[i]!;
      solveRightSpd(L, m, K, n); // K = P_p H^T S^{-1}
      for (let i = 0; i < n; i++) {
        let s = xp[i]!;
        for (let j = 0; j < m; j++) s += K[i * m + j]! * nu[j]!;
        x[i] = s;
      }
      if (covarianceUpdate === 'joseph') {
        // A = I - K H
        matMul(K, Hm, n, m, n, A);
        for (let i = 0; i < nn; i++) A[i] = -A[i]!;
        for (let i = 0; i < n; i++) A[i * n + i]! += 1;
        congruence(A, Pp, n, n, tmp, P);
        congruence(K, R, n, m, tmp, P2);
        for (let i = 0; i < nn; i++) P[i]! += P2[i]!;
      } else {
        // P = P_p - K S K^T = P_p - K (P_p H^T)^T
        matMulBt(K, PHt, n, m, n, P2);
        for (let i = 0; i < nn; i++) P[i] = Pp[i]! - P2[i]!;
        symmetrise(P, n);
      }
      for (let i = 0; i < m; i++) w[i] = nu[i]!;
      forwardSubstitute(L, m, w);
      let nis = 0;
      for (let i = 0; i < m; i++) nis += w[i]! * w[i]!;
      scalars[0] = nis;
      scalars[1] = -0.5 * (nis + logDetFromCholesky(L, m) + m * LOG_2PI);
      return undefined;
    },
  };
}
