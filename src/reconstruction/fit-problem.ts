import { ecefToGeodeticRad } from '../geodesy/index.js';
import type { EnuFrame } from '../geodesy/index.js';
import { enuFrameRad } from '../geodesy/index.js';
import type { FlightParams } from './dynamics.js';
import type { IntegrationOptions } from './integrate.js';
import { integrateFlight } from './integrate.js';
import type { MeasurementModel } from './measurement/index.js';
import type { MotorFigure, MotorParams } from './motor.js';
import { withFigures } from './motor.js';
import type { Trajectory } from './trajectory.js';

/** One unknown of the fit (or one consider parameter). */
export interface ParamSpec {
  readonly name: string;
  /** Forward-difference step for the Jacobian, in the parameter's unit. */
  readonly fdStep: number;
  /** Gaussian prior (estimated parameters) or uncertainty (consider parameters). */
  readonly prior?: { readonly mean: number; readonly sigma: number };
  /** True when changing it does not change the trajectory (the launch time only shifts it). */
  readonly shiftsOnly?: boolean;
}

/** Fixed layout of the first six unknowns; template figures with a prior follow. */
export const P_NORTH = 0;
export const P_EAST = 1;
export const P_TIME = 2;
export const P_AZIMUTH = 3;
export const P_KICK = 4;
export const P_LOG_BETA = 5;

/**
 * The batch maximum-likelihood problem: observations (their measurement models), the template, the unknowns
 * and the consider parameters. Unknowns: launch north/east offsets (m) from a reference point in its tangent
 * plane, launch time (s after the epoch), azimuth psi and kick angle delta (rad), ln beta (beta = mf / CdA after
 * burnout, kg/m^2) and every template figure that carries a sigma. Consider parameters: the launch height and
 * any fixed figure given an uncertainty.
 */
export interface FitProblem {
  readonly epochMs: number;
  readonly models: readonly MeasurementModel[];
  readonly params: readonly ParamSpec[];
  readonly considers: readonly ParamSpec[];
  /** Estimated template figures, in parameter order from index 6. */
  readonly figures: readonly MotorFigure[];
  /** Fixed figures with a consider sigma, in consider order from index 1 (index 0 = launch height). */
  readonly considerFigures: readonly MotorFigure[];
  readonly baseMotor: MotorParams;
  readonly reference: EnuFrame;
  readonly referenceLatRad: number;
  readonly referenceLonRad: number;
  readonly integration: IntegrationOptions;
  /** Total residual length: measurement components plus one per prior. */
  readonly m: number;
}

/** The flight described by parameter vector `x` and consider vector `c`. */
export function flightOf(p: FitProblem, x: ArrayLike<number>, c: ArrayLike<number>): FlightParams {
  const f = p.reference;
  const n = x[P_NORTH] as number;
  const e = x[P_EAST] as number;
  const q = [0, 0, 0];
  const g = [0, 0, 0];
  for (let i = 0; i < 3; i++)
    q[i] = (f.originEcef[i] as number) + n * (f.north[i] as number) + e * (f.east[i] as number);
  ecefToGeodeticRad(q[0] as number, q[1] as number, q[2] as number, g);
  const m = withFigures(withFigures(p.baseMotor, p.figures, x, 6), p.considerFigures, c, 1);
  return {
    launchLatRad: g[0] as number,
    launchLonRad: g[1] as number,
    launchAltM: c[0] as number,
    azimuthRad: x[P_AZIMUTH] as number,
    kickAngleRad: x[P_KICK] as number,
    motor: { ...m, cdAM2: m.mfKg / Math.exp(x[P_LOG_BETA] as number) },
  };
}

/** True when the motor figures are physical (positive, m0 > mf, burn time > 0, a manoeuvre's end after its start). */
export function physical(f: FlightParams): boolean {
  const m = f.motor;
  return (
    m.m0Kg > m.mfKg &&
    m.mfKg > 0 &&
    m.burnTimeS > 0.5 &&
    m.exhaustVelocityMps > 0 &&
    m.verticalRiseS >= 0 &&
    m.kickS >= 0 &&
    Number.isFinite(m.cdAM2) &&
    m.cdAM2 > 0 &&
    (m.manoeuvre === undefined ||
      (m.manoeuvre.startS >= 0 &&
        m.manoeuvre.endS > m.manoeuvre.startS &&
        Number.isFinite(m.manoeuvre.normalAccelMps2)))
  );
}

export function trajectoryOf(
  p: FitProblem,
  x: ArrayLike<number>,
  c: ArrayLike<number>,
): Trajectory | undefined {
  const f = flightOf(p, x, c);
  if (!physical(f)) return undefined;
  return integrateFlight(f, p.integration);
}

/**
 * Whitened residual vector of the problem at (x, c) on a given trajectory: each model's components, then one
 * (mean - x_i) / sigma_i per prior (the caller checks the flight is physical, see {@link trajectoryOf}).
 */
export function residualsOn(
  p: FitProblem,
  tr: Trajectory,
  x: ArrayLike<number>,
  out: Float64Array = new Float64Array(p.m),
): Float64Array {
  const ev = { trajectory: tr, launchTimeS: x[P_TIME] as number };
  let o = 0;
  for (const mdl of p.models) {
    mdl.residuals(ev, out, o);
    o += mdl.dim;
  }
  p.params.forEach((s, i) => {
    if (s.prior) out[o++] = (s.prior.mean - (x[i] as number)) / s.prior.sigma;
  });
  return out;
}

/** Sum of squares. */
export const sumSq = (r: ArrayLike<number>): number => {
  let s = 0;
  for (let i = 0; i < r.length; i++) s += (r[i] as number) * (r[i] as number);
  return s;
};

/** The consider vector at its central values. */
export const considerMeans = (p: FitProblem): Float64Array =>
  Float64Array.from(p.considers, (s) => s.prior?.mean ?? 0);

/** A copy of the problem whose reference point (north = east = 0) is the launch point of `x`. */
export function recentred(
  p: FitProblem,
  x: Float64Array,
  c: ArrayLike<number>,
): { problem: FitProblem; x: Float64Array } {
  const f = flightOf(p, x, c);
  const y = Float64Array.from(x);
  y[P_NORTH] = 0;
  y[P_EAST] = 0;
  return {
    problem: {
      ...p,
      reference: enuFrameRad(f.launchLatRad, f.launchLonRad, 0),
      referenceLatRad: f.launchLatRad,
      referenceLonRad: f.launchLonRad,
    },
    x: y,
  };
}
