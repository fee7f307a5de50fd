import { enuFrame, geodeticRadToEcef, wrapAngleRad } from '../geodesy/index.js';
import { degrees, meters } from '../kernel/index.js';
import type { MeasurementModel, TransitionModel } from '../estimation/index.js';
import type { DynamicsContext } from './dynamics.js';
import { acceleration } from './dynamics.js';
import type { FixObservation, RadarObservation } from './observation.js';

/** Settings of {@link createEcefBallisticModel}. */
export interface EcefBallisticSettings {
  /** Power spectral density of white acceleration noise per ECEF axis, m^2/s^3 (default 0.05). */
  readonly accelNoiseM2PerS3?: number;
  /** Random-walk density of ln beta, 1/s (default 1e-6). */
  readonly lnBetaNoisePerS?: number;
  /** Longest RK4 step inside one prediction, s (default 1, the batch fit's coast step). */
  readonly maxStepS?: number;
}

/**
 * 7-state ballistic transition model in rotating ECEF for the estimation module's filters (quick look):
 * state [x, y, z, vx, vy, vz, ln beta] (m, m/s, ln kg/m^2), beta = m / CdA.
 *
 * Model: exactly the batch fit's dynamics after burnout ({@link acceleration} of dynamics.ts with the motor off):
 * point-mass gravity with J2, centrifugal and Coriolis terms, drag -rho(h) |v| v / (2 beta) with the US Standard
 * Atmosphere 1976; ln beta constant. Transition: classical RK4 over dt in equal steps of at most `maxStepS`
 * (the fit's coast step, so the two integrate the same way). Process noise: per axis
 * q [[dt^3/3, dt^2/2], [dt^2/2, dt]] (white acceleration, covering integration error and unmodelled forces of
 * ~sqrt(q) m/s^2 per root second) and Q[ln beta] = q_beta dt.
 * Validity: post-burnout flight only (no thrust, no manoeuvre); heights -5 to 1000 km.
 */
export function createEcefBallisticModel(s: EcefBallisticSettings = {}): TransitionModel {
  const q = s.accelNoiseM2PerS3 ?? 0.05;
  const qb = s.lnBetaNoisePerS ?? 1e-6;
  const maxStep = s.maxStepS ?? 1;
  // A motor that is never burning: drag factor CdA / m = 1 / beta, set per call.
  const motor = {
    m0Kg: 1,
    mfKg: 1,
    burnTimeS: 0,
    exhaustVelocityMps: 0,
    verticalRiseS: 0,
    kickS: 0,
    cdAM2: 1,
  };
  const ctx: DynamicsContext = {
    up0: [0, 0, 1],
    kick: [0, 0, 1],
    mdotKgS: 0,
    motor,
    turnStartS: 0,
    geo: [0, 0, 0],
  };
  const y = [0, 0, 0, 0, 0, 0];
  const k1 = [0, 0, 0, 0, 0, 0];
  const k2 = [0, 0, 0, 0, 0, 0];
  const k3 = [0, 0, 0, 0, 0, 0];
  const k4 = [0, 0, 0, 0, 0, 0];
  const tmp = [0, 0, 0, 0, 0, 0];
  const acc = (st: number[], out: number[]): void => acceleration(ctx, 1, 1, st, out);
  return {
    name: 'ballistic-ecef-j2-us76-rk4',
    n: 7,
    linear: false,
    f(x, dtS, out) {
      for (let j = 0; j < 6; j++) y[j] = x[j] as number;
      motor.cdAM2 = Math.exp(-(x[6] as number));
      const steps = Math.max(1, Math.ceil(dtS / maxStep - 1e-9));
      const h = dtS / steps;
      for (let s2 = 0; s2 < steps; s2++) {
        acc(y, k1);
        for (let j = 0; j < 6; j++) tmp[j] = (y[j] as number) + (h / 2) * (k1[j] as number);
        acc(tmp, k2);
        for (let j = 0; j < 6; j++) tmp[j] = (y[j] as number) + (h / 2) * (k2[j] as number);
        acc(tmp, k3);
        for (let j = 0; j < 6; j++) tmp[j] = (y[j] as number) + h * (k3[j] as number);
        acc(tmp, k4);
        for (let j = 0; j < 6; j++)
          y[j] =
            (y[j] as number) +
            (h / 6) * ((k1[j] as number) + 2 * (k2[j] as number) + 2 * (k3[j] as number) + (k4[j] as number));
      }
      for (let j = 0; j < 6; j++) out[j] = y[j] as number;
      out[6] = x[6] as number;
    },
    Q(dtS, out) {
      out.fill(0);
      const dt2 = dtS * dtS;
      for (let a = 0; a < 3; a++) {
        const v = a + 3;
        out[a * 7 + a] = (q * dt2 * dtS) / 3;
        out[a * 7 + v] = (q * dt2) / 2;
        out[v * 7 + a] = (q * dt2) / 2;
        out[v * 7 + v] = q * dtS;
      }
      out[48] = qb * dtS;
    },
  };
}

