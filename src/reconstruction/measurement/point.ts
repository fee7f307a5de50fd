import { enuFrame } from '../../geodesy/index.js';
import { degrees, meters } from '../../kernel/index.js';
import type {
  BreakupObservation,
  FixObservation,
  ImpactObservation,
  LaunchObservation,
} from '../observation.js';
import type { Trajectory } from '../trajectory.js';
import { stateAt } from '../trajectory.js';
import type { MeasurementModel } from './model.js';
import { logNormOf } from './model.js';

type Enu = { e: number; n: number; u: number };

function frameAt(latDeg: number, lonDeg: number, altM: number): (x: number, y: number, z: number) => Enu {
  const f = enuFrame({ latDeg: degrees(latDeg), lonDeg: degrees(lonDeg), altM: meters(altM) });
  const [O, E, N, U] = [f.originEcef, f.east, f.north, f.up];
  return (x, y, z) => {
    const dx = x - O[0];
    const dy = y - O[1];
    const dz = z - O[2];
    return {
      e: E[0] * dx + E[1] * dy + E[2] * dz,
      n: N[0] * dx + N[1] * dy + N[2] * dz,
      u: U[0] * dx + U[1] * dy + U[2] * dz,
    };
  };
}

/**
 * Position fix at a known time. Model: the flight's position at the row's time in the ENU frame of the observed
 * point; residuals -(e, n)/sigma_h and -u/sigma_v (independent horizontal and vertical errors). Exact.
 */
export function fixModel(o: FixObservation, epochMs: number): MeasurementModel {
  const toEnu = frameAt(o.latDeg, o.lonDeg, o.altM);
  const tS = (o.t - epochMs) / 1000;
  const st = [0, 0, 0, 0, 0, 0];
  return {
    kind: 'fix',
    line: o.line,
    dim: 3,
    dof: 3,
    logNorm: logNormOf(o.sigmaHM, o.sigmaHM, o.sigmaVM),
    tS,
    residuals(f, out, offset) {
      stateAt(f.trajectory, tS - f.launchTimeS, st);
      const p = toEnu(st[0] as number, st[1] as number, st[2] as number);
      out[offset] = -p.e / o.sigmaHM;
      out[offset + 1] = -p.n / o.sigmaHM;
      out[offset + 2] = -p.u / o.sigmaVM;
    },
  };
}

/**
 * Impact point at an unknown time. Model: the flight's ground crossing (the last node when it reached the
 * ground height, which the fit sets to the row's height) in the ENU frame of the observed point; residuals
 * -(e, n)/sigma_h. Exact given the trajectory.
 */
export function impactModel(o: ImpactObservation): MeasurementModel {
  const toEnu = frameAt(o.latDeg, o.lonDeg, o.altM);
  return {
    kind: 'impact',
    line: o.line,
    dim: 2,
    dof: 2,
    logNorm: logNormOf(o.sigmaHM, o.sigmaHM),
    residuals(f, out, offset) {
      const tr = f.trajectory;
      const k = 3 * (tr.n - 1);
      const p = toEnu(tr.pos[k] as number, tr.pos[k + 1] as number, tr.pos[k + 2] as number);
      out[offset] = -p.e / o.sigmaHM;
      out[offset + 1] = -p.n / o.sigmaHM;
    },
  };
}

/**
 * Launch sighting: a region (centre and horizontal precision sigma_h). Model: the flight's first node (the
 * launch point) in the ENU frame of the region's centre; residuals -(e, n)/sigma_h. The height is not a residual:
 * it sets the launch height and, with sigma_v, enters the covariance as a consider parameter.
 */
export function launchModel(o: LaunchObservation): MeasurementModel {
  const toEnu = frameAt(o.latDeg, o.lonDeg, o.altM ?? 0);
  return {
    kind: 'launch',
    line: o.line,
    dim: 2,
    dof: 2,
    logNorm: logNormOf(o.sigmaHM, o.sigmaHM),
    residuals(f, out, offset) {
      const tr = f.trajectory;
      const p = toEnu(tr.pos[0] as number, tr.pos[1] as number, tr.pos[2] as number);
      out[offset] = -p.e / o.sigmaHM;
      out[offset + 1] = -p.n / o.sigmaHM;
    },
  };
}

/**
 * In-air breakup point at an unknown time. Model: the point of the trajectory nearest to the observed point in
 * the sigma-weighted ENU metric (the breakup time is a nuisance parameter profiled out: nodes, then golden-
 * section search on the Hermite interpolant to 1e-4 s); residuals -(e, n)/sigma_h, -u/sigma_v; 2 degrees of
 * freedom (3 components less the time). The profiled time is returned by {@link nearestTimeS}.
 */
export function breakupModel(o: BreakupObservation): MeasurementModel {
  const toEnu = frameAt(o.latDeg, o.lonDeg, o.altM);
  const st = [0, 0, 0, 0, 0, 0];
  const cost = (tr: Trajectory, t: number): Enu & { c: number } => {
    stateAt(tr, t, st);
    const p = toEnu(st[0] as number, st[1] as number, st[2] as number);
    return {
      ...p,
      c: (p.e * p.e + p.n * p.n) / (o.sigmaHM * o.sigmaHM) + (p.u * p.u) / (o.sigmaVM * o.sigmaVM),
    };
  };
  return {
    kind: 'breakup',
    line: o.line,
    dim: 3,
    dof: 2,
    logNorm: logNormOf(o.sigmaHM, o.sigmaHM, o.sigmaVM),
    residuals(f, out, offset) {
      const t = nearestTimeS(f.trajectory, (t) => cost(f.trajectory, t).c);
      const p = cost(f.trajectory, t);
      out[offset] = -p.e / o.sigmaHM;
      out[offset + 1] = -p.n / o.sigmaHM;
      out[offset + 2] = -p.u / o.sigmaVM;
    },
  };
}

/** Time after launch minimising `cost` along the trajectory: best node, then golden section on its neighbours. */
export function nearestTimeS(tr: Trajectory, cost: (t: number) => number): number {
  let best = 0;
  let bestC = Number.POSITIVE_INFINITY;
  for (let i = 0; i < tr.n; i++) {
    const c = cost(tr.tS[i] as number);
    if (c < bestC) {
      bestC = c;
      best = i;
    }
  }
  let a = tr.tS[Math.max(0, best - 1)] as number;
  let b = tr.tS[Math.min(tr.n - 1, best + 1)] as number;
  const g = (Math.sqrt(5) - 1) / 2;
  let x1 = b - g * (b - a);
  let x2 = a + g * (b - a);
  let f1 = cost(x1);
  let f2 = cost(x2);
  while (b - a > 1e-4) {
    if (f1 < f2) {
      b = x2;
      x2 = x1;
      f2 = f1;
      x1 = b - g * (b - a);
      f1 = cost(x1);
    } else {
      a = x1;
      x1 = x2;
      f1 = f2;
      x2 = a + g * (b - a);
      f2 = cost(x2);
    }
  }
  return (a + b) / 2;
}
