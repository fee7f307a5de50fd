import { notPositiveDefinite, type EstimationError } from '../errors.js';
import { choleskyLower } from '../linalg/cholesky.js';
import type { TransitionModel } from '../models/transition-model.js';
import { placeSigmaPoints, type SigmaWeights } from './sigma-points.js';

/** Buffers of one unscented prediction (allocated once, reused every step). */
export interface UnscentedPredictWorkspace {
  readonly L: Float64Array;
  readonly points: Float64Array;
  readonly propagated: Float64Array;
  readonly Qm: Float64Array;
  /** Deviations of the propagated points from their mean, component-major (n x count), and a weighted copy. */
  readonly devT: Float64Array;
  readonly scratch: Float64Array;
  /** Per-point views of `points` and `propagated`, made once: a subarray per call would allocate per step. */
  readonly pointViews: readonly Float64Array[];
  readonly propagatedViews: readonly Float64Array[];
}

export function unscentedPredictWorkspace(w: SigmaWeights): UnscentedPredictWorkspace {
  const { n, count } = w;
  const points = new Float64Array(count * n);
  const propagated = new Float64Array(count * n);
  const views = (a: Float64Array): Float64Array[] =>
    Array.from({ length: count }, (_, s) => a.subarray(s * n, (s + 1) * n));
  return {
    L: new Float64Array(n * n),
    points,
    propagated,
    Qm: new Float64Array(n * n),
    devT: new Float64Array(n * count),
    scratch: new Float64Array(n * count),
    pointViews: views(points),
    propagatedViews: views(propagated),
  };
}

/**
 * Unscented prediction (Julier & Uhlmann 1997; Wan & van der Merwe 2000): sigma points of N(x, P) through f,
 * x_p = sum W_m f(X_i), P_p = sum W_c (f(X_i) - x_p)(f(X_i) - x_p)^T + Q, and the cross covariance
 * D = sum W_c (X_i - x)(f(X_i) - x_p)^T (used by the unscented RTS smoother, Sarkka 2008).
 * Exact for linear f; for nonlinear f the mean and covariance are right to second order (third for the mean
 * of a Gaussian with beta = 2). Valid while chol(c P) exists; otherwise returns NOT_POSITIVE_DEFINITE.
 * State components are subtracted plainly (no angle wrapping in the state).
 */
export function unscentedPredict(
  w: SigmaWeights,
  ws: UnscentedPredictWorkspace,
  transition: TransitionModel,
  x: Float64Array,
  P: Float64Array,
  dtS: number,
  xp: Float64Array,
  Pp: Float64Array,
  D: Float64Array,
  step: number,
  what: string,
): EstimationError | undefined {
  const { n, count, scale } = w;
  const nn = n * n;
  const { L, points, propagated: Y, Qm } = ws;
  for (let i = 0; i < nn; i++) L[i] = scale * P[i]!;
  const pivot = choleskyLower(L, n, L);
  if (pivot >= 0) return notPositiveDefinite(what, step, pivot);
  placeSigmaPoints(x, L, n, points);
  for (let s = 0; s < count; s++) transition.f(ws.pointViews[s]!, dtS, ws.propagatedViews[s]!);
  // Component-major deviations: row j of devT holds component j of all points, so the sums below run over
  // contiguous memory of length 2n + 1 rather than over strided or triangular short loops.
  const { devT } = ws;
  const wm = w.mean;
  for (let j = 0; j < n; j++) {
    const row = j * count;
    let m = 0;
    for (let s = 0; s < count; s++) {
      const v = Y[s * n + j]!;
      devT[row + s] = v;
      m += wm[s]! * v;
    }
    xp[j] = m;
    for (let s = 0; s < count; s++) devT[row + s]! -= m;
  }
  transition.Q(dtS, Qm);
  sigmaCovariance(w, devT, n, Qm, ws.scratch, Pp);
  sigmaCrossCovariance(w, L, devT, n, n, D);
  return undefined;
}

/**
 * out (p x p) = noise + sum_s W_c[s] dY_s dY_s^T, for deviations given component-major: devT (p x count),
 * devT[i * count + s] = component i of point s. scratch needs p * count. Exactly symmetric (lower triangle
 * computed, then mirrored). `noise` is p x p, packed.
 */
export function sigmaCovariance(
  w: SigmaWeights,
  devT: Float64Array,
  p: number,
  noise: Float64Array,
  scratch: Float64Array,
  out: Float64Array,
): void {
  const { count } = w;
  const wc = w.covar;
  for (let i = 0; i < p; i++)
    for (let s = 0; s < count; s++) scratch[i * count + s] = wc[s]! * devT[i * count + s]!;
  for (let i = 0; i < p; i++) {
    const ri = i * count;
    for (let j = 0; j <= i; j++) {
      const rj = j * count;
      let sum = noise[i * p + j]!;
      for (let s = 0; s < count; s++) sum += scratch[ri + s]! * devT[rj + s]!;
      out[i * p + j] = sum;
      out[j * p + i] = sum;
    }
  }
}

/**
 * out (n x p) = sum_s W_c[s] (X_s - x) dY_s^T for Merwe points X_0 = x, X_{1+i} = x + L_i, X_{1+n+i} = x - L_i
 * and deviations devT (p x count, component-major): the centre contributes nothing and the pairs share one
 * weight, so out[j][q] = W_c[1] sum_{i <= j} L[j][i] (dY_{1+i}[q] - dY_{1+n+i}[q]) (L lower triangular).
 */
export function sigmaCrossCovariance(
  w: SigmaWeights,
  L: Float64Array,
  devT: Float64Array,
  n: number,
  p: number,
  out: Float64Array,
): void {
  const { count } = w;
  const wi = w.covar[1]!;
  for (let j = 0; j < n; j++) {
    const lj = j * n;
    for (let q = 0; q < p; q++) {
      const plus = q * count + 1;
      const minus = plus + n;
      let sum = 0;
      for (let i = 0; i <= j; i++) sum += L[lj + i]! * (devT[plus + i]! - devT[minus + i]!);
      out[j * p + q] = wi * sum;
    }
  }
}
