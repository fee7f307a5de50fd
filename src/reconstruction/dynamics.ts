import {
  ecefHeightFast,
  EARTH_GM_M3_PER_S2,
  EARTH_J2,
  EARTH_OMEGA_RAD_PER_S,
  WGS84_A_M,
} from '../geodesy/index.js';
import { enuFrameRad } from '../geodesy/index.js';
import { densityKgM3 } from './atmosphere.js';
import type { MotorParams } from './motor.js';

/** Where and how a flight starts: launch point (radians, metres), azimuth psi and kick angle delta. */
export interface FlightParams {
  readonly launchLatRad: number;
  readonly launchLonRad: number;
  readonly launchAltM: number;
  /** Azimuth psi of the kick direction, clockwise from north. */
  readonly azimuthRad: number;
  /** Kick (pitch-over) angle delta from the vertical. */
  readonly kickAngleRad: number;
  readonly motor: MotorParams;
}

// Module-level copies of the constants: the hot loop reads plain locals, not re-exported bindings (which some
// transpilers turn into getter calls).
const GM = EARTH_GM_M3_PER_S2;
const J2 = EARTH_J2;
const OMEGA = EARTH_OMEGA_RAD_PER_S;
const RE = WGS84_A_M;

/** Duration of the smoothstep blends between thrust-direction phases (issue 3). */
export const BLEND_S = 1;

/**
 * Precomputed constants of one flight for the acceleration function (kept in one object so the hot loop does
 * not allocate).
 */
export interface DynamicsContext {
  readonly up0: readonly [number, number, number];
  readonly kick: readonly [number, number, number];
  readonly mdotKgS: number;
  readonly motor: MotorParams;
  /** Start of the second blend (kick -> gravity turn): tv + max(tk, BLEND_S). */
  readonly turnStartS: number;
  /** Scratch for the height computation [h, sinLat, cosLat]. */
  readonly geo: number[];
}

export function dynamicsContext(p: FlightParams): DynamicsContext {
  const f = enuFrameRad(p.launchLatRad, p.launchLonRad, p.launchAltM);
  const sd = Math.sin(p.kickAngleRad);
  const cd = Math.cos(p.kickAngleRad);
  const se = Math.sin(p.azimuthRad);
  const cn = Math.cos(p.azimuthRad);
  const kick: [number, number, number] = [0, 0, 0];
  for (let i = 0; i < 3; i++) {
    kick[i] = cd * (f.up[i] as number) + sd * (se * (f.east[i] as number) + cn * (f.north[i] as number));
  }
  const m = p.motor;
  return {
    up0: f.up,
    kick,
    mdotKgS: (m.m0Kg - m.mfKg) / m.burnTimeS,
    motor: m,
    turnStartS: m.verticalRiseS + Math.max(m.kickS, BLEND_S),
    geo: [0, 0, 0],
  };
}

/** Times after launch where the right-hand side is not smooth; RK4 steps land on each. */
export function breakpointsS(ctx: DynamicsContext): number[] {
  const m = ctx.motor;
  const tv = m.verticalRiseS;
  const pts = [tv, tv + BLEND_S, ctx.turnStartS, ctx.turnStartS + BLEND_S, m.burnTimeS];
  if (m.manoeuvre) pts.push(m.manoeuvre.startS, m.manoeuvre.endS);
  return [...new Set(pts.filter((t) => t > 0))].sort((a, b) => a - b);
}

const smoothstep = (x: number): number => (x <= 0 ? 0 : x >= 1 ? 1 : x * x * (3 - 2 * x));

/**
 * Acceleration in rotating ECEF (m/s^2) at time `tS` after launch, written into `out[3..5]` (out[0..2] = v).
 * `tPhase` selects the branch of the piecewise thrust/drag law (pass tS - epsilon for the left limit at a
 * breakpoint).
 *
 * Model (issue 3): gravity mu/r^2 with the J2 zonal term; centrifugal omega x (omega x r) and Coriolis
 * 2 omega x v; drag -rho(h) |v| v CdA / (2 m(t)) with the US Standard Atmosphere 1976 (atmosphere co-rotating,
 * no wind), m(t) = m0 - mdot t while burning and mf after; thrust ve mdot / m(t) along the vertical of the launch
 * site for tv, smoothstep-blended over 1 s into the fixed kick direction (angle delta from the vertical towards
 * azimuth psi), held until tv + max(tk, 1 s), then blended over 1 s into the ECEF velocity (gravity turn); an
 * optional normal acceleration (pull-up) between two times, in the vertical plane of the velocity.
 * Accuracy: the model's; neglects higher harmonics (J3.., < 1e-5 g), winds and lift outside the manoeuvre
 * segment. Validity: heights -5 km to 1000 km.
 */
