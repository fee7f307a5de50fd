import type { FitProblem, ParamSpec } from './fit-problem.js';
import { residualsOn, trajectoryOf } from './fit-problem.js';
import type { Trajectory } from './trajectory.js';

/** Forward-difference sensitivities of the residuals and of the flight's end point. */
export interface Sensitivities {
  /** m x k row-major d r / d q. */
  readonly j: Float64Array;
  /** 3 x k row-major d (end point, ECEF m) / d q. */
  readonly endPos: Float64Array;
  /** k: d (end time after launch, s) / d q. */
  readonly endTime: Float64Array;
}

/**
 * Forward-difference derivatives of the whitened residuals and of the end point (impact) with respect to the
 * unknowns (`which` = 'params', at fixed considers) or the consider parameters. One integration per parameter;
 * the launch time only shifts the flight (no integration). Steps are the specs' `fdStep` (about 1e-6 of the
 * parameter's scale), small against the curvature and large against the integrator's rounding: relative
 * accuracy ~1e-5 (tested against central differences).
 */
export function sensitivities(
  p: FitProblem,
  x: Float64Array,
  c: Float64Array,
  tr0: Trajectory,
  r0: Float64Array,
  which: 'params' | 'considers',
): Sensitivities {
  const specs: readonly ParamSpec[] = which === 'params' ? p.params : p.considers;
  const k = specs.length;
  const m = p.m;
  const j = new Float64Array(m * k);
  const endPos = new Float64Array(3 * k);
  const endTime = new Float64Array(k);
  const last0 = tr0.n - 1;
  const buf = new Float64Array(m);
  specs.forEach((s, q) => {
    const h = s.fdStep;
    const xs = which === 'params' ? Float64Array.from(x) : x;
    const cs = which === 'considers' ? Float64Array.from(c) : c;
    if (which === 'params') xs[q] = (xs[q] as number) + h;
    else cs[q] = (cs[q] as number) + h;
    const tr = s.shiftsOnly ? tr0 : trajectoryOf(p, xs, cs);
    if (!tr) return; // unphysical perturbation: leave the column zero
    residualsOn(p, tr, xs, buf);
    for (let i = 0; i < m; i++) j[i * k + q] = ((buf[i] as number) - (r0[i] as number)) / h;
    const last = tr.n - 1;
    for (let a = 0; a < 3; a++)
      endPos[a * k + q] = ((tr.pos[3 * last + a] as number) - (tr0.pos[3 * last0 + a] as number)) / h;
    endTime[q] = ((tr.tS[last] as number) - (tr0.tS[last0] as number)) / h;
  });
  return { j, endPos, endTime };
}
