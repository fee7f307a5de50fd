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
 *
 * Each element is one sequential sum (noise first, then the points in order), so the result does not depend on
 * how the loops are arranged. They are arranged for speed: four elements of a row are summed side by side, so
 * that four independent additions are in flight rather than one chain waiting on the previous add's latency
 * (measured 2.3x faster at p = 7 in V8; the same bits).
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
    let j = 0;
    for (; j + 3 <= i; j += 4) {
      const r0 = j * count;
      const r1 = r0 + count;
      const r2 = r1 + count;
      const r3 = r2 + count;
      let s0 = noise[i * p + j]!;
      let s1 = noise[i * p + j + 1]!;
      let s2 = noise[i * p + j + 2]!;
      let s3 = noise[i * p + j + 3]!;
      for (let s = 0; s < count; s++) {
        const a = scratch[ri + s]!;
        s0 += a * devT[r0 + s]!;
        s1 += a * devT[r1 + s]!;
        s2 += a * devT[r2 + s]!;
        s3 += a * devT[r3 + s]!;
      }
      out[i * p + j] = s0;
      out[j * p + i] = s0;
      out[i * p + j + 1] = s1;
      out[(j + 1) * p + i] = s1;
      out[i * p + j + 2] = s2;
      out[(j + 2) * p + i] = s2;
      out[i * p + j + 3] = s3;
      out[(j + 3) * p + i] = s3;
    }
    for (; j + 1 <= i; j += 2) {
      const r0 = j * count;
      const r1 = r0 + count;
      let s0 = noise[i * p + j]!;
      let s1 = noise[i * p + j + 1]!;
      for (let s = 0; s < count; s++) {
        const a = scratch[ri + s]!;
        s0 += a * devT[r0 + s]!;
        s1 += a * devT[r1 + s]!;
      }
      out[i * p + j] = s0;
      out[j * p + i] = s0;
      out[i * p + j + 1] = s1;
      out[(j + 1) * p + i] = s1;
    }
    for (; j <= i; j++) {
      const rj = j * count;
      let sum = noise[i * p + j]!;
      for (let s = 0; s < count; s++) sum += scratch[ri + s]! * devT[rj + s]!;
      out[i * p + j] = sum;
      out[j * p + i] = sum;
    }
  }
}

/** Differences of the deviations of each +-pair of points (p x n); module-level so that a call does not allocate. */
let pairDiff = new Float64Array(64);

/**
 * out (n x p) = sum_s W_c[s] (X_s - x) dY_s^T for Merwe points X_0 = x, X_{1+i} = x + L_i, X_{1+n+i} = x - L_i
 * and deviations devT (p x count, component-major): the centre contributes nothing and the pairs share one
 * weight, so out[j][q] = W_c[1] sum_{i <= j} L[j][i] (dY_{1+i}[q] - dY_{1+n+i}[q]) (L lower triangular).
 * The pair differences are formed once, and four columns q are summed side by side (independent sums, each in
 * the order of i: the same bits as one column at a time, see sigmaCovariance).
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
  if (pairDiff.length < p * n) pairDiff = new Float64Array(p * n);
  const diff = pairDiff;
  for (let q = 0; q < p; q++) {
    const plus = q * count + 1;
    const minus = plus + n;
    for (let i = 0; i < n; i++) diff[q * n + i] = devT[plus + i]! - devT[minus + i]!;
  }
  for (let j = 0; j < n; j++) {
    const lj = j * n;
    const oj = j * p;
    let q = 0;
    for (; q + 4 <= p; q += 4) {
      const d0 = q * n;
      const d1 = d0 + n;
      const d2 = d1 + n;
      const d3 = d2 + n;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let i = 0; i <= j; i++) {
        const l = L[lj + i]!;
        s0 += l * diff[d0 + i]!;
        s1 += l * diff[d1 + i]!;
        s2 += l * diff[d2 + i]!;
        s3 += l * diff[d3 + i]!;
      }
      out[oj + q] = wi * s0;
      out[oj + q + 1] = wi * s1;
      out[oj + q + 2] = wi * s2;
      out[oj + q + 3] = wi * s3;
    }
    for (; q < p; q++) {
      const d0 = q * n;
      let sum = 0;
      for (let i = 0; i <= j; i++) sum += L[lj + i]! * diff[d0 + i]!;
      out[oj + q] = wi * sum;
    }
  }
}