export function acceleration(
  ctx: DynamicsContext,
  tS: number,
  tPhase: number,
  y: ArrayLike<number>,
  out: number[],
): void {
  const x = y[0] as number;
  const yy = y[1] as number;
  const z = y[2] as number;
  const vx = y[3] as number;
  const vy = y[4] as number;
  const vz = y[5] as number;
  const r2 = x * x + yy * yy + z * z;
  const r = Math.sqrt(r2);
  const mu_r3 = GM / (r2 * r);
  const re_r = RE / r;
  const f = 1.5 * J2 * re_r * re_r;
  const zr2 = (z * z) / r2;
  const w = OMEGA;
  let ax = -mu_r3 * x * (1 + f * (1 - 5 * zr2)) + w * w * x + 2 * w * vy;
  let ay = -mu_r3 * yy * (1 + f * (1 - 5 * zr2)) + w * w * yy - 2 * w * vx;
  let az = -mu_r3 * z * (1 + f * (3 - 5 * zr2));

  const m = ctx.motor;
  const burning = tPhase < m.burnTimeS;
  const massKg = burning ? m.m0Kg - ctx.mdotKgS * tS : m.mfKg;
  const speed = Math.sqrt(vx * vx + vy * vy + vz * vz);
  const geo = ctx.geo;
  ecefHeightFast(x, yy, z, geo);
  const rho = densityKgM3(geo[0] as number);
  const k = (-rho * speed * m.cdAM2) / (2 * massKg);
  ax += k * vx;
  ay += k * vy;
  az += k * vz;

  if (burning) {
    const thrust = (m.exhaustVelocityMps * ctx.mdotKgS) / massKg;
    let dx: number;
    let dy: number;
    let dz: number;
    const tv = m.verticalRiseS;
    const inv = speed > 0 ? 1 / speed : 0;
    if (tPhase < ctx.turnStartS) {
      const s = smoothstep(tPhase - tv);
      dx = (1 - s) * ctx.up0[0] + s * ctx.kick[0];
      dy = (1 - s) * ctx.up0[1] + s * ctx.kick[1];
      dz = (1 - s) * ctx.up0[2] + s * ctx.kick[2];
    } else {
      const s = smoothstep(tPhase - ctx.turnStartS);
      dx = (1 - s) * ctx.kick[0] + s * vx * inv;
      dy = (1 - s) * ctx.kick[1] + s * vy * inv;
      dz = (1 - s) * ctx.kick[2] + s * vz * inv;
    }
    const n = Math.sqrt(dx * dx + dy * dy + dz * dz);
    if (n > 0) {
      ax += (thrust * dx) / n;
      ay += (thrust * dy) / n;
      az += (thrust * dz) / n;
    }
  }
  const man = m.manoeuvre;
  if (man && tPhase >= man.startS && tPhase < man.endS && speed > 0) {
    const cLat = geo[2] as number;
    const p = Math.sqrt(x * x + yy * yy);
    const ux = (cLat * x) / p;
    const uy = (cLat * yy) / p;
    const uz = geo[1] as number;
    const dot = (ux * vx + uy * vy + uz * vz) / speed;
    let nx = ux - (dot * vx) / speed;
    let ny = uy - (dot * vy) / speed;
    let nz = uz - (dot * vz) / speed;
    const nn = Math.sqrt(nx * nx + ny * ny + nz * nz);
    if (nn > 1e-9) {
      nx /= nn;
      ny /= nn;
      nz /= nn;
      ax += man.normalAccelMps2 * nx;
      ay += man.normalAccelMps2 * ny;
      az += man.normalAccelMps2 * nz;
    }
  }
  out[0] = vx;
  out[1] = vy;
  out[2] = vz;
  out[3] = ax;
  out[4] = ay;
  out[5] = az;
}
