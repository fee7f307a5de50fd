import { err, ok, type Result } from '../../kernel/index.js';
import { notPositiveDefinite, type EstimationError } from '../errors.js';
import { choleskyLower, solveRightSpd } from '../linalg/cholesky.js';
import { congruence } from '../linalg/dense.js';
import type { FilterTrack, SmoothedTrack } from '../track.js';

/**
 * Supplies, for the transition from step k to step k + 1, the predicted mean xp and covariance Pp of step k + 1
 * and the cross covariance D = Cov(x_k, x_{k+1} | y_{1:k}), into the given buffers.
 */
export type TransitionMoments = (
  k: number,
  xp: Float64Array,
  Pp: Float64Array,
  D: Float64Array,
) => EstimationError | undefined;

/**
 * The moments the filter stored for each prediction (predicted mean and covariance, cross covariance): the
 * backward pass reads them in place from the track rather than through a TransitionMoments copy.
 */
export const STORED_MOMENTS = 'stored';

/**
 * The Rauch–Tung–Striebel backward recursion in its general (Gaussian-smoother) form (Sarkka 2013, theorem
 * 9.1 and section 9.3):
 *   G_k = D_{k+1} P_{k+1|k}^{-1},  x_{k|N} = x_{k|k} + G_k (x_{k+1|N} - x_{k+1|k}),
 *   P_{k|N} = P_{k|k} + G_k (P_{k+1|N} - P_{k+1|k}) G_k^T  (exactly symmetric as computed, given a symmetric
 *   filtered P: every filter here stores exactly symmetric covariances).
 * With D = P F^T it is the classical RTS smoother (exact for linear-Gaussian models); with the sigma-point D it is
 * the unscented RTS smoother. The gain solve uses a Cholesky factor of P_{k+1|k}; a covariance that is not
 * positive definite stops the pass with NOT_POSITIVE_DEFINITE naming the step.
 */
export function backwardPass(
  smoother: string,
  track: FilterTrack,
  moments: TransitionMoments | typeof STORED_MOMENTS,
  reuse?: SmoothedTrack,
): Result<SmoothedTrack, EstimationError> {
  const { n, length } = track;
  const nn = n * n;
  // Storage of a previous result of the same shape is overwritten (see allocateTrack on why that matters).
  const fits = reuse?.n === n && reuse.length === length;
  const means = fits ? reuse.means : new Float64Array(length * n);
  const covars = fits ? reuse.covars : new Float64Array(length * nn);
  const tS = fits ? reuse.tS : new Float64Array(length);
  means.set(track.filteredMeans);
  covars.set(track.filteredCovars);
  tS.set(track.tS);
  const xp = new Float64Array(n);
  const Pp = new Float64Array(nn);
  const D = new Float64Array(nn);
  const L = new Float64Array(nn);
  const dx = new Float64Array(n);
  const dP = new Float64Array(nn);
  const GdP = new Float64Array(nn);
  const tmp = new Float64Array(nn);
  for (let k = length - 2; k >= 0; k--) {
    const next = (k + 1) * n;
    const nextC = (k + 1) * nn;
    // Where x_{k+1|k} and P_{k+1|k} are read: the track itself, or the buffers the moments function filled.
    let xpAt: Float64Array = xp;
    let xpOffset = 0;
    let PpAt: Float64Array = Pp;
    let PpOffset = 0;
    if (moments === STORED_MOMENTS) {
      xpAt = track.predictedMeans;
      xpOffset = next;
      PpAt = track.predictedCovars;
      PpOffset = nextC;
      const { crossCovars } = track;
      for (let i = 0; i < nn; i++) D[i] = crossCovars[nextC + i]!; // overwritten by the gain below
    } else {
      const e = moments(k, xp, Pp, D);
      if (e) return err(e);
    }
    const pivot = choleskyLower(PpAt, n, L, PpOffset);
    if (pivot >= 0) return err(notPositiveDefinite('predicted covariance (smoother)', k + 1, pivot));
    solveRightSpd(L, n, D, n); // D := G = D P_p^{-1}
    for (let i = 0; i < n; i++) dx[i] = means[next + i]! - xpAt[xpOffset + i]!;
    for (let i = 0; i < nn; i++) dP[i] = covars[nextC + i]! - PpAt[PpOffset + i]!;
    const o = k * n;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += D[i * n + j]! * dx[j]!;
      means[o + i]! += s;
    }
    congruence(D, dP, n, n, tmp, GdP); // exactly symmetric
    const oc = k * nn;
    for (let i = 0; i < nn; i++) covars[oc + i]! += GdP[i]!; // filtered P symmetric too: exact
    const p2 = choleskyLower(covars, n, L, oc);
    if (p2 >= 0) return err(notPositiveDefinite('smoothed covariance', k, p2));
  }
  return ok({ smoother, n, length, tS, means, covars });
}
