import { err, ok, type Result } from '../../kernel/index.js';
import { estimationError, notPositiveDefinite, type EstimationError } from '../errors.js';
import type { GaussianState } from '../gaussian.js';
import { allFinite, symmetrise } from '../linalg/dense.js';
import { choleskyLower } from '../linalg/cholesky.js';
import type { TransitionModel } from '../models/transition-model.js';
import type { Observation } from '../observation.js';
import { allocateTrack, registerTransition, type FilterTrack, type TrackOrigin } from '../track.js';
import type { StepperFactory } from './stepper.js';

/** What a filter run needs: the prior at priorTimeS, the dynamics, and time-ordered observations. */
export interface FilterInput {
  readonly prior: GaussianState;
  readonly priorTimeS: number;
  readonly transition: TransitionModel;
  readonly observations: readonly Observation[];
}

/**
 * True when |a_ij - a_ji| <= 1e-9 sqrt(|a_ii a_jj|) for all i, j (symmetric up to rounding of the caller's
 * arithmetic). The filters read only one triangle, so an asymmetric input would otherwise pass silently.
 */
export function isSymmetric(a: Float64Array, n: number): boolean {
  for (let i = 0; i < n; i++)
    for (let j = 0; j < i; j++) {
      const d = Math.abs(a[i * n + j]! - a[j * n + i]!);
      if (d > 1e-9 * Math.sqrt(Math.abs(a[i * n + i]! * a[j * n + j]!))) return false;
    }
  return true;
}

/** Checks sizes, finiteness, symmetry and time order; the error names the offending observation. */
export function validateFilterInput(input: FilterInput): EstimationError | undefined {
  const { prior, transition, observations } = input;
  const n = transition.n;
  if (prior.mean.length !== n || prior.covar.length !== n * n)
    return estimationError(
      'DIMENSION_MISMATCH',
      `prior must have a mean of ${String(n)} and a ${String(n)}x${String(n)} covariance (transition ${transition.name})`,
      -1,
    );
  if (!allFinite(prior.mean) || !allFinite(prior.covar) || !Number.isFinite(input.priorTimeS))
    return estimationError('NON_FINITE', 'prior mean, covariance or time is not finite', -1);
  if (!isSymmetric(prior.covar, n))
    return estimationError('NOT_SYMMETRIC', 'prior covariance is not symmetric', -1);
  let t = input.priorTimeS;
  for (let k = 0; k < observations.length; k++) {
    const o = observations[k]!;
    const { model } = o;
    if (model.n !== n)
      return estimationError(
        'DIMENSION_MISMATCH',
        `observation ${String(k)}: measurement model ${model.name} reads ${String(model.n)} states, transition has ${String(n)}`,
        k,
      );
    if (o.z.length !== model.m || model.R.length !== model.m * model.m)
      return estimationError(
        'DIMENSION_MISMATCH',
        `observation ${String(k)}: z has ${String(o.z.length)} components, model ${model.name} expects ${String(model.m)}`,
        k,
      );
    if (!Number.isFinite(o.tS) || !allFinite(o.z) || !allFinite(model.R))
      return estimationError('NON_FINITE', `observation ${String(k)}: time, z or R is not finite`, k);
    if (!isSymmetric(model.R, model.m))
      return estimationError(
        'NOT_SYMMETRIC',
        `observation ${String(k)}: R of ${model.name} is not symmetric`,
        k,
      );
    if (o.tS < t)
      return estimationError(
        'TIME_ORDER',
        `observation ${String(k)}: time ${String(o.tS)} s precedes the previous time ${String(t)} s`,
        k,
      );
    t = o.tS;
  }
  return undefined;
}

/**
 * The common predict/update loop of every filter. Validates the input, checks the prior is positive definite,
 * then for each observation predicts over dt = t_k - t_{k-1} (skipped when dt = 0: then the predicted state is
 * the previous one and D = P), updates, and stores every quantity in the track.
 */
export function runFilter(
  origin: Omit<TrackOrigin, 'transition'>,
  makeStepper: StepperFactory,
  input: FilterInput,
  reuse?: FilterTrack,
): Result<FilterTrack, EstimationError> {
  const invalid = validateFilterInput(input);
  if (invalid) return err(invalid);
  const { transition, observations } = input;
  const n = transition.n;
  const nn = n * n;
  const scratch = new Float64Array(nn);
  const priorPivot = choleskyLower(input.prior.covar, n, scratch);
  if (priorPivot >= 0) return err(notPositiveDefinite('prior covariance', -1, priorPivot));

  const dims = observations.map((o) => o.model.m);
  const mMax = dims.reduce((a, b) => Math.max(a, b), 1);
  const track = allocateTrack(
    { ...origin, transition: transition.name },
    n,
    dims,
    input.prior,
    input.priorTimeS,
    reuse,
  );
  registerTransition(track, transition);
  const stepper = makeStepper(n, mMax);
  const x = input.prior.mean.slice();
  const P = input.prior.covar.slice();
  symmetrise(P, n); // symmetric within 1e-9 was checked; from here on every stored covariance is exactly so
  const xp = new Float64Array(n);
  const Pp = new Float64Array(nn);
  const D = new Float64Array(nn);
  const nu = new Float64Array(mMax);
  const S = new Float64Array(mMax * mMax);
  const scalars = new Float64Array(2);
  let tPrev = input.priorTimeS;

  for (let k = 0; k < observations.length; k++) {
    const o = observations[k]!;
    const dtS = o.tS - tPrev;
    if (dtS > 0) {
      const e = stepper.predict(transition, x, P, dtS, xp, Pp, D, k);
      if (e) return err(e);
      if (!allFinite(xp) || !allFinite(Pp))
        return err(estimationError('NON_FINITE', `step ${String(k)}: the predicted state is not finite`, k));
    } else {
      xp.set(x);
      Pp.set(P);
      D.set(P);
    }
    const e = stepper.update(o.model, o.z, xp, Pp, x, P, nu, S, scalars, k);
    if (e) return err(e);
    if (!allFinite(x))
      return err(estimationError('NON_FINITE', `step ${String(k)}: the filtered state is not finite`, k));
    // Every filtered covariance must be positive definite. A stepper that factorises its input finds out at
    // the next step (and says so there, with that step's index); the last one is checked here in any case.
    if (!stepper.factorisesItsInput || k === observations.length - 1) {
      const pivot = choleskyLower(P, n, scratch);
      if (pivot >= 0) return err(notPositiveDefinite('filtered covariance', k, pivot));
    }

    const m = o.model.m;
    track.tS[k] = o.tS;
    track.dtS[k] = dtS;
    track.predictedMeans.set(xp, k * n);
    track.predictedCovars.set(Pp, k * nn);
    track.filteredMeans.set(x, k * n);
    track.filteredCovars.set(P, k * nn);
    track.crossCovars.set(D, k * nn);
    // Element loops rather than .set(subarray): a subarray view is an allocation, and this loop must not allocate.
    const io = track.innovationOffsets[k]!;
    for (let i = 0; i < m; i++) track.innovations[io + i] = nu[i]!;
    const so = track.innovationCovarOffsets[k]!;
    for (let i = 0; i < m * m; i++) track.innovationCovars[so + i] = S[i]!;
    track.nis[k] = scalars[0]!;
    track.logLikelihoods[k] = scalars[1]!;
    tPrev = o.tS;
  }
  return ok(track);
}
