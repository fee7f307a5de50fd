import { ecefToGeodeticRad, geodesicInverse } from '../geodesy/index.js';
import type { FlightParams } from './dynamics.js';
import type { Trajectory } from './trajectory.js';
import { stateAt } from './trajectory.js';

/** Profile features of a flight (issue 3 `profile`). */
export interface FlightProfile {
  readonly apogeeM: number;
  readonly maxSpeedMps: number;
  readonly groundRangeM: number;
  readonly flightTimeS: number;
  readonly burnoutTimeS: number;
  readonly burnoutAltM: number;
  readonly burnoutSpeedMps: number;
}

/** End point of a trajectory (impact if it reached the ground), geodetic degrees and metres. */
export interface EndPoint {
  readonly latDeg: number;
  readonly lonDeg: number;
  readonly altM: number;
  readonly tS: number;
}

const RAD = 180 / Math.PI;

export function endPoint(tr: Trajectory): EndPoint {
  const k = tr.n - 1;
  const g = [0, 0, 0];
  ecefToGeodeticRad(tr.pos[3 * k] as number, tr.pos[3 * k + 1] as number, tr.pos[3 * k + 2] as number, g);
  return {
    latDeg: (g[0] as number) * RAD,
    lonDeg: (g[1] as number) * RAD,
    altM: g[2] as number,
    tS: tr.tS[k] as number,
  };
}

/**
 * Apogee (height above the ellipsoid), maximum speed (relative to the ground, i.e. ECEF), ground range
 * (geodesic launch -> end point), flight time, and the burnout time, height and speed.
 * Accuracy: apogee from the nodes refined by a parabola through the three nodes around the maximum (< 0.1 m
 * at 1 s steps); maximum speed is the largest node speed (nodes land on burnout, where it usually is; otherwise
 * < 0.01 m/s low); the rest exact on the integrated trajectory.
 */
export function flightProfile(p: FlightParams, tr: Trajectory): FlightProfile {
  const g = [0, 0, 0];
  const alt = new Float64Array(tr.n);
  const spd = new Float64Array(tr.n);
  for (let i = 0; i < tr.n; i++) {
    ecefToGeodeticRad(tr.pos[3 * i] as number, tr.pos[3 * i + 1] as number, tr.pos[3 * i + 2] as number, g);
    alt[i] = g[2] as number;
    spd[i] = Math.hypot(tr.vel[3 * i] as number, tr.vel[3 * i + 1] as number, tr.vel[3 * i + 2] as number);
  }
  const end = endPoint(tr);
  const st = [0, 0, 0, 0, 0, 0];
  const burn = Math.min(tr.burnoutS, end.tS);
  stateAt(tr, burn, st);
  ecefToGeodeticRad(st[0] as number, st[1] as number, st[2] as number, g);
  return {
    apogeeM: refinedMax(tr.tS, alt),
    maxSpeedMps: Math.max(...spd),
    groundRangeM: geodesicInverse(p.launchLatRad * RAD, p.launchLonRad * RAD, end.latDeg, end.lonDeg)
      .distanceM,
    flightTimeS: end.tS,
    burnoutTimeS: burn,
    burnoutAltM: g[2] as number,
    burnoutSpeedMps: Math.hypot(st[3] as number, st[4] as number, st[5] as number),
  };
}

function refinedMax(t: Float64Array, y: Float64Array): number {
  let k = 0;
  for (let i = 1; i < y.length; i++) if ((y[i] as number) > (y[k] as number)) k = i;
  if (k === 0 || k === y.length - 1) return y[k] as number;
  const [t0, t1, t2] = [t[k - 1] as number, t[k] as number, t[k + 1] as number];
  const [y0, y1, y2] = [y[k - 1] as number, y[k] as number, y[k + 1] as number];
  // Parabola through three (unequally spaced) points; its vertex value if it is a maximum inside.
  const d1 = (y1 - y0) / (t1 - t0);
  const d2 = (y2 - y1) / (t2 - t1);
  const a = (d2 - d1) / (t2 - t0);
  if (a >= 0) return y1;
  const b = d1 - a * (t0 + t1);
  const tv = -b / (2 * a);
  if (tv < t0 || tv > t2) return y1;
  return Math.max(y1, y0 + d1 * (tv - t0) + a * (tv - t0) * (tv - t1));
}
