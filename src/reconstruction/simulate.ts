import { err, ok, salvoError, utcInstant } from '../kernel/index.js';
import type { LatLonAlt, Result, Rng, UtcInstant } from '../kernel/index.js';
import {
  ecefToGeodeticRad,
  enuFrame,
  geodesicDirect,
  geodesicInverse,
  lookAngles,
  radarHorizonAltitudeM,
} from '../geodesy/index.js';
import { ecef } from '../kernel/index.js';
import type { TrajectoryBranch } from './aim.js';
import { aimAtTarget } from './aim.js';
import type { FlightParams } from './dynamics.js';
import { integrateFlight } from './integrate.js';
import type { Manoeuvre, MotorParams } from './motor.js';
import type { Observation } from './observation.js';
import { endPoint } from './profile.js';
import type { Trajectory } from './trajectory.js';
import { stateAt } from './trajectory.js';

/** A radar of a simulation: site, and optionally the part of the flight it tracks. */
export interface SimRadar {
  readonly site: LatLonAlt;
  /** Track only from this time after launch, s (e.g. after burnout: a radar that sees only the coast). */
  readonly fromS?: number;
  /** Track only until this time after launch, s. */
  readonly toS?: number;
  /** Maximum slant range, m (default 1,000 km). */
  readonly maxRangeM?: number;
}

/** An optical observer (a video): sightings at the given times after launch. */
export interface SimObserver {
  readonly site: LatLonAlt;
  readonly timesS: readonly number[];
}

/** Wrong-model mode: the truth differs from the template the simulation is asked for. */
export interface ModelMismatch {
  /** Multiplies the ballistic coefficient (divides CdA) of the true flight. */
  readonly betaFactor?: number;
  /** An unmodelled manoeuvre flown by the truth. */
  readonly manoeuvre?: Manoeuvre;
}

export interface SimulateOptions {
  readonly motor: MotorParams;
  readonly launch: { readonly latDeg: number; readonly lonDeg: number; readonly altM?: number };
  readonly launchTime: UtcInstant;
  /** Aim point (psi and delta are solved); or give `azimuthDeg` and `kickDeg`. */
  readonly target?: { readonly latDeg: number; readonly lonDeg: number };
  readonly azimuthDeg?: number;
  readonly kickDeg?: number;
  readonly branch?: TrajectoryBranch;
  readonly radars?: readonly SimRadar[];
  readonly observers?: readonly SimObserver[];
  /** Radar sigmas (defaults 50 m, 0.1146° = 2 mrad); sighting angle sigma (default 0.05°). */
  readonly sigmaRangeM?: number;
  readonly sigmaAngleDeg?: number;
  readonly sigmaSightingDeg?: number;
  /** When set, radar rows carry range rate with this sigma (m/s). */
  readonly sigmaRangeRateMps?: number;
  /** Radar rate, Hz (default 1). */
  readonly rateHz?: number;
  /** In-air breakup this many seconds after launch: tracks end, a breakup row replaces the impact row. */
  readonly breakupAtS?: number;
  /** Add an impact row (or breakup row) with this horizontal sigma, m. */
  readonly impactSigmaM?: number;
  /** Add a launch-sighting row with this horizontal precision, m. */
  readonly launchSigmaM?: number;
  /** Ground height of the impact area above the ellipsoid, m (default 0). */
  readonly groundAltM?: number;
  readonly mismatch?: ModelMismatch;
  readonly rng: Rng;
}

/** The simulated observations and the truth they came from. */
export interface Simulation {
  readonly observations: readonly Observation[];
  readonly truth: {
    readonly flight: FlightParams;
    readonly trajectory: Trajectory;
    readonly launchTime: UtcInstant;
    readonly end: {
      readonly latDeg: number;
      readonly lonDeg: number;
      readonly altM: number;
      readonly tS: number;
    };
  };
}

