import { CholeskyDecomposition, Matrix } from 'ml-matrix';
import type { GaussianState } from '../gaussian.js';
import type { TransitionModel } from '../models/transition-model.js';
import type { Observation } from '../observation.js';

/**
 * The closed-form answer of a linear-Gaussian state-space problem, for the contract tests: the joint posterior
 * of all states given the prior, the dynamics and the observations, by batch weighted least squares in
 * information form (one dense solve of the normal equations). Independent of every filter in this module: no
 * recursion, a library Cholesky (ml-matrix) instead of ours.
 *
 * States are placed at the prior time and at every DISTINCT observation time (observations at the same time
 * measure the same state). Cost O((S n)^3) for S states: meant for tests of tens of steps, not for production.
 * Accuracy: ~cond(J) eps relative, J the information matrix; valid when every Q(dt) for dt > 0 is invertible
 * and the prior covariance and every R are positive definite.
 */
export interface BatchPosterior {
  /** Posterior means of the states, index 0 = the prior time. */
  readonly means: number[][];
  /** Posterior covariance of the whole stacked state (S n x S n). */
  readonly covariance: Matrix;
  /** State index of each observation used. */
  readonly stateOf: number[];
  readonly n: number;
}

const toMatrix = (a: Float64Array, r: number, c: number): Matrix =>
  new Matrix(Array.from({ length: r }, (_, i) => Array.from(a.subarray(i * c, (i + 1) * c))));

/**
 * Posterior over the states up to and including the state of observation `lastState` (inclusive index in the
 * time-ordered observations), using the first `used` observations (used <= lastState + 1: leaving the last one out
 * gives the one-step prediction).
 */
export function batchPosterior(
  prior: GaussianState,
  priorTimeS: number,
  transition: TransitionModel,
  observations: readonly Observation[],
  lastState: number,
  used: number,
): BatchPosterior {
  const n = transition.n;
  const times = [priorTimeS];
  const stateOf: number[] = [];
  for (let k = 0; k <= lastState; k++) {
    const t = observations[k]!.tS;
    if (t > times[times.length - 1]!) times.push(t);
    stateOf.push(times.length - 1);
  }
  const S = times.length;
  const J = Matrix.zeros(S * n, S * n);
  const b = Matrix.zeros(S * n, 1);
  const addBlock = (i: number, j: number, m: Matrix): void => {
    for (let r = 0; r < n; r++)
      for (let c = 0; c < n; c++) J.set(i * n + r, j * n + c, J.get(i * n + r, j * n + c) + m.get(r, c));
  };
  const addVec = (i: number, v: Matrix): void => {
    for (let r = 0; r < n; r++) b.set(i * n + r, 0, b.get(i * n + r, 0) + v.get(r, 0));
  };
  /** Inverse of an SPD matrix; symmetrised first (ml-matrix's Cholesky insists on exact symmetry). */
  const invSpd = (m: Matrix): Matrix => {
    const sym = m.add(m.transpose()).mul(0.5);
    const inv = new CholeskyDecomposition(sym).solve(Matrix.eye(m.rows));
    return inv.add(inv.transpose()).mul(0.5);
  };

  const P0i = invSpd(toMatrix(prior.covar, n, n));
  addBlock(0, 0, P0i);
  addVec(0, P0i.mmul(Matrix.columnVector(Array.from(prior.mean))));

  const Fb = new Float64Array(n * n);
  const Qb = new Float64Array(n * n);
  const zero = new Float64Array(n);
  for (let s = 1; s < S; s++) {
    const dtS = times[s]! - times[s - 1]!;
    transition.F!(zero, dtS, Fb);
    transition.Q(dtS, Qb);
    const F = toMatrix(Fb, n, n);
    const Qi = invSpd(toMatrix(Qb, n, n));
    addBlock(s, s, Qi);
    addBlock(s - 1, s - 1, F.transpose().mmul(Qi).mmul(F));
    addBlock(s - 1, s, F.transpose().mmul(Qi).mul(-1));
    addBlock(s, s - 1, Qi.mmul(F).mul(-1));
  }
  for (let k = 0; k < used; k++) {
    const o = observations[k]!;
    const m = o.model.m;
    const Hb = new Float64Array(m * n);
    o.model.H!(zero, Hb);
    const H = toMatrix(Hb, m, n);
    const Ri = invSpd(toMatrix(o.model.R, m, m));
    const s = stateOf[k]!;
    addBlock(s, s, H.transpose().mmul(Ri).mmul(H));
    addVec(
      s,
      H.transpose()
        .mmul(Ri)
        .mmul(Matrix.columnVector(Array.from(o.z))),
    );
  }
  const covariance = invSpd(J);
  const x = covariance.mmul(b);
  const means = Array.from({ length: S }, (_, s) => Array.from({ length: n }, (_, i) => x.get(s * n + i, 0)));
  return { means, covariance, stateOf, n };
}

/** The n x n block (i, j) of a posterior covariance, row-major. */
export function covarianceBlock(post: BatchPosterior, i: number, j: number): Float64Array {
  const { n } = post;
  const out = new Float64Array(n * n);
  for (let r = 0; r < n; r++)
    for (let c = 0; c < n; c++) out[r * n + c] = post.covariance.get(i * n + r, j * n + c);
  return out;
}
