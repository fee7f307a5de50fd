import { notPositiveDefinite } from '../errors.js';
import { choleskyLower, forwardSubstitute, logDetFromCholesky, solveRightSpd } from '../linalg/cholesky.js';
import { merweWeights, placeSigmaPoints, type SigmaPointConfig } from './sigma-points.js';
import type { Stepper } from './stepper.js';
import {
  sigmaCovariance,
  sigmaCrossCovariance,
  unscentedPredict,
  unscentedPredictWorkspace,
} from './unscented-predict.js';

const LOG_2PI = Math.log(2 * Math.PI);

/**
 * Unscented Kalman filter step (Wan & van der Merwe 2000) with Merwe scaled sigma points.
 *
 * Predict: see unscentedPredict. Update: sigma points are REDRAWN from N(x_p, P_p) (as Stone Soup and FilterPy
 * 1.4.5 do), Z_i = h(X_i), z_p = Z_0 + sum W_m residual(Z_i, Z_0) (a mean that is safe across the +-pi cut of
 * angle components), S = sum W_c dZ dZ^T + R, C = sum W_c (X_i - x_p) dZ^T with dZ = residual(Z_i, z_p),
 * K = C S^{-1} (Cholesky), x = x_p + K residual(z, z_p), P = P_p - K C^T (= P_p - C S^{-1} C^T: its lower
 * triangle computed and mirrored, so exactly symmetric).
 * Exact for linear-Gaussian models; second-order accurate otherwise. The Joseph form does not apply (no H).
 *
 * Hot path, hand-rolled on Float64Array: every buffer (sigma points, their images, deviations, gains) is
 * allocated here, once per run, and each step only overwrites them. Why: at n = 7 a step is a few thousand
 * flops, so a general matrix library's per-operation objects (dozens per step) would cost more than the
 * arithmetic and feed the GC; bench/ukf-rts.bench.ts measures such a baseline (ml-matrix) in the same run.
 */
export function createUnscentedStepper(config: SigmaPointConfig, n: number, mMax: number): Stepper {
  const w = merweWeights(n, config);
  const { count, scale } = w;
  const ws = unscentedPredictWorkspace(w);
  const nn = n * n;
  const L = new Float64Array(nn);
  const points = new Float64Array(count * n);
  const Z = new Float64Array(count * mMax);
  const dZ = new Float64Array(count * mMax);
  const LS = new Float64Array(mMax * mMax);
  const C = new Float64Array(n * mMax);
  const K = new Float64Array(n * mMax);
  const zp = new Float64Array(mMax);
  const r = new Float64Array(mMax);
  const views = (a: Float64Array, width: number): Float64Array[] =>
    Array.from({ length: count }, (_, s) => a.subarray(s * width, (s + 1) * width));
  const pointViews = views(points, n);
  const zViews = views(Z, mMax);

  return {
    factorisesItsInput: true,
    predict(transition, x, P, dtS, xp, Pp, D, step) {
      return unscentedPredict(w, ws, transition, x, P, dtS, xp, Pp, D, step, 'covariance before prediction');
    },

    update(model, z, xp, Pp, x, P, nu, S, scalars, step) {
      const m = model.m;
      for (let i = 0; i < nn; i++) L[i] = scale * Pp[i]!;
      const pivot = choleskyLower(L, n, L);
      if (pivot >= 0) return notPositiveDefinite('predicted covariance', step, pivot);
      placeSigmaPoints(xp, L, n, points);
      for (let s = 0; s < count; s++) model.h(pointViews[s]!, zViews[s]!);
      // Mean relative to Z_0, so that angles near +-pi average correctly.
      const z0 = zViews[0]!;
      for (let j = 0; j < m; j++) zp[j] = 0;
      for (let s = 1; s < count; s++) {
        model.residual(zViews[s]!, z0, r);
        const ws_ = w.mean[s]!;
        for (let j = 0; j < m; j++) zp[j]! += ws_ * r[j]!;
      }
      for (let j = 0; j < m; j++) zp[j]! += z0[j]!;
      // Deviations dZ_s = residual(Z_s, z_p), component-major (m x count).
      for (let s = 0; s < count; s++) {
        model.residual(zViews[s]!, zp, r);
        for (let j = 0; j < m; j++) dZ[j * count + s] = r[j]!;
      }
      sigmaCovariance(w, dZ, m, model.R, S);
      sigmaCrossCovariance(w, L, dZ, n, m, C);
      model.residual(z, zp, nu);
      const pS = choleskyLower(S, m, LS);
      if (pS >= 0) return notPositiveDefinite('innovation covariance S', step, pS);
      for (let i = 0; i < n * m; i++) K[i] = C[i]!;
      solveRightSpd(LS, m, K, n); // K = C S^{-1}
      for (let i = 0; i < n; i++) {
        let s = xp[i]!;
        for (let j = 0; j < m; j++) s += K[i * m + j]! * nu[j]!;
        x[i] = s;
      }
      // P = P_p - K C^T = P_p - C S^-1 C^T, symmetric: the lower triangle is computed and mirrored.
      // Two elements of a row side by side (independent sums: the same bits, twice the additions in flight).
      for (let i = 0; i < n; i++) {
        const ki = i * m;
        let j = 0;
        for (; j + 1 <= i; j += 2) {
          const cj = j * m;
          const cj2 = cj + m;
          let s = 0;
          let s2 = 0;
          for (let q = 0; q < m; q++) {
            const k = K[ki + q]!;
            s += k * C[cj + q]!;
            s2 += k * C[cj2 + q]!;
          }
          const v = Pp[i * n + j]! - s;
          const v2 = Pp[i * n + j + 1]! - s2;
          P[i * n + j] = v;
          P[j * n + i] = v;
          P[i * n + j + 1] = v2;
          P[(j + 1) * n + i] = v2;
        }
        for (; j <= i; j++) {
          const cj = j * m;
          let s = 0;
          for (let q = 0; q < m; q++) s += K[ki + q]! * C[cj + q]!;
          const v = Pp[i * n + j]! - s;
          P[i * n + j] = v;
          P[j * n + i] = v;
        }
      }
      for (let i = 0; i < m; i++) r[i] = nu[i]!;
      forwardSubstitute(LS, m, r);
      let nis = 0;
      for (let i = 0; i < m; i++) nis += r[i]! * r[i]!;
      scalars[0] = nis;
      scalars[1] = -0.5 * (nis + logDetFromCholesky(LS, m) + m * LOG_2PI);
      return undefined;
    },
  };
}
