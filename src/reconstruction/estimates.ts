import { enuFrameRad } from '../geodesy/index.js';
import type { Ellipse } from './ellipse.js';
import { covarianceEllipse } from './ellipse.js';
import type { BatchFit } from './fit.js';
import { P_EAST, P_NORTH, P_TIME } from './fit-problem.js';
import { matMul, sandwich } from './linalg.js';
import { endPoint } from './profile.js';

/** A located event (launch or impact) with its uncertainty. */
export interface PointEstimate {
  readonly latDeg: number;
  readonly lonDeg: number;
  readonly altM: number;
  /** Seconds after the fit's epoch. */
  readonly timeS: number;
  readonly timeSigmaS: number;
  /** 2 x 2 horizontal covariance (east, north), m^2, with the consider term. */
  readonly covEN: readonly [number, number, number];
  /** The same without the consider term: the Cramér–Rao bound (with the priors' information). */
  readonly crlbEN: readonly [number, number, number];
  readonly ellipse95: Ellipse;
  readonly crlb95: Ellipse;
}

const RAD = 180 / Math.PI;

/**
 * Launch point estimate: the fitted launch point and time; covariance = the (east, north, time) block of the
 * total covariance (the launch offsets are metres in the tangent plane at the estimate, so the block is already
 * local east/north metres); CRLB = the same block of the inverse Fisher information.
 */
export function launchEstimate(fit: BatchFit): PointEstimate {
  const n = fit.problem.params.length;
  const P = fit.covariance.total;
  const F = fit.covariance.fisher;
  const block = (m: Float64Array): [number, number, number] => [
    m[P_EAST * n + P_EAST] as number,
    m[P_EAST * n + P_NORTH] as number,
    m[P_NORTH * n + P_NORTH] as number,
  ];
  const cov = block(P);
  const crlb = block(F);
  return {
    latDeg: fit.flight.launchLatRad * RAD,
    lonDeg: fit.flight.launchLonRad * RAD,
    altM: fit.flight.launchAltM,
    timeS: fit.x[P_TIME] as number,
    timeSigmaS: Math.sqrt(P[P_TIME * n + P_TIME] as number),
    covEN: cov,
    crlbEN: crlb,
    ellipse95: covarianceEllipse(cov[0], cov[1], cov[2], 0.95),
    crlb95: covarianceEllipse(crlb[0], crlb[1], crlb[2], 0.95),
  };
}

/**
 * Impact point estimate (the end of the fitted flight), or undefined when the flight did not reach the ground.
 * Covariance by linear propagation: G P G^T + (Gc + G S) C (Gc + G S)^T with G the forward-difference derivative
 * of the end point (rotated to east/north at the impact), S the consider sensitivity of the estimate and C the
 * consider covariance; the impact time adds the launch time's derivative (1). Linearisation error is second
 * order in the ellipse size over the flight's curvature scale (negligible for ellipses below ~10 km).
 */
export function impactEstimate(fit: BatchFit): PointEstimate | undefined {
  const tr = fit.trajectory;
  if (!tr.impacted) return undefined;
  const end = endPoint(tr);
  const f = enuFrameRad(end.latDeg / RAD, end.lonDeg / RAD, 0);
  const n = fit.problem.params.length;
  const nc = fit.problem.considers.length;
  // Rows: east, north, time (absolute, s after the epoch).
  const rowsOf = (
    s: { endPos: Float64Array; endTime: Float64Array },
    k: number,
    addLaunch: boolean,
  ): Float64Array => {
    const g = new Float64Array(3 * k);
    for (let q = 0; q < k; q++) {
      const d = [0, 1, 2].map((a) => s.endPos[a * k + q] as number);
      g[q] = f.east[0] * (d[0] as number) + f.east[1] * (d[1] as number) + f.east[2] * (d[2] as number);
      g[k + q] =
        f.north[0] * (d[0] as number) + f.north[1] * (d[1] as number) + f.north[2] * (d[2] as number);
      g[2 * k + q] = (s.endTime[q] as number) + (addLaunch && q === P_TIME ? 1 : 0);
    }
    return g;
  };
  const g = rowsOf(fit.params, n, true);
  const gc = rowsOf(fit.considers, nc, false);
  const crlb = sandwich(g, fit.covariance.fisher, 3, n);
  const total = Float64Array.from(crlb);
  if (nc > 0) {
    const gs = matMul(g, fit.covariance.sensitivity, 3, n, nc).map((v, i) => v + (gc[i] as number));
    const add = sandwich(gs, fit.covariance.considerCov, 3, nc);
    for (let i = 0; i < 9; i++) total[i] = (total[i] as number) + (add[i] as number);
  }
  const cov: [number, number, number] = [total[0] as number, total[1] as number, total[4] as number];
  const cr: [number, number, number] = [crlb[0] as number, crlb[1] as number, crlb[4] as number];
  return {
    latDeg: end.latDeg,
    lonDeg: end.lonDeg,
    altM: end.altM,
    timeS: (fit.x[P_TIME] as number) + end.tS,
    timeSigmaS: Math.sqrt(total[8] as number),
    covEN: cov,
    crlbEN: cr,
    ellipse95: covarianceEllipse(cov[0], cov[1], cov[2], 0.95),
    crlb95: covarianceEllipse(cr[0], cr[1], cr[2], 0.95),
  };
}
