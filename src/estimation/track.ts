import type { SigmaPointConfig } from './filters/sigma-points.js';
import type { GaussianState } from './gaussian.js';
import type { TransitionModel } from './models/transition-model.js';

/**
 * Everything a filter run produced, step by step, in flat row-major storage (one allocation per quantity for
 * the whole track, so a 1,000-step run does not create thousands of small objects). Step k is observation k.
 *
 * - predicted (k): N(x_{k|k-1}, P_{k|k-1}), from the previous filtered state (the prior for k = 0).
 * - filtered (k): N(x_{k|k}, P_{k|k}).
 * - crossCovars (k): D_k = Cov(x_{k-1}, x_k | y_{1:k-1}), n x n, the covariance between the state the prediction
 *   started from and the predicted state. For a (extended) Kalman filter D_k = P_{k-1|k-1} F^T; for the UKF it is
 *   the sigma-point cross covariance. RTS-type smoothers need exactly this (gain G = D_{k+1} P_{k+1|k}^{-1}).
 * - innovation (k): residual(z_k, predicted measurement), length m_k; innovationCovar (k): S_k, m_k x m_k.
 * - nis (k): normalised innovation squared nu^T S^{-1} nu (chi-square with m_k degrees of freedom when the
 *   model is right); logLikelihood (k): log N(nu; 0, S).
 */
export interface FilterTrack {
  /** Which filter produced it ('kf', 'ekf', 'ukf'). */
  readonly filter: string;
  /** Name of the transition model it ran with. */
  readonly transition: string;
  /** The sigma-point settings, for a UKF track (lets the unscented RTS smoother reuse the stored moments). */
  readonly sigmaPoints?: SigmaPointConfig;
  readonly n: number;
  readonly length: number;
  readonly priorTimeS: number;
  readonly prior: GaussianState;
  readonly tS: Float64Array;
  /** dt of the prediction into step k (0 when the observation is at the previous time). */
  readonly dtS: Float64Array;
  readonly predictedMeans: Float64Array;
  readonly predictedCovars: Float64Array;
  readonly filteredMeans: Float64Array;
  readonly filteredCovars: Float64Array;
  readonly crossCovars: Float64Array;
  readonly measurementDims: Int32Array;
  /** Start of step k's innovation in `innovations` (length + 1 entries). */
  readonly innovationOffsets: Int32Array;
  /** Start of step k's S in `innovationCovars` (length + 1 entries). */
  readonly innovationCovarOffsets: Int32Array;
  readonly innovations: Float64Array;
  readonly innovationCovars: Float64Array;
  readonly nis: Float64Array;
  readonly logLikelihoods: Float64Array;
}

/** Smoothed estimates N(x_{k|N}, P_{k|N}) for every step k of a filter track. */
export interface SmoothedTrack {
  readonly smoother: string;
  readonly n: number;
  readonly length: number;
  readonly tS: Float64Array;
  readonly means: Float64Array;
  readonly covars: Float64Array;
}

/**
 * Which transition model object produced a track's moments (keyed by its storage, so reused storage is
 * re-registered). Lets a smoother reuse stored moments only for the very same model: names are not enough
 * (two ballistic models with different noise share a name). Tracks rebuilt from saved data are not registered.
 */
const producedBy = new WeakMap<Float64Array, TransitionModel>();

export function registerTransition(track: FilterTrack, transition: TransitionModel): void {
  producedBy.set(track.crossCovars, transition);
}

/** True when `track` was produced in this process with exactly this transition model object. */
export function producedWith(track: FilterTrack, transition: TransitionModel): boolean {
  return producedBy.get(track.crossCovars) === transition;
}

/** Who made a track: the filter kind, the transition model's name and (UKF) the sigma-point settings. */
export interface TrackOrigin {
  readonly filter: string;
  readonly transition: string;
  readonly sigmaPoints?: SigmaPointConfig;
}

/**
 * Allocates the storage of a track for the given measurement dimension of each step, or, when `reuse` has the
 * same shape (n and every step's m), hands back reuse's arrays to be overwritten. Allocation is not free here:
 * the three n x n x N arrays of a 1,000-step 7-state track are 392 KB each, and fresh large ArrayBuffers cost
 * page faults and GC (about 0.3 ms each on the CI machine class), a fair part of a whole UKF run.
 */
