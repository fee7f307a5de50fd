import { err, ok, salvoError } from '../kernel/index.js';
import { enuFrameRad } from '../geodesy/index.js';
import type { Result } from '../kernel/index.js';
import type { FitSettings } from './build-problem.js';
import { buildProblem } from './build-problem.js';
import type { FitCovariance } from './covariance.js';
import { fitCovariance } from './covariance.js';
import type { FitProblem } from './fit-problem.js';
import { considerMeans, flightOf, recentred, residualsOn, sumSq, trajectoryOf } from './fit-problem.js';
import type { FlightParams } from './dynamics.js';
import type { Candidate } from './initialise.js';
import { candidateVector, initialCandidates } from './initialise.js';
import type { Sensitivities } from './jacobian.js';
import { sensitivities } from './jacobian.js';
import { levenbergMarquardt } from './levenberg-marquardt.js';
import type { Observation } from './observation.js';
import type { Trajectory } from './trajectory.js';

/** A converged batch fit of one template to a track, with its covariance. */
export interface BatchFit {
  readonly problem: FitProblem;
  readonly x: Float64Array;
  readonly c: Float64Array;
  readonly flight: FlightParams;
  readonly trajectory: Trajectory;
  /** Whitened residuals at the estimate (measurement components, then priors). */
  readonly residuals: Float64Array;
  /** Sum of squares of all whitened residuals (measurements and priors). */
  readonly chi2: number;
  /** Sum of the rows' degrees of freedom plus the priors, less the number of unknowns. */
  readonly dof: number;
  /** Number of measurement residual components (the first entries of `residuals`). */
  readonly measurementCount: number;
  readonly iterations: number;
  readonly covariance: FitCovariance;
  readonly params: Sensitivities;
  readonly considers: Sensitivities;
}

export interface FitOptions {
  /** Levenberg–Marquardt starts tried, best initial candidates first (default 3). */
  readonly starts?: number;
  /** Iterations per start before it counts as not converged (default 200: a template that misses a manoeuvre
   * converges slowly, and the manoeuvre check needs its fit). */
  readonly maxIterations?: number;
  /** A start whose chi2/dof is below this is accepted without trying the others (default 3). */
  readonly goodEnoughChi2PerDof?: number;
  /** Start from this point only, instead of the coarse-grid candidates (a refit near a known solution). */
  readonly start?: Candidate;
  /** Starting values of unknowns by name (e.g. a previous fit's estimate), over the start's defaults. */
  readonly startValues?: Readonly<Record<string, number>>;
}

/**
 * Batch maximum-likelihood fit (Levenberg–Marquardt) of one template to all observations (issue 3): starts from
 * the coarse-grid candidates of {@link initialCandidates}, keeps the lowest-cost converged fit (stopping early
 * once one is consistent with the noise), recentres the launch parameterisation on the estimate and computes the
 * Fisher and consider covariance there. Errors: INVALID_INPUT when the track has no anchor for a start or
 * inconsistent rows; NOT_CONVERGED (with why) when no start converges or an unknown is not determined.
 */
export function fitTemplate(
  observations: readonly Observation[],
  settings: FitSettings,
  o: FitOptions = {},
): Result<BatchFit> {
  const built = buildProblem(observations, settings);
  if (!built.ok) return built;
  const problem0 = built.value;
  const c = considerMeans(problem0);
  const cands = o.start ? [o.start] : initialCandidates(problem0, observations, o.starts ?? 3);
  if (cands.length === 0) {
    return err(
      salvoError(
        'INVALID_INPUT',
        'cannot start the fit: the track needs an anchor — an impact point, a launch sighting, or at least 3 radar plots or position fixes',
      ),
    );
  }
  const measurementCount = problem0.models.reduce((a, mdl) => a + mdl.dim, 0);
  const dofOf = (p: FitProblem): number =>
    p.models.reduce((a, mdl) => a + mdl.dof, 0) + p.params.filter((s) => s.prior).length - p.params.length;
  let best: { problem: FitProblem; x: Float64Array; cost: number; iterations: number } | undefined;
  const whys: string[] = [];
  for (const cand of cands) {
    const problem = { ...problem0, ...recentreAt(cand.latDeg, cand.lonDeg) };
    const x0 = candidateVector(problem, cand);
    if (o.startValues)
      problem.params.forEach((s, i) => {
        const v = o.startValues?.[s.name];
        if (v !== undefined) x0[i] = v;
      });
    const lm = levenbergMarquardt(
      {
        n: problem.params.length,
        m: problem.m,
        residuals: (x) => {
          const tr = trajectoryOf(problem, x, c);
          return tr ? residualsOn(problem, tr, x) : undefined;
        },
        jacobian: (x, r0) => {
          const tr = trajectoryOf(problem, x, c) as Trajectory;
          return sensitivities(problem, x, c, tr, r0, 'params').j;
        },
      },
      x0,
      { maxIterations: o.maxIterations ?? 200 },
    );
    if (!lm.converged) {
      whys.push(`start at kick ${((cand.kickRad * 180) / Math.PI).toFixed(0)}°: ${lm.why}`);
      continue;
    }
    if (!best || lm.cost < best.cost) best = { problem, x: lm.x, cost: lm.cost, iterations: lm.iterations };
    const dof = Math.max(1, dofOf(problem));
    if (lm.cost / dof < (o.goodEnoughChi2PerDof ?? 3)) break;
  }
  if (!best)
    return err(
      salvoError('NOT_CONVERGED', `the batch fit did not converge from any start: ${whys.join('; ')}`),
    );

  const { problem, x } = recentred(best.problem, best.x, c);
  const tr = trajectoryOf(problem, x, c);
  if (!tr) return err(salvoError('NOT_CONVERGED', 'the fitted motor is not physical'));
  const r = residualsOn(problem, tr, x);
  const params = sensitivities(problem, x, c, tr, r, 'params');
  const considers = sensitivities(problem, x, c, tr, r, 'considers');
  const n = problem.params.length;
  const nc = problem.considers.length;
  const cov = fitCovariance(
    params.j,
    problem.m,
    n,
    considers.j,
    nc,
    problem.considers.map((s) => s.prior?.sigma ?? 0),
  );
  if (!cov) {
    return err(
      salvoError(
        'NOT_CONVERGED',
        `the observations do not determine every unknown (${undetermined(params.j, problem)}): add observations or priors`,
      ),
    );
  }
  return ok({
    problem,
    x,
    c,
    flight: flightOf(problem, x, c),
    trajectory: tr,
    residuals: r,
    chi2: sumSq(r),
    dof: dofOf(problem),
    measurementCount,
    iterations: best.iterations,
    covariance: cov,
    params,
    considers,
  });
}

function recentreAt(
  latDeg: number,
  lonDeg: number,
): Pick<FitProblem, 'reference' | 'referenceLatRad' | 'referenceLonRad'> {
  const lat = (latDeg * Math.PI) / 180;
  const lon = (lonDeg * Math.PI) / 180;
  return { reference: enuFrameRad(lat, lon, 0), referenceLatRad: lat, referenceLonRad: lon };
}

/** Names of unknowns whose Jacobian column is (nearly) zero. */
function undetermined(j: Float64Array, p: FitProblem): string {
  const n = p.params.length;
  const names: string[] = [];
  for (let q = 0; q < n; q++) {
    let s = 0;
    for (let i = 0; i < p.m; i++) s += (j[i * n + q] as number) ** 2;
    if (s < 1e-12) names.push(p.params[q]?.name ?? String(q));
  }
  return names.length ? names.join(', ') : 'a combination of unknowns';
}