const RAD = Math.PI / 180;
const FINE = { boostStepS: 0.0625, blendStepS: 0.03125, coastStepS: 0.25 };

/**
 * Synthetic observations of one flight, for tests, the demo and calibration (issue 3 `salvo simulate`).
 *
 * Model: the truth is integrated with steps 4x finer than the fit's (so the fit meets integration error as a
 * real flight would, not its own); radar rows at `rateHz` while the missile is above the site's 4/3-Earth
 * horizon, within range and inside the radar's window, with independent Gaussian noise on range, azimuth,
 * elevation (and range rate); sightings at the given times when the missile is above the observer's horizon;
 * an impact (or breakup) row and a launch-sighting row with Gaussian horizontal noise. The wrong-model mode
 * flies a different beta or an unmodelled manoeuvre while the rows stay the same. Noise comes from `rng` only.
 */
export function simulate(o: SimulateOptions): Result<Simulation> {
  const launchAltM = o.launch.altM ?? 0;
  let azimuthRad: number;
  let kickRad: number;
  if (o.target) {
    const aim = aimAtTarget({
      motor: o.motor,
      launchLatDeg: o.launch.latDeg,
      launchLonDeg: o.launch.lonDeg,
      launchAltM,
      targetLatDeg: o.target.latDeg,
      targetLonDeg: o.target.lonDeg,
      integration: { groundAltM: o.groundAltM ?? 0 },
      ...(o.branch ? { branch: o.branch } : {}),
    });
    if (!aim.ok) return aim;
    azimuthRad = aim.value.azimuthRad;
    kickRad = aim.value.kickAngleRad;
  } else if (o.azimuthDeg !== undefined && o.kickDeg !== undefined) {
    azimuthRad = o.azimuthDeg * RAD;
    kickRad = o.kickDeg * RAD;
  } else {
    return err(salvoError('INVALID_INPUT', 'give a target, or an azimuth and a kick angle'));
  }
  const mm = o.mismatch;
  const trueMotor: MotorParams = {
    ...o.motor,
    cdAM2: o.motor.cdAM2 / (mm?.betaFactor ?? 1),
    ...(mm?.manoeuvre ? { manoeuvre: mm.manoeuvre } : {}),
  };
  const flight: FlightParams = {
    launchLatRad: o.launch.latDeg * RAD,
    launchLonRad: o.launch.lonDeg * RAD,
    launchAltM,
    azimuthRad,
    kickAngleRad: kickRad,
    motor: trueMotor,
  };
  const tr = integrateFlight(flight, {
    ...FINE,
    groundAltM: o.groundAltM ?? 0,
    ...(o.breakupAtS !== undefined ? { stopAtS: o.breakupAtS } : {}),
  });
  const end = endPoint(tr);
  const rows: { tS: number; obs: Observation }[] = [];
  const rng = o.rng;
  const at = (tS: number): UtcInstant => utcInstant(o.launchTime + Math.round(tS * 1000));
  const sigR = o.sigmaRangeM ?? 50;
  const sigA = o.sigmaAngleDeg ?? 0.002 / RAD;
  const rate = o.rateHz ?? 1;
  const st = [0, 0, 0, 0, 0, 0];
  const geo = [0, 0, 0];
  for (const radar of o.radars ?? []) {
    const frame = enuFrame(radar.site);
    const from = Math.max(radar.fromS ?? 0, 0);
    const to = Math.min(radar.toS ?? Number.POSITIVE_INFINITY, end.tS);
    const first = Math.ceil(from * rate - 1e-9);
    for (let k = first; k / rate <= to; k++) {
      const tS = k / rate;
      stateAt(tr, tS, st);
      ecefToGeodeticRad(st[0] as number, st[1] as number, st[2] as number, geo);
      const ground = geodesicInverse(
        radar.site.latDeg,
        radar.site.lonDeg,
        (geo[0] as number) / RAD,
        (geo[1] as number) / RAD,
      );
      if ((geo[2] as number) < radarHorizonAltitudeM(ground.distanceM, radar.site.altM)) continue;
      const la = lookAngles(frame, ecef(st[0] as number, st[1] as number, st[2] as number));
      if (la.rangeM > (radar.maxRangeM ?? 1_000_000)) continue;
      const rr = o.sigmaRangeRateMps;
      let rangeRate: number | undefined;
      if (rr !== undefined) {
        let dot = 0;
        for (let j = 0; j < 3; j++)
          dot += ((st[j] as number) - (frame.originEcef[j] as number)) * (st[3 + j] as number);
        rangeRate = dot / la.rangeM + rr * rng.normal();
      }
      const az = la.azRad / RAD + sigA * rng.normal();
      rows.push({
        tS,
        obs: {
          kind: 'radar',
          line: 0,
          t: at(tS),
          site: radar.site,
          rangeM: la.rangeM + sigR * rng.normal(),
          azDeg: ((az % 360) + 360) % 360,
          elDeg: la.elRad / RAD + sigA * rng.normal(),
          sigmaRangeM: sigR,
          sigmaAngleDeg: sigA,
          ...(rr !== undefined && rangeRate !== undefined
            ? { rangeRateMps: rangeRate, sigmaRangeRateMps: rr }
            : {}),
        },
      });
    }
  }
  const sigS = o.sigmaSightingDeg ?? 0.05;
  for (const ob of o.observers ?? []) {
    const frame = enuFrame(ob.site);
    for (const tS of ob.timesS) {
      if (tS < 0 || tS > end.tS) continue;
      stateAt(tr, tS, st);
      const la = lookAngles(frame, ecef(st[0] as number, st[1] as number, st[2] as number));
      if (la.elRad < 0) continue;
      const az = la.azRad / RAD + sigS * rng.normal();
      rows.push({
        tS,
        obs: {
          kind: 'sighting',
          line: 0,
          t: at(tS),
          site: ob.site,
          azDeg: ((az % 360) + 360) % 360,
          elDeg: la.elRad / RAD + sigS * rng.normal(),
          sigmaAngleDeg: sigS,
        },
      });
    }
  }
  rows.sort((a, b) => a.tS - b.tS);
  const out: Observation[] = [];
  if (o.launchSigmaM !== undefined) {
    out.push({
      kind: 'launch',
      line: 0,
      ...displaced(o.launch.latDeg, o.launch.lonDeg, o.launchSigmaM, rng),
      altM: launchAltM,
      sigmaHM: o.launchSigmaM,
    });
  }
  out.push(...rows.map((r) => r.obs));
  if (o.impactSigmaM !== undefined) {
    const pt = displaced(end.latDeg, end.lonDeg, o.impactSigmaM, rng);
    if (o.breakupAtS !== undefined) {
      out.push({
        kind: 'breakup',
        line: 0,
        ...pt,
        altM: end.altM + o.impactSigmaM * rng.normal(),
        sigmaHM: o.impactSigmaM,
        sigmaVM: o.impactSigmaM,
      });
    } else {
      out.push({
        kind: 'impact',
        line: 0,
        ...pt,
        altM: o.groundAltM ?? 0,
        sigmaHM: o.impactSigmaM,
      });
    }
  }
  return ok({ observations: out, truth: { flight, trajectory: tr, launchTime: o.launchTime, end } });
}

/** A point displaced from (lat, lon) by independent N(0, sigma^2) north and east offsets (exact, geodesic). */
function displaced(
  latDeg: number,
  lonDeg: number,
  sigmaM: number,
  rng: Rng,
): { latDeg: number; lonDeg: number } {
  const n = sigmaM * rng.normal();
  const e = sigmaM * rng.normal();
  const d = geodesicDirect(latDeg, lonDeg, Math.atan2(e, n) / RAD, Math.hypot(e, n));
  return { latDeg: d.latDeg, lonDeg: d.lonDeg };
}