export function allocateTrack(
  origin: TrackOrigin,
  n: number,
  measurementDims: readonly number[],
  prior: GaussianState,
  priorTimeS: number,
  reuse?: FilterTrack,
): FilterTrack {
  const length = measurementDims.length;
  if (reuse && sameShape(reuse, n, measurementDims)) {
    return {
      ...reuse,
      ...origin,
      sigmaPoints: origin.sigmaPoints,
      priorTimeS,
      prior: { mean: prior.mean.slice(), covar: prior.covar.slice() },
    };
  }
  const innovationOffsets = new Int32Array(length + 1);
  const innovationCovarOffsets = new Int32Array(length + 1);
  for (let k = 0; k < length; k++) {
    const m = measurementDims[k]!;
    innovationOffsets[k + 1] = innovationOffsets[k]! + m;
    innovationCovarOffsets[k + 1] = innovationCovarOffsets[k]! + m * m;
  }
  return {
    ...origin,
    n,
    length,
    priorTimeS,
    prior: { mean: prior.mean.slice(), covar: prior.covar.slice() },
    tS: new Float64Array(length),
    dtS: new Float64Array(length),
    predictedMeans: new Float64Array(length * n),
    predictedCovars: new Float64Array(length * n * n),
    filteredMeans: new Float64Array(length * n),
    filteredCovars: new Float64Array(length * n * n),
    crossCovars: new Float64Array(length * n * n),
    measurementDims: Int32Array.from(measurementDims),
    innovationOffsets,
    innovationCovarOffsets,
    innovations: new Float64Array(innovationOffsets[length]!),
    innovationCovars: new Float64Array(innovationCovarOffsets[length]!),
    nis: new Float64Array(length),
    logLikelihoods: new Float64Array(length),
  };
}

function sameShape(track: FilterTrack, n: number, dims: readonly number[]): boolean {
  if (track.n !== n || track.length !== dims.length) return false;
  for (let k = 0; k < dims.length; k++) if (track.measurementDims[k] !== dims[k]) return false;
  return true;
}

/** One step of a filter track as views (no copies) into its storage. */
export interface FilterStepView {
  readonly tS: number;
  readonly predicted: GaussianState;
  readonly filtered: GaussianState;
  readonly crossCovar: Float64Array;
  readonly innovation: Float64Array;
  readonly innovationCovar: Float64Array;
  readonly nis: number;
  readonly logLikelihood: number;
}

/** Views of step k (0 <= k < length). */
export function filterStep(track: FilterTrack, k: number): FilterStepView {
  if (!(k >= 0 && k < track.length))
    throw new RangeError(`step ${String(k)} outside 0..${String(track.length - 1)}`);
  const { n } = track;
  const nn = n * n;
  return {
    tS: track.tS[k]!,
    predicted: {
      mean: track.predictedMeans.subarray(k * n, (k + 1) * n),
      covar: track.predictedCovars.subarray(k * nn, (k + 1) * nn),
    },
    filtered: {
      mean: track.filteredMeans.subarray(k * n, (k + 1) * n),
      covar: track.filteredCovars.subarray(k * nn, (k + 1) * nn),
    },
    crossCovar: track.crossCovars.subarray(k * nn, (k + 1) * nn),
    innovation: track.innovations.subarray(track.innovationOffsets[k], track.innovationOffsets[k + 1]),
    innovationCovar: track.innovationCovars.subarray(
      track.innovationCovarOffsets[k],
      track.innovationCovarOffsets[k + 1],
    ),
    nis: track.nis[k]!,
    logLikelihood: track.logLikelihoods[k]!,
  };
}

/** The smoothed Gaussian of step k as views (no copies). */
export function smoothedStep(track: SmoothedTrack, k: number): GaussianState {
  if (!(k >= 0 && k < track.length))
    throw new RangeError(`step ${String(k)} outside 0..${String(track.length - 1)}`);
  const { n } = track;
  return {
    mean: track.means.subarray(k * n, (k + 1) * n),
    covar: track.covars.subarray(k * n * n, (k + 1) * n * n),
  };
}
