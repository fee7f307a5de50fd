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
  /** Deviations of the propagated points from their mean, component-major (n x count). */
  readonly devT: Float64Array;
  /** Per-point views of `points` and `propagated`, made once: a subarray per call would allocate per step. */
  readonly pointViews: readonly Float64Array[];
  readonly propagatedViews: readonly Float64Array[];
  /** The model and step length `Qm` was computed for (Q depends on dt alone: equal steps reuse it). */
  qTransition: TransitionModel | undefined;
  qDtS: number;
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
    pointViews: views(points),
    propagatedViews: views(propagated),
    qTransition: undefined,
    qDtS: Number.NaN,
  };
}

/**
 * Unscented prediction (Julier & Uhlmann 1997; Wan & van der Merwe 2000): sigma points of N(x, P) through f
 * (x and P read at xOffset and POffset: a state stored inside a track),
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
  xOffset = 0,
  POffset = 0,
): EstimationError | undefined {
  const { n, count, scale } = w;
  const nn = n * n;
  const { L, points, propagated: Y, Qm } = ws;
  for (let i = 0; i < nn; i++) L[i] = scale * P[POffset + i]!;
  const pivot = choleskyLower(L, n, L);
  if (pivot >= 0) return notPositiveDefinite(what, step, pivot);
  placeSigmaPoints(x, L, n, points, xOffset);
  for (let s = 0; s < count; s++) transition.f(ws.pointViews[s]!, dtS, ws.propagatedViews[s]!);
  // Component-major deviations: row j of devT holds component j of all points, so the sums below run over
  // contiguous memory of length 2n + 1 rather than over strided or triangular short loops.
  // The mean as W_m[0] Y_0 + W_m[1] sum_{s >= 1} Y_s (points 1..2n share one weight).
  const { devT } = ws;
  const wm0 = w.mean[0]!;
  const wm1 = w.mean[1]!;
  for (let j = 0; j < n; j++) {
    const row = j * count;
    const v0 = Y[j]!;
    devT[row] = v0;
    let sum = 0;
    for (let s = 1; s < count; s++) {
      const v = Y[s * n + j]!;
      devT[row + s] = v;
      sum += v;
    }
    const m = wm0 * v0 + wm1 * sum;
    xp[j] = m;
    for (let s = 0; s < count; s++) devT[row + s]! -= m;
  }
  if (ws.qTransition !== transition || ws.qDtS !== dtS) {
    transition.Q(dtS, Qm);
    ws.qTransition = transition;
    ws.qDtS = dtS;
  }
  sigmaCovariance(w, devT, n, Qm, Pp);
  sigmaCrossCovariance(w, L, devT, n, n, D);
  return undefined;
}

/**
 * out (p x p) = noise + sum_s W_c[s] dY_s dY_s^T, for deviations given component-major: devT (p x count),
 * devT[i * count + s] = component i of point s. Exactly symmetric (lower triangle computed, then mirrored).
 * `noise` is p x p, packed.
 *
 * Merwe's points 1..2n share one weight W_c[1], so the sum is formed as noise + W_c[0] dY_0 dY_0^T +
 * W_c[1] sum_{s >= 1} dY_s dY_s^T: one multiplication by a weight per element rather than one per term. Four
 * elements of a row are summed side by side: four independent additions in flight rather than one chain waiting
 * on the previous add's latency (hot path: 2.3x faster at p = 7 in V8 than one element at a time).
 * Accuracy: plain sums of 2n terms, error <= 2n eps sum |W dY dY^T| per element.
 */
export function sigmaCovariance(
  w: SigmaWeights,
  devT: Float64Array,
  p: number,
  noise: Float64Array,
  out: Float64Array,
): void {
  const { count } = w;
  const w0 = w.covar[0]!;
  const w1 = w.covar[1]!;
  for (let i = 0; i < p; i++) {
    const ri = i * count;
    const ci = w0 * devT[ri]!;
    let j = 0;
    for (; j + 3 <= i; j += 4) {
      const r0 = j * count;
      const r1 = r0 + count;
      const r2 = r1 + count;
      const r3 = r2 + count;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let s = 1; s < count; s++) {
        const a = devT[ri + s]!;
        s0 += a * devT[r0 + s]!;
        s1 += a * devT[r1 + s]!;
        s2 += a * devT[r2 + s]!;
        s3 += a * devT[r3 + s]!;
      }
      const e0 = noise[i * p + j]! + ci * devT[r0]! + w1 * s0;
      const e1 = noise[i * p + j + 1]! + ci * devT[r1]! + w1 * s1;
      const e2 = noise[i * p + j + 2]! + ci * devT[r2]! + w1 * s2;
      const e3 = noise[i * p + j + 3]! + ci * devT[r3]! + w1 * s3;
      out[i * p + j] = e0;
      out[j * p + i] = e0;
      out[i * p + j + 1] = e1;
      out[(j + 1) * p + i] = e1;
      out[i * p + j + 2] = e2;
      out[(j + 2) * p + i] = e2;
      out[i * p + j + 3] = e3;
      out[(j + 3) * p + i] = e3;
    }
    for (; j + 1 <= i; j += 2) {
      const r0 = j * count;
      const r1 = r0 + count;
      let s0 = 0;
      let s1 = 0;
      for (let s = 1; s < count; s++) {
        const a = devT[ri + s]!;
        s0 += a * devT[r0 + s]!;
        s1 += a * devT[r1 + s]!;
      }
      const e0 = noise[i * p + j]! + ci * devT[r0]! + w1 * s0;
      const e1 = noise[i * p + j + 1]! + ci * devT[r1]! + w1 * s1;
      out[i * p + j] = e0;
      out[j * p + i] = e0;
      out[i * p + j + 1] = e1;
      out[(j + 1) * p + i] = e1;
    }
    for (; j <= i; j++) {
      const rj = j * count;
      let sum = 0;
      for (let s = 1; s < count; s++) sum += devT[ri + s]! * devT[rj + s]!;
      const e = noise[i * p + j]! + ci * devT[rj]! + w1 * sum;
      out[i * p + j] = e;
      out[j * p + i] = e;
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
    for (; q + 2 <= p; q += 2) {
      const d0 = q * n;
      const d1 = d0 + n;
      let s0 = 0;
      let s1 = 0;
      for (let i = 0; i <= j; i++) {
        const l = L[lj + i]!;
        s0 += l * diff[d0 + i]!;
        s1 += l * diff[d1 + i]!;
      }
      out[oj + q] = wi * s0;
      out[oj + q + 1] = wi * s1;
    }
    for (; q < p; q++) {
      const d0 = q * n;
      let sum = 0;
      for (let i = 0; i <= j; i++) sum += L[lj + i]! * diff[d0 + i]!;
      out[oj + q] = wi * sum;
    }
  }
}