/**
 * Radar plot on the 7-state ECEF model: z = [azimuth, elevation (rad), range (m), (range rate, m/s)] from the
 * site's ENU frame, geometric line of sight (as the batch fit's lineOfSightModel); R diagonal from the row's
 * sigmas; azimuth residual wrapped to (-pi, pi]. Exact.
 */
export function radarEcefModel(o: RadarObservation): { model: MeasurementModel; z: Float64Array } {
  const f = enuFrame(o.site);
  const [O, E, N, U] = [f.originEcef, f.east, f.north, f.up];
  const hasRate = o.rangeRateMps !== undefined;
  const m = hasRate ? 4 : 3;
  const sa = (o.sigmaAngleDeg * Math.PI) / 180;
  const R = new Float64Array(m * m);
  R[0] = sa * sa;
  R[m + 1] = sa * sa;
  R[2 * m + 2] = o.sigmaRangeM ** 2;
  if (hasRate) R[15] = (o.sigmaRangeRateMps as number) ** 2;
  const z = Float64Array.from([
    (o.azDeg * Math.PI) / 180,
    (o.elDeg * Math.PI) / 180,
    o.rangeM,
    ...(hasRate ? [o.rangeRateMps as number] : []),
  ]);
  const model: MeasurementModel = {
    name: hasRate ? 'radar-ecef-rr' : 'radar-ecef',
    m,
    n: 7,
    linear: false,
    R,
    h(x, out) {
      const dx = (x[0] as number) - O[0];
      const dy = (x[1] as number) - O[1];
      const dz = (x[2] as number) - O[2];
      const e = E[0] * dx + E[1] * dy + E[2] * dz;
      const n = N[0] * dx + N[1] * dy + N[2] * dz;
      const u = U[0] * dx + U[1] * dy + U[2] * dz;
      const horiz = Math.sqrt(e * e + n * n);
      const range = Math.sqrt(horiz * horiz + u * u);
      out[0] = Math.atan2(e, n);
      out[1] = Math.atan2(u, horiz);
      out[2] = range;
      if (hasRate) out[3] = (dx * (x[3] as number) + dy * (x[4] as number) + dz * (x[5] as number)) / range;
    },
    residual(a, b, out) {
      out[0] = wrapAngleRad((a[0] as number) - (b[0] as number));
      for (let i = 1; i < m; i++) out[i] = (a[i] as number) - (b[i] as number);
    },
  };
  return { model, z };
}

/**
 * Position fix on the 7-state ECEF model: z = 0 = the offset of the state's position from the fix in the fix's
 * ENU frame, with R = diag(sigma_h^2, sigma_h^2, sigma_v^2) (as the batch fit's fixModel). Exact.
 */
export function fixEcefModel(o: FixObservation): { model: MeasurementModel; z: Float64Array } {
  const p = [0, 0, 0];
  geodeticRadToEcef((o.latDeg * Math.PI) / 180, (o.lonDeg * Math.PI) / 180, o.altM, p);
  const f = enuFrame({ latDeg: degrees(o.latDeg), lonDeg: degrees(o.lonDeg), altM: meters(o.altM) });
  const [E, N, U] = [f.east, f.north, f.up];
  const R = Float64Array.from([o.sigmaHM ** 2, 0, 0, 0, o.sigmaHM ** 2, 0, 0, 0, o.sigmaVM ** 2]);
  const model: MeasurementModel = {
    name: 'fix-ecef',
    m: 3,
    n: 7,
    linear: false,
    R,
    h(x, out) {
      const dx = (x[0] as number) - (p[0] as number);
      const dy = (x[1] as number) - (p[1] as number);
      const dz = (x[2] as number) - (p[2] as number);
      out[0] = E[0] * dx + E[1] * dy + E[2] * dz;
      out[1] = N[0] * dx + N[1] * dy + N[2] * dz;
      out[2] = U[0] * dx + U[1] * dy + U[2] * dz;
    },
    residual(a, b, out) {
      for (let i = 0; i < 3; i++) out[i] = (a[i] as number) - (b[i] as number);
    },
  };
  return { model, z: new Float64Array(3) };
}
